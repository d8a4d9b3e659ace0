import { expect, test, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { call, orgApi, type Pw } from './arrange/api';
import { arrangeRegistered } from './arrange/enrolment';
import { e2eDb } from './db';
import { DOCTOR_PASSWORD } from './doctor-support';
import { maskIdNumber } from '../src/shared/idcard';
import { openMenu, orgLogin } from './support';

/**
 * 延期考核申请: a physician at 报名成功 (arranged through the API, e2e/arrange) applies on a phone before the
 * deadline with a reason and an attachment; the institution (yy_nn1) gives 卫生机构意见 同意;
 * its parent administration (nn_wjw) approves in 延期考核审批 → enrolments.deferral_approved;
 * the physician downloads the 附件1 form as a PDF.
 */
const db = e2eDb();
test.afterAll(async () => db.end());

/** A small valid JPEG drawn on a canvas in the browser (64×48, a blue card with a white bar). */
async function makeJpeg(page: Page): Promise<Buffer> {
  const b64 = await page.evaluate(() => {
    const c = document.createElement('canvas');
    c.width = 64;
    c.height = 48;
    const g = c.getContext('2d')!;
    g.fillStyle = '#1677ff';
    g.fillRect(0, 0, 64, 48);
    g.fillStyle = '#ffffff';
    g.fillRect(8, 20, 48, 8);
    return c.toDataURL('image/jpeg', 0.9).split(',')[1];
  });
  return Buffer.from(b64, 'base64');
}

/** A physician of their own at 报名成功 (yy_nn1, 一般程序), walked through the product's API. */
async function arrange(pw: Pw, baseURL: string) {
  const d = await arrangeRegistered(pw, baseURL, '韦延期');
  await d.inst.dispose();
  await d.body.dispose();
  const admin = await orgApi(pw, baseURL, 'gx_wjw');
  const { cycle } = await call(admin, 'GET', '/api/cycle-settings');
  await admin.dispose();
  return {
    enrolmentId: d.enrolmentId,
    idNumber: d.idNumber,
    name: d.name,
    instCode: 'yy_nn1',
    // yy_nn1's parent administration (南宁市卫生健康委员会)
    adminCode: 'nn_wjw',
    window: cycle.windows.deferral as { start: string; end: string },
  };
}

async function doctorLogin(page: Page, a: { idNumber: string; name: string }) {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/doctor/login');
  await page.getByLabel('证件号码').fill(a.idNumber);
  await page.getByLabel('姓名').fill(a.name);
  await page.getByLabel('密码').fill(DOCTOR_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL(/\/doctor$/);
}

async function openRow(page: Page, idNumber: string) {
  await page.getByPlaceholder('姓名或证件号码').fill(idNumber);
  await page.getByPlaceholder('姓名或证件号码').press('Enter');
  // lists show the ID number masked (issue 12 item 7)
  const row = page.locator('.ant-table-row').filter({ hasText: maskIdNumber(idNumber) });
  await expect(row).toHaveCount(1);
  await row.getByRole('button', { name: '审核' }).click();
  return page.locator('.ant-drawer').filter({ hasText: '延期考核申请' });
}

const REASON = '本人于2026年12月至2027年2月参加援疆医疗队，无法参加首轮考核。';
const deferral = async (id: number) =>
  (
    await db.query(
      `SELECT e.deferral_approved, d.status FROM enrolments e LEFT JOIN deferral_applications d ON d.enrolment_id = e.id WHERE e.id = $1`,
      [id],
    )
  ).rows[0];

test('医师（手机）提交延期考核申请 → 卫生机构同意 → 卫生行政部门审批同意 → 下载附件1申请表', async ({
  page,
  playwright,
  baseURL,
}) => {
  test.setTimeout(180_000); // the physician is walked through registration by the API first; generous on a loaded machine
  const a = await arrange(playwright, baseURL!);

  // 医师: 首页 → 延期考核申请
  await doctorLogin(page, a);
  await page.getByRole('button', { name: '延期考核申请' }).click();
  const slash = (d: string) => d.replaceAll('-', '/');
  await expect(page.getByText(`延期考核申请时间：${slash(a.window.start)} 至 ${slash(a.window.end)}`)).toBeVisible();
  await page.getByLabel('申请延期考核原因').fill(REASON);
  await page
    .locator('input[type=file]')
    .setInputFiles({ name: '援疆通知.jpg', mimeType: 'image/jpeg', buffer: await makeJpeg(page) });
  await expect(page.locator('img[alt="援疆通知.jpg"]')).toBeVisible();
  await page.getByRole('button', { name: '提交申请' }).click();
  await expect(page.getByText('申请状态：待卫生机构审核')).toBeVisible();
  expect(await deferral(a.enrolmentId)).toMatchObject({ status: 'pending_institution', deferral_approved: false });
  await page.context().clearCookies();

  // 卫生机构: 考核管理 → 延期考核申请 → 【审核】 → 卫生机构意见 同意
  await page.setViewportSize({ width: 1360, height: 860 });
  await orgLogin(page, a.instCode);
  await openMenu(page, '考核管理', '延期考核申请');
  let modal = await openRow(page, a.idNumber);
  await expect(modal.getByText(REASON)).toBeVisible();
  await expect(modal.locator('img[alt="援疆通知.jpg"]')).toBeVisible();
  await modal.getByRole('radio', { name: '同意', exact: true }).check();
  await modal.getByLabel('卫生机构意见').fill('情况属实，同意延期');
  await modal.getByRole('button', { name: '提交' }).click();
  await expect(page.getByText('已同意，提交卫生行政部门审批')).toBeVisible();
  expect((await deferral(a.enrolmentId)).status).toBe('pending_admin');
  await page.getByRole('button', { name: '退出' }).click();

  // 卫生行政部门 (the institution's parent administration): 延期考核审批
  await orgLogin(page, a.adminCode);
  await openMenu(page, '考核管理', '延期考核审批');
  modal = await openRow(page, a.idNumber);
  await expect(modal.getByText('同意：情况属实，同意延期')).toBeVisible();
  await modal.getByRole('radio', { name: '同意', exact: true }).check();
  await modal.getByRole('button', { name: '提交' }).click();
  await expect(page.getByText('已批准延期考核')).toBeVisible();
  expect(await deferral(a.enrolmentId)).toMatchObject({ status: 'approved', deferral_approved: true });
  await page.context().clearCookies();

  // 医师 sees the approval and downloads 附件1
  await doctorLogin(page, a);
  await page.goto('/doctor/deferral');
  await expect(page.getByText('申请状态：延期考核已批准')).toBeVisible();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '打印申请表' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(`医师定期考核延期考核申请表-${a.name}.pdf`);
  const pdf = await readFile((await download.path())!);
  expect(pdf.subarray(0, 4).toString('latin1')).toBe('%PDF');
});
