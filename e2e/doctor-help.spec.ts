import { expect, test } from '@playwright/test';
import { arrangePhysician, call, doctorLogin, PHONE } from './doctor-support';
import { openMenu, orgLogin } from './support';

/**
 * Seed 004 登录页 【联系客服】|【医师操作手册】 and its menu 个人信息 / 常见问题 (issue 12 item 11):
 * the province sets the contact; both login pages show it; the manual and FAQ open from the login
 * page and from the physician menu; 个人信息 shows the registry data and the bound mobile.
 */
test('seed 004 登录页【联系客服】【医师操作手册】与菜单 个人信息、常见问题', async ({
  browser,
  playwright,
  baseURL,
}) => {
  test.setTimeout(300_000);
  const phone = `0771-28${String(Date.now() % 100000).padStart(5, '0')}`;

  // 省级卫生行政机构: 系统管理 › 联系客服设置
  const admin = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  await orgLogin(admin, 'gx_wjw');
  await openMenu(admin, '系统管理', '联系客服设置');
  await admin.getByLabel('客服电话').fill(phone);
  await admin.getByLabel('服务时间').fill('工作日 8:30–17:30');
  await admin.getByRole('button', { name: '保存' }).click();
  await expect(admin.getByText('已保存，登录页的联系客服已更新')).toBeVisible({ timeout: 30_000 });
  await admin.close();

  const ctx = await browser.newContext(PHONE);
  const page = await ctx.newPage();
  // both login pages, before logging in
  for (const url of ['/login', '/doctor/login']) {
    await page.goto(url);
    await expect(page.getByTestId('help-contact')).toContainText(phone, { timeout: 30_000 });
    await expect(page.getByTestId('help-contact')).toContainText('工作日 8:30–17:30');
  }
  await page.getByRole('link', { name: '医师操作手册' }).click();
  await expect(page.getByRole('heading', { name: '一、医师登录' })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('heading', { name: '三、我要报名（共 6 步）' })).toBeVisible();
  await page.getByRole('button', { name: '返回登录' }).click();
  await page.getByRole('link', { name: '常见问题' }).click();
  await expect(page.getByText('我是医师，我要做什么？')).toBeVisible({ timeout: 30_000 });
  await page.getByText('提交后发现信息填错了，怎么修改？').click();
  await expect(page.getByText(/单位同意后，首页会显示/)).toBeVisible();
  await expect(page.getByTestId('help-contact')).toContainText(phone);

  // logged in: the physician menu has 个人信息 and 常见问题
  const d = await arrangePhysician(playwright, baseURL!, '陆家明');
  await doctorLogin(page, d);
  const menu = page.getByRole('navigation', { name: '医师菜单' });
  await menu.getByRole('link', { name: '个人信息' }).click();
  await expect(page.getByText(d.idNumber)).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText('广西医科大学第一附属医院').or(page.getByText(/医院/).first())).toBeVisible();
  await expect(page.getByTestId('bound-mobile')).toHaveText(d.mobile);
  await menu.getByRole('link', { name: '常见问题' }).click();
  await expect(page.getByText('我是医师，我要做什么？')).toBeVisible({ timeout: 30_000 });
  await menu.getByRole('link', { name: '操作手册' }).click();
  await expect(page.getByRole('heading', { name: '七、报名成功后修改信息' })).toBeVisible({ timeout: 30_000 });
  await menu.getByRole('link', { name: '首页' }).click();
  await expect(page.getByTestId('enrolment-status')).toHaveText('已开通报名');
  // the public contact list of a logged-in physician is their own province's only
  const mine = await call(page.request, 'GET', '/api/help/contacts');
  expect(mine.items).toEqual([{ provinceName: expect.any(String), phone, hours: '工作日 8:30–17:30' }]);
  await d.inst.dispose();
  await ctx.close();
});
