import type { PageRoute } from '../../app/registry';
import { ImportPage } from './ImportPage';
import { PhysicianListPage } from './PhysicianListPage';

export const routes: PageRoute[] = [
  {
    path: '/institution/physicians',
    element: <PhysicianListPage key="institution" mode="institution" />,
    menu: { roles: ['institution'], group: ['考核管理', '医师管理'], label: '医师信息列表', order: 310 },
  },
  {
    path: '/institution/physician-import',
    element: <ImportPage key="physicians" kind="physicians" />,
    menu: { roles: ['institution'], group: ['考核管理', '医师管理'], label: '医师导入', order: 319 },
  },
  {
    path: '/admin/physicians',
    element: <PhysicianListPage key="admin" mode="admin" />,
    menu: { roles: ['admin'], group: ['考核管理', '医师管理'], label: '医师管理', order: 460 },
  },
  {
    path: '/admin/physician-import',
    element: <ImportPage key="physicians" kind="physicians" />,
    menu: { roles: ['admin'], group: ['考核管理', '医师管理'], label: '医师导入', order: 461 },
  },
  {
    path: '/admin/institution-import',
    element: <ImportPage key="institutions" kind="institutions" />,
    menu: { roles: ['admin'], group: ['考核管理', '医师管理'], label: '机构导入', order: 462 },
  },
];
