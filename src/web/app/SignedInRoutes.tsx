import { Spin } from 'antd';
import { lazy, type ReactNode, Suspense } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { useMe } from './auth';
import { AdminLayout, MobileLayout } from './Layout';
import type { PageRoute } from './registry';
import { ALL_ROUTES } from './routes';

const OnboardingPage = lazy(() => import('../pages/auth/OnboardingPage').then((m) => ({ default: m.OnboardingPage })));
const SecurityPage = lazy(() => import('../pages/auth/SecurityPage').then((m) => ({ default: m.SecurityPage })));
const HomePage = lazy(() => import('../pages/auth/HomePage').then((m) => ({ default: m.HomePage })));

/** While a page's own chunk loads (the layout around it is already there). */
export function PageLoading() {
  return (
    <div style={{ padding: 48, textAlign: 'center' }}>
      <Spin />
    </div>
  );
}

const page = (element: ReactNode) => <Suspense fallback={<PageLoading />}>{element}</Suspense>;

function Guarded({ route }: { route: PageRoute }) {
  const { me } = useMe();
  const loc = useLocation();
  if (!me) return <Navigate to={route.mobile ? '/doctor/login' : '/login'} state={{ from: loc.pathname }} replace />;
  if (me.mustChangePassword || me.mustBindMobile) return <Navigate to="/onboarding" replace />;
  if (route.menu && !route.menu.roles.includes(me.role)) return <Navigate to="/" replace />;
  return route.mobile ? (
    <MobileLayout focus={route.focus}>{page(route.element)}</MobileLayout>
  ) : (
    <AdminLayout>{page(route.element)}</AdminLayout>
  );
}

function Root() {
  const { me } = useMe();
  if (!me) return <Navigate to="/login" replace />;
  if (me.mustChangePassword || me.mustBindMobile) return <Navigate to="/onboarding" replace />;
  if (me.role === 'physician') return <Navigate to="/doctor" replace />;
  return <AdminLayout>{page(<HomePage />)}</AdminLayout>;
}

/**
 * Every page behind the login pages: loaded as one chunk after the login page (the route table,
 * the layouts); each page's own code is a further chunk (see vite.config.ts).
 */
export default function SignedInRoutes() {
  return (
    <Routes>
      <Route path="/onboarding" element={page(<OnboardingPage />)} />
      <Route path="/security" element={<Guarded route={{ path: '/security', element: <SecurityPage /> }} />} />
      <Route
        path="/doctor/security"
        element={<Guarded route={{ path: '/doctor/security', element: <SecurityPage />, mobile: true }} />}
      />
      <Route path="/" element={<Root />} />
      {ALL_ROUTES.map((r) => (
        <Route key={r.path} path={r.path} element={r.public ? page(r.element) : <Guarded route={r} />} />
      ))}
      <Route path="*" element={<Navigate to="/" replace />} />
    </Routes>
  );
}
