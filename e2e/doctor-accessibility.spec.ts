import { expect, type Page, test } from '@playwright/test';
import { arrangePhysician, doctorLogin, fillStepsThroughApi, PHONE } from './doctor-support';
import { arrangeExamPhysician, loginAndStart } from './exam-support';
import { wizardButton } from './support-enrolment';

/**
 * Issue 12 item 14, for older physicians on a 390×844 phone (seed 001 §2.2.3 pages): every input
 * has a label, no English stepper names, body text ≥ 16 px, tap targets ≥ 44 px, a 大字 switch
 * that persists, and the 短信验证码 field of the first-login mobile binding is labelled.
 */
/**
 * The page as a reader meets it: unlabelled inputs, visible text under 16 px and tap targets under
 * 44 px anywhere on the page (the phone header, the physician menu and the page itself), plus the
 * figures: the body text size of the physician shell, the smallest text and the lowest target.
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
    let minText = Number.POSITIVE_INFINITY;
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const t = n.textContent?.trim();
      const el = n.parentElement;
      if (!t || !el || !visible(el) || el.closest('script, style, [aria-hidden="true"]')) continue;
      const px = Number.parseFloat(getComputedStyle(el).fontSize);
      minText = Math.min(minText, px);
      if (px < 16) small.push(`${px}px ${t.slice(0, 20)}`);
    }
    const tiny: string[] = [];
    let minTarget = Number.POSITIVE_INFINITY;
    for (const el of document.querySelectorAll(
      'button, .ant-select, input.ant-input, .ant-input-number, textarea, .ant-picker, label.ant-radio-wrapper, label.ant-checkbox-wrapper, .ant-radio-button-wrapper, a[href]',
    )) {
      if (!visible(el)) continue;
      const r = el.getBoundingClientRect();
      minTarget = Math.min(minTarget, r.height);
      if (r.height < 43.5)
        tiny.push(
          `${Math.round(r.height)}px ${el.tagName}.${el.className} ${(el.textContent ?? '').trim().slice(0, 20)}`,
        );
    }
    const shell = document.querySelector('.dk-doctor');
    const bodyPx = shell ? Number.parseFloat(getComputedStyle(shell).fontSize) : 0;
    return { unlabelled, small, tiny, figures: { bodyPx, minText, minTarget: Math.round(minTarget * 10) / 10 } };
  });
}

/** No unlabelled input, nothing under 16 px, no target under 44 px; returns the figures. */
async function expectReadable(page: Page, where: string, bodyAtLeast = 16) {
  const { figures, ...found } = await audit(page);
  expect(found, where).toEqual({ unlabelled: [], small: [], tiny: [] });
  expect(figures.bodyPx, `${where}: body text`).toBeGreaterThanOrEqual(bodyAtLeast);
  await expect(page.getByLabel(/Increase Value|Decrease Value/)).toHaveCount(0);
  test.info().annotations.push({
    type: 'measured',
    description: `${where}: body ${figures.bodyPx}px, smallest text ${figures.minText}px, lowest target ${figures.minTarget}px`,
  });
  return figures;
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
  await expectReadable(page, '首页');

  await page.getByRole('button', { name: '我要报名' }).click();
  await expect(page.getByText('第 1 步，共 6 步')).toBeVisible({ timeout: 30_000 }); // lazy page chunk
  await expectReadable(page, '报名第1步');
  for (let s = 2; s <= 4; s++) {
    await page.getByRole('button', { name: new RegExp(`^第${s}步`) }).click();
    await expect(page.getByText(`第 ${s} 步，共 6 步`)).toBeVisible();
  }
  await expect(page.getByLabel('Increase Value')).toHaveCount(0);
  await expect(page.getByLabel('接诊病人数')).toBeVisible();
  await expectReadable(page, '报名第4步');

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

/**
 * Every physician page gets the same phone styles and 大字 from the router (not page by page):
 * seed 004's 首页, 参加测评 (考核详情, 试卷列表, the test page), 免考申请, 延期考核申请, the 学习 pages
 * and 考核结果, measured on a 390×844 phone, then again with 大字 (kept across pages and a reload).
 */
test('每个医师页面：16 px 正文、44 px 点按区域、【大字】跨页面与刷新保持', async ({ browser, playwright, baseURL }) => {
  test.setTimeout(300_000);
  const d = await arrangeExamPhysician(playwright, baseURL!, '覃秀英');
  const ctx = await browser.newContext(PHONE);
  const page = await ctx.newPage();
  const attemptId = await loginAndStart(page, d);
  const bigText = page.getByRole('button', { name: '大字' });
  // lazy page chunks: a busy machine can take longer than 10 s
  const slow = { timeout: 30_000 };
  const pages: [string, string, () => Promise<void>][] = [
    ['首页', '/doctor', () => expect(page.getByTestId('enrolment-status')).toBeVisible(slow)],
    ['考核详情', '/doctor/exam', () => expect(page.getByText('考核详情', { exact: true })).toBeVisible(slow)],
    ['试卷列表', '/doctor/exam/papers', () => expect(page.getByText('人文医学测评').first()).toBeVisible(slow)],
    [
      '答题',
      `/doctor/exam/take/${attemptId}`,
      () => expect(page.getByTestId('question-no')).toHaveText('第 1 题 / 共 5 题', slow),
    ],
    ['免考申请', '/doctor/exemption', () => expect(page.getByText('免考申请', { exact: true })).toBeVisible(slow)],
    [
      '延期考核申请',
      '/doctor/deferral',
      () => expect(page.getByText('延期考核申请', { exact: true })).toBeVisible(slow),
    ],
    ['学习', '/doctor/learn', () => expect(page.getByText('学习', { exact: true })).toBeVisible(slow)],
    ['题库练习', '/doctor/learn/practice', () => expect(page.getByText('题库练习', { exact: true })).toBeVisible(slow)],
    ['错题收藏', '/doctor/learn/wrong', () => expect(page.getByText('错题收藏', { exact: true })).toBeVisible(slow)],
    ['模拟自测', '/doctor/learn/mock', () => expect(page.getByText('模拟自测', { exact: true })).toBeVisible(slow)],
    // the other physician pages behind the same shell
    [
      '考前资料',
      '/doctor/learn/materials',
      () => expect(page.getByText('考前资料', { exact: true })).toBeVisible(slow),
    ],
    [
      '选择考核程序',
      '/doctor/procedure',
      () => expect(page.getByText('选择考核程序', { exact: true })).toBeVisible(slow),
    ],
    ['站内消息', '/doctor/messages', () => expect(page.getByText('站内消息', { exact: true })).toBeVisible(slow)],
    [
      '监考照片',
      '/doctor/proctor',
      () => expect(page.getByText('监考照片', { exact: true }).first()).toBeVisible(slow),
    ],
    ['个人信息', '/doctor/profile', () => expect(page.getByText('绑定手机号', { exact: true })).toBeVisible(slow)],
    ['考核结果', '/doctor/result', () => expect(page.getByText('考核详情', { exact: true })).toBeVisible(slow)],
  ];
  const visit = async (where: string, url: string, ready: () => Promise<void>) => {
    await page.goto(url);
    await ready();
    await expect(bigText, `${where}: 【大字】`).toBeVisible();
  };

  for (const [where, url, ready] of pages) {
    await visit(where, url, ready);
    await expect(bigText).toHaveAttribute('aria-pressed', 'false');
    await expectReadable(page, where);
  }
  // the test page keeps the physician away from the menu (a tap must not leave the test), 大字 stays
  await visit('答题', `/doctor/exam/take/${attemptId}`, pages[3][2]);
  await expect(page.getByRole('navigation', { name: '医师菜单' })).toHaveCount(0);

  // 大字 once, on the test page: every page after it, and a reload, keep it (20 px body text)
  await bigText.click();
  await expect(bigText).toHaveAttribute('aria-pressed', 'true');
  for (const [where, url, ready] of pages) {
    await visit(where, url, ready);
    await expect(bigText, `${where}: 大字 kept`).toHaveAttribute('aria-pressed', 'true');
    await expectReadable(page, `${where}（大字）`, 20);
  }
  await page.reload();
  await pages[pages.length - 1][2]();
  await expect(bigText).toHaveAttribute('aria-pressed', 'true');
  await expectReadable(page, '考核结果（大字，刷新后）', 20);
  await bigText.click();
  await expect(bigText).toHaveAttribute('aria-pressed', 'false');
  await ctx.close();
});
