import { expect, type Page, type PlaywrightWorkerArgs } from '@playwright/test';
import { arrangeReadyForExam } from './arrange/enrolment';
import { paperOf, setBlueprint } from './arrange/exam';
import { call, DOCTOR_PASSWORD } from './doctor-support';

export { paperOf };

/**
 * A physician of their own at 待参加测评 (一般程序), for the exam specs, arranged entirely through
 * the product's API (e2e/arrange): 医师导入, 参加考核, first login, registration, 上报 → 确认 →
 * 评定 → 复核. The province's 人文医学 paper (试卷设置): 5 questions, 60 minutes, 3 attempts.
 */
export async function arrangeExamPhysician(
  playwright: PlaywrightWorkerArgs['playwright'],
  baseURL: string,
  name: string,
): Promise<{ idNumber: string; name: string; physicianId: number; enrolmentId: number }> {
  await setBlueprint(playwright, baseURL, 'humanities', { durationMinutes: 60, questionCount: 5, attempts: 3 });
  return arrangeReadyForExam(playwright, baseURL, name);
}

/** 医师登录 through the page, then 人脸信息采集授权 + 【去考试】 through the API; returns the attempt id. */
export async function loginAndStart(page: Page, d: { idNumber: string; name: string }): Promise<number> {
  await page.goto('/doctor/login');
  await page.getByLabel('证件号码').fill(d.idNumber);
  await page.getByLabel('姓名').fill(d.name);
  await page.getByLabel('密码').fill(DOCTOR_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL(/\/doctor$/);
  await call(page.request, 'POST', '/api/exam/consent');
  const r = await call(page.request, 'POST', '/api/exam/papers/humanities/start');
  expect(r.attemptId).toBeGreaterThan(0);
  return r.attemptId as number;
}
