import { expect, test } from '@playwright/test';
import { arrangePhysician, call, doctorLogin, facePhoto, PHONE, registerThroughApi } from './doctor-support';
import { wizardButton } from './support-enrolment';

/**
 * Seed 002 我是医师 4: 报名成功后，点击【申请修改】，并联系本单位，经本单位审核同意后，方可进行修改
 * (issue 12 item 10): once the institution agreed, the home page says so and one tap opens the
 * editable wizard (photo and step 4 included); 【提交】 sends it back to the institution's review.
 */
test('seed 002「申请修改」：单位同意后首页提示，一次点击进入修改（含照片和自评），【提交】后回到卫生机构审核', async ({
  browser,
  playwright,
  baseURL,
}) => {
  test.setTimeout(300_000);
  const d = await arrangePhysician(playwright, baseURL!, '蒙立新', 'yy_gxyd1');
  const enrolmentId = await registerThroughApi(playwright, baseURL!, d);

  const ctx = await browser.newContext(PHONE);
  const page = await ctx.newPage();
  await doctorLogin(page, d);
  await page.getByRole('button', { name: '申请修改' }).click();
  await page.getByLabel('申请修改的原因').fill('电子邮箱和照片需要更新');
  await page.getByRole('button', { name: '申请修改' }).click();
  await expect(page.getByText(/修改申请已提交（原因：电子邮箱和照片需要更新），请等待卫生机构处理/)).toBeVisible();

  // 卫生机构 【允许修改】 (医师信息修改 API)
  const list = await call(d.inst, 'GET', '/api/change-requests?state=pending');
  const cr = list.items.find((r: { enrolmentId: number }) => r.enrolmentId === enrolmentId);
  await call(d.inst, 'POST', `/api/change-requests/${cr.id}/allow`);

  // 首页 says so; one tap opens the editable wizard
  await page.goto('/doctor');
  const notice = page.getByTestId('change-allowed');
  await expect(notice).toContainText('卫生机构已同意您修改报名信息', { timeout: 30_000 });
  await notice.getByRole('button', { name: '修改报名信息' }).click();
  await expect(page.getByText('第 1 步，共 4 步')).toBeVisible({ timeout: 30_000 }); // lazy page chunk
  await page.getByLabel('电子邮件').fill('new@example.cn');
  await page.locator('input[type=file]').setInputFiles(facePhoto('person-b.jpg'));
  await expect(page.getByAltText('照片')).toHaveAttribute('src', /proposed=1/, { timeout: 60_000 });
  await wizardButton(page, '下一步').click();
  await wizardButton(page, '下一步').click();
  await wizardButton(page, '下一步').click();
  await expect(page.getByText('第 4 步，共 4 步')).toBeVisible();
  await page
    .locator('.ant-form-item')
    .filter({ has: page.locator('label', { hasText: '医德医风自评' }) })
    .locator('label.ant-radio-wrapper', { hasText: '优秀' })
    .click();
  await wizardButton(page, '提交').click();
  await expect(page.getByText('修改信息已提交')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText('卫生机构审核您修改的信息；审核通过后，修改内容生效。')).toBeVisible();
  await page.getByRole('button', { name: '返回首页' }).click();
  await expect(page.getByText('医师信息修改：待审核修改内容')).toBeVisible();

  // back to review: the institution sees the proposed e-mail, photo and 自评, and 【通过】 applies them
  const submitted = await call(d.inst, 'GET', '/api/change-requests?state=submitted');
  const row = submitted.items.find((r: { enrolmentId: number }) => r.enrolmentId === enrolmentId);
  expect(row.proposed).toMatchObject({ email: 'new@example.cn', selfEvaluation: { ethicsSelf: '优秀' } });
  expect(row.proposed.photoFileId).toBeTruthy();
  await call(d.inst, 'POST', `/api/change-requests/${row.id}/approve`);
  const detail = await call(d.inst, 'GET', `/api/enrolments/${enrolmentId}`);
  expect(detail.registration.email).toBe('new@example.cn');
  expect(detail.selfEvaluation.ethicsSelf).toBe('优秀');
  await d.inst.dispose();
  await ctx.close();
});
