import type { PageRoute } from '../../app/registry';
import { LearnHomePage } from './LearnHomePage';
import { MaterialDetailPage } from './MaterialDetailPage';
import { MaterialsListPage } from './MaterialsListPage';
import { MockListPage } from './MockListPage';
import { MockTakePage } from './MockTakePage';
import { PracticePage } from './PracticePage';
import { WrongBookPage } from './WrongBookPage';

/** 学习 (physician, mobile-first): reached from the physician home page. */
export const routes: PageRoute[] = [
  { path: '/doctor/learn', element: <LearnHomePage />, mobile: true },
  { path: '/doctor/learn/practice', element: <PracticePage />, mobile: true },
  { path: '/doctor/learn/mock', element: <MockListPage />, mobile: true },
  { path: '/doctor/learn/mock/:id', element: <MockTakePage />, mobile: true },
  { path: '/doctor/learn/wrong', element: <WrongBookPage />, mobile: true },
  { path: '/doctor/learn/materials', element: <MaterialsListPage />, mobile: true },
  { path: '/doctor/learn/materials/:id', element: <MaterialDetailPage />, mobile: true },
];
