import type { PageRoute } from '../../app/registry';
import { MyExportsPage } from './MyExportsPage';

export const routes: PageRoute[] = [
  {
    path: '/exports',
    element: <MyExportsPage />,
    menu: { roles: ['admin', 'institution', 'body'], label: '我的导出', order: 950 },
  },
];
