/**
 * Does the save path degrade with the cycle's answer volume? (issue 9 item 4, decision 0051)
 *
 * Three phases on one database, each measured as interleaved pairs against the bare Fastify + pg
 * UPSERT (so machine load cancels out in the ratio):
 *   1. empty    — only the attempts in progress hold answers;
 *   2. rows     — N more answers (default 20,000,000) left as rows in exam_answers, as they would be
 *                 without compaction (closed attempts × 100 questions);
 *   3. compact  — the same closed attempts compacted by the product's own `compactClosedAttempts`
 *                 (answers as one text[] per attempt row, exam_answers back to the open attempts).
 *
 *   npx tsx bench/exam-save-volume.ts [--answers 20000000] [--repeats 3] [--duration 10]
 */
import fs from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import pg from 'pg';
import pino from 'pino';
import { createDb, createPool } from '../src/server/db/client.js';
import { compactClosedAttempts } from '../src/server/modules/exam/attempt/sweep.js';
import {
  openAttempts,
  runPuts,
  saveSetups,
  seedExamLoad,
  sessionsFor,
  startDb,
  startServer,
  stopServer,
  type Throughput,
} from './exam-env.js';

const { values } = parseArgs({
  options: {
    answers: { type: 'string', default: '20000000' },
    repeats: { type: 'string', default: '3' },
    duration: { type: 'string', default: '10' },
    attempts: { type: 'string', default: '400' },
    port: { type: 'string', default: '3271' },
    pg: { type: 'string', default: '55271' },
  },
});
const ANSWERS = Number(values.answers);
const Q = 100;
const CLOSED = Math.ceil(ANSWERS / Q);
const REPEATS = Number(values.repeats);
const DURATION = Number(values.duration);
const PORT = Number(values.port);
const DATA = '/tmp/h-exam-bench-volume';
const load = () => os.loadavg()[0].toFixed(1);
const say = (s: string) => process.stdout.write(`${s}\n`);

async function main() {
  fs.rmSync(DATA, { recursive: true, force: true });
  const { url, db } = await startDb(DATA, Number(values.pg));
  const seeded = await seedExamLoad(url, { physicians: Number(values.attempts) });
  const sessions = await sessionsFor(
    url,
    seeded.physicians.map((p) => p.accountId),
  );
  const app = await startServer('app', url, PORT);
  const bare = await startServer('bare', url, PORT + 1);
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const pool = createPool(url, 2);
  try {
    const base = `http://127.0.0.1:${PORT}`;
    const attempts = await openAttempts(base, sessions);
    const setups = saveSetups(attempts);
    const pairs = async () => {
      const out: { bare: Throughput; app: Throughput }[] = [];
      for (let r = 0; r < REPEATS; r++) {
        const b = await runPuts(`http://127.0.0.1:${PORT + 1}`, setups.bare, DURATION);
        const a = await runPuts(base, setups.app, DURATION);
        out.push({ bare: b, app: a });
      }
      return out;
    };
    const size = async () =>
      (
        await c.query(
          `SELECT pg_total_relation_size('exam_answers') AS a, pg_total_relation_size('exam_attempts') AS t`,
        )
      ).rows[0];
    const rows: string[] = [];
    const phase = async (name: string) => {
      const s = await size();
      const ps = await pairs();
      const ratios = ps.map((p) => p.app.rps / p.bare.rps).sort((x, y) => x - y);
      const median = ratios[Math.floor(ratios.length / 2)];
      const appMedian = ps.map((p) => p.app.rps).sort((x, y) => x - y)[Math.floor(ps.length / 2)];
      const p99 = Math.max(...ps.map((p) => p.app.p99));
      const bad = ps.reduce((n, p) => n + p.app.bad + p.bare.bad, 0);
      rows.push(
        `| ${name} | ${(Number(s.a) / 1024 ** 2).toFixed(0)} MB | ${(Number(s.t) / 1024 ** 2).toFixed(0)} MB | ${ps
          .map((p) => `${p.bare.rps}/${p.app.rps}`)
          .join(', ')} | ${appMedian} | ${Math.round(100 * median)} % | ${p99} | ${bad} | ${load()} |`,
      );
      say(rows.at(-1)!);
      return median;
    };
    // warm-up (JIT, caches, connections) — not reported
    await runPuts(`http://127.0.0.1:${PORT + 1}`, setups.bare, DURATION);
    await runPuts(base, setups.app, DURATION);
    const empty = await phase('1. empty: only the open attempts');

    // closed attempts of the same enrolments (attempt_no 2 …), each with 100 answers left as rows
    let t0 = Date.now();
    const per = Math.ceil(CLOSED / seeded.physicians.length);
    await c.query(
      `INSERT INTO exam_attempts (enrolment_id, cycle_id, province_id, physician_id, org_path, paper_type, round, attempt_no,
                                  status, started_at, deadline_at, submitted_at, score, question_count, pass_score, paper, answer_key)
       SELECT a.enrolment_id, a.cycle_id, a.province_id, a.physician_id, a.org_path, a.paper_type, a.round, 1 + g,
              'submitted', now() - interval '2 hours', now() - interval '1 hour', now() - interval '1 hour', 60,
              a.question_count, a.pass_score, a.paper, a.answer_key
         FROM exam_attempts a, generate_series(1, $1) g
        WHERE a.status = 'in_progress'
        LIMIT $2`,
      [per, CLOSED],
    );
    const choice = `CASE WHEN q % 5 = 4 THEN substr(md5(a.id::text || q::text), 1, 8) || ',' || substr(md5(q::text || a.id::text), 1, 8)
                        ELSE substr(md5(a.id::text || q::text), 1, 8) END`;
    await c.query(`INSERT INTO exam_answers (attempt_id, question_index, choice, marked, saved_at, seq)
                   SELECT a.id, q, ${choice}, q % 17 = 0, now(), q + 1
                     FROM exam_attempts a, generate_series(0, ${Q - 1}) q WHERE a.status = 'submitted'`);
    await c.query('VACUUM ANALYZE exam_answers');
    await c.query('VACUUM ANALYZE exam_attempts');
    const n = Number((await c.query(`SELECT count(*) AS n FROM exam_answers`)).rows[0].n);
    say(`(${n} answer rows in exam_answers after ${((Date.now() - t0) / 1000).toFixed(0)} s)`);
    const withRows = await phase(`2. rows: ${n.toLocaleString('en')} answers left as rows`);

    t0 = Date.now();
    const deps = { db: createDb(pool), logger: pino({ level: 'warn' }) };
    let compacted = 0;
    for (;;) {
      const k = await compactClosedAttempts(deps, 2000, 50);
      compacted += k;
      if (k === 0) break;
    }
    await c.query('VACUUM ANALYZE exam_answers');
    await c.query('VACUUM ANALYZE exam_attempts');
    say(`(compacted ${compacted} attempts in ${((Date.now() - t0) / 1000).toFixed(0)} s)`);
    const afterCompaction = await phase('3. compact: the same answers compacted onto their attempts');

    say(
      `\nsave volume — ${new Date().toISOString()} — ${REPEATS}×(bare, app) × ${DURATION}s per phase, 50 connections, ${attempts.length} open attempts\n`,
    );
    say(
      '| phase | exam_answers | exam_attempts | pairs bare/app req/s | app median req/s | app / bare (median) | app p99 ms (worst) | errors + non-2xx | load |',
    );
    say('|---|---|---|---|---|---|---|---|---|');
    for (const r of rows) say(r);
    say(
      `\nratio to the empty phase: rows ${Math.round((100 * withRows) / empty)} %, compacted ${Math.round((100 * afterCompaction) / empty)} %`,
    );
  } finally {
    await c.end();
    await pool.end();
    await stopServer(app);
    await stopServer(bare);
    await db.stop();
  }
}

main().catch((err) => {
  process.stderr.write(`${String(err?.stack ?? err)}\n`);
  process.exit(1);
});
