import { expect, test } from '@playwright/test';
import { orgLogin } from './support';

test('卫生机构首次登录：初始密码 666666 登录后强制密码初始化', async ({ page }) => {
  // 南宁市青秀区中医医院 has only the initial password in the demo data
  await orgLogin(page, 'yy_qxzy', '666666');
  await expect(page.getByRole('heading', { name: '首次登录' })).toBeVisible();
  await page.getByLabel('原密码').fill('666666');
  await page.getByLabel('新密码', { exact: true }).fill('Qxzy2026ok');
  await page.getByLabel('确认新密码').fill('Qxzy2026ok');
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page.getByText('当前角色：卫生机构')).toBeVisible();
  // first login: the cycle dates popup leads to 本机构信息 (【去确认】)
  await expect(page.getByText('考核周期起止日期告知')).toBeVisible();
  await page.getByRole('button', { name: '去确认' }).click();
  await expect(page).toHaveURL(/\/org\/profile$/);
  // the new password works, the old one no longer does
  await page.getByRole('button', { name: '退出' }).click();
  await orgLogin(page, 'yy_qxzy', '666666');
  await expect(page.getByText('账号或密码错误')).toBeVisible();
  await orgLogin(page, 'yy_qxzy', 'Qxzy2026ok');
  await expect(page.getByText('当前角色：卫生机构')).toBeVisible();
});
