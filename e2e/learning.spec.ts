import { expect, test } from '@playwright/test';
import { arrangePhysician, doctorLogin } from './doctor-support';
import { confirmDialog } from './support';

test.use({ viewport: { width: 390, height: 844 } });

test('医师学习（手机）：题库练习答错一题 → 错题收藏中找到并清空 → 模拟自测并交卷', async ({
  page,
  playwright,
  baseURL,
}) => {
  test.setTimeout(120_000); // includes arranging the physician through the API
  // a physician of their own (医师导入 + 参加考核 + first login, through the API): 错题收藏 starts empty
  const d = await arrangePhysician(playwright, baseURL!, '石学习');
  await d.inst.dispose();
  await doctorLogin(page, d);

  await page.goto('/doctor/learn');
  await page.getByRole('link', { name: '题库练习' }).click();
  await expect(page.getByRole('heading', { name: '题库练习' })).toBeVisible();
  await expect(async () => {
    await page.getByLabel('题型').click({ timeout: 2000 });
    await page.locator('.ant-select-dropdown:visible').getByTitle('单选题', { exact: true }).click({ timeout: 2000 });
    await expect(page.locator('.ant-select-content', { hasText: '单选题' })).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 20_000 });

  // answer A until one is wrong (a 4-option single choice is wrong 3 times in 4)
  let wrongStem = '';
  for (let i = 0; i < 25 && !wrongStem; i++) {
    const stem = (await page.getByTestId('practice-stem').textContent())!;
    await page.locator('.ant-radio-wrapper').first().click();
    await page.getByRole('button', { name: '提交答案' }).click();
    const feedback = page.getByTestId('practice-feedback');
    await expect(feedback).toBeVisible();
    if ((await feedback.textContent())!.includes('回答错误')) {
      wrongStem = stem;
      await expect(page.getByText('解析：')).toBeVisible();
    } else {
      await page.getByRole('button', { name: '下一题' }).click();
      await expect(page.getByTestId('practice-stem')).not.toHaveText(stem);
    }
  }
  expect(wrongStem).not.toBe('');

  // 错题收藏
  await page.getByRole('button', { name: '返回' }).click();
  await page.getByRole('link', { name: '错题收藏' }).click();
  await expect(page.getByTestId('wrong-stem').filter({ hasText: wrongStem })).toBeVisible();
  await page.getByRole('button', { name: '清空' }).click();
  await confirmDialog(page, '清空错题收藏', /^清\s*空$/);
  await expect(page.getByText('暂无错题')).toBeVisible();

  // 模拟自测
  await page.getByRole('button', { name: '返回' }).click();
  await page.getByRole('link', { name: '模拟自测' }).click();
  const card = page.locator('.ant-card', { hasText: '人文医学模拟自测' }).first();
  // the mock paper follows the province's real 人文医学 blueprint (50 questions by default;
  // other specs may have shortened the demo province's paper)
  await expect(card).toContainText(/\d+ 题/);
  const n = Number((await card.textContent())!.match(/(\d+) 题/)![1]);
  expect(n).toBeGreaterThanOrEqual(4);
  await card.getByRole('button', { name: '开始自测' }).click();
  await confirmDialog(page, '模拟自测', '开始自测');
  await expect(page.getByTestId('mock-timer')).toBeVisible();
  await expect(page.getByText(`第 1 / ${n} 题`)).toBeVisible();
  for (let i = 0; i < 3; i++) {
    await page.locator('.ant-radio-wrapper, .ant-checkbox-wrapper').first().click();
    await page.getByRole('button', { name: '下一题' }).click();
  }
  await expect(page.getByText(`答题卡（已答 3/${n}）`)).toBeVisible();
  await page.getByRole('button', { name: '交卷' }).click();
  await confirmDialog(page, '确认交卷', /^交\s*卷$/);
  await expect(page.getByRole('heading', { name: '自测结果' })).toBeVisible();
  await expect(page.getByText(new RegExp(`答对 \\d+/${n} 题`))).toBeVisible();
  // the history lists it
  await page.getByRole('button', { name: '返回' }).click();
  await expect(page.locator('.ant-list-item', { hasText: '人文医学模拟自测' })).toContainText('分');
});
