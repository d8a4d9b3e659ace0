import type { PageRoute } from '../../app/registry';
import { ChangePage } from './ChangePage';
import { DoctorHomePage } from './DoctorHomePage';
import { FaqPage } from './help/FaqPage';
import { ManualPage } from './help/ManualPage';
import { ProfilePage } from './help/ProfilePage';
import { MessagesPage } from './MessagesPage';
import { DoctorShell } from './shell/DoctorShell';
import { RegisterWizard } from './wizard/RegisterWizard';

export const routes: PageRoute[] = [
  {
    path: '/doctor',
    element: (
      <DoctorShell>
        <DoctorHomePage />
      </DoctorShell>
    ),
    mobile: true,
  },
  {
    path: '/doctor/register',
    element: (
      <DoctorShell>
        <RegisterWizard />
      </DoctorShell>
    ),
    mobile: true,
  },
  {
    path: '/doctor/change',
    element: (
      <DoctorShell>
        <ChangePage />
      </DoctorShell>
    ),
    mobile: true,
  },
  {
    path: '/doctor/messages',
    element: (
      <DoctorShell>
        <MessagesPage />
      </DoctorShell>
    ),
    mobile: true,
  },
  {
    path: '/doctor/profile',
    element: (
      <DoctorShell>
        <ProfilePage />
      </DoctorShell>
    ),
    mobile: true,
  },
  // public: linked from both login pages (seed 004: 【医师操作手册】, menu 常见问题)
  { path: '/doctor/manual', element: <ManualPage />, public: true },
  { path: '/doctor/faq', element: <FaqPage />, public: true },
];
