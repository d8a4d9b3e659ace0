import { type BrowserContext, expect, type Page, test } from '@playwright/test';
import { arrangeExamPhysician, loginAndStart } from './exam-support';

/**
 * Issue 9's payload bars, measured as a physician's phone sees a first visit (empty cache, no
 * service worker): JavaScript transferred with gzip (the browser is told to accept gzip only, so
 * the figure does not depend on brotli support) — 医师登录 ≤ 250 kB, the test page ≤ 350 kB.
 */
test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, serviceWorkers: 'block' });

async function jsTransferred(page: Page, context: BrowserContext, url: string, ready: () => Promise<void>) {
  await context.setExtraHTTPHeaders({ 'accept-encoding': 'gzip' });
  const js: Promise<{ url: string; bytes: number; encoding: string }>[] = [];
  page.on('response', (r) => {
    if (!/\.js(\?|$)/.test(r.url())) return;
    js.push(
      (async () => ({
        url: r.url(),
        bytes: (await r.request().sizes()).responseBodySize,
        encoding: (await r.headerValue('content-encoding')) ?? 'identity',
      }))(),
    );
  });
  await page.goto(url);
  // the page is usable (its lazy chunks have arrived), and nothing else is still loading
  await ready();
  await page.waitForLoadState('networkidle');
  const all = await Promise.all(js);
  // files under 1 kB are not worth compressing and are sent as they are
  for (const f of all) if (f.bytes > 1024) expect(f.encoding, f.url).toBe('gzip');
  const kB = all.reduce((s, f) => s + f.bytes, 0) / 1024;
  test
    .info()
    .annotations.push({ type: 'payload', description: `${url}: ${all.length} JS files, ${kB.toFixed(1)} kB gzip` });
  return kB;
}

test('医师登录页首次加载的 JavaScript ≤ 250 kB（gzip）', async ({ page, context }) => {
  const kB = await jsTransferred(page, context, '/doctor/login', () =>
    expect(page.getByRole('button', { name: '登录' })).toBeVisible(),
  );
  expect(kB).toBeLessThanOrEqual(250);
});

test('答题页首次加载的 JavaScript ≤ 350 kB（gzip）', async ({ page, context, playwright, baseURL }) => {
  test.setTimeout(90_000);
  const d = await arrangeExamPhysician(playwright, baseURL!, '载荷测');
  const attemptId = await loginAndStart(page, d);
  // a first visit of the test page (e.g. the physician reopens it): a new page, an empty cache
  const fresh = await context.newPage();
  await fresh.route('**/*', (r) => r.continue());
  const kB = await jsTransferred(fresh, context, `/doctor/exam/take/${attemptId}`, () =>
    expect(fresh.getByTestId('question-no')).toHaveText('第 1 题 / 共 5 题', { timeout: 30_000 }),
  );
  expect(kB).toBeLessThanOrEqual(350);
});
