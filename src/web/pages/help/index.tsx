import type { PageRoute } from '../../app/registry';
import { ContactSettingPage } from './ContactSettingPage';

export const routes: PageRoute[] = [
  {
    path: '/help/contact',
    element: <ContactSettingPage />,
    menu: { roles: ['admin'], group: ['系统管理'], label: '联系客服设置', order: 920, adminLevels: ['province'] },
  },
];
