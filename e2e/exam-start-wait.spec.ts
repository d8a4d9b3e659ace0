import { expect, test } from '@playwright/test';
import { doctorApi } from './arrange/enrolment';
import { e2eDb } from './db';
import { call, DOCTOR_PASSWORD } from './doctor-support';
import { arrangeExamPhysician } from './exam-support';
import { DEMO_PASSWORD } from './support';

/**
 * Issue 9, start-spike control: above the province's maximum starts per minute, 【去考试】 shows
 * a waiting screen with the physician's place in the queue instead of an error, and lets them in
 * as soon as a start is allowed (here: the province lifts the limit).
 */
test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

test('超过每分钟开始答题人数时显示排队等候页面，轮到时自动进入答题', async ({ page, playwright, baseURL }) => {
  test.setTimeout(240_000);
  const d = await arrangeExamPhysician(playwright, baseURL!, '排队测');
  // another physician of the province who takes this minute's one start
  const other = await doctorApi(playwright, baseURL!, await arrangeExamPhysician(playwright, baseURL!, '先开考'));
  await call(other, 'POST', '/api/exam/consent');
  const admin = await playwright.request.newContext({ baseURL });
  await call(admin, 'POST', '/api/auth/login', { login: 'gx_wjw', password: DEMO_PASSWORD });
  await call(admin, 'PUT', '/api/exam/start-limit', { perMinute: 1 });
  const db = e2eDb();

  try {
    await page.goto('/doctor/login');
    await page.getByLabel('证件号码').fill(d.idNumber);
    await page.getByLabel('姓名').fill(d.name);
    await page.getByLabel('密码').fill(DOCTOR_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(/\/doctor$/);
    await page.goto('/doctor/exam/notice/humanities');
    await page.getByRole('button', { name: '同意授权' }).click();
    await expect(page.getByRole('button', { name: '去考试' })).toBeEnabled();
    // the other physician starts first and takes this minute's slot. The limit counts per clock
    // minute, so start early enough in a minute that the next one (a free slot) cannot begin
    // before the waiting screen has been checked: wait for a point in the minute, not for a time.
    await expect.poll(() => new Date().getSeconds(), { timeout: 65_000, intervals: [500] }).toBeLessThan(25);
    await call(other, 'POST', '/api/exam/papers/humanities/start');
    await page.getByRole('button', { name: '去考试' }).click();

    const waiting = page.getByTestId('start-waiting');
    await expect(waiting).toBeVisible();
    await expect(waiting).toContainText('您前面还有 0 人');
    await expect(waiting).toContainText('轮到您时将自动进入答题');
    expect(page.url()).toMatch(/\/doctor\/exam\/notice\/humanities$/);
    const queued = await db.query('SELECT count(*)::int AS n FROM exam_start_queue WHERE physician_id = $1', [
      d.physicianId,
    ]);
    expect(queued.rows[0].n).toBe(1);

    // the province lifts the limit: the waiting page lets the physician in by itself
    await call(admin, 'PUT', '/api/exam/start-limit', { perMinute: null });
    await page.waitForURL(/\/doctor\/exam\/take\/\d+$/, { timeout: 30_000 });
    await expect(page.getByTestId('question-no')).toHaveText('第 1 题 / 共 5 题');
  } finally {
    await call(admin, 'PUT', '/api/exam/start-limit', { perMinute: null });
    await admin.dispose();
    await other.dispose();
    await db.end();
  }
});
