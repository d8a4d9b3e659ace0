import type { PageRoute } from '../../app/registry';
import { DoctorExemptionPage } from './DoctorExemptionPage';
import { ReviewPage } from './ReviewPage';
import { SettingsPage } from './SettingsPage';

export const routes: PageRoute[] = [
  { path: '/doctor/exemption', element: <DoctorExemptionPage />, mobile: true },
  {
    path: '/exemption/settings',
    element: <SettingsPage />,
    menu: {
      roles: ['admin'],
      group: ['考核管理', '考核设置'],
      label: '免考设置',
      order: 315,
      adminLevels: ['province'],
    },
  },
  {
    path: '/exemption/audit',
    element: <ReviewPage key="i" role="institution" />,
    menu: { roles: ['institution'], group: ['考核管理', '一般程序'], label: '审核一般程序免考申请', order: 355 },
  },
  {
    path: '/exemption/review',
    element: <ReviewPage key="b" role="body" />,
    menu: { roles: ['body'], group: ['考核管理', '一般程序'], label: '一般程序复核免考申请', order: 325 },
  },
];
