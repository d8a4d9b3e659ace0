/**
 * Set-based scoring of 100,000 submitted attempts (50 questions each, 5 million saved
 * answers) with the production scorer `scoreAttempts(db, 'all-pending')`, then a check of
 * a sample against the pure `scorePaper`.
 *
 *   npx tsx bench/exam-score.ts [--attempts 100000]
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { createDb, createPool } from '../src/server/db/client.js';
import { scoreAttempts } from '../src/server/modules/exam/exam.repo.js';
import { scorePaper, type FrozenPaper } from '../src/server/modules/exam/paper.js';
import { startDb } from './exam-env.js';

const { values } = parseArgs({
  options: { attempts: { type: 'string', default: '100000' }, pg: { type: 'string', default: '55205' } },
});
const N = Number(values.attempts);
const Q = 50;
const DATA = '/tmp/h-exam-bench-score';

async function main() {
  fs.rmSync(DATA, { recursive: true, force: true });
  const { url, db: server } = await startDb(DATA, Number(values.pg));
  const pool = createPool(url, 4);
  const db = createDb(pool);
  const t0 = performance.now();
  // attempts with a frozen paper of Q single-choice items: ids o{i}a..o{i}d, correct o{i}b
  await pool.query(
    `INSERT INTO exam_attempts (enrolment_id, cycle_id, province_id, physician_id, org_path, paper_type, round, attempt_no, status,
                                started_at, deadline_at, submitted_at, question_count, pass_score, paper, answer_key)
     SELECT g, 1, 1, g, '/1/', 'humanities', 'first', 1, 'submitted', now() - interval '1 hour', now(), now() - interval '5 minutes', $2, 60,
            (SELECT jsonb_build_object('items', jsonb_agg(jsonb_build_object('v', i, 'q', i, 't', 'single', 'c', '法律法规', 'd', 3,
                      'o', jsonb_build_array('o'||i||'a', 'o'||i||'b', 'o'||i||'c', 'o'||i||'d'), 'k', '["A","B","C","D"]'::jsonb, 'a', jsonb_build_array('o'||i||'b'))))
               FROM generate_series(1, $2) i),
            (SELECT array_agg('o'||i||'b' ORDER BY i) FROM generate_series(1, $2) i)
       FROM generate_series(1, $1) g`,
    [N, Q],
  );
  // answers: ~97 % answered, right with a per-attempt skill
  await pool.query(
    `INSERT INTO exam_answers (attempt_id, question_index, choice, marked, saved_at)
     SELECT a.id, i - 1, CASE WHEN random() < 0.35 + (a.id % 60) / 100.0 THEN 'o'||i||'b' ELSE 'o'||i||'c' END, false, now() - interval '10 minutes'
       FROM exam_attempts a CROSS JOIN generate_series(1, $1) i
      WHERE random() < 0.97`,
    [Q],
  );
  await pool.query('ANALYZE exam_attempts; ANALYZE exam_answers');
  const seeded = (performance.now() - t0) / 1000;
  const { rows: cnt } = await pool.query(
    `SELECT (SELECT count(*) FROM exam_attempts)::int AS attempts, (SELECT count(*) FROM exam_answers)::int AS answers`,
  );

  const t1 = performance.now();
  const scored = await scoreAttempts(db, 'all-pending');
  const seconds = (performance.now() - t1) / 1000;

  // check 200 random attempts against the pure scorer
  const { rows: sample } = await pool.query(`SELECT id, paper, score FROM exam_attempts ORDER BY random() LIMIT 200`);
  let mismatches = 0;
  for (const s of sample) {
    const { rows: ans } = await pool.query(`SELECT question_index, choice FROM exam_answers WHERE attempt_id = $1`, [
      s.id,
    ]);
    const sheet = Object.fromEntries(ans.map((a) => [a.question_index, a.choice.split(',')]));
    if (scorePaper(s.paper as FrozenPaper, sheet).score !== s.score) mismatches++;
  }
  const { rows: left } = await pool.query(`SELECT count(*)::int AS n FROM exam_attempts WHERE score IS NULL`);
  const out = {
    attempts: cnt[0].attempts,
    answers: cnt[0].answers,
    seedSeconds: Math.round(seeded),
    scored: scored.length,
    scoringSeconds: Math.round(seconds * 10) / 10,
    unscoredLeft: left[0].n,
    sampleChecked: sample.length,
    sampleMismatches: mismatches,
  };
  process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  fs.writeFileSync('/tmp/h-exam-bench-score.json', JSON.stringify(out, null, 2));
  await pool.end();
  await server.stop();
}

main().catch((err) => {
  process.stderr.write(`${String(err?.stack ?? err)}\n`);
  process.exit(1);
});
