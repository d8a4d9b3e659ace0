import { expect, test } from '@playwright/test';
import { openMenu, orgLogin } from './support';
import { apiAs, findRow, physicianLogin, walkWizard } from './support-enrolment';

test('一般程序：参加考核 → 医师报名（手机）→ 上报考核名单 通过 → 确认考核医师名单 通过 → 评定 → 复核 → 待参加测评', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  // 卫生机构: 取消参加考核 then 【参加考核】 for 李明华 (API of 医师信息列表)
  const inst = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  await orgLogin(inst, 'yy_gxyd1');
  await expect(inst.getByText('当前角色：卫生机构')).toBeVisible();
  const row = await findRow(inst, '李明华', 'opened');
  expect(await apiAs(inst, 'POST', '/api/enrolments/cancel', { physicianIds: [row.physicianId] })).toEqual({ done: 1 });
  expect(await apiAs(inst, 'POST', '/api/enrolments/open', { physicianIds: [row.physicianId] })).toEqual({ done: 1 });

  // 医师 on a phone
  const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const doc = await ctx.newPage();
  await physicianLogin(doc, row.idNumber, '李明华');
  await expect(doc.getByTestId('enrolment-status')).toHaveText('已开通报名');
  await walkWizard(doc);
  await doc.getByRole('button', { name: '返回首页' }).click();
  await expect(doc.getByTestId('enrolment-status')).toHaveText('待卫生机构审核');
  const width = await doc.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(390);

  // 卫生机构: 上报考核名单 → 【审核】 → 【通过】
  await openMenu(inst, '考核管理', '医师管理', '上报考核名单');
  const tr = inst.locator('tr', { hasText: '李明华' });
  await tr.getByRole('button', { name: '审核' }).click();
  await expect(inst.locator('.ant-drawer').getByText('limh@example.cn')).toBeVisible();
  await inst.locator('.ant-drawer').getByRole('button', { name: '通过' }).click();
  await expect(inst.getByText('已通过，李明华的报名信息已上报考核机构')).toBeVisible();

  // 角色切换 → 考核机构: 确认考核医师名单 → 【通过】
  await inst.getByRole('button', { name: '角色切换' }).click();
  await expect(inst.getByText('当前角色：考核机构')).toBeVisible();
  await openMenu(inst, '考核管理', '确认考核医师名单');
  await inst.locator('tr', { hasText: '李明华' }).getByRole('button', { name: '通过' }).click();
  await expect(inst.getByText('已通过 李明华')).toBeVisible();

  // 医师 sees the new status and the messages
  await doc.reload();
  await expect(doc.getByTestId('enrolment-status')).toHaveText('待卫生机构评定');
  await doc.getByRole('button', { name: /站内消息/ }).click();
  await expect(doc.getByText('定期考核：复核通过')).toBeVisible();

  // 卫生机构: 一般程序 → 评定工作成绩、职业道德 → 合格 / 合格 → 【提交】
  await inst.getByRole('button', { name: '角色切换' }).click();
  await expect(inst.getByText('当前角色：卫生机构')).toBeVisible();
  await openMenu(inst, '考核管理', '一般程序', '评定工作成绩、职业道德');
  await inst.getByPlaceholder('姓名或证件号码').fill(row.idNumber);
  await inst.getByPlaceholder('姓名或证件号码').press('Enter');
  await inst.locator('.ant-table-row').first().getByRole('button', { name: '审核' }).click();
  const modal = inst.locator('.ant-drawer').filter({ hasText: '评定工作成绩、职业道德' });
  await modal.getByRole('radio', { name: '合格', exact: true }).first().check();
  await modal.getByRole('radio', { name: '合格', exact: true }).nth(1).check();
  await modal.getByRole('button', { name: '提交' }).click();
  await expect(inst.getByText('已提交考核机构复核')).toBeVisible();

  // 考核机构: 复核一般程序申请 → 【提交】
  await inst.getByRole('button', { name: '角色切换' }).click();
  await expect(inst.getByText('当前角色：考核机构')).toBeVisible();
  await openMenu(inst, '考核管理', '一般程序', '复核一般程序申请');
  await inst.getByPlaceholder('姓名或证件号码').fill(row.idNumber);
  await inst.getByPlaceholder('姓名或证件号码').press('Enter');
  await inst.locator('.ant-table-row').first().getByRole('button', { name: '复核' }).click();
  await inst.locator('.ant-drawer').getByRole('button', { name: '提交' }).click();
  await expect(inst.getByText('复核已提交')).toBeVisible();

  // 医师: 待参加测评, 试卷列表 reachable
  await doc.goto('/doctor');
  await expect(doc.getByTestId('enrolment-status')).toHaveText('待参加测评');
  await expect(doc.getByRole('button', { name: /试卷列表/ })).toBeEnabled();
});
