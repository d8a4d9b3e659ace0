import type { PageRoute } from './registry';

const modules = import.meta.glob<{ routes: PageRoute[] }>('../pages/*/index.tsx', { eager: true });

/** Every page contributed by the feature folders under pages/. */
export const ALL_ROUTES: PageRoute[] = Object.values(modules).flatMap((m) => m.routes ?? []);
