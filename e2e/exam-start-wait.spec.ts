import { expect, test } from '@playwright/test';
import { e2eDb } from './db';
import { call } from './doctor-support';
import { arrangeExamPhysician } from './exam-support';
import { DEMO_PASSWORD } from './support';
import { DOCTOR_PASSWORD } from './doctor-support';

/**
 * Issue 9, start-spike control: above the province's maximum starts per minute, 【去考试】 shows
 * a waiting screen with the physician's place in the queue instead of an error, and lets them in
 * as soon as a start is allowed (here: the province lifts the limit).
 */
test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

test('超过每分钟开始答题人数时显示排队等候页面，轮到时自动进入答题', async ({ page, playwright, baseURL }) => {
  test.setTimeout(120_000);
  const d = await arrangeExamPhysician(playwright, baseURL!, '排队测');
  const admin = await playwright.request.newContext({ baseURL });
  await call(admin, 'POST', '/api/auth/login', { login: 'gx_wjw', password: DEMO_PASSWORD });
  await call(admin, 'PUT', '/api/exam/start-limit', { perMinute: 1 });
  // this minute's and the next minutes' starts are already taken (other physicians)
  const db = e2eDb();
  await db.query(
    `INSERT INTO exam_start_slots (province_id, minute, used)
     SELECT $1, date_trunc('minute', now()) + make_interval(mins => m), 1 FROM generate_series(0, 5) m
     ON CONFLICT (province_id, minute) DO UPDATE SET used = 1`,
    [d.provinceId],
  );

  try {
    await page.goto('/doctor/login');
    await page.getByLabel('证件号码').fill(d.idNumber);
    await page.getByLabel('姓名').fill(d.name);
    await page.getByLabel('密码').fill(DOCTOR_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(/\/doctor$/);
    await page.goto('/doctor/exam/notice/humanities');
    await page.getByRole('button', { name: '同意授权' }).click();
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
    await db.query('DELETE FROM exam_start_slots WHERE province_id = $1', [d.provinceId]);
    await admin.dispose();
    await db.end();
  }
});
