import fs from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import ExcelJS from 'exceljs';
import type { Pw } from './arrange/api';
import { arrangeReadyForExam, doctorApi } from './arrange/enrolment';
import { gradeFirstRound, setBlueprint, takeBothPapers } from './arrange/exam';
import { e2eDb } from './db';
import { openMenu, orgLogin } from './support';

/**
 * Seed 003 考核进度: 考核进度统计 (统计时间, 【重新统计】, drill-down), the 申请导出 → 下载 flow for
 * 考核进度, 考试进展导出 (已参加 / 未参加), and 证书打印 of several notices as one PDF. Each test
 * arranges its own physicians (unique names) in the demo province's 卫生机构 yy_nn1, through the
 * product's API (e2e/arrange): registration → 评定 → 复核 → 待参加测评, papers taken through the
 * exam API, 成绩评定 by the body.
 */
const db = e2eDb();
test.afterAll(async () => db.end());
test.beforeEach(async ({ playwright, baseURL }) => {
  // 业务水平 has one attempt (the service refuses more)
  for (const [type, attempts] of [
    ['humanities', 3],
    ['professional', 1],
  ] as const)
    await setBlueprint(playwright, baseURL!, type, { durationMinutes: 60, questionCount: 5, attempts });
});

let serial = 0;
type Stage = 'ready_for_exam' | 'pending_grading' | 'passed';
async function arrange(pw: Pw, baseURL: string, stage: Stage) {
  const tag = `${Date.now().toString(36).slice(-4)}${++serial}`;
  const d = await arrangeReadyForExam(pw, baseURL, `统计${tag}`);
  let humanitiesScore: number | null = null;
  if (stage !== 'ready_for_exam') {
    const doc = await doctorApi(pw, baseURL, d);
    humanitiesScore = (await takeBothPapers(doc, { humanities: 4 })).humanities.score;
    await doc.dispose();
  }
  if (stage === 'passed') await gradeFirstRound(pw, baseURL, [d.enrolmentId]);
  return { name: d.name, enrolmentId: d.enrolmentId, humanitiesScore };
}

/** Waits in the export dialog until the file is ready, downloads it, returns its bytes. */
async function downloadFromDialog(page: Page): Promise<Buffer> {
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByTestId('export-status')).toHaveText('可下载', { timeout: 90_000 });
  const [dl] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: '下载' }).click()]);
  return fs.readFileSync((await dl.path())!);
}

async function readSheet(buf: Buffer): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as never);
  return (wb.worksheets[0].getSheetValues().slice(1) as unknown[][]).map((r) => r.slice(1));
}

test('考核进度统计: 重新统计 changes the 统计时间, shows the chart, and drills down to the institution', async ({
  page,
  playwright,
  baseURL,
}) => {
  test.setTimeout(120_000);
  await arrange(playwright, baseURL!, 'passed');
  const { rows: chain } = await db.query(
    `SELECT o.name FROM organisations o, organisations i
      WHERE i.code = 'yy_nn1' AND i.path LIKE o.path || '%' AND o.kind = 'admin' AND o.level <> 'province'
      ORDER BY length(o.path)`,
  );
  const { rows: inst } = await db.query(`SELECT name FROM organisations WHERE code = 'yy_nn1'`);
  await orgLogin(page, 'gx_wjw');
  await openMenu(page, '考核管理', '考核进度', '考核进度统计');
  const time = page.getByTestId('stats-time');
  await expect(time).toBeVisible();
  const before = await time.textContent();
  await page.getByRole('button', { name: '重新统计' }).click();
  await expect(time).not.toHaveText(before ?? '', { timeout: 30_000 });
  await expect(time).toHaveText(/^\d{4}\/\d{1,2}\/\d{1,2}/);
  await expect(page.getByTestId('chart-考核进度分布').locator('canvas')).toBeVisible();
  // province → city → district → the institution's row
  for (const c of chain) await page.getByRole('button', { name: c.name, exact: true }).click();
  const row = page.getByRole('row', { name: new RegExp(inst[0].name) });
  await expect(row).toBeVisible();
  await expect(page.locator('.ant-breadcrumb')).toContainText(chain[chain.length - 1].name);
  // the table holds the counts of the stored snapshot: the institution has at least the arranged 考核合格
  const passedCol = await page
    .getByRole('columnheader', { name: '考核合格' })
    .evaluate((th) => (th as HTMLTableCellElement).cellIndex);
  expect(Number(await row.locator('td').nth(passedCol).textContent())).toBeGreaterThan(0);
});

test('考核进度: 导出 runs as a job, shows its progress, and the workbook holds the listed rows', async ({
  page,
  playwright,
  baseURL,
}) => {
  test.setTimeout(150_000); // the file is written by the job queue; generous on a loaded machine
  const a = await arrange(playwright, baseURL!, 'ready_for_exam');
  await orgLogin(page, 'yy_nn1');
  await openMenu(page, '考核管理', '考核进度');
  // seed 003: reviewers read the self-evaluation in Chinese, in the export too (issue 12 item 1)
  await page.getByText('导出含工作成绩、职业道德自评').click();
  await page.getByRole('button', { name: '导出', exact: true }).click();
  const rows = await readSheet(await downloadFromDialog(page));
  expect(rows[0].at(-1)).toBe('工作成绩、职业道德自评');
  expect(JSON.stringify(rows)).not.toMatch(/patients|ethicsSelf|goodRecord|workQuality|\{"/);
  const { rows: expected } = await db.query(
    `SELECT count(*)::int AS n FROM enrolments e JOIN organisations o ON o.id = e.institution_id
      JOIN cycles c ON c.id = e.cycle_id AND c.is_current WHERE o.code = 'yy_nn1'`,
  );
  expect(rows[0].slice(0, 2)).toEqual(['姓名', '证件号码']);
  expect(rows.length - 1).toBe(expected[0].n);
  expect(rows.find((r) => r[0] === a.name)?.[7]).toBe('待参加测评');
  // 我的导出 lists it with 【下载】
  await page.getByRole('dialog').locator('.ant-modal-footer').getByRole('button', { name: '关闭' }).click();
  await openMenu(page, '我的导出');
  await expect(page.getByRole('row', { name: /考核进度.*可下载/ }).first()).toBeVisible();
});

test('考试进展导出 lists who took the paper as 已参加 and who did not as 未参加', async ({
  page,
  playwright,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const took = await arrange(playwright, baseURL!, 'pending_grading');
  const notYet = await arrange(playwright, baseURL!, 'ready_for_exam');
  await orgLogin(page, 'gx_wjw');
  await openMenu(page, '考核管理', '考核进度', '考试进展导出');
  await page.getByRole('button', { name: '申请导出' }).click();
  const rows = await readSheet(await downloadFromDialog(page));
  expect(rows[0]).toEqual([
    '姓名',
    '证件号码',
    '卫生机构',
    '考核程序',
    '考核状态',
    '试卷',
    '参加情况',
    '成绩',
    '交卷时间',
  ]);
  expect(rows.find((r) => r[0] === took.name)?.slice(5, 8)).toEqual(['人文医学测评', '已参加', took.humanitiesScore]);
  expect(rows.find((r) => r[0] === notYet.name)?.slice(5, 7)).toEqual(['人文医学测评', '未参加']);
});

test('批量打印证书: three selected passed physicians arrive as one PDF with three pages', async ({
  page,
  playwright,
  baseURL,
}) => {
  test.setTimeout(240_000); // three physicians walked through the API; the file is written by the job queue
  const picked = [];
  for (let i = 0; i < 3; i++) picked.push(await arrange(playwright, baseURL!, 'passed'));
  await orgLogin(page, 'yy_nn1');
  await openMenu(page, '考核管理', '考核进度');
  for (const p of picked)
    await page
      .getByRole('row', { name: new RegExp(p.name) })
      .getByRole('checkbox')
      .check();
  await page.getByRole('button', { name: /批量打印证书（已选3人）/ }).click();
  const pdf = await downloadFromDialog(page);
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  expect((pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length).toBe(3);
});
