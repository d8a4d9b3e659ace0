import { type APIRequestContext, expect, type Page } from '@playwright/test';
import { call, type Pw } from './arrange/api';
import { submitRegistration } from './arrange/enrolment';
import { DOCTOR_PASSWORD, fillStepsThroughApi } from './arrange/physician';

/** The physician helpers live in e2e/arrange; re-exported here for the doctor specs. */
export { call } from './arrange/api';
export { arrangePhysician, DOCTOR_PASSWORD, facePhoto, fillStepsThroughApi } from './arrange/physician';

/** 医师登录 on the phone page (证件号码 + 姓名 + 密码). */
export async function doctorLogin(page: Page, d: { idNumber: string; name: string }) {
  await page.goto('/doctor/login');
  await page.getByLabel('证件号码').fill(d.idNumber);
  await page.getByLabel('姓名').fill(d.name);
  await page.getByLabel('密码').fill(DOCTOR_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  // the home page's code is a lazy chunk: on a busy machine it can take longer than 10 s
  await expect(page.getByTestId('enrolment-status')).toBeVisible({ timeout: 30_000 });
}

export const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } as const;

/**
 * The physician's registration through the product's API, then 上报考核名单 【通过】 and, as
 * 考核机构 (角色切换), 确认考核医师名单 【通过】: 报名成功. `inst` must be an institution that is
 * also the physician's assessment body (yy_gxyd1).
 */
export async function registerThroughApi(
  playwright: Pw,
  baseURL: string,
  d: { idNumber: string; name: string; inst: APIRequestContext },
) {
  const { doc, enrolmentId, procedureChoice } = await fillStepsThroughApi(playwright, baseURL, d);
  await submitRegistration(doc, enrolmentId, procedureChoice);
  await call(d.inst, 'POST', `/api/enrolments/${enrolmentId}/institution-approve`);
  await call(d.inst, 'POST', '/api/auth/switch-role', { role: 'body' });
  await call(d.inst, 'POST', `/api/enrolments/${enrolmentId}/body-approve`);
  await call(d.inst, 'POST', '/api/auth/switch-role', { role: 'institution' });
  return enrolmentId;
}
