import type { PageRoute } from '../../app/registry';
import { ImportPage, PhysicianListPage } from './PhysicianPages';

export const routes: PageRoute[] = [
  {
    path: '/institution/physicians',
    element: <PhysicianListPage mode="institution" />,
    menu: { roles: ['institution'], group: ['考核管理', '医师管理'], label: '医师信息列表', order: 310 },
  },
  {
    path: '/institution/physician-import',
    element: <ImportPage kind="physicians" />,
    menu: { roles: ['institution'], group: ['考核管理', '医师管理'], label: '医师导入', order: 319 },
  },
  {
    path: '/admin/physicians',
    element: <PhysicianListPage mode="admin" />,
    menu: { roles: ['admin'], group: ['考核管理', '医师管理'], label: '医师管理', order: 460 },
  },
  {
    path: '/admin/physician-import',
    element: <ImportPage kind="physicians" />,
    menu: { roles: ['admin'], group: ['考核管理', '医师管理'], label: '医师导入', order: 461 },
  },
  {
    path: '/admin/institution-import',
    element: <ImportPage kind="institutions" />,
    menu: { roles: ['admin'], group: ['考核管理', '医师管理'], label: '机构导入', order: 462 },
  },
];
