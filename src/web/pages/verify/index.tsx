import type { PageRoute } from '../../app/registry';
import { VerifyPage } from './VerifyPage';

export const routes: PageRoute[] = [{ path: '/verify/:code', element: <VerifyPage />, public: true }];
