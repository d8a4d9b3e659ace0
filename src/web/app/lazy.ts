import { type ComponentType, createElement, lazy, type ReactNode } from 'react';
import type { PageRoute } from './registry';

/**
 * Route-level code splitting (decision 0052). The production build rewrites each feature's
 * `pages/<feature>/index.tsx` (vite.config.ts): the route table keeps its literals and each
 * `element` becomes `lazyRoute(load, i)`; inside the feature module, page components imported
 * from the feature's own files become `lazyNamed(...)`. Feature folders write plain imports.
 */

/** A page component loaded on first render (React.lazy over a named export). */
// biome-ignore lint/suspicious/noExplicitAny: any component props
export function lazyNamed<T extends ComponentType<any>>(load: () => Promise<Record<string, unknown>>, name: string): T {
  return lazy(async () => ({ default: (await load())[name] as T })) as unknown as T;
}

/** Route `i`'s element of a feature module that is loaded when the route first renders. */
export function lazyRoute(load: () => Promise<{ routes: PageRoute[] }>, i: number): ReactNode {
  const Page = lazy(async () => {
    const element = (await load()).routes[i].element;
    return { default: () => element };
  });
  return createElement(Page);
}
