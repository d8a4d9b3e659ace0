import type { PageRoute } from '../../app/registry';
import { ApplyPage } from './ApplyPage';
import { ApprovalsPage } from './ApprovalsPage';
import { AssignedListPage } from './AssignedListPage';
import { AssignPage } from './AssignPage';
import { AuditPage } from './AuditPage';
import { BodiesPage } from './BodiesPage';
import { DepartmentsPage } from './DepartmentsPage';
import { InstitutionsPage } from './InstitutionsPage';
import { AdminProfilePage, OwnProfilePage } from './ProfilePages';
import { SmsOutboxPage } from './SmsOutboxPage';
import { SubordinatesPage } from './SubordinatesPage';

export const routes: PageRoute[] = [
  // 卫生行政机构 — 本机构信息
  {
    path: '/org/profile/wjw',
    element: <AdminProfilePage key="wjw" form="wjw" />,
    menu: { roles: ['admin'], group: ['本机构信息'], label: '卫健委', order: 100 },
  },
  {
    path: '/org/profile/committee',
    element: <AdminProfilePage key="committee" form="committee" />,
    menu: { roles: ['admin'], group: ['本机构信息'], label: '考核管理委员会', order: 110 },
  },
  {
    path: '/org/profile/office',
    element: <AdminProfilePage key="office" form="office" />,
    menu: { roles: ['admin'], group: ['本机构信息'], label: '考核办公室', order: 120 },
  },
  // 卫生机构 / 行业组织 — 本机构信息; 考核机构 reaches its organisation's form under 机构管理
  {
    path: '/org/profile',
    element: <OwnProfilePage />,
    menu: { roles: ['institution', 'industry'], group: ['本机构信息'], label: '本机构信息', order: 100 },
  },
  {
    path: '/org/departments',
    element: <DepartmentsPage />,
    menu: { roles: ['institution'], group: ['本机构信息'], label: '科室信息', order: 110 },
  },
  {
    path: '/org/apply',
    element: <ApplyPage />,
    menu: { roles: ['institution'], group: ['本机构信息'], label: '申请考核机构', order: 120 },
  },
  // 所辖机构账户管理
  {
    path: '/org/subordinates/admin',
    element: <SubordinatesPage key="admin" kind="admin" />,
    menu: {
      roles: ['admin'],
      group: ['所辖机构账户管理'],
      label: '地方卫健委',
      order: 200,
      adminLevels: ['province', 'city'],
    },
  },
  {
    path: '/org/subordinates/institution',
    element: <SubordinatesPage key="institution" kind="institution" />,
    menu: { roles: ['admin'], group: ['所辖机构账户管理'], label: '卫生机构', order: 210 },
  },
  {
    path: '/org/subordinates/industry',
    element: <SubordinatesPage key="industry" kind="industry" />,
    menu: { roles: ['admin'], group: ['所辖机构账户管理'], label: '行业组织', order: 220 },
  },
  // 考核管理 → 考核机构管理, 卫生机构管理
  {
    path: '/org/bodies',
    element: <BodiesPage />,
    menu: { roles: ['admin'], group: ['考核管理', '考核机构管理'], label: '考核机构列表', order: 400 },
  },
  {
    path: '/org/approvals',
    element: <ApprovalsPage />,
    menu: { roles: ['admin'], group: ['考核管理', '考核机构管理'], label: '审批考核机构', order: 410 },
  },
  {
    path: '/org/assign',
    element: <AssignPage />,
    menu: { roles: ['admin'], group: ['考核管理', '考核机构管理'], label: '指定卫生机构', order: 420 },
  },
  {
    path: '/org/institutions',
    element: <InstitutionsPage />,
    menu: { roles: ['admin'], group: ['考核管理'], label: '卫生机构管理', order: 450 },
  },
  // 考核机构 — 机构管理
  {
    path: '/org/assigned',
    element: <AssignedListPage />,
    menu: { roles: ['body'], group: ['机构管理'], label: '已指定卫生机构列表', order: 100 },
  },
  {
    path: '/org/body-profile',
    element: <OwnProfilePage />,
    menu: { roles: ['body'], group: ['机构管理'], label: '本机构信息', order: 110 },
  },
  // 系统管理
  {
    path: '/system/audit',
    element: <AuditPage />,
    menu: { roles: ['admin', 'institution', 'body', 'industry'], group: ['系统管理'], label: '操作日志', order: 900 },
  },
  {
    path: '/system/sms',
    element: <SmsOutboxPage />,
    menu: { roles: ['admin'], group: ['系统管理'], label: '短信发件箱', order: 910, adminLevels: ['province'] },
  },
];
