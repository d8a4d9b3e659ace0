import type { PageRoute } from '../../app/registry';
import { GradingPage, ReexamConfirmPage } from './GradingPages';
import { ResultPage } from './ResultPage';

export const routes: PageRoute[] = [
  {
    path: '/grading/simple',
    element: <GradingPage round="first" procedure="simple" title="评定简易程序测评结果" />,
    menu: { roles: ['body'], group: ['考核管理', '简易程序'], label: '评定简易程序测评结果', order: 315 },
  },
  {
    path: '/grading/general',
    element: <GradingPage round="first" procedure="general" title="评定一般程序成绩结果" />,
    menu: { roles: ['body'], group: ['考核管理', '一般程序'], label: '评定一般程序成绩结果', order: 330 },
  },
  {
    path: '/reexam/confirm',
    element: <ReexamConfirmPage />,
    menu: {
      roles: ['admin'],
      group: ['考核管理', '再次考核管理'],
      label: '确认再次考核名单',
      order: 560,
    },
  },
  {
    path: '/reexam/grade-simple',
    element: <GradingPage round="reexam" procedure="simple" title="评定简易程序再次考核" />,
    menu: { roles: ['admin'], group: ['考核管理', '再次考核管理'], label: '评定简易程序再次考核', order: 561 },
  },
  {
    path: '/reexam/grade-general',
    element: <GradingPage round="reexam" procedure="general" title="评定一般程序再次考核" />,
    menu: { roles: ['admin'], group: ['考核管理', '再次考核管理'], label: '评定一般程序再次考核', order: 562 },
  },
  { path: '/doctor/result', element: <ResultPage />, mobile: true },
];
