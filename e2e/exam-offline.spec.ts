import { expect, test } from '@playwright/test';
import { e2eDb } from './db';
import { arrangeExamPhysician, loginAndStart, paperOf } from './exam-support';
import { confirmSubmission } from './support';

/**
 * Issue 9: no answer is lost on a phone. The network goes down during the test; five answers
 * are given offline (journal on the device), the page is reloaded while still offline (the
 * journal and the paper copy are replayed), 交卷 is refused politely while answers are unsent,
 * then the network returns: all five reach the server in order and are scored.
 */
test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

test('断网作答五题、断网刷新、恢复网络后答案全部保存并计分', async ({ page, context, playwright, baseURL }) => {
  test.setTimeout(120_000);
  const d = await arrangeExamPhysician(playwright, baseURL!, '离线测');
  const attemptId = await loginAndStart(page, d);
  const items = await paperOf(attemptId);
  await page.goto(`/doctor/exam/take/${attemptId}`);
  await expect(page.getByTestId('question-no')).toHaveText('第 1 题 / 共 5 题');
  await expect(page.getByTestId('submit-rule')).toContainText('网络断开时暂不能交卷');
  // the offline shell is installed and controls the page
  await page.waitForFunction(() => !!navigator.serviceWorker?.controller, undefined, { timeout: 30_000 });

  await context.setOffline(true);
  // 3 right (Q1–Q3), 2 wrong (Q4–Q5) → 60 分 once on the server
  const picks = items.map((it, i) => (i < 3 ? it.a[0] : it.o.find((id) => !it.a.includes(id))!));
  for (let i = 0; i < 5; i++) {
    await page
      .locator('label')
      .filter({ has: page.locator(`input[value="${picks[i]}"]`) })
      .click();
    await expect(page.getByTestId('question-saved')).toHaveText('未保存到服务器');
    if (i < 4) await page.getByRole('button', { name: '下一题' }).click();
  }
  await expect(page.getByTestId('offline-banner')).toContainText('网络已断开，可以继续答题');
  await expect(page.getByTestId('save-state')).toHaveText('网络已断开，答案暂存在本设备（5 题待发送）');

  const db = e2eDb();
  const serverAnswers = async () =>
    (
      await db.query('SELECT question_index, choice FROM exam_answers WHERE attempt_id = $1 ORDER BY 1', [attemptId])
    ).rows.map((r) => [r.question_index, r.choice]);
  expect(await serverAnswers()).toEqual([]);

  // reload while still offline: the test is still there, with the five answers, unsent
  await page.reload();
  await expect(page.getByTestId('question-no')).toHaveText('第 5 题 / 共 5 题');
  await expect(page.locator(`input[value="${picks[4]}"]`)).toBeChecked();
  await page.getByRole('button', { name: '答题卡' }).click();
  for (let i = 1; i <= 5; i++)
    await expect(page.getByRole('button', { name: `第${i}题已答，未保存到服务器` })).toBeVisible();
  await page.getByRole('button', { name: `第1题已答，未保存到服务器` }).click();
  await expect(page.locator(`input[value="${picks[0]}"]`)).toBeChecked();

  // 交卷 while answers are unsent and the network is down: refused, nothing submitted
  await page.getByRole('button', { name: '交卷' }).first().click();
  await expect(page.getByRole('dialog').getByText('还有 5 题的答案尚未保存到服务器')).toBeVisible();
  await page.getByRole('dialog').getByRole('button', { name: '交卷' }).click();
  await expect(page.getByText(/暂不能交卷/).first()).toBeVisible();
  await page.getByRole('dialog').getByRole('button', { name: '继续答题' }).click();
  expect((await db.query('SELECT status FROM exam_attempts WHERE id = $1', [attemptId])).rows[0].status).toBe(
    'in_progress',
  );

  // the network returns: the journal is sent in order, every question is marked saved
  await context.setOffline(false);
  await expect(page.getByTestId('save-state')).toHaveText('已自动保存', { timeout: 30_000 });
  await expect(page.getByTestId('question-saved')).toHaveText('已保存到服务器');
  expect(await serverAnswers()).toEqual(picks.map((p, i) => [i, p]));

  await confirmSubmission(page);
  await expect(page.getByTestId('exam-score')).toContainText('60 分');
  const att = (await db.query('SELECT status, score, answers FROM exam_attempts WHERE id = $1', [attemptId])).rows[0];
  expect(att).toEqual({ status: 'submitted', score: 60, answers: picks });
  // nothing of the attempt stays on the device
  const left = await page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const r = indexedDB.open('dk-exam-journal');
        r.onsuccess = () => {
          const q = r.result.transaction('entries').objectStore('entries').count();
          q.onsuccess = () => resolve(q.result);
        };
      }),
  );
  expect(left).toBe(0);
  await db.end();
});
