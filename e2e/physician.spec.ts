import { expect, test, type Page } from '@playwright/test';
import pg from 'pg';
import { confirmDialog, openMenu, orgLogin } from './support';
import { idCheckDigit } from '../src/shared/idcard';

const PG_URL = `postgres://dingkao:dingkao@127.0.0.1:${Number(process.env.E2E_PG_PORT ?? 54341)}/dingkao`;

async function query<T>(text: string, params: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  try {
    return (await c.query(text, params)).rows as T[];
  } finally {
    await c.end();
  }
}

async function physicianLogin(page: Page, idNumber: string, name: string, password: string) {
  await page.goto('/doctor/login');
  await page.getByLabel('证件号码').fill(idNumber);
  await page.getByLabel('姓名').fill(name);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
}

test.describe
  .serial('医师首次登录与卫生机构密码重置', () => {
    let idNumber = '';
    const NEW_PASSWORD = 'Wxy2026ok';
    const MOBILE = '13700001111';

    test('王晓燕 首次登录：修改初始密码、绑定手机号（短信验证码）后进入医师首页', async ({ page }) => {
      // 南宁市第一人民医院 finds her in 医师信息列表 (the list shows the ID masked)
      await orgLogin(page, 'yy_nn1');
      await openMenu(page, '考核管理', '医师管理', '医师信息列表');
      await page.getByLabel('姓名').fill('王晓燕');
      await page.getByRole('button', { name: '查询' }).click();
      const row = page.locator('.ant-table-row', { hasText: '王晓燕' });
      await expect(row).toHaveCount(1);
      await row.getByRole('button', { name: '查看' }).click();
      await expect(page.getByRole('dialog')).toContainText('南宁市第一人民医院');
      const masked = ((await row.locator('td').nth(2).textContent()) ?? '').trim();
      const [p] = await query<{ id_number: string }>(`SELECT id_number FROM physicians WHERE name = '王晓燕'`);
      idNumber = p.id_number;
      expect(masked).toBe(`${idNumber.slice(0, 4)}**********${idNumber.slice(-4)}`);
      await page.getByRole('dialog').getByRole('button', { name: '关闭', exact: true }).last().click();
      await page.getByRole('button', { name: '退出' }).click();

      await physicianLogin(page, idNumber, '王晓燕', '666666');
      await expect(page.getByRole('heading', { name: '首次登录' })).toBeVisible();
      await page.getByLabel('原密码').fill('666666');
      await page.getByLabel('新密码', { exact: true }).fill(NEW_PASSWORD);
      await page.getByLabel('确认新密码').fill(NEW_PASSWORD);
      await page.getByRole('button', { name: '保存' }).click();

      await page.getByLabel('手机号').fill(MOBILE);
      const sent = page.waitForResponse((r) => r.url().endsWith('/api/auth/sms-code'));
      await page.getByRole('button', { name: '获取验证码' }).click();
      const res = await sent;
      expect(res.status(), await res.text()).toBe(200);
      const [sms] = await query<{ content: string }>(
        `SELECT content FROM sms_outbox WHERE mobile = $1 ORDER BY id DESC LIMIT 1`,
        [MOBILE],
      );
      const code = /(\d{6})/.exec(sms.content)![1];
      // the 短信验证码 label wraps the input and the button, so the input is addressed by its field id
      await page.locator('input#code').fill(code);
      await page.getByRole('button', { name: '绑定' }).click();
      await expect(page).toHaveURL(/\/doctor$/);
      await expect(page.getByText('王晓燕').first()).toBeVisible();
      const [acc] = await query<{ mobile: string; must_change_password: boolean }>(
        `SELECT a.mobile, a.must_change_password FROM accounts a JOIN physicians p ON p.id = a.physician_id WHERE p.id_number = $1`,
        [idNumber],
      );
      expect(acc).toEqual({ mobile: MOBILE, must_change_password: false });
    });

    test('卫生机构【密码重置】：医师只能用初始密码登录，且须重新修改密码', async ({ page }) => {
      await orgLogin(page, 'yy_nn1');
      await openMenu(page, '考核管理', '医师管理', '医师信息列表');
      await page.getByLabel('证件号码').fill(idNumber.toLowerCase());
      await page.getByRole('button', { name: '查询' }).click();
      const row = page.locator('.ant-table-row', { hasText: '王晓燕' });
      await expect(row).toHaveCount(1);
      await row.getByRole('button', { name: '密码重置' }).click();
      await confirmDialog(page, '密码重置');
      await expect(page.getByText('密码已重置为初始密码 666666')).toBeVisible();
      await page.getByRole('button', { name: '退出' }).click();

      await physicianLogin(page, idNumber, '王晓燕', NEW_PASSWORD);
      await expect(page.getByText(/账号或密码错误/)).toBeVisible();
      await physicianLogin(page, idNumber, '王晓燕', '666666');
      await expect(page.getByRole('heading', { name: '首次登录' })).toBeVisible();
      await expect(page.getByLabel('原密码')).toBeVisible();
    });
  });

test('卫生机构【参加考核】/【取消参加考核】按钮按考核状态显示，并调用报名模块', async ({ page }) => {
  await orgLogin(page, 'yy_nn1');
  await openMenu(page, '考核管理', '医师管理', '医师信息列表');
  await page.getByLabel('考核状态').click();
  await page.locator('.ant-select-item-option[title="未开通报名"]').click();
  await page.getByRole('button', { name: '查询' }).click();
  const first = page.locator('.ant-table-row').first();
  await expect(first).toContainText('未开通报名');
  await expect(first.getByRole('button', { name: '取消参加考核' })).toHaveCount(0);
  const name = ((await first.locator('td').nth(1).textContent()) ?? '').trim();
  await first.getByRole('button', { name: '参加考核' }).click();
  await expect(page.getByText('参加考核：已处理 1 名医师')).toBeVisible();
  // look the physician up by name: now 已开通报名 with 【取消参加考核】
  await page.getByLabel('考核状态').click();
  await page.locator('.ant-select-item-option[title="已开通报名"]').click();
  await page.getByLabel('姓名').fill(name);
  await page.getByRole('button', { name: '查询' }).click();
  const row = page.locator('.ant-table-row', { hasText: name }).first();
  await expect(row).toContainText('已开通报名');
  await row.getByRole('button', { name: '取消参加考核' }).click();
  await expect(page.getByText('取消参加考核：已处理 1 名医师')).toBeVisible();
});

test('卫生行政机构【医师导入】：有误时逐行列出错误且不导入；改正后导入，在【医师管理】中可查到', async ({ page }) => {
  const first17 = `45010319880808${String(100 + (Date.now() % 800)).padStart(3, '0')}`;
  const id = first17 + idCheckDigit(first17);
  const bad = first17 + (idCheckDigit(first17) === '1' ? '2' : '1');
  const header =
    '姓名,证件类型,证件号码,性别,出生日期,医师级别,执业类别,执业范围,资格证书编号,执业证书编号,首次注册时间,职称,所在机构账号';
  const csv = (rows: string[]) => Buffer.from(`\uFEFF${[header, ...rows].join('\r\n')}\r\n`, 'utf8');
  await orgLogin(page, 'nn_wjw');
  await openMenu(page, '考核管理', '医师管理', '医师导入');
  await page.locator('input[type=file]').setInputFiles({
    name: '医师.csv',
    mimeType: 'text/csv',
    buffer: csv([
      `覃导入,居民身份证,${bad},,,执业医师,临床,内科专业,,,2012-07-01,主治医师,yy_nn1`,
      `韦越界,居民身份证,${id},,,执业医师,临床,,,,,,yy_lz1`,
    ]),
  });
  await page.getByRole('button', { name: '导入', exact: true }).click();
  await expect(page.getByText(/校验未通过：共 2 行/)).toBeVisible();
  const errors = page.locator('.ant-table-row');
  await expect(errors).toHaveCount(2);
  await expect(errors.nth(0)).toContainText('校验位');
  await expect(errors.nth(1)).toContainText('不在您的管辖范围内');
  const [n] = await query<{ n: number }>('SELECT count(*)::int AS n FROM physicians WHERE id_number = $1', [id]);
  expect(n.n).toBe(0);

  await page.locator('input[type=file]').setInputFiles({
    name: '医师.csv',
    mimeType: 'text/csv',
    buffer: csv([`覃导入,居民身份证,${id.toLowerCase()},,,执业医师,临床,内科专业,,,2012-07-01,主治医师,yy_nn1`]),
  });
  await page.getByRole('button', { name: '导入', exact: true }).click();
  await expect(page.getByText('导入成功：共读取 1 行，导入 1 条')).toBeVisible();

  // the group and its first page are both called 医师管理: click the page (a menu item, not the group title)
  await page
    .locator('.ant-layout-sider li.ant-menu-item')
    .filter({ hasText: /^医师管理$/ })
    .click();
  await page.getByLabel('证件号码').fill(id);
  await page.getByRole('button', { name: '查询' }).click();
  const row = page.locator('.ant-table-row', { hasText: '覃导入' });
  await expect(row).toContainText('南宁市第一人民医院');
  await expect(row).toContainText('未开通报名');
  await expect(row).toContainText(`${id.slice(0, 4)}**********${id.slice(-4)}`);
});

test('市级卫生行政机构【变更卫生机构】：把未参加考核的医师变更到辖区内另一卫生机构', async ({ page }) => {
  // a physician of 南宁市第一人民医院 (under the city) without an enrolment in the current cycle
  const [doc] = await query<{ id: number; name: string; id_number: string }>(
    `SELECT p.id, p.name, p.id_number FROM physicians p JOIN organisations o ON o.id = p.institution_id
      LEFT JOIN enrolments e ON e.physician_id = p.id AND e.cycle_id = (SELECT id FROM cycles WHERE province_id = p.province_id AND is_current LIMIT 1)
      WHERE o.code = 'yy_nn1' AND (e.id IS NULL OR e.status IN ('not_opened', 'withdrawn')) ORDER BY p.id DESC LIMIT 1`,
  );
  await orgLogin(page, 'nn_wjw');
  await openMenu(page, '考核管理', '医师管理', '医师管理');
  await page.getByLabel('证件号码').fill(doc.id_number);
  await page.getByRole('button', { name: '查询' }).click();
  const row = page.locator('.ant-table-row', { hasText: doc.name });
  await expect(row).toContainText('南宁市第一人民医院');
  await row.getByRole('button', { name: '变更卫生机构' }).click();
  const dialog = page.getByRole('dialog');
  // the options come from a search as you type: a click on an option list that is being replaced
  // by the search's answer can land nowhere, so pick until 【确认变更】 can be pressed
  await expect(async () => {
    await dialog.getByLabel('目标卫生机构').fill('中山社区', { timeout: 2000 });
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '青秀区中山社区卫生服务中心' })
      .click({ timeout: 2000 });
    await expect(dialog.getByRole('button', { name: '确认变更' })).toBeEnabled({ timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  await dialog.getByPlaceholder('变更原因（选填）').fill('工作调动');
  await dialog.getByRole('button', { name: '确认变更' }).click();
  await expect(page.getByText('已变更卫生机构')).toBeVisible();
  await expect(row).toContainText('青秀区中山社区卫生服务中心');
  const [after] = await query<{ code: string; org_path: string; path: string }>(
    `SELECT o.code, p.org_path, o.path FROM physicians p JOIN organisations o ON o.id = p.institution_id WHERE p.id = $1`,
    [doc.id],
  );
  expect(after.code).toBe('yy_qxsq');
  expect(after.org_path).toBe(after.path);
});
