import type { PageRoute } from '../../app/registry';
import { BankPage } from './BankPage';
import { MaterialsPage } from './MaterialsPage';

export const routes: PageRoute[] = [
  {
    path: '/bank/humanities',
    element: <BankPage key="humanities" bank="humanities" />,
    menu: {
      roles: ['admin'],
      group: ['考核管理', '题库管理'],
      label: '人文医学题库',
      order: 700,
      adminLevels: ['province'],
    },
  },
  {
    path: '/bank/professional',
    element: <BankPage key="professional" bank="professional" />,
    menu: {
      roles: ['admin'],
      group: ['考核管理', '题库管理'],
      label: '业务水平题库',
      order: 705,
      adminLevels: ['province'],
    },
  },
  {
    path: '/bank/materials',
    element: <MaterialsPage />,
    menu: {
      roles: ['admin'],
      group: ['考核管理', '题库管理'],
      label: '考前资料',
      order: 710,
      adminLevels: ['province'],
    },
  },
];
