import { defineConfig } from '@playwright/test';

const PORT = Number(process.env.E2E_PORT ?? 3100);
/** one data folder per port, so parallel runs on different ports do not delete each other's data */
const DATA_DIR = process.env.E2E_DATA_DIR ?? `.tmp/e2e-data-${PORT}`;

/**
 * Browser specs walk the manuals against the real product: a fresh data folder, embedded
 * PostgreSQL, demo data, Debian's chromium. CAPTCHA_DISABLED=1 is the documented switch for
 * automated acceptance environments.
 */
export default defineConfig({
  testDir: 'e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--use-fake-ui-for-media-stream',
        '--use-fake-device-for-media-stream',
      ],
    },
  },
  webServer: {
    command: `rm -rf ${DATA_DIR} && tsx src/server/main.ts`,
    url: `http://127.0.0.1:${PORT}/api/health`,
    timeout: 120_000,
    reuseExistingServer: false,
    env: {
      PORT: String(PORT),
      DATA_DIR,
      EMBEDDED_PG_PORT: String(Number(process.env.E2E_PG_PORT ?? 54341)),
      CAPTCHA_DISABLED: '1',
      // one API process unless a run asks for the cluster (E2E_WORKERS=2): specs observe
      // per-process state such as the 5-s session cache right after a change
      WORKERS: process.env.E2E_WORKERS ?? '1',
      LOG_LEVEL: 'warn',
    },
  },
});
