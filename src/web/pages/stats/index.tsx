import type { PageRoute } from '../../app/registry';
import { ExamProgressPage } from './ExamProgressPage';
import { ProgressStatsPage } from './ProgressStatsPage';
import { ResultStatsPage } from './ResultStatsPage';

export const routes: PageRoute[] = [
  {
    path: '/stats/exam-progress',
    element: <ExamProgressPage />,
    menu: { roles: ['admin'], group: ['考核管理', '考核进度'], label: '考试进展导出', order: 610 },
  },
  {
    path: '/stats/progress',
    element: <ProgressStatsPage />,
    menu: { roles: ['admin'], group: ['考核管理', '考核进度'], label: '考核进度统计', order: 620 },
  },
  {
    path: '/stats/result',
    element: <ResultStatsPage />,
    menu: { roles: ['admin'], group: ['考核管理', '考核进度'], label: '考核结果统计', order: 630 },
  },
  {
    path: '/stats/unit-progress',
    element: <ProgressStatsPage />,
    menu: { roles: ['institution', 'body'], group: ['考核管理'], label: '考核进度统计', order: 620 },
  },
  {
    path: '/stats/unit-result',
    element: <ResultStatsPage />,
    menu: { roles: ['institution', 'body'], group: ['考核管理'], label: '考核结果统计', order: 630 },
  },
];
