import { expect, test, type Page } from '@playwright/test';
import { deflateSync } from 'node:zlib';
import type { Pw } from './arrange/api';
import { arrangeRegistered } from './arrange/enrolment';
import { e2eDb } from './db';
import { DOCTOR_PASSWORD } from './doctor-support';
import { maskIdNumber } from '../src/shared/idcard';
import { openMenu, orgLogin } from './support';

/**
 * 免考 (一般程序 → 免业务水平测评): the province adds a reason and opens applications; a
 * physician whose registration is approved (arranged through the API, e2e/arrange) applies on a phone with a
 * proof; the institution first 驳回补充材料, the physician re-applies, the institution
 * 【提交】; the assessment body 【通过】 → enrolments.professional_exempt.
 */
const db = e2eDb();
test.afterAll(async () => db.end());

/** A small valid PNG (24×16, a coloured stripe) built in the test: signature, IHDR, IDAT, IEND with CRCs. */
function makePng(w = 24, h = 16): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer) => {
    let c = 0xffffffff;
    for (const x of b) c = crcTable[(c ^ x) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const c = Buffer.alloc(4);
    c.writeUInt32BE(crc(td));
    return Buffer.concat([len, td, c]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  const raw = Buffer.alloc((w * 3 + 1) * h);
  for (let y = 0; y < h; y++) {
    raw[y * (w * 3 + 1)] = 0;
    for (let x = 0; x < w; x++) {
      const o = y * (w * 3 + 1) + 1 + x * 3;
      raw[o] = y < h / 2 ? 200 : 30;
      raw[o + 1] = (x * 10) & 0xff;
      raw[o + 2] = 120;
    }
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/**
 * A physician of their own at 南宁市第一人民医院 (yy_nn1, assessed by the approved body yy_gxyd1),
 * registered (报名成功) with the general procedure — walked through the product's API (e2e/arrange).
 */
async function arrange(pw: Pw, baseURL: string) {
  const d = await arrangeRegistered(pw, baseURL, '覃免考');
  await d.inst.dispose();
  await d.body.dispose();
  return { enrolmentId: d.enrolmentId, idNumber: d.idNumber, name: d.name, instCode: d.institution };
}

async function doctorLogin(page: Page, a: { idNumber: string; name: string }) {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/doctor/login');
  await page.getByLabel('证件号码').fill(a.idNumber);
  await page.getByLabel('姓名').fill(a.name);
  await page.getByLabel('密码').fill(DOCTOR_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL(/\/doctor$/);
}

async function openApplication(page: Page, idNumber: string, button: string) {
  await page.getByPlaceholder('姓名或证件号码').fill(idNumber);
  await page.getByPlaceholder('姓名或证件号码').press('Enter');
  // lists show the ID number masked (issue 12 item 7)
  const row = page.locator('.ant-table-row').filter({ hasText: maskIdNumber(idNumber) });
  await expect(row).toHaveCount(1);
  await row.getByRole('button', { name: button }).click();
  return page.locator('.ant-drawer').filter({ hasText: '免考申请' });
}

const REASON = '考核周期内获得省级以上医学科技奖励';
const exemption = async (id: number) =>
  (
    await db.query(
      `SELECT e.professional_exempt, e.humanities_exempt, x.status FROM enrolments e LEFT JOIN exemption_applications x ON x.enrolment_id = e.id WHERE e.id = $1`,
      [id],
    )
  ).rows[0];

test('免考设置 → 医师（手机）提交免考申请 → 卫生机构驳回补充材料 → 重新申请 → 卫生机构提交 → 考核机构通过', async ({
  page,
  playwright,
  baseURL,
}) => {
  test.setTimeout(210_000); // includes arranging the physician through the API; generous on a loaded machine
  const a = await arrange(playwright, baseURL!);
  const png = makePng();

  // 省级: 考核管理 → 考核设置 → 免考设置
  await page.setViewportSize({ width: 1360, height: 860 });
  await orgLogin(page, 'gx_wjw');
  await openMenu(page, '考核管理', '考核设置', '免考设置');
  const general = page.locator('.ant-card').filter({ hasText: '一般程序免考' });
  await general.getByRole('button', { name: '添加免考理由' }).click();
  const reasonModal = page.locator('.ant-modal').filter({ hasText: '添加免考理由' });
  await reasonModal.getByLabel('免考理由').fill(REASON);
  await reasonModal.getByRole('button', { name: '确认' }).click();
  await expect(general.getByRole('cell', { name: REASON })).toBeVisible();
  // the demo province may already have opened 一般程序免考 (its demo applicants wait for review)
  await expect(general.getByRole('button', { name: /^(开启申请|关闭申请)$/ })).toBeVisible();
  const openButton = general.getByRole('button', { name: '开启申请' });
  if (await openButton.isVisible()) await openButton.click();
  await expect(general.getByText('申请已开启')).toBeVisible();
  await expect(general.getByRole('button', { name: '关闭申请' })).toBeVisible();
  await page.getByRole('button', { name: '退出' }).click();

  // 医师（手机）: 首页 → 免考申请
  await doctorLogin(page, a);
  await page.getByRole('button', { name: '免考申请' }).click();
  await expect(page.getByText('考核程序：一般程序（可申请免业务水平测评）')).toBeVisible();
  await page.getByText(REASON).click();
  await page.locator('input[type=file]').setInputFiles({ name: '获奖证书.png', mimeType: 'image/png', buffer: png });
  await expect(page.locator('img[alt="获奖证书.png"]')).toBeVisible();
  await page.getByRole('button', { name: '提交免考申请' }).click();
  await expect(page.getByText('免考申请状态：待卫生机构审核')).toBeVisible();
  expect(await exemption(a.enrolmentId)).toMatchObject({ status: 'pending_institution', professional_exempt: false });
  await page.context().clearCookies();

  // 卫生机构: 一般程序 → 审核一般程序免考申请 → 【去评定】 → 【驳回补充材料】
  await page.setViewportSize({ width: 1360, height: 860 });
  await orgLogin(page, a.instCode);
  await openMenu(page, '考核管理', '一般程序', '审核一般程序免考申请');
  let modal = await openApplication(page, a.idNumber, '去评定');
  await expect(modal.getByText(REASON)).toBeVisible();
  await expect(modal.locator('img[alt="获奖证书.png"]')).toBeVisible();
  await modal.getByRole('button', { name: '驳回补充材料' }).click();
  await expect(page.getByText('「驳回补充材料」须填写理由')).toBeVisible();
  await modal.getByLabel('审核意见').fill('获奖证书不清晰，请补充获奖文件');
  await modal.getByRole('button', { name: '驳回补充材料' }).click();
  await expect(page.getByText('已驳回，医师可补充材料后重新申请')).toBeVisible();
  expect((await exemption(a.enrolmentId)).status).toBe('rejected_supplement');
  await page.context().clearCookies();

  // 医师补充材料后重新申请
  await doctorLogin(page, a);
  await page.goto('/doctor/exemption');
  await expect(page.getByText('免考申请状态：已驳回，需补充材料')).toBeVisible();
  await expect(page.getByText('获奖证书不清晰，请补充获奖文件')).toBeVisible();
  await page.getByText(REASON).click();
  await page
    .locator('input[type=file]')
    .setInputFiles({ name: '获奖文件.png', mimeType: 'image/png', buffer: makePng(32, 20) });
  await expect(page.locator('img[alt="获奖文件.png"]')).toBeVisible();
  await page.getByRole('button', { name: '提交免考申请' }).click();
  await expect(page.getByText('免考申请状态：待卫生机构审核')).toBeVisible();
  await page.context().clearCookies();

  // 卫生机构【去评定】→【提交】
  await page.setViewportSize({ width: 1360, height: 860 });
  await orgLogin(page, a.instCode);
  await openMenu(page, '考核管理', '一般程序', '审核一般程序免考申请');
  modal = await openApplication(page, a.idNumber, '去评定');
  await expect(modal.locator('img[alt="获奖文件.png"]')).toBeVisible();
  await modal.getByLabel('审核意见').fill('材料属实');
  await modal.getByRole('button', { name: '提交', exact: true }).click();
  await expect(page.getByText('已提交考核机构复核')).toBeVisible();
  expect((await exemption(a.enrolmentId)).status).toBe('pending_body');
  await page.getByRole('button', { name: '退出' }).click();

  // 考核机构 (yy_gxyd1 after 角色切换): 一般程序复核免考申请 → 【通过】
  await orgLogin(page, 'yy_gxyd1');
  await page.getByRole('button', { name: '角色切换' }).click();
  await expect(page.getByText('当前角色：考核机构')).toBeVisible();
  await openMenu(page, '考核管理', '一般程序', '一般程序复核免考申请');
  modal = await openApplication(page, a.idNumber, '复核');
  await expect(modal.getByText('材料属实')).toBeVisible();
  await modal.getByRole('button', { name: '通过', exact: true }).click();
  await expect(page.getByText('免考申请已通过')).toBeVisible();
  expect(await exemption(a.enrolmentId)).toMatchObject({
    status: 'approved',
    professional_exempt: true,
    humanities_exempt: false,
  });
  await page.context().clearCookies();

  // 医师 sees the approved status
  await doctorLogin(page, a);
  await page.goto('/doctor/exemption');
  await expect(page.getByText('免考申请状态：免考申请已通过')).toBeVisible();
  await expect(page.getByRole('button', { name: '提交免考申请' })).toHaveCount(0);
});
