import type { PageRoute } from '../../app/registry';
import { BodyConfirmPage } from './BodyConfirmPage';
import { ChangeRequestsPage } from './ChangeRequestsPage';
import { InstitutionReviewPage } from './InstitutionReviewPage';
import { ProgressPage } from './ProgressPage';

export const routes: PageRoute[] = [
  {
    path: '/enrolment/review',
    element: <InstitutionReviewPage />,
    menu: { roles: ['institution'], group: ['考核管理', '医师管理'], label: '上报考核名单', order: 320 },
  },
  {
    path: '/enrolment/changes',
    element: <ChangeRequestsPage />,
    menu: { roles: ['institution'], group: ['考核管理', '医师管理'], label: '医师信息修改', order: 330 },
  },
  {
    path: '/enrolment/confirm',
    element: <BodyConfirmPage />,
    menu: { roles: ['body'], group: ['考核管理'], label: '确认考核医师名单', order: 300 },
  },
  {
    path: '/enrolment/progress',
    element: <ProgressPage />,
    menu: { roles: ['admin'], group: ['考核管理', '考核进度'], label: '查看考核进度', order: 600 },
  },
  {
    path: '/enrolment/institution-progress',
    element: <ProgressPage />,
    menu: { roles: ['institution'], group: ['考核管理'], label: '考核进度', order: 600 },
  },
  {
    path: '/enrolment/body-progress',
    element: <ProgressPage />,
    menu: { roles: ['body'], group: ['考核管理'], label: '考核进度', order: 600 },
  },
];
