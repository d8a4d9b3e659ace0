import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { lazy, Suspense } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { ApiError } from '../api/client';
import { OrgLoginPage, PhysicianLoginPage } from '../pages/auth/LoginPages';
import { MeProvider } from './auth';

dayjs.locale('zh-cn');

const queryClient = new QueryClient({
  defaultOptions: {
    queries: { retry: (n, e) => !(e instanceof ApiError && e.status < 500) && n < 2, refetchOnWindowFocus: false },
  },
});

// The login pages are in the first download; everything behind them comes as later chunks
// (a physician's phone on a slow network sees 医师登录 first — issue 9, bar in bench/README.md).
const SignedInRoutes = lazy(() => import('./SignedInRoutes'));

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
                <Route
                  path="*"
                  element={
                    <Suspense fallback={null}>
                      <SignedInRoutes />
                    </Suspense>
                  }
                />
              </Routes>
            </MeProvider>
          </BrowserRouter>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
