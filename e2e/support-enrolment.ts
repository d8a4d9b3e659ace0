import fs from 'node:fs';
import { expect, type APIRequestContext, type Page } from '@playwright/test';

/** A JSON call through the page's session (CSRF token from /api/auth/me). */
export async function apiAs(page: Page, method: 'GET' | 'POST' | 'PUT', url: string, data?: unknown) {
  const req: APIRequestContext = page.request;
  const me = await (await req.get('/api/auth/me')).json();
  const res = await req.fetch(url, { method, headers: { 'x-csrf-token': me.csrfToken }, data: data as never });
  expect(res.ok(), `${method} ${url}: ${await res.text()}`).toBeTruthy();
  return res.json();
}

/** A real (small) JPEG drawn in the browser: a portrait 300×400 ID-photo stand-in. */
export async function makeJpeg(page: Page): Promise<Buffer> {
  const b64 = await page.evaluate(() => {
    const c = document.createElement('canvas');
    c.width = 300;
    c.height = 400;
    const g = c.getContext('2d')!;
    g.fillStyle = '#ffffff';
    g.fillRect(0, 0, 300, 400);
    g.fillStyle = '#c9a27e';
    g.beginPath();
    g.ellipse(150, 170, 80, 100, 0, 0, Math.PI * 2);
    g.fill();
    g.fillStyle = '#2b4a7a';
    g.fillRect(40, 300, 220, 100);
    return c.toDataURL('image/jpeg', 0.9).split(',')[1];
  });
  return Buffer.from(b64, 'base64');
}

/**
 * Choose an option of an antd Select / TreeSelect identified by its form label, until the field
 * shows it. On a loaded machine the previous field's dropdown may still be closing (or this one
 * still opening) when the option is clicked, and the click lands nowhere: CI once saw 学历 left
 * empty right after 民族 was picked.
 */
export async function pickOption(page: Page, label: string, option: string) {
  const input = page.getByLabel(label, { exact: true });
  const item = page.locator('.ant-form-item').filter({ has: input });
  await expect(async () => {
    await input.click({ timeout: 2000 });
    await page
      .locator('.ant-select-dropdown:visible')
      .getByTitle(option, { exact: true })
      .first()
      .click({ timeout: 2000 });
    await expect(item).toContainText(option, { timeout: 1000 });
  }).toPass({ timeout: 20_000 });
}

/** Click the radio labelled `value` inside the form item labelled `label`. */
export async function pickRadio(page: Page, label: string, value: string) {
  const item = page
    .locator('.ant-form-item')
    .filter({ has: page.locator('label', { hasText: label }) })
    .first();
  await item.locator('label.ant-radio-wrapper', { hasText: value }).first().click();
}

/**
 * A wizard button by its label. antd keeps the loading icon's exit animation in the accessible
 * name for a moment after a save ("loading 下一步"), so match the label with or without it.
 */
export function wizardButton(page: Page, label: string) {
  return page.getByRole('button', { name: new RegExp(`^(loading )?${label}$`) });
}

/** Walk the 6-step wizard with complete data (一般程序 at step 5) and 【提交信息】. */
export async function walkWizard(page: Page) {
  await page.getByRole('button', { name: '我要报名' }).click();
  // 1 基本信息
  await pickOption(page, '民族', '壮族');
  await pickOption(page, '学历', '本科');
  await page.getByLabel('电子邮件').fill('limh@example.cn');
  await page.getByLabel('手机号').fill('13800000001');
  // a real face: the standard photo is checked by the 监考 face model (e2e/fixtures/proctor)
  const jpeg = fs.readFileSync(new URL('./fixtures/proctor/person-a.jpg', import.meta.url));
  await page.locator('input[type=file]').setInputFiles({ name: 'photo.jpg', mimeType: 'image/jpeg', buffer: jpeg });
  await expect(page.getByAltText('照片')).toBeVisible();
  await wizardButton(page, '下一步').click();
  // 2 执业信息
  await expect(page.getByText('执业信息', { exact: true }).last()).toBeVisible();
  await pickOption(page, '科室', '心血管内科');
  await pickOption(page, '从事专业', '心血管内科专业');
  await page.keyboard.press('Escape');
  await pickOption(page, '职称', '中级（主治/主管）');
  await pickRadio(page, '规培生', '否');
  await pickOption(page, '执业类别', '临床');
  await pickOption(page, '执业范围（规培生非必填）', '内科专业');
  await pickRadio(page, '执业情况', '在职');
  await page.getByLabel('资格证书编号').fill('200845110450101');
  await wizardButton(page, '下一步').click();
  // 3 相关经历 (optional): one 教育经历
  await expect(page.getByText('多机构备案信息')).toBeVisible();
  await wizardButton(page, '保存').click();
  await expect(page.getByText('保存成功')).toBeVisible();
  await wizardButton(page, '下一步').click();
  // 4 工作成绩、职业道德
  await pickRadio(page, '良好执业行为记录', '无');
  await pickRadio(page, '不良执业行为记录', '无');
  await pickRadio(page, '完成工作数量', '合格');
  await pickRadio(page, '完成工作质量', '合格');
  await pickRadio(page, '完成政府指令性工作情况', '合格');
  const situations = page.locator('.ant-form-item').filter({ has: page.locator('label', { hasText: /^\d+\. / }) });
  const n = await situations.count();
  expect(n).toBe(14);
  for (let i = 0; i < n; i++) await situations.nth(i).locator('label.ant-radio-wrapper', { hasText: '无' }).click();
  await pickRadio(page, '医德医风自评', '良好');
  await wizardButton(page, '下一步').click();
  // 5 考核程序
  await page.getByText('一般程序', { exact: true }).first().click();
  await wizardButton(page, '保存').click();
  // the wizard's 【保存】 saves every step; its message is 保存成功 (the step's own one 已选择一般程序)
  await expect(page.getByText(/^(已选择一般程序|保存成功)$/).first()).toBeVisible();
  await page.getByRole('button', { name: '确认信息', exact: true }).click();
  // 6 确认信息
  await expect(page.getByText('limh@example.cn')).toBeVisible();
  await page.getByRole('button', { name: '提交信息', exact: true }).click();
  await expect(page.getByText('报名信息提交成功')).toBeVisible();
}
