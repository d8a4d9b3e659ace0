import { expect, type Page, type PlaywrightWorkerArgs } from '@playwright/test';
import { e2eDb } from './db';
import { arrangePhysician, call, DOCTOR_PASSWORD } from './doctor-support';

/**
 * A physician of their own at 待参加测评 (general procedure), for the exam specs: created and
 * onboarded through the product (医师导入, 参加考核, first login); the steps between 报名 and
 * 待参加测评 (procedure, evaluation) are other specs' subject and are set in the database here.
 * The province's 人文医学 paper: 5 questions, 60 minutes, 3 attempts.
 */
export async function arrangeExamPhysician(
  playwright: PlaywrightWorkerArgs['playwright'],
  baseURL: string,
  name: string,
): Promise<{ idNumber: string; name: string; physicianId: number; enrolmentId: number; provinceId: number }> {
  const d = await arrangePhysician(playwright, baseURL, name);
  await d.inst.dispose();
  const db = e2eDb();
  try {
    const { rows } = await db.query(
      `UPDATE enrolments SET status = 'ready_for_exam', procedure = 'general', work_result = '合格', ethics_result = '合格'
        WHERE physician_id = $1 RETURNING id, cycle_id, province_id`,
      [d.physicianId],
    );
    const e = rows[0];
    await ensureQuestions(db, e.province_id, 'humanities', null, 10);
    await db.query(
      `INSERT INTO exam_blueprints (cycle_id, province_id, paper_type, duration_minutes, question_count, attempts, rules)
       VALUES ($1, $2, 'humanities', 60, 5, 3, '[]')
       ON CONFLICT (cycle_id, paper_type) DO UPDATE SET duration_minutes = 60, question_count = 5, attempts = 3, rules = '[]'`,
      [e.cycle_id, e.province_id],
    );
    return { ...d, enrolmentId: e.id, provinceId: e.province_id };
  } finally {
    await db.end();
  }
}

async function ensureQuestions(
  db: ReturnType<typeof e2eDb>,
  provinceId: number,
  bank: 'humanities' | 'professional',
  practiceCategory: string | null,
  need: number,
) {
  const { rows } = await db.query(
    `SELECT count(*)::int AS n FROM questions WHERE province_id = $1 AND bank = $2 AND status = 'enabled' AND ($3::text IS NULL OR practice_category = $3)`,
    [provinceId, bank, practiceCategory],
  );
  for (let i = rows[0].n; i < need; i++) {
    const q = await db.query(
      `INSERT INTO questions (province_id, bank, category, practice_category) VALUES ($1, $2, '法律法规', $3) RETURNING id`,
      [provinceId, bank, practiceCategory],
    );
    const v = await db.query(
      `INSERT INTO question_versions (question_id, version, type, stem, options, answer, difficulty) VALUES ($1, 1, 'single', $2, $3, '["A"]', 3) RETURNING id`,
      [
        q.rows[0].id,
        `（测试题${i + 1}）医师在执业活动中应当遵守的规定是？`,
        JSON.stringify(['A', 'B', 'C', 'D'].map((key) => ({ key, text: `选项内容${key}${i}` }))),
      ],
    );
    await db.query('UPDATE questions SET current_version_id = $1 WHERE id = $2', [v.rows[0].id, q.rows[0].id]);
  }
}

/** 医师登录 through the page, then 人脸信息采集授权 + 【去考试】 through the API; returns the attempt id. */
export async function loginAndStart(page: Page, d: { idNumber: string; name: string }): Promise<number> {
  await page.goto('/doctor/login');
  await page.getByLabel('证件号码').fill(d.idNumber);
  await page.getByLabel('姓名').fill(d.name);
  await page.getByLabel('密码').fill(DOCTOR_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL(/\/doctor$/);
  await call(page.request, 'POST', '/api/exam/consent');
  const r = await call(page.request, 'POST', '/api/exam/papers/humanities/start');
  expect(r.attemptId).toBeGreaterThan(0);
  return r.attemptId as number;
}

/** The frozen paper of an attempt (opaque option ids in display order, correct ids). */
export async function paperOf(attemptId: number): Promise<{ o: string[]; a: string[] }[]> {
  const db = e2eDb();
  try {
    const { rows } = await db.query('SELECT paper FROM exam_attempts WHERE id = $1', [attemptId]);
    return rows[0].paper.items;
  } finally {
    await db.end();
  }
}
