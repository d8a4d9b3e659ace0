import { expect, test, type Page } from '@playwright/test';
import type { Pw } from './arrange/api';
import { reexamOpenToday, withWindows } from './arrange/cycle';
import { arrangeReadyForExam, doctorApi } from './arrange/enrolment';
import { setBlueprint, takePaper } from './arrange/exam';
import { maskIdNumber } from '../src/shared/idcard';
import { e2eDb } from './db';
import { DOCTOR_PASSWORD } from './doctor-support';
import { openMenu, orgLogin } from './support';

/**
 * 成绩评定 (考核机构) and 再次考核管理 (卫生行政机构), then the physician's 考核结果 and
 * 考核结果通知书. Everything before is arranged through the product's API (e2e/arrange): two
 * physicians of their own reach 待参加测评 and take both papers through the exam API (one passes,
 * one fails 业务水平); the re-exam is sat through the same API once the province has opened the
 * re-exam windows in 本周期考核设置 (time travel as the province would do it, restored after).
 */
const db = e2eDb();
test.afterAll(async () => db.end());

/** 5-question papers of the demo bank; scores = 20 points per right answer. */
async function arrange(pw: Pw, baseURL: string, name: string, right: { humanities: number; professional: number }) {
  const d = await arrangeReadyForExam(pw, baseURL, name);
  const doc = await doctorApi(pw, baseURL, d);
  await takePaper(doc, 'humanities', right.humanities);
  const r = await takePaper(doc, 'professional', right.professional);
  expect(r.finished).toBe(true);
  await doc.dispose();
  return d;
}

const statusOf = async (id: number) =>
  (await db.query(`SELECT status, final_result, fail_reason, no_promotion FROM enrolments WHERE id = $1`, [id]))
    .rows[0];

/** After a search by ID number: the list holds this physician's row only (lists mask the number). */
async function searched(page: Page, idNumber: string) {
  await expect(page.locator('.ant-table-row')).toHaveCount(1);
  const row = page.locator('.ant-table-row').filter({ hasText: maskIdNumber(idNumber) });
  await expect(row).toBeVisible();
  return row;
}

async function confirmRow(page: Page, idNumber: string) {
  await page.getByPlaceholder('姓名或证件号码').fill(idNumber);
  await page.getByPlaceholder('姓名或证件号码').press('Enter');
  const row = await searched(page, idNumber);
  await row.getByRole('button', { name: '确认' }).click();
  // the confirmed record leaves the list (it is no longer awaiting a decision)
  await expect(page.locator('.ant-table-row')).toHaveCount(0);
}

test('考核机构评定成绩 → 省级确认再次考核名单 → 再次考核评定 → 医师查看结果并打印通知书', async ({
  page,
  playwright,
  baseURL,
}) => {
  test.setTimeout(180_000);
  // 业务水平 has one attempt (the service refuses more)
  for (const [type, attempts] of [
    ['humanities', 3],
    ['professional', 1],
  ] as const)
    await setBlueprint(playwright, baseURL!, type, { durationMinutes: 60, questionCount: 5, attempts });
  const passing = await arrange(playwright, baseURL!, '甘评定', { humanities: 5, professional: 4 }); // 100 / 80
  const failing = await arrange(playwright, baseURL!, '岑评定', { humanities: 4, professional: 2 }); // 80 / 40

  // 考核机构: 评定一般程序成绩结果
  await orgLogin(page, 'yy_gxyd1');
  await page.getByRole('button', { name: '角色切换' }).click();
  await expect(page.getByText('当前角色：考核机构')).toBeVisible();
  await openMenu(page, '考核管理', '一般程序', '评定一般程序成绩结果');
  await page.getByPlaceholder('姓名或证件号码').fill(failing.idNumber);
  await page.getByPlaceholder('姓名或证件号码').press('Enter');
  const failingRow = await searched(page, failing.idNumber);
  await expect(failingRow.getByText('不合格')).toBeVisible();
  await failingRow.getByRole('button', { name: '确认' }).click();
  await expect(page.locator('.ant-table-row')).toHaveCount(0);
  await confirmRow(page, passing.idNumber);
  expect(await statusOf(passing.enrolmentId)).toMatchObject({ status: 'passed', final_result: '合格' });
  expect(await statusOf(failing.enrolmentId)).toMatchObject({ status: 'failed', fail_reason: 'exam' });
  await page.getByRole('button', { name: '退出' }).click();

  // 省级: 确认再次考核名单
  await orgLogin(page, 'gx_wjw');
  await openMenu(page, '考核管理', '再次考核管理', '确认再次考核名单');
  await confirmRow(page, failing.idNumber);
  expect((await statusOf(failing.enrolmentId)).status).toBe('reexam_ready');
  await page.getByRole('button', { name: '退出' }).click();

  // the province opens the re-exam (本周期考核设置: first round over, re-exam and its grading from
  // today); the physician sits the 业务水平 re-exam through the exam API and passes (80)
  await withWindows(playwright, baseURL!, reexamOpenToday, async () => {
    const doc = await doctorApi(playwright, baseURL!, failing);
    expect((await takePaper(doc, 'professional', 4)).finished).toBe(true);
    await doc.dispose();
    expect((await statusOf(failing.enrolmentId)).status).toBe('pending_reexam_grading');
    await orgLogin(page, 'nn_wjw');
    await openMenu(page, '考核管理', '再次考核管理', '评定一般程序再次考核');
    await confirmRow(page, failing.idNumber);
  });
  expect(await statusOf(failing.enrolmentId)).toMatchObject({ status: 'passed', no_promotion: true });
  await page.getByRole('button', { name: '退出' }).click();

  // the physician (onboarded at arranging: own password) sees the result and prints
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/doctor/login');
  await page.getByLabel('证件号码').fill(failing.idNumber);
  await page.getByLabel('姓名').fill(failing.name);
  await page.getByLabel('密码').fill(DOCTOR_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL(/\/doctor$/);
  await page.goto('/doctor/result');
  await expect(page.getByText('考核合格').first()).toBeVisible();
  await expect(page.getByText('本考核周期内不得评优和晋升').first()).toBeVisible();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '打印' }).click(),
  ]);
  expect(download.suggestedFilename()).toContain('考核结果通知书');
  const notice = await db.query(`SELECT code FROM notices WHERE enrolment_id = $1`, [failing.enrolmentId]);
  await page.goto(`/verify/${notice.rows[0].code}`);
  await expect(page.getByText('通知书真实有效', { exact: true })).toBeVisible();
});
