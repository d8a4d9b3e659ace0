import type { PageRoute } from '../../app/registry';
import { CasesPage } from './CasesPage';
import { MyProctorPage } from './MyProctorPage';
import { ReviewPage } from './ReviewPage';
import { SettingsPage } from './SettingsPage';

const INTEGRITY = ['考核管理', '考核诚信管理'];

export const routes: PageRoute[] = [
  {
    path: '/proctor/review',
    element: <ReviewPage />,
    menu: { roles: ['admin'], group: INTEGRITY, label: '监考管理', order: 540 },
  },
  {
    path: '/proctor/cases',
    element: <CasesPage />,
    menu: { roles: ['admin'], group: INTEGRITY, label: '违纪处理记录', order: 541 },
  },
  {
    path: '/proctor/settings',
    element: <SettingsPage />,
    menu: { roles: ['admin'], group: INTEGRITY, label: '监考设置', order: 542, adminLevels: ['province'] },
  },
  {
    path: '/proctor/institution-review',
    element: <ReviewPage />,
    menu: { roles: ['institution', 'body'], group: ['考核管理'], label: '监考管理', order: 610 },
  },
  { path: '/doctor/proctor', element: <MyProctorPage />, mobile: true },
];
