import path from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import {
  arrangePhysician,
  call,
  doctorLogin,
  fillStepsThroughApi,
  PHONE,
  registerThroughApi,
} from '../../../../../../e2e/doctor-support';

/** The manual's screenshots, taken on a 390×844 phone from the product itself (see shots.config.ts). */
const shot = (page: Page, name: string) =>
  page.screenshot({
    path: path.join(import.meta.dirname, `${name}.jpg`),
    type: 'jpeg',
    quality: 60,
    clip: { x: 0, y: 0, width: 390, height: 700 },
  });

test('医师操作手册 screenshots', async ({ browser, playwright, baseURL }) => {
  const ctx = await browser.newContext({ ...PHONE, deviceScaleFactor: 1 });
  const page = await ctx.newPage();
  await page.goto('/doctor/login');
  await expect(page.getByTestId('help-contact')).toBeVisible({ timeout: 30_000 });
  await shot(page, 'login');

  const d = await arrangePhysician(playwright, baseURL!, '韦晓明');
  await doctorLogin(page, d);
  await shot(page, 'home');
  await page.getByRole('button', { name: '我要报名' }).click();
  await expect(page.getByText('第 1 步，共 6 步')).toBeVisible({ timeout: 30_000 });
  await shot(page, 'basic');

  await (await fillStepsThroughApi(playwright, baseURL!, d, ['basic', 'practice', 'experience'])).doc.dispose();
  await page.reload();
  await page.getByRole('button', { name: '第4步 工作成绩、职业道德' }).click();
  await expect(page.getByText('第 4 步，共 6 步')).toBeVisible({ timeout: 30_000 });
  await shot(page, 'self');
  await (await fillStepsThroughApi(playwright, baseURL!, d, ['self'])).doc.dispose();
  await page.reload();
  await page.getByRole('button', { name: '第5步 考核程序' }).click();
  await page.getByText('一般程序', { exact: true }).first().click();
  await shot(page, 'procedure');
  await page.getByRole('button', { name: '确认信息', exact: true }).click();
  await page.getByRole('button', { name: '提交信息', exact: true }).click();
  await expect(page.getByText('报名信息提交成功')).toBeVisible({ timeout: 30_000 });
  await shot(page, 'submitted');

  const r = await arrangePhysician(playwright, baseURL!, '覃丽华', 'yy_gxyd1');
  const enrolmentId = await registerThroughApi(playwright, baseURL!, r);
  await doctorLogin(page, r);
  await call(page.request, 'POST', '/api/enrolments/mine/change-requests', { reason: '电子邮箱填写有误' });
  const list = await call(r.inst, 'GET', '/api/change-requests?state=pending');
  const cr = list.items.find((x: { enrolmentId: number }) => x.enrolmentId === enrolmentId);
  await call(r.inst, 'POST', `/api/change-requests/${cr.id}/allow`);
  await page.reload();
  await page.getByTestId('change-allowed').scrollIntoViewIfNeeded();
  await page.evaluate(() => window.scrollTo(0, 0));
  await shot(page, 'change');
  await ctx.close();
});
