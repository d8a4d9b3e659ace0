import type { PageRoute } from '../../app/registry';
import { CycleSettingsPage } from './CycleSettingsPage';

export const routes: PageRoute[] = [
  {
    path: '/cycle/settings',
    element: <CycleSettingsPage />,
    menu: {
      roles: ['admin'],
      group: ['考核管理', '考核设置'],
      label: '本周期考核设置',
      order: 310,
      adminLevels: ['province'],
    },
  },
];
