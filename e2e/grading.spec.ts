import { expect, test, type Page } from '@playwright/test';
import { e2eDb, onboardWithDemoPassword } from './db';
import { openMenu, orgLogin } from './support';

/**
 * 成绩评定 (考核机构) and 再次考核管理 (卫生行政机构), then the physician's 考核结果 and
 * 考核结果通知书. The exam itself is another spec; here the scores are arranged in the DB.
 */
const db = e2eDb();
test.afterAll(async () => db.end());

async function arrange(scores: { humanities: number; professional: number }) {
  const { rows } = await db.query(
    `SELECT p.id, p.id_number, p.name, c.id AS cycle_id, o.id AS inst_id, o.path, o.province_id
       FROM physicians p JOIN organisations o ON o.id = p.institution_id
       JOIN cycles c ON c.province_id = p.province_id AND c.is_current
      WHERE o.code = 'yy_nn1' AND NOT EXISTS (SELECT 1 FROM enrolments e WHERE e.physician_id = p.id)
      ORDER BY p.id DESC LIMIT 1`,
  );
  const p = rows[0];
  const body = await db.query(`SELECT body_org_id FROM assessment_assignments WHERE institution_id = $1`, [p.inst_id]);
  const { rows: e } = await db.query(
    `INSERT INTO enrolments (cycle_id, province_id, physician_id, institution_id, org_path, assessment_body_id, status, procedure,
                             work_result, ethics_result, humanities_score, professional_score)
     VALUES ($1, $2, $3, $4, $5, $6, 'pending_grading', 'general', '合格', '合格', $7, $8) RETURNING id`,
    [
      p.cycle_id,
      p.province_id,
      p.id,
      p.inst_id,
      p.path,
      body.rows[0].body_org_id,
      scores.humanities,
      scores.professional,
    ],
  );
  return {
    enrolmentId: e[0].id as number,
    idNumber: p.id_number as string,
    name: p.name as string,
    cycleId: p.cycle_id as number,
  };
}

const statusOf = async (id: number) =>
  (await db.query(`SELECT status, final_result, fail_reason, no_promotion FROM enrolments WHERE id = $1`, [id]))
    .rows[0];

async function confirmRow(page: Page, idNumber: string) {
  await page.getByPlaceholder('姓名或证件号码').fill(idNumber);
  await page.getByPlaceholder('姓名或证件号码').press('Enter');
  const row = page.locator('.ant-table-row').first();
  await expect(row).toBeVisible();
  await row.getByRole('button', { name: '确认' }).click();
  // the confirmed record leaves the list (it is no longer awaiting a decision)
  await expect(page.locator('.ant-table-row')).toHaveCount(0);
}

test('考核机构评定成绩 → 省级确认再次考核名单 → 再次考核评定 → 医师查看结果并打印通知书', async ({ page }) => {
  const passing = await arrange({ humanities: 86, professional: 72 });
  const failing = await arrange({ humanities: 75, professional: 41 });

  // 考核机构: 评定一般程序成绩结果
  await orgLogin(page, 'yy_gxyd1');
  await page.getByRole('button', { name: '角色切换' }).click();
  await expect(page.getByText('当前角色：考核机构')).toBeVisible();
  await openMenu(page, '考核管理', '一般程序', '评定一般程序成绩结果');
  await page.getByPlaceholder('姓名或证件号码').fill(failing.idNumber);
  await page.getByPlaceholder('姓名或证件号码').press('Enter');
  await expect(page.locator('.ant-table-row').first().getByText('不合格')).toBeVisible();
  await page.locator('.ant-table-row').first().getByRole('button', { name: '确认' }).click();
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

  // the re-exam is sat (exam spec); open the re-exam grading window for this run
  await db.query(`UPDATE enrolments SET status = 'pending_reexam_grading', professional_score = 68 WHERE id = $1`, [
    failing.enrolmentId,
  ]);
  const { rows } = await db.query(`SELECT windows FROM cycles WHERE id = $1`, [failing.cycleId]);
  const saved = rows[0].windows;
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  await db.query(`UPDATE cycles SET windows = jsonb_set(windows, '{reexamGrading}', $2::jsonb) WHERE id = $1`, [
    failing.cycleId,
    JSON.stringify({ start: today, end: today }),
  ]);
  try {
    await orgLogin(page, 'nn_wjw');
    await openMenu(page, '考核管理', '再次考核管理', '评定一般程序再次考核');
    await confirmRow(page, failing.idNumber);
  } finally {
    await db.query(`UPDATE cycles SET windows = $2 WHERE id = $1`, [failing.cycleId, saved]);
  }
  expect(await statusOf(failing.enrolmentId)).toMatchObject({ status: 'passed', no_promotion: true });
  await page.getByRole('button', { name: '退出' }).click();

  // the physician (onboarded for this spec with the demo password) sees the result and prints
  await onboardWithDemoPassword(db, 'physician', failing.idNumber, '13900001234');
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/doctor/login');
  await page.getByLabel('证件号码').fill(failing.idNumber);
  await page.getByLabel('姓名').fill(failing.name);
  await page.getByLabel('密码').fill('Demo@2026');
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
