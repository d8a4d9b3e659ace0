import { expect, test } from '@playwright/test';
import ExcelJS from 'exceljs';
import { openMenu, orgLogin } from './support';

const COLUMNS = [
  '题库',
  '分类',
  '执业类别',
  '题型',
  '题干',
  '选项A',
  '选项B',
  '选项C',
  '选项D',
  '选项E',
  '选项F',
  '选项G',
  '选项H',
  '答案',
  '解析',
  '难度',
];

async function xlsx(rows: Record<string, string>[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('试题');
  ws.addRow(COLUMNS);
  for (const r of rows) ws.addRow(COLUMNS.map((c) => r[c] ?? ''));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

test('省级题库管理：新增试题；导入含错误行的表格整体不导入并显示行错误，修正后导入成功', async ({ page }) => {
  await orgLogin(page, 'gx_wjw');
  await openMenu(page, '考核管理', '题库管理', '人文医学题库');
  // the submenu may still be opening when it is clicked; click the entry until the page shows
  await expect(async () => {
    if (!/\/bank\/humanities$/.test(page.url()))
      await page.locator('.ant-layout-sider').getByRole('menuitem', { name: '人文医学题库', exact: true }).click();
    await expect(page).toHaveURL(/\/bank\/humanities$/, { timeout: 1000 });
  }).toPass({ timeout: 15_000 });
  await expect(page.locator('.ant-card-head-title', { hasText: '人文医学题库' })).toBeVisible();

  // 新增
  await page.getByRole('button', { name: '新增' }).click();
  const dlg = page.getByRole('dialog');
  // the dropdown may still be animating open: pick until the select shows the choice
  await expect(async () => {
    await dlg.getByLabel('分类').click();
    await page.locator('.ant-select-dropdown:visible').getByTitle('法律法规', { exact: true }).click({ timeout: 2000 });
    await expect(dlg.locator('.ant-select-content', { hasText: '法律法规' })).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 15_000 });
  await dlg.getByLabel('题干').fill('E2E：《医师法》规定医师定期考核的周期为');
  await dlg.getByLabel('选项A').fill('一年');
  await dlg.getByLabel('选项B').fill('二年');
  await dlg.getByLabel('选项C').fill('三年');
  await dlg.getByLabel('选项D').fill('五年');
  await dlg.locator('.ant-form-item', { hasText: '答案' }).getByText('C', { exact: true }).click();
  await dlg.getByLabel('解析').fill('考核周期为三年。');
  await dlg.getByRole('button', { name: '保存' }).click();
  await expect(page.getByText('已新增试题')).toBeVisible();
  await page.getByLabel('关键字').fill('E2E：《医师法》');
  await page.getByRole('button', { name: '查询' }).click();
  await expect(page.locator('tr', { hasText: 'E2E：《医师法》规定医师定期考核的周期为' })).toBeVisible();

  // 导入: one bad row (多选题只有一个答案) → nothing imported, the row error is shown
  const good = {
    题库: '人文医学',
    分类: '医患沟通',
    题型: '单选题',
    题干: 'E2E导入：问诊开始时宜采用的提问方式是',
    选项A: '开放式提问',
    选项B: '诱导式提问',
    选项C: '连续多问',
    答案: 'A',
    解析: '开放式提问便于患者充分叙述。',
    难度: '2',
  };
  const bad = {
    题库: '业务水平',
    分类: '内科',
    执业类别: '临床',
    题型: '多选题',
    题干: 'E2E导入：属于ACEI类的药物是',
    选项A: '卡托普利',
    选项B: '依那普利',
    选项C: '氨氯地平',
    答案: 'A',
    难度: '3',
  };
  await page.locator('button', { hasText: /^导入$/ }).click();
  const imp = page.getByRole('dialog', { name: '导入试题' });
  await imp.locator('input[type=file]').setInputFiles({
    name: '试题.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: await xlsx([good, bad]),
  });
  await imp.getByRole('button', { name: '开始导入' }).click();
  await expect(imp.getByText('未导入任何试题')).toBeVisible();
  await expect(imp.locator('tr', { hasText: '多选题至少要有两个正确答案' })).toContainText('3');
  await expect(imp.getByRole('button', { name: '下载错误报告' })).toBeVisible();
  const before = await page.request.get(`/api/bank/questions?keyword=${encodeURIComponent('E2E导入')}`);
  expect((await before.json()).total).toBe(0);

  // fixed → imported
  await imp.locator('input[type=file]').setInputFiles({
    name: '试题.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: await xlsx([good, { ...bad, 答案: 'AB' }]),
  });
  await imp.getByRole('button', { name: '开始导入' }).click();
  await expect(imp.getByText('已导入 2 道试题')).toBeVisible();
  await page.keyboard.press('Escape');
  await page.getByLabel('关键字').fill('E2E导入');
  await page.getByRole('button', { name: '查询' }).click();
  await expect(page.locator('tr', { hasText: 'E2E导入：问诊开始时宜采用的提问方式是' })).toBeVisible();
  const after = await page.request.get(`/api/bank/questions?keyword=${encodeURIComponent('E2E导入')}`);
  expect((await after.json()).total).toBe(2);
});
