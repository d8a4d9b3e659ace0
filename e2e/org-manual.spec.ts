import { expect, test, type Page } from '@playwright/test';
import { apiAs } from './support-enrolment';
import { confirmDialog, openMenu, orgLogin } from './support';

/**
 * Seed 003 (卫生行政机构 / 卫生机构 chapters) read by a user who only has the manual's words:
 * 2.2.3 所辖机构账户管理 (filters belong to their page, 【重置】), 行业组织 承担考核机构角色,
 * 系统管理 › 操作日志 as sentences, the home page's 【去审核】/【去评定】, and a withheld
 * 【变更卫生机构】 that says why.
 */

const stamp = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1000)}`;
const content = (page: Page) => page.locator('.ant-layout-content');

test('所辖机构账户管理：一页输入的查询条件不带到下一页；筛选时显示“已筛选”并可【重置】', async ({ page }) => {
  await orgLogin(page, 'gx_wjw');
  await openMenu(page, '所辖机构账户管理', '地方卫健委');
  const box = page.getByLabel('机构名称/账号');
  await box.fill(`不存在的机构${stamp()}`);
  await page.getByRole('button', { name: '查询' }).click();
  await expect(content(page).getByText('已筛选')).toBeVisible();
  await expect(content(page).getByText('没有符合筛选条件的记录')).toBeVisible();

  // the next page of the same menu starts without the search word and lists its accounts
  await openMenu(page, '所辖机构账户管理', '卫生机构');
  await expect(page.getByLabel('机构名称/账号')).toHaveValue('');
  await expect(content(page).getByText('已筛选')).toHaveCount(0);
  await expect(content(page).locator('.ant-table-row').first()).toBeVisible();

  // a filtered list offers 【重置】, which brings every row back
  await page.getByLabel('机构名称/账号').fill(`不存在的机构${stamp()}`);
  await page.getByRole('button', { name: '查询' }).click();
  await expect(content(page).getByText('没有符合筛选条件的记录')).toBeVisible();
  await content(page).getByRole('button', { name: '重置' }).first().click();
  await expect(content(page).getByText('已筛选')).toHaveCount(0);
  await expect(page.getByLabel('机构名称/账号')).toHaveValue('');
  await expect(content(page).locator('.ant-table-row').first()).toBeVisible();
});

test('行业组织账户可承担考核机构角色：行政机构配置后出现在考核机构列表', async ({ page }) => {
  const code = `e2e_xh_${stamp()}`;
  const name = `广西测试医学会${code.slice(-5)}`;
  await orgLogin(page, 'gx_wjw');
  await openMenu(page, '所辖机构账户管理', '行业组织');
  await page.getByRole('button', { name: '新增', exact: true }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('机构账号').fill(code);
  await dialog.getByLabel('机构名称').fill(name);
  await dialog.getByLabel('详细地址').fill('广西南宁市青秀区桃源路1号');
  await dialog.getByRole('button', { name: '确认新增' }).click();
  const row = page.getByRole('row', { name: new RegExp(code) });
  await row.getByRole('button', { name: '激活' }).click();
  await confirmDialog(page, '激活账号', /^确\s*认$/);
  await expect(row).toContainText('已激活');

  await row.getByRole('button', { name: '设为考核机构' }).click();
  await confirmDialog(page, '设为考核机构', /^确\s*认$/);
  await expect(page.getByText('已设为考核机构')).toBeVisible();
  await expect(row).toContainText('承担考核机构');

  await openMenu(page, '考核管理', '考核机构管理', '考核机构列表');
  await page.getByLabel('机构名称/账号').fill(code);
  await page.getByRole('button', { name: '查询' }).click();
  const body = page.getByRole('row', { name: new RegExp(code) });
  await expect(body).toContainText(name);
  await expect(body).toContainText('行业组织');
});

test('系统管理 › 操作日志：每条记录是一句中文，写出对象名称，不显示原始数据', async ({ page }) => {
  const code = `e2e_rz_${stamp()}`;
  const name = `日志测试卫生院${code.slice(-5)}`;
  await orgLogin(page, 'nn_wjw');
  await expect(page.getByText('当前角色：卫生行政机构')).toBeVisible();
  await apiAs(page, 'POST', '/api/org/subordinates', {
    kind: 'institution',
    code,
    name,
    address: '广西南宁市兴宁区测试路2号',
  });
  await openMenu(page, '系统管理', '操作日志');
  const first = content(page).locator('.ant-table-row').first();
  await expect(first).toContainText(name);
  await expect(first).toContainText('南宁市卫生健康委员会');
  const text = (await content(page).locator('.ant-table-tbody').textContent()) ?? '';
  expect(text).not.toMatch(/[{}]|"[a-z][A-Za-z_]+"|\b(organisation|account|enrolment|exam_attempt|ready_for_exam)\b/);
});

test('首页待办：每张卡片用手册的【去审核】/【去评定】打开对应页面', async ({ page }) => {
  for (const login of ['yy_gxyd1', 'gx_wjw']) {
    await orgLogin(page, login);
    await expect(page.getByText('当前角色：')).toBeVisible();
    const cards = content(page).getByTestId('todo-card');
    await expect(cards.first()).toBeVisible();
    const n = await cards.count();
    for (let i = 0; i < n; i++) {
      const card = cards.nth(i);
      const label = (await card.getAttribute('aria-label')) ?? '';
      // the manual's words per card: 去审核 / 去评定, 去确认 for 确认再次考核名单, 去处理 for 医师信息修改 requests
      const go = card.getByRole('button', { name: /^(去审核|去评定|去确认|去处理)$/ });
      await expect(go, label).toBeVisible();
      if (label.includes('评定')) await expect(go).toHaveText('去评定');
      await go.click();
      await expect(page, label).not.toHaveURL(/\/$/);
      await expect(content(page).locator('.ant-card').first(), label).toBeVisible({ timeout: 30_000 });
      // the page opened is one of the menu's pages (the menu marks it selected)
      await expect(page.locator('.ant-layout-sider .ant-menu-item-selected'), label).toHaveCount(1);
      await page.locator('.ant-layout-sider').getByRole('menuitem', { name: '首页' }).click();
      await expect(cards.first()).toBeVisible();
    }
    await page.getByRole('button', { name: '退出' }).click();
  }
});

test('医师管理：已参加本周期考核的医师【变更卫生机构】不可用，并说明原因', async ({ page }) => {
  // 南宁市第一人民医院 opens registration for one of its physicians (【参加考核】)
  await orgLogin(page, 'yy_nn1');
  await expect(page.getByText('当前角色：卫生机构')).toBeVisible();
  const list = await apiAs(page, 'GET', '/api/physicians?status=not_opened&limit=1');
  const doc = list.items[0] as { id: number; name: string; idNumberMasked: string };
  await apiAs(page, 'POST', '/api/enrolments/open', { physicianIds: [doc.id] });
  await page.getByRole('button', { name: '退出' }).click();

  await orgLogin(page, 'nn_wjw');
  await openMenu(page, '考核管理', '医师管理', '医师管理');
  await page.getByLabel('姓名').fill(doc.name);
  await page.getByRole('button', { name: '查询' }).click();
  const row = page.locator('.ant-table-row', { hasText: doc.idNumberMasked });
  await expect(row).toContainText('已开通报名');
  const withheld = row.getByRole('button', { name: /^变更卫生机构（.+）$/ });
  await expect(withheld).toBeDisabled();
  await expect(withheld).toHaveAccessibleName(/已参加本周期考核/);
  await withheld.locator('..').hover();
  await expect(page.getByRole('tooltip')).toContainText('已参加本周期考核');

  // the list masks the 证件号码; the detail view shows it in full only on request (audited on the server)
  await expect(row).toContainText(doc.idNumberMasked);
  await row.getByRole('button', { name: '查看' }).click();
  const dlg = page.getByRole('dialog', { name: '医师信息' });
  await expect(dlg).toContainText(doc.idNumberMasked);
  await dlg.getByRole('button', { name: '查看完整证件号' }).click();
  await expect(dlg.getByText(/^\d{17}[\dX]$/)).toBeVisible();
});
