import { expect, type Page, test } from '@playwright/test';
import { arrangePhysician, doctorLogin, PHONE } from './doctor-support';
import { openMenu, orgLogin } from './support';
import { walkWizard } from './support-enrolment';

/** Find the physician's row of a review list through its 姓名或证件号码 box (names repeat, ID numbers do not). */
async function searchRow(page: Page, idNumber: string, name: string) {
  await page.getByPlaceholder('姓名或证件号码').fill(idNumber);
  await page.getByPlaceholder('姓名或证件号码').press('Enter');
  const tr = page.locator('.ant-table-row', { hasText: name });
  await expect(tr).toHaveCount(1);
  return tr;
}

test('一般程序：参加考核 → 医师报名（手机）→ 上报考核名单 通过 → 确认考核医师名单 通过 → 评定 → 复核 → 待参加测评', async ({
  browser,
  playwright,
  baseURL,
}) => {
  // the longest walk of the suite (wizard on a phone, then five reviews in two roles): the same budget as
  // doctor-registration.spec's wizard walk; CI once ran out of 180 s at the wizard's step 5 (41 s alone)
  test.setTimeout(300_000);
  // a physician of its own at 广西医科大学第一附属医院 (卫生机构 and 考核机构): imported, 【参加考核】, onboarded
  const d = await arrangePhysician(playwright, baseURL!, '李明华', 'yy_gxyd1');
  const inst = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  await orgLogin(inst, 'yy_gxyd1');
  await expect(inst.getByText('当前角色：卫生机构')).toBeVisible();

  // 医师 on a phone
  const ctx = await browser.newContext(PHONE);
  const doc = await ctx.newPage();
  await doctorLogin(doc, d);
  await expect(doc.getByTestId('enrolment-status')).toHaveText('已开通报名');
  await walkWizard(doc);
  await doc.getByRole('button', { name: '返回首页' }).click();
  await expect(doc.getByTestId('enrolment-status')).toHaveText('待卫生机构审核');
  const width = await doc.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(390);

  // 卫生机构: 上报考核名单 → 【审核】 → 【通过】
  await openMenu(inst, '考核管理', '医师管理', '上报考核名单');
  const tr = await searchRow(inst, d.idNumber, '李明华');
  await tr.getByRole('button', { name: '审核' }).click();
  await expect(inst.locator('.ant-drawer').getByText('limh@example.cn')).toBeVisible();
  await inst.locator('.ant-drawer').getByRole('button', { name: '通过' }).click();
  await expect(inst.getByText('已通过，李明华的报名信息已上报考核机构')).toBeVisible();

  // 角色切换 → 考核机构: 确认考核医师名单 → 【通过】
  await inst.getByRole('button', { name: '角色切换' }).click();
  await expect(inst.getByText('当前角色：考核机构')).toBeVisible();
  await openMenu(inst, '考核管理', '确认考核医师名单');
  await (await searchRow(inst, d.idNumber, '李明华')).getByRole('button', { name: '通过' }).click();
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
  await inst.getByPlaceholder('姓名或证件号码').fill(d.idNumber);
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
  await inst.getByPlaceholder('姓名或证件号码').fill(d.idNumber);
  await inst.getByPlaceholder('姓名或证件号码').press('Enter');
  await inst.locator('.ant-table-row').first().getByRole('button', { name: '复核' }).click();
  await inst.locator('.ant-drawer').getByRole('button', { name: '提交' }).click();
  await expect(inst.getByText('复核已提交')).toBeVisible();

  // 医师: 待参加测评, 试卷列表 reachable
  await doc.goto('/doctor');
  await expect(doc.getByTestId('enrolment-status')).toHaveText('待参加测评');
  await expect(doc.getByRole('button', { name: /试卷列表/ })).toBeEnabled();
  // the pages of this test's own contexts (the fixture's page is closed by Playwright)
  await inst.close();
  await ctx.close();
});
