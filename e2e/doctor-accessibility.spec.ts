import { expect, type Page, test } from '@playwright/test';
import { arrangePhysician, doctorLogin, fillStepsThroughApi, PHONE } from './doctor-support';
import { wizardButton } from './support-enrolment';

/**
 * Issue 12 item 14, for older physicians on a 390×844 phone (seed 001 §2.2.3 pages): every input
 * has a label, no English stepper names, body text ≥ 16 px, tap targets ≥ 44 px, a 大字 switch
 * that persists, and the 短信验证码 field of the first-login mobile binding is labelled.
 */
async function audit(page: Page) {
  return page.evaluate(() => {
    const visible = (el: Element) => {
      const r = el.getBoundingClientRect();
      const s = getComputedStyle(el);
      return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none';
    };
    const unlabelled: string[] = [];
    for (const el of document.querySelectorAll('input:not([type=hidden]):not([type=file]), textarea, select')) {
      const i = el as HTMLInputElement;
      if (!visible(el) && i.type !== 'radio' && i.type !== 'checkbox') continue;
      const named =
        (i.labels && i.labels.length > 0) || i.getAttribute('aria-label') || i.getAttribute('aria-labelledby');
      if (!named) unlabelled.push(i.outerHTML.slice(0, 120));
    }
    const small: string[] = [];
    const walker = document.createTreeWalker(
      document.querySelector('.dk-doctor') ?? document.body,
      NodeFilter.SHOW_TEXT,
    );
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const t = n.textContent?.trim();
      const el = n.parentElement;
      if (!t || !el || !visible(el)) continue;
      const px = Number.parseFloat(getComputedStyle(el).fontSize);
      if (px < 16) small.push(`${px}px ${t.slice(0, 20)}`);
    }
    const tiny: string[] = [];
    for (const el of document.querySelectorAll(
      '.dk-doctor button, .dk-doctor .ant-select, .dk-doctor input.ant-input, .dk-doctor .ant-picker, .dk-doctor label.ant-radio-wrapper, .dk-doctor a',
    )) {
      if (!visible(el)) continue;
      const r = el.getBoundingClientRect();
      if (r.height < 43.5)
        tiny.push(
          `${Math.round(r.height)}px ${el.tagName}.${el.className} ${(el.textContent ?? '').trim().slice(0, 20)}`,
        );
    }
    return { unlabelled, small, tiny };
  });
}

test('老年医师：标签、16 px 正文、44 px 点按区域、【大字】开关保持、短信验证码有标签', async ({
  browser,
  playwright,
  baseURL,
}) => {
  test.setTimeout(300_000);
  const d = await arrangePhysician(playwright, baseURL!, '莫秀兰');
  // steps 1–3 already filled (moving forward flags empty required fields); step 4 left to the page
  await (await fillStepsThroughApi(playwright, baseURL!, d, ['basic', 'practice', 'experience'])).doc.dispose();
  const ctx = await browser.newContext(PHONE);
  const page = await ctx.newPage();
  await doctorLogin(page, d);
  expect(await audit(page)).toEqual({ unlabelled: [], small: [], tiny: [] });

  await page.getByRole('button', { name: '我要报名' }).click();
  await expect(page.getByText('第 1 步，共 6 步')).toBeVisible({ timeout: 30_000 }); // lazy page chunk
  expect(await audit(page)).toEqual({ unlabelled: [], small: [], tiny: [] });
  for (let s = 2; s <= 4; s++) {
    await page.getByRole('button', { name: new RegExp(`^第${s}步`) }).click();
    await expect(page.getByText(`第 ${s} 步，共 6 步`)).toBeVisible();
  }
  await expect(page.getByLabel('Increase Value')).toHaveCount(0);
  await expect(page.getByLabel('接诊病人数')).toBeVisible();
  expect(await audit(page)).toEqual({ unlabelled: [], small: [], tiny: [] });

  // 大字: larger text, kept after a reload
  await page.getByRole('button', { name: '大字' }).click();
  await page.reload();
  await expect(page.getByRole('button', { name: '大字' })).toHaveAttribute('aria-pressed', 'true');
  const px = await page
    .getByText('我要报名', { exact: true })
    .or(page.getByText('第 1 步，共 6 步'))
    .first()
    .evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize));
  expect(px).toBeGreaterThanOrEqual(20);
  await page.getByRole('button', { name: '大字' }).click();
  await expect(page.getByRole('button', { name: '大字' })).toHaveAttribute('aria-pressed', 'false');
  await ctx.close();

  // first login of a physician: 短信验证码 is a labelled field
  const fresh = await arrangePhysician(playwright, baseURL!, '梁淑芬', 'yy_nn1', { onboard: false });
  const ctx2 = await browser.newContext(PHONE);
  const p2 = await ctx2.newPage();
  await p2.goto('/doctor/login');
  await p2.getByLabel('证件号码').fill(fresh.idNumber);
  await p2.getByLabel('姓名').fill(fresh.name);
  await p2.getByLabel('密码').fill('666666');
  await p2.getByRole('button', { name: '登录' }).click();
  await p2.getByLabel('原密码').fill('666666');
  await p2.getByLabel('新密码', { exact: true }).fill('Yisheng2026');
  await p2.getByLabel('确认新密码').fill('Yisheng2026');
  await wizardButton(p2, '保存').click();
  await expect(p2.getByLabel('短信验证码')).toBeVisible();
  await p2.getByLabel('手机号').fill('13907739999');
  await p2.getByLabel('短信验证码').fill('123456');
  await expect(p2.getByLabel('短信验证码')).toHaveValue('123456');
  await fresh.inst.dispose();
  await ctx2.close();
});
