import type { PageRoute } from '../../app/registry';
import { DoctorHomePage } from './DoctorHomePage';

export const routes: PageRoute[] = [{ path: '/doctor', element: <DoctorHomePage />, mobile: true }];
