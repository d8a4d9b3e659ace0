import { expect, type Page } from '@playwright/test';

export const DEMO_PASSWORD = 'Demo@2026';

/** 机构登录 through the real login page (captcha is off in the e2e environment). */
export async function orgLogin(page: Page, login: string, password = DEMO_PASSWORD) {
  await page.goto('/login');
  await page.getByLabel('账号').fill(login);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
}

/** Open a left-navigation entry by its path of menu labels, e.g. ['所辖机构账户管理', '卫生机构']. */
export async function openMenu(page: Page, ...labels: string[]) {
  const menu = page.locator('.ant-layout-sider');
  for (const [i, label] of labels.entries()) {
    const item = menu.getByRole('menuitem', { name: label, exact: true });
    if (i < labels.length - 1) {
      const expanded = await item.getAttribute('aria-expanded');
      if (expanded !== 'true') await item.click();
    } else {
      await item.click();
    }
  }
  await expect(page.locator('.ant-layout-content')).toBeVisible();
}
