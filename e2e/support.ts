import { expect, type Page } from '@playwright/test';

export const DEMO_PASSWORD = 'Demo@2026';

/** 机构登录 through the real login page (captcha is off in the e2e environment). */
export async function orgLogin(page: Page, login: string, password = DEMO_PASSWORD) {
  await page.goto('/login');
  await page.getByLabel('账号').fill(login);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
}

/**
 * Open a left-navigation entry by its path of menu labels, e.g. ['所辖机构账户管理', '卫生机构'].
 * Groups are submenu titles, the last label is a leaf (a group and a leaf may share a name,
 * e.g. 医师管理 → 医师管理).
 */
export async function openMenu(page: Page, ...labels: string[]) {
  const menu = page.locator('.ant-layout-sider');
  const exact = (label: string) => new RegExp(`^${label}$`);
  for (const [i, label] of labels.entries()) {
    if (i < labels.length - 1) {
      const group = menu
        .locator('.ant-menu-submenu-title')
        .filter({ hasText: exact(label) })
        .first();
      // the menu may still be moving (a parent expanding) when the group is clicked: click until
      // it is open (CI saw the click land on the entry above while 考核管理 was expanding)
      await expect(async () => {
        if ((await group.getAttribute('aria-expanded')) !== 'true') await group.click({ timeout: 2000 });
        await expect(group).toHaveAttribute('aria-expanded', 'true', { timeout: 1000 });
      }).toPass({ timeout: 15_000 });
    } else {
      const leaf = menu
        .locator('li.ant-menu-item')
        .filter({ hasText: exact(label) })
        .first();
      // a submenu may still be expanding when its entry is clicked: click until it is selected
      await expect(async () => {
        await leaf.click({ timeout: 2000 });
        await expect(leaf).toHaveClass(/ant-menu-item-selected/, { timeout: 1000 });
      }).toPass({ timeout: 15_000 });
    }
  }
  await expect(page.locator('.ant-layout-content')).toBeVisible();
}

/**
 * 【交卷】 and, in 确认交卷, 【交卷】 until the result shows. On a busy machine CI saw the dialog's
 * button clicked the moment the dialog appeared and nothing happen (no request, no message):
 * the dialog's text is awaited first, and the click is repeated while the dialog stays open.
 */
export async function confirmSubmission(page: Page) {
  await page.getByRole('button', { name: '交卷' }).first().click();
  const dialog = page.getByRole('dialog', { name: '确认交卷' });
  await expect(dialog.getByText('交卷后不能再修改答案，确定交卷吗？')).toBeVisible();
  await expect(async () => {
    if (await dialog.isVisible()) await dialog.getByRole('button', { name: '交卷' }).click({ timeout: 2000 });
    await expect(page.getByTestId('exam-score')).toBeVisible({ timeout: 5000 });
  }).toPass({ timeout: 60_000 });
}

/**
 * Clicks a confirmation dialog's button until the dialog is gone: on a loaded machine a click that
 * arrives while the dialog is still opening can land nowhere (seen with 【密码重置】's 确定).
 */
export async function confirmDialog(page: Page, title: string, button: string | RegExp = /确\s*定|OK/) {
  const dialog = page.getByRole('dialog', { name: title });
  await expect(dialog).toBeVisible();
  await expect(async () => {
    if (await dialog.isVisible()) await dialog.getByRole('button', { name: button }).click({ timeout: 2000 });
    await expect(dialog).toBeHidden({ timeout: 5000 });
  }).toPass({ timeout: 30_000 });
}
