import type { PageRoute } from '../../app/registry';
import { ChangePage } from './ChangePage';
import { DoctorHomePage } from './DoctorHomePage';
import { MessagesPage } from './MessagesPage';
import { RegisterWizard } from './RegisterWizard';

export const routes: PageRoute[] = [
  { path: '/doctor', element: <DoctorHomePage />, mobile: true },
  { path: '/doctor/register', element: <RegisterWizard />, mobile: true },
  { path: '/doctor/change', element: <ChangePage />, mobile: true },
  { path: '/doctor/messages', element: <MessagesPage />, mobile: true },
];
