/** Queries of the exam module. Every read is scoped by the caller (physician id, province id). */
import { and, eq, sql } from 'drizzle-orm';
import type pg from 'pg';
import type { DbOrTx } from '../../db/client.js';
import { examAttempts, questions, questionVersions } from '../../db/schema/index.js';
import { type BankCache, createBankCache } from './exam.caches.js';
import type { AttemptSummary } from './exam.rules.js';
import type { ItemCount } from './analysis/item-stats.js';
import type { BankQuestion, PaperType, VersionText } from './paper.js';

// ---------------------------------------------------------------- bank

/** Used when a caller has no cache of its own (模拟自测 in the learning module). */
const sharedBankCache = createBankCache();

/**
 * Enabled questions (current versions) of a province's bank; for 业务水平 only the
 * physician's 执业类别. Cached 15 s per process: at an exam peak thousands of starts per
 * minute draw from the same bank. A retirement applies to new draws within 15 s.
 */
export async function loadBank(
  db: DbOrTx,
  provinceId: number,
  paperType: PaperType,
  practiceCategory: string | null,
  now = Date.now(),
  cache: BankCache = sharedBankCache,
): Promise<BankQuestion[]> {
  const key = `${provinceId}|${paperType}|${practiceCategory ?? ''}`;
  const hit = cache.get(key, now);
  if (hit) return hit;
  const rows = await db
    .select({
      questionId: questions.id,
      versionId: questionVersions.id,
      type: questionVersions.type,
      category: questions.category,
      difficulty: questionVersions.difficulty,
      options: questionVersions.options,
      answer: questionVersions.answer,
    })
    .from(questions)
    .innerJoin(questionVersions, eq(questionVersions.id, questions.currentVersionId))
    .where(
      and(
        eq(questions.provinceId, provinceId),
        eq(questions.bank, paperType),
        eq(questions.status, 'enabled'),
        practiceCategory ? eq(questions.practiceCategory, practiceCategory) : undefined,
      ),
    );
  cache.set(key, rows, now);
  return rows;
}

/** Enabled questions per category (试卷设置 shows what the bank can supply). */
export async function bankCounts(db: DbOrTx, provinceId: number, paperType: PaperType) {
  const r = await db.execute(sql`
    SELECT category, practice_category AS "practiceCategory", count(*)::int AS count
      FROM questions WHERE province_id = ${provinceId} AND bank = ${paperType} AND status = 'enabled'
     GROUP BY 1, 2 ORDER BY 2 NULLS FIRST, 1`);
  return r.rows as { category: string; practiceCategory: string | null; count: number }[];
}

export async function versionTexts(db: DbOrTx, ids: number[]): Promise<Map<number, VersionText>> {
  if (!ids.length) return new Map();
  const r = await db.execute(
    sql`SELECT id, stem, options FROM question_versions WHERE id = ANY(${sql.param(ids.map(Number))}::int[])`,
  );
  return new Map(
    (r.rows as { id: number; stem: string; options: VersionText['options'] }[]).map((v) => [
      v.id,
      { stem: v.stem, options: v.options },
    ]),
  );
}

// ---------------------------------------------------------------- attempts

export async function attemptsOfEnrolment(
  db: DbOrTx,
  enrolmentId: number,
): Promise<(AttemptSummary & { startedAt: Date; submittedAt: Date | null; deadlineAt: Date })[]> {
  return db
    .select({
      id: examAttempts.id,
      paperType: examAttempts.paperType,
      round: examAttempts.round,
      attemptNo: examAttempts.attemptNo,
      status: examAttempts.status,
      score: examAttempts.score,
      passed: examAttempts.passed,
      startedAt: examAttempts.startedAt,
      submittedAt: examAttempts.submittedAt,
      deadlineAt: examAttempts.deadlineAt,
    })
    .from(examAttempts)
    .where(eq(examAttempts.enrolmentId, enrolmentId))
    .orderBy(examAttempts.id);
}

/**
 * Set-based scoring: one UPDATE joins the attempts with their saved answers; an answer is
 * correct when its canonical choice equals `answer_key[i]` (多选 all-or-nothing). The
 * integer formula equals `percent()` in paper.ts. Only closed, not yet scored attempts
 * (or the given ids) are touched.
 */
export async function scoreAttempts(
  db: DbOrTx,
  ids: number[] | 'all-pending',
): Promise<{ id: number; score: number; passed: boolean }[]> {
  const filter =
    ids === 'all-pending'
      ? sql`t.status <> 'in_progress' AND t.score IS NULL`
      : sql`t.id = ANY(${sql.param(ids.map(Number))}::bigint[])`;
  const r = await db.execute(sql`
    UPDATE exam_attempts a
       SET correct_count = s.n,
           score = (200 * s.n + a.question_count) / (2 * a.question_count),
           passed = (200 * s.n + a.question_count) / (2 * a.question_count) >= a.pass_score
      FROM (SELECT t.id, (count(*) FILTER (WHERE ans.choice = t.answer_key[ans.question_index + 1]))::int AS n
              FROM exam_attempts t
              LEFT JOIN exam_answers ans ON ans.attempt_id = t.id
             WHERE ${filter}
             GROUP BY t.id) s
     WHERE a.id = s.id
    RETURNING a.id, a.score, a.passed`);
  return r.rows as { id: number; score: number; passed: boolean }[];
}

// ---------------------------------------------------------------- hot path

/**
 * The answer save: one statement. The INSERT takes its row from the attempt itself, so a
 * save for an attempt that is not the caller's, not in progress, past its deadline or taken
 * over by another device inserts nothing; FOR SHARE makes a concurrent 交卷 wait for (or be
 * waited on by) the save, so every acknowledged answer is seen by the scorer. The UPDATE
 * branch applies only a newer journal sequence number (resends and stale entries are no-ops).
 */
const SAVE_INSERT = `
INSERT INTO exam_answers (attempt_id, question_index, choice, marked, saved_at, seq)
SELECT a.id, $2, COALESCE($3, ''), COALESCE($4, false), $5, $6`;
/** the attempt is open, before its deadline, on this device (or not yet claimed) */
const SAVE_OPEN_ATTEMPT = `a.id = $1 AND a.status = 'in_progress' AND a.deadline_at > $5
   AND (a.device_id IS NULL OR a.device_id = $7)`;
/** an existing answer changes only for a newer journal entry */
const SAVE_NEWER_ONLY = `
ON CONFLICT (attempt_id, question_index) DO UPDATE
   SET choice = COALESCE($3, exam_answers.choice), marked = COALESCE($4, exam_answers.marked),
       saved_at = EXCLUDED.saved_at, seq = EXCLUDED.seq
 WHERE exam_answers.seq < EXCLUDED.seq`;

const SAVE_SQL = `${SAVE_INSERT}
  FROM exam_attempts a
 WHERE ${SAVE_OPEN_ATTEMPT} AND a.physician_id = $8
   FOR SHARE${SAVE_NEWER_ONLY}`;

/** true = applied; false = nothing written (closed, not the caller's, another device, or not newer). */
export async function upsertAnswer(
  pool: pg.Pool,
  a: {
    attemptId: number;
    index: number;
    choice: string | null;
    marked: boolean | null;
    now: Date;
    physicianId: number;
    seq: number;
    deviceId: string;
  },
): Promise<boolean> {
  const r = await pool.query({
    name: 'exam_save_answer',
    text: SAVE_SQL,
    values: [a.attemptId, a.index, a.choice, a.marked, a.now, a.seq, a.deviceId, a.physicianId],
  });
  return r.rowCount === 1;
}

/**
 * The same guarded UPSERT, with the caller's session checked in the statement itself (decision
 * 0055): a live physician session with this CSRF token and onboarding done, owning the attempt.
 * One round trip per save; anything else writes nothing and the caller takes the ordinary path.
 */
const SAVE_WITH_SESSION_SQL = `
WITH s AS (
  SELECT acc.physician_id
    FROM sessions se JOIN accounts acc ON acc.id = se.account_id
   WHERE se.id = $8 AND se.csrf_token = $9 AND se.revoked_at IS NULL AND se.expires_at > now()
     AND se.role = 'physician' AND acc.physician_id IS NOT NULL
     AND NOT acc.must_change_password AND acc.mobile_verified_at IS NOT NULL)${SAVE_INSERT}
  FROM exam_attempts a JOIN s ON s.physician_id = a.physician_id
 WHERE ${SAVE_OPEN_ATTEMPT}
   FOR SHARE OF a${SAVE_NEWER_ONLY}`;

/** true = applied for this session's physician; false = nothing written, for whatever reason. */
export async function upsertAnswerWithSession(
  pool: pg.Pool,
  a: {
    attemptId: number;
    index: number;
    choice: string | null;
    marked: boolean | null;
    now: Date;
    seq: number;
    deviceId: string;
    sessionId: string;
    csrfToken: string;
  },
): Promise<boolean> {
  const r = await pool.query({
    name: 'exam_save_answer_with_session',
    text: SAVE_WITH_SESSION_SQL,
    values: [a.attemptId, a.index, a.choice, a.marked, a.now, a.seq, a.deviceId, a.sessionId, a.csrfToken],
  });
  return r.rowCount === 1;
}

/**
 * Many saves in one statement (group commit, decision 0123). Every row gets exactly the guards
 * of `SAVE_WITH_SESSION_SQL`: its own session and CSRF token, onboarding, ownership, the attempt
 * open before the row's own time, the device, a newer journal entry.
 * - The attempts are locked in id order, so two groups never wait on each other in a cycle.
 * - Each row's session is looked up by its key: the LATERAL … LIMIT 1 keeps the planner from
 *   hashing the whole sessions table, which it did at a few thousand sessions.
 * - The caller puts at most one row per attempt in a group, so the attempt identifies the row.
 * - A null choice or mark keeps the stored one, as in the single-row statement.
 */
const SAVE_MANY_WITH_SESSION_SQL = `
WITH v AS (
  SELECT * FROM unnest($1::bigint[], $2::smallint[], $3::text[], $4::boolean[], $5::timestamptz[], $6::int[],
                       $7::text[], $8::text[], $9::text[])
      AS v(attempt_id, question_index, choice, marked, now, seq, device_id, session_id, csrf_token))
INSERT INTO exam_answers (attempt_id, question_index, choice, marked, saved_at, seq)
SELECT a.id, v.question_index, COALESCE(v.choice, ''), COALESCE(v.marked, false), v.now, v.seq
  FROM v
 CROSS JOIN LATERAL (
   SELECT acc.physician_id
     FROM sessions se JOIN accounts acc ON acc.id = se.account_id
    WHERE se.id = v.session_id AND se.csrf_token = v.csrf_token AND se.revoked_at IS NULL
      AND se.expires_at > now() AND se.role = 'physician' AND acc.physician_id IS NOT NULL
      AND NOT acc.must_change_password AND acc.mobile_verified_at IS NOT NULL
    LIMIT 1) s
  JOIN exam_attempts a ON a.id = v.attempt_id AND a.physician_id = s.physician_id AND a.status = 'in_progress'
   AND a.deadline_at > v.now AND (a.device_id IS NULL OR a.device_id = v.device_id)
 ORDER BY a.id
   FOR SHARE OF a
ON CONFLICT (attempt_id, question_index) DO UPDATE
   SET choice = COALESCE((SELECT v.choice FROM v WHERE v.attempt_id = EXCLUDED.attempt_id), exam_answers.choice),
       marked = COALESCE((SELECT v.marked FROM v WHERE v.attempt_id = EXCLUDED.attempt_id), exam_answers.marked),
       saved_at = EXCLUDED.saved_at, seq = EXCLUDED.seq
 WHERE exam_answers.seq < EXCLUDED.seq
RETURNING attempt_id`;

export type SessionSave = Parameters<typeof upsertAnswerWithSession>[1];

/** Per row (same order): applied or not. At most one row per attempt. */
export async function upsertAnswersWithSession(pool: pg.Pool, rows: SessionSave[]): Promise<boolean[]> {
  const r = await pool.query({
    name: 'exam_save_answers_with_session',
    text: SAVE_MANY_WITH_SESSION_SQL,
    values: [
      rows.map((x) => x.attemptId),
      rows.map((x) => x.index),
      rows.map((x) => x.choice),
      rows.map((x) => x.marked),
      rows.map((x) => x.now),
      rows.map((x) => x.seq),
      rows.map((x) => x.deviceId),
      rows.map((x) => x.sessionId),
      rows.map((x) => x.csrfToken),
    ],
  });
  const applied = new Set(r.rows.map((x: { attempt_id: string | number }) => Number(x.attempt_id)));
  return rows.map((x) => applied.has(x.attemptId));
}

/** Why a save wrote nothing: the attempt's row as it is now, and the stored seq of the question. */
export async function saveRefusal(
  db: DbOrTx,
  attemptId: number,
  index: number,
): Promise<{
  physicianId: number;
  status: string;
  deadlineAt: Date;
  deviceId: string | null;
  storedSeq: number | null;
} | null> {
  const r = await db.execute(sql`
    SELECT a.physician_id AS "physicianId", a.status, a.deadline_at AS "deadlineAt", a.device_id AS "deviceId",
           (SELECT seq FROM exam_answers WHERE attempt_id = a.id AND question_index = ${index}) AS "storedSeq"
      FROM exam_attempts a WHERE a.id = ${attemptId}`);
  const row = r.rows[0] as
    | {
        physicianId: number;
        status: string;
        deadlineAt: string | Date;
        deviceId: string | null;
        storedSeq: number | null;
      }
    | undefined;
  return row ? { ...row, deadlineAt: new Date(row.deadlineAt) } : null;
}

/**
 * 【在本设备继续答题】: the device becomes the attempt's answering device. Returns the device
 * it replaced and the highest journal seq stored, so the new device numbers its entries above
 * everything already saved. null = not the physician's open attempt.
 */
export async function claimAttempt(
  db: DbOrTx,
  a: { attemptId: number; physicianId: number; deviceId: string },
): Promise<{ previous: string | null; seqBase: number } | null> {
  const r = await db.execute(sql`
    UPDATE exam_attempts a SET device_id = ${a.deviceId}
      FROM (SELECT id, device_id FROM exam_attempts WHERE id = ${a.attemptId} FOR UPDATE) p
     WHERE a.id = p.id AND a.physician_id = ${a.physicianId} AND a.status = 'in_progress'
    RETURNING p.device_id AS previous,
              (SELECT COALESCE(max(seq), 0) FROM exam_answers WHERE attempt_id = a.id)::int AS "seqBase"`);
  return (r.rows[0] as { previous: string | null; seqBase: number } | undefined) ?? null;
}

/**
 * Compaction (decision 0051): closed, scored attempts keep their answers as one text[] on the
 * attempt row (`answers[i]` = item i's choice, '' = unanswered) and their exam_answers rows are
 * deleted, so the save path's table only ever holds the attempts in progress.
 */
export async function compactAnswers(db: DbOrTx, ids: number[]): Promise<number> {
  if (!ids.length) return 0;
  const arr = sql`${sql.param(ids.map(Number))}::bigint[]`;
  const r = await db.execute(sql`
    WITH c AS (
      UPDATE exam_attempts a
         SET answers = ARRAY(SELECT COALESCE(ans.choice, '')
                               FROM generate_series(0, a.question_count - 1) g(i)
                               LEFT JOIN exam_answers ans ON ans.attempt_id = a.id AND ans.question_index = g.i
                              ORDER BY g.i)
       WHERE a.id = ANY(${arr}) AND a.status <> 'in_progress' AND a.score IS NOT NULL AND a.answers IS NULL
      RETURNING a.id)
    DELETE FROM exam_answers d USING c WHERE d.attempt_id = c.id`);
  return r.rowCount ?? 0;
}

/** Closed, scored attempts whose answers are still rows (e.g. closed before compaction existed). */
export async function uncompactedAttempts(db: DbOrTx, limit: number): Promise<number[]> {
  const r = await db.execute(sql`
    SELECT id FROM exam_attempts WHERE status <> 'in_progress' AND score IS NOT NULL AND answers IS NULL
     ORDER BY id LIMIT ${limit}`);
  return (r.rows as { id: number }[]).map((x) => Number(x.id));
}

// ---------------------------------------------------------------- item analysis

/** Number of scored attempts of a paper in a cycle/round of one province. */
export async function countScored(
  db: DbOrTx,
  f: { provinceId: number; cycleId: number; paperType: PaperType; round: 'first' | 'reexam' },
): Promise<number> {
  const r = await db.execute(sql`
    SELECT count(*)::int AS n FROM exam_attempts
     WHERE province_id = ${f.provinceId} AND cycle_id = ${f.cycleId} AND paper_type = ${f.paperType} AND round = ${f.round}
       AND status <> 'in_progress' AND score IS NOT NULL`);
  return (r.rows[0] as { n: number }).n;
}

/**
 * Responses aggregated per (item version, score group, correct, chosen bank keys). Attempts
 * are ranked by score (desc, id asc); the top `groupSize` form U, the bottom L. Opaque ids
 * are mapped back to bank keys through each attempt's frozen paper.
 */
export async function itemCounts(
  db: DbOrTx,
  f: { provinceId: number; cycleId: number; paperType: PaperType; round: 'first' | 'reexam'; groupSize: number },
): Promise<ItemCount[]> {
  const r = await db.execute(sql`
    WITH att AS (
      SELECT a.id, a.paper, a.answer_key, a.answers,
             row_number() OVER (ORDER BY a.score DESC, a.id) AS rk, count(*) OVER () AS n
        FROM exam_attempts a
       WHERE a.province_id = ${f.provinceId} AND a.cycle_id = ${f.cycleId} AND a.paper_type = ${f.paperType} AND a.round = ${f.round}
         AND a.status <> 'in_progress' AND a.score IS NOT NULL
    ), g AS (
      SELECT id, paper, answer_key, answers,
             CASE WHEN rk <= ${f.groupSize} THEN 'U' WHEN rk > n - ${f.groupSize} THEN 'L' ELSE 'M' END AS grp
        FROM att
    )
    SELECT (it.item->>'v')::int AS "versionId", g.grp AS "group",
           COALESCE(COALESCE(g.answers[it.idx::int], ans.choice) = g.answer_key[it.idx::int], false) AS correct,
           COALESCE((SELECT string_agg(kk.k, ',' ORDER BY kk.k)
                       FROM jsonb_array_elements_text(it.item->'o') WITH ORDINALITY o(id, i)
                       JOIN jsonb_array_elements_text(it.item->'k') WITH ORDINALITY kk(k, j) ON kk.j = o.i
                      WHERE o.id = ANY (string_to_array(NULLIF(COALESCE(g.answers[it.idx::int], ans.choice), ''), ','))), '') AS keys,
           count(*)::int AS count
      FROM g
     CROSS JOIN LATERAL jsonb_array_elements(g.paper->'items') WITH ORDINALITY it(item, idx)
      LEFT JOIN exam_answers ans ON g.answers IS NULL AND ans.attempt_id = g.id AND ans.question_index = it.idx - 1
     GROUP BY 1, 2, 3, 4`);
  return r.rows as unknown as ItemCount[];
}
