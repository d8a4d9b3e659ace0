import { expect, test, type Page } from '@playwright/test';
import { call, type Pw } from './arrange/api';
import { arrangeRegistered } from './arrange/enrolment';
import { maskIdNumber } from '../src/shared/idcard';
import { e2eDb } from './db';
import { DOCTOR_PASSWORD } from './doctor-support';
import { openMenu, orgLogin } from './support';

/**
 * 简易程序: the physician (phone) chooses 简易程序 with a proof and a 述职报告 and submits; the
 * institution 评定; the assessment body first 驳回 (不同意 工作成绩), the institution re-evaluates,
 * the body 提交 → 待参加测评. The enrolment is arranged as 待重新选择考核程序 through the API.
 */
const db = e2eDb();
test.afterAll(async () => db.end());

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

/**
 * A physician of their own (yy_nn1, assessed by yy_gxyd1) whose registration was accepted and
 * whose procedure the institution then rejected (驳回考核程序申请 → 待重新选择考核程序), all through
 * the product's API (e2e/arrange). Step 4 says 良好执业行为记录: 有 (数据支持 for the conditions).
 */
async function arrange(pw: Pw, baseURL: string) {
  const d = await arrangeRegistered(pw, baseURL, '黎简易', {
    self: { goodRecord: '有', goodRecordAwards: '市级优秀医师' },
  });
  await call(d.inst, 'POST', `/api/procedure/evaluations/${d.enrolmentId}/reject`, {
    reason: '请按本人实际情况重新选择考核程序',
  });
  await d.inst.dispose();
  await d.body.dispose();
  return { enrolmentId: d.enrolmentId, idNumber: d.idNumber, name: d.name, instCode: d.institution };
}

const statusOf = async (id: number) =>
  (await db.query(`SELECT status, procedure, work_result, ethics_result FROM enrolments WHERE id = $1`, [id])).rows[0];

async function openRow(page: Page, idNumber: string, button: string) {
  await page.getByPlaceholder('姓名或证件号码').fill(idNumber);
  await page.getByPlaceholder('姓名或证件号码').press('Enter');
  // wait for the search to have narrowed the list to this physician (lists mask the ID number):
  // the demo province has other 简易程序 applicants waiting at the same step
  const row = page.locator('.ant-table-row').filter({ hasText: maskIdNumber(idNumber) });
  await expect(page.locator('.ant-table-row')).toHaveCount(1);
  await expect(row).toHaveCount(1);
  await row.getByRole('button', { name: button }).click();
}

test('简易程序：上传证明材料与述职报告 → 卫生机构评定 → 考核机构驳回 → 重新评定 → 复核提交 → 待参加测评', async ({
  page,
  playwright,
  baseURL,
}) => {
  test.setTimeout(180_000); // includes arranging the physician through the API; generous on a loaded machine
  const a = await arrange(playwright, baseURL!);

  // 医师（手机）: 选择考核程序
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/doctor/login');
  await page.getByLabel('证件号码').fill(a.idNumber);
  await page.getByLabel('姓名').fill(a.name);
  await page.getByLabel('密码').fill(DOCTOR_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL(/\/doctor$/);
  await page.goto('/doctor/procedure');
  await page.getByText('简易程序', { exact: true }).click();
  await expect(page.getByText('数据支持').first()).toBeVisible();
  await page.getByText('具有5年以上执业经历').click();
  await page.locator('input[type=file]').setInputFiles({ name: '表彰证书.png', mimeType: 'image/png', buffer: PNG });
  await expect(page.getByTestId('proof-item')).toHaveCount(1);
  await page.getByLabel('述职报告').fill('本周期内完成门诊诊疗工作，无医疗差错。');
  await expect(page.getByText(/^\d+ \/ 2000$/)).toHaveText(`${'本周期内完成门诊诊疗工作，无医疗差错。'.length} / 2000`);
  await page.getByRole('button', { name: '申请简易程序' }).click();
  await expect(page.getByText('已保存简易程序申请')).toBeVisible();
  await page.getByRole('button', { name: '提交', exact: true }).click();
  await expect(page.getByText('考核程序已提交')).toBeVisible();
  expect(await statusOf(a.enrolmentId)).toMatchObject({ status: 'pending_evaluation', procedure: 'simple' });
  await page.context().clearCookies();

  // 卫生机构: 简易程序 → 评定工作成绩、职业道德
  await page.setViewportSize({ width: 1366, height: 900 });
  await orgLogin(page, a.instCode);
  await openMenu(page, '考核管理', '简易程序', '评定工作成绩、职业道德');
  await openRow(page, a.idNumber, '审核');
  const modal = page.locator('.ant-drawer').filter({ hasText: '评定工作成绩、职业道德' });
  await expect(modal.getByText('本周期内完成门诊诊疗工作')).toBeVisible();
  await expect(modal.locator('img[alt="表彰证书.png"]')).toBeVisible();
  await modal.getByRole('radio', { name: '合格', exact: true }).first().check();
  await modal.getByRole('radio', { name: '合格', exact: true }).nth(1).check();
  await modal.getByRole('button', { name: '新增意见' }).click();
  await modal.getByLabel('机构名称').fill('南宁市第一人民医院');
  await modal.getByLabel('意见', { exact: true }).fill('多点执业期间表现良好');
  await modal.getByRole('button', { name: '提交' }).click();
  await expect(page.getByText('已提交考核机构复核')).toBeVisible();
  expect(await statusOf(a.enrolmentId)).toMatchObject({ status: 'pending_body_evaluation', work_result: '合格' });
  await page.context().clearCookies();

  // 考核机构: 复核简易程序申请 → 驳回（工作成绩 不同意）
  await orgLogin(page, 'yy_gxyd1');
  await page.getByRole('button', { name: '角色切换' }).click();
  await expect(page.getByText('当前角色：考核机构')).toBeVisible();
  await openMenu(page, '考核管理', '简易程序', '复核简易程序申请');
  await openRow(page, a.idNumber, '复核');
  await expect(page.getByText('多点执业期间表现良好')).toBeVisible();
  await page.locator('.ant-drawer').getByRole('button', { name: '驳回', exact: true }).click();
  await page.getByText('工作成绩 不同意').click();
  await page.getByLabel('驳回理由').fill('请核实门诊工作量');
  await page.getByRole('button', { name: '确认驳回' }).click();
  await expect(page.getByText('已驳回卫生机构重新评定')).toBeVisible();
  expect((await statusOf(a.enrolmentId)).status).toBe('pending_evaluation');
  await page.context().clearCookies();

  // 卫生机构重新评定
  await orgLogin(page, a.instCode);
  await openMenu(page, '考核管理', '简易程序', '评定工作成绩、职业道德');
  await openRow(page, a.idNumber, '审核');
  await expect(page.getByText('请核实门诊工作量')).toBeVisible();
  await page.locator('.ant-drawer').getByRole('button', { name: '提交' }).click();
  await expect(page.getByText('已提交考核机构复核')).toBeVisible();
  await page.context().clearCookies();

  // 考核机构复核提交 → 待参加测评
  await orgLogin(page, 'yy_gxyd1');
  await page.getByRole('button', { name: '角色切换' }).click();
  await expect(page.getByText('当前角色：考核机构')).toBeVisible();
  await openMenu(page, '考核管理', '简易程序', '复核简易程序申请');
  await openRow(page, a.idNumber, '复核');
  await page.locator('.ant-drawer').getByRole('button', { name: '提交' }).click();
  await expect(page.getByText('复核已提交')).toBeVisible();
  expect((await statusOf(a.enrolmentId)).status).toBe('ready_for_exam');
});
