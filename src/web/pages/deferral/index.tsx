import type { PageRoute } from '../../app/registry';
import { DoctorDeferralPage } from './DoctorDeferralPage';
import { ReviewPage } from './ReviewPage';

export const routes: PageRoute[] = [
  { path: '/doctor/deferral', element: <DoctorDeferralPage />, mobile: true },
  {
    path: '/deferral/audit',
    element: <ReviewPage key="i" role="institution" />,
    menu: { roles: ['institution'], group: ['考核管理'], label: '延期考核申请', order: 360 },
  },
  {
    path: '/deferral/approve',
    element: <ReviewPage key="a" role="admin" />,
    menu: { roles: ['admin'], group: ['考核管理'], label: '延期考核审批', order: 610 },
  },
];
