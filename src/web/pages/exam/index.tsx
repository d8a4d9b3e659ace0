import type { PageRoute } from '../../app/registry';
import { BlueprintPage } from './admin/BlueprintPage';
import { ItemAnalysisPage } from './admin/ItemAnalysisPage';
import { ExamDetailPage } from './doctor/ExamDetailPage';
import { ExamNoticePage } from './doctor/ExamNoticePage';
import { PaperListPage } from './doctor/PaperListPage';
import { TakeExamPage } from './TakeExamPage';

export const routes: PageRoute[] = [
  { path: '/doctor/exam', element: <ExamDetailPage />, mobile: true },
  { path: '/doctor/exam/papers', element: <PaperListPage />, mobile: true },
  { path: '/doctor/exam/notice/:paperType', element: <ExamNoticePage />, mobile: true },
  { path: '/doctor/exam/take/:attemptId', element: <TakeExamPage />, mobile: true, focus: true },
  {
    path: '/exam/blueprints',
    element: <BlueprintPage />,
    menu: {
      roles: ['admin'],
      group: ['考核管理', '考核设置'],
      label: '试卷设置',
      order: 318,
      adminLevels: ['province'],
    },
  },
  {
    path: '/exam/item-analysis',
    element: <ItemAnalysisPage />,
    menu: { roles: ['admin'], group: ['考核管理'], label: '试题分析', order: 650, adminLevels: ['province'] },
  },
];
