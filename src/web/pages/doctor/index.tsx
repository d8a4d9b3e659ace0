import type { PageRoute } from '../../app/registry';
import { ChangePage } from './ChangePage';
import { DoctorHomePage } from './DoctorHomePage';
import { FaqPage } from './help/FaqPage';
import { ManualPage } from './help/ManualPage';
import { ProfilePage } from './help/ProfilePage';
import { MessagesPage } from './MessagesPage';
import { RegisterWizard } from './wizard/RegisterWizard';

export const routes: PageRoute[] = [
  { path: '/doctor', element: <DoctorHomePage />, mobile: true },
  { path: '/doctor/register', element: <RegisterWizard />, mobile: true },
  { path: '/doctor/change', element: <ChangePage />, mobile: true },
  { path: '/doctor/messages', element: <MessagesPage />, mobile: true },
  { path: '/doctor/profile', element: <ProfilePage />, mobile: true },
  // public: linked from both login pages (seed 004: 【医师操作手册】, menu 常见问题)
  { path: '/doctor/manual', element: <ManualPage />, public: true },
  { path: '/doctor/faq', element: <FaqPage />, public: true },
];
