import { expect, test, type Page } from '@playwright/test';
import { confirmDialog, openMenu, orgLogin } from './support';

const stamp = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1000)}`;

async function logout(page: Page) {
  await page.getByRole('button', { name: '退出' }).click();
  await expect(page.getByRole('button', { name: '登录' })).toBeVisible();
}

/** 所辖机构账户管理 → 卫生机构 → 【新增】 … 【确认新增】; returns the new row. */
async function addInstitution(page: Page, code: string, name: string) {
  await openMenu(page, '所辖机构账户管理', '卫生机构');
  await page.getByRole('button', { name: '新增', exact: true }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('机构账号').fill(code);
  await dialog.getByLabel('机构名称').fill(name);
  await dialog.getByLabel('详细地址').fill('广西南宁市青秀区民族大道100号');
  await dialog.getByRole('button', { name: '确认新增' }).click();
  const row = page.getByRole('row', { name: new RegExp(code) });
  await expect(row).toContainText('未激活');
  return row;
}

test('市级卫健委【新增】卫生机构并【激活】，新账号以 666666 登录后须修改密码', async ({ page }) => {
  const code = `e2e_yy_${stamp()}`;
  const name = `南宁市测试医院${code.slice(-4)}`;
  await orgLogin(page, 'nn_wjw');
  await expect(page.getByText('当前角色：卫生行政机构')).toBeVisible();
  const row = await addInstitution(page, code, name);
  await row.getByRole('button', { name: '激活' }).click();
  await confirmDialog(page, '激活账号', /^确\s*认$/);
  await expect(row).toContainText('已激活');
  await expect(row.getByRole('button', { name: '重置密码' })).toBeVisible();
  await logout(page);

  await orgLogin(page, code, '666666');
  await expect(page.getByRole('heading', { name: '首次登录' })).toBeVisible();
  await page.getByLabel('原密码').fill('666666');
  await page.getByLabel('新密码', { exact: true }).fill('NewOrg2026x');
  await page.getByLabel('确认新密码').fill('NewOrg2026x');
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page.getByText('当前角色：卫生机构')).toBeVisible();
  await expect(page.getByText(name).first()).toBeVisible();
});

test('卫生机构申请考核机构，省卫健委【通过】并指定卫生机构，角色切换后可见已指定卫生机构', async ({ page }) => {
  // 南宁市第一人民医院 has permission to apply (can_apply_assessment) in the demo data
  await orgLogin(page, 'yy_nn1');
  await openMenu(page, '本机构信息', '申请考核机构');
  await page.locator('input[type=file]').setInputFiles({
    name: '考核机构资质证明.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from(
      '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 10 10]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
    ),
  });
  await expect(page.locator('.ant-list-item', { hasText: '考核机构资质证明.pdf' })).toBeVisible();
  await page.getByRole('button', { name: '提交申请' }).click();
  await expect(page.getByText('待审批', { exact: true })).toBeVisible();
  await logout(page);

  // the province approves it and assigns a new institution to it
  await orgLogin(page, 'gx_wjw');
  await openMenu(page, '考核管理', '考核机构管理', '审批考核机构');
  const appRow = page.getByRole('row', { name: /南宁市第一人民医院/ });
  await appRow.getByRole('button', { name: '查看' }).click();
  await expect(page.getByRole('dialog').getByText('考核机构资质证明.pdf')).toBeVisible();
  await page.getByRole('dialog').getByRole('button', { name: '通过' }).click();
  await confirmDialog(page, '通过申请', /^确\s*认$/);
  await expect(page.getByText('已通过，该机构已成为考核机构')).toBeVisible();

  const code = `e2e_zd_${stamp()}`;
  const name = `指定测试卫生院${code.slice(-4)}`;
  await addInstitution(page, code, name);
  await openMenu(page, '考核管理', '考核机构管理', '指定卫生机构');
  await page
    .getByRole('row', { name: /南宁市第一人民医院/ })
    .getByRole('button', { name: '指定' })
    .click();
  await page.getByPlaceholder('机构名称/账号').fill(code);
  await page.getByPlaceholder('机构名称/账号').press('Enter');
  const cand = page.getByRole('row', { name: new RegExp(name) });
  await cand.getByRole('checkbox').check();
  await page.getByRole('button', { name: '添加' }).click();
  await expect(page.getByText('已添加 1 个卫生机构')).toBeVisible();
  await expect(page.locator('.ant-card', { hasText: '已指定的卫生机构' }).getByText(name)).toBeVisible();
  await logout(page);

  // the same account switches to 考核机构 and sees the institution
  await orgLogin(page, 'yy_nn1');
  await page.getByRole('button', { name: '角色切换' }).click();
  await expect(page.getByText('当前角色：考核机构')).toBeVisible();
  await openMenu(page, '机构管理', '已指定卫生机构列表');
  await expect(page.getByRole('row', { name: new RegExp(name) })).toBeVisible();
});
