import type { PageRoute } from '../../app/registry';
import { DoctorProcedurePage } from './DoctorProcedurePage';
import { BodyReviewPage, InstitutionEvaluatePage } from './EvaluationPages';

export const routes: PageRoute[] = [
  { path: '/doctor/procedure', element: <DoctorProcedurePage />, mobile: true },
  {
    path: '/procedure/evaluate/simple',
    element: <InstitutionEvaluatePage key="s" procedure="simple" />,
    menu: { roles: ['institution'], group: ['考核管理', '简易程序'], label: '评定工作成绩、职业道德', order: 340 },
  },
  {
    path: '/procedure/evaluate/general',
    element: <InstitutionEvaluatePage key="g" procedure="general" />,
    menu: { roles: ['institution'], group: ['考核管理', '一般程序'], label: '评定工作成绩、职业道德', order: 350 },
  },
  {
    path: '/procedure/review/simple',
    element: <BodyReviewPage key="s" procedure="simple" />,
    menu: { roles: ['body'], group: ['考核管理', '简易程序'], label: '复核简易程序申请', order: 310 },
  },
  {
    path: '/procedure/review/general',
    element: <BodyReviewPage key="g" procedure="general" />,
    menu: { roles: ['body'], group: ['考核管理', '一般程序'], label: '复核一般程序申请', order: 320 },
  },
];
