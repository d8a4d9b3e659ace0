import { defineConfig } from '@playwright/test';
import base from '../../../../../../playwright.config';

/**
 * Remakes the 医师操作手册 screenshots from a running product (demo data):
 *   SHOTS_BASE=http://127.0.0.1:3308 E2E_PG_PORT=<its embedded PG port> \
 *     npx playwright test -c src/web/pages/doctor/help/shots/shots.config.ts
 */
export default defineConfig({
  ...base,
  testDir: '.',
  testMatch: 'make-shots.ts',
  timeout: 300_000,
  webServer: undefined,
  use: { ...base.use, baseURL: process.env.SHOTS_BASE ?? 'http://127.0.0.1:3308' },
});
