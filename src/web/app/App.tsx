import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router';
import { ApiError } from '../api/client';
import { MeProvider, useMe } from './auth';
import { AdminLayout, MobileLayout } from './Layout';
import type { PageRoute } from './registry';
import { ALL_ROUTES } from './routes';
import { OrgLoginPage, PhysicianLoginPage } from '../pages/auth/LoginPages';
import { OnboardingPage } from '../pages/auth/OnboardingPage';
import { SecurityPage } from '../pages/auth/SecurityPage';
import { HomePage } from '../pages/auth/HomePage';

dayjs.locale('zh-cn');

const queryClient = new QueryClient({
  defaultOptions: {
    queries: { retry: (n, e) => !(e instanceof ApiError && e.status < 500) && n < 2, refetchOnWindowFocus: false },
  },
});

function Guarded({ route }: { route: PageRoute }) {
  const { me } = useMe();
  const loc = useLocation();
  if (!me) return <Navigate to={route.mobile ? '/doctor/login' : '/login'} state={{ from: loc.pathname }} replace />;
  if (me.mustChangePassword || me.mustBindMobile) return <Navigate to="/onboarding" replace />;
  if (route.menu && !route.menu.roles.includes(me.role)) return <Navigate to="/" replace />;
  return route.mobile ? <MobileLayout>{route.element}</MobileLayout> : <AdminLayout>{route.element}</AdminLayout>;
}

function Root() {
  const { me } = useMe();
  if (!me) return <Navigate to="/login" replace />;
  if (me.mustChangePassword || me.mustBindMobile) return <Navigate to="/onboarding" replace />;
  if (me.role === 'physician') return <Navigate to="/doctor" replace />;
  return (
    <AdminLayout>
      <HomePage />
    </AdminLayout>
  );
}

export function App() {
  return (
    <ConfigProvider
      locale={zhCN}
      button={{ autoInsertSpace: false }}
      theme={{ token: { colorPrimary: '#1677ff', borderRadius: 4 } }}
    >
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <BrowserRouter>
            <MeProvider>
              <Routes>
                <Route path="/login" element={<OrgLoginPage />} />
                <Route path="/doctor/login" element={<PhysicianLoginPage />} />
                <Route path="/onboarding" element={<OnboardingPage />} />
                <Route
                  path="/security"
                  element={<Guarded route={{ path: '/security', element: <SecurityPage /> }} />}
                />
                <Route
                  path="/doctor/security"
                  element={<Guarded route={{ path: '/doctor/security', element: <SecurityPage />, mobile: true }} />}
                />
                <Route path="/" element={<Root />} />
                {ALL_ROUTES.map((r) => (
                  <Route key={r.path} path={r.path} element={r.public ? r.element : <Guarded route={r} />} />
                ))}
                <Route path="*" element={<Navigate to="/" replace />} />
              </Routes>
            </MeProvider>
          </BrowserRouter>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
