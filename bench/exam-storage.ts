/**
 * Bytes per saved answer (issue 9, decision 0051): one row per answer in exam_answers (heap +
 * primary key) versus the compacted form (one text[] per closed attempt on exam_attempts),
 * measured on the real schema with realistic choices (8-character opaque ids; 多选 joined by ',').
 *
 *   npx tsx bench/exam-storage.ts [--answers 1000000] [--questions 100]
 */
import fs from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { createDb, createPool } from '../src/server/db/client.js';
import { runMigrations } from '../src/server/db/migrate.js';
import { startDb } from './exam-env.js';

const { values } = parseArgs({
  options: {
    answers: { type: 'string', default: '1000000' },
    questions: { type: 'string', default: '100' },
    pg: { type: 'string', default: '55209' },
  },
});
const ANSWERS = Number(values.answers);
const Q = Number(values.questions);
const ATTEMPTS = Math.ceil(ANSWERS / Q);
const DATA = '/tmp/h-exam-bench-storage';

async function main() {
  fs.rmSync(DATA, { recursive: true, force: true });
  const { url, db } = await startDb(DATA, Number(values.pg));
  const pool = createPool(url, 2);
  try {
    await runMigrations(createDb(pool));
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    // a choice: 8-char id, every 5th question a 多选 of two ids
    const choice = `CASE WHEN q % 5 = 4 THEN substr(md5(a::text || q::text), 1, 8) || ',' || substr(md5(q::text || a::text), 1, 8)
                        ELSE substr(md5(a::text || q::text), 1, 8) END`;
    const t0 = Date.now();
    await c.query(`INSERT INTO exam_answers (attempt_id, question_index, choice, marked, saved_at, seq)
                   SELECT a, q, ${choice}, q % 17 = 0, now(), q + 1
                     FROM generate_series(1, ${ATTEMPTS}) a, generate_series(0, ${Q - 1}) q`);
    await c.query('VACUUM ANALYZE exam_answers');
    const rows = (
      await c.query(`SELECT pg_table_size('exam_answers') AS heap, pg_indexes_size('exam_answers') AS idx,
                            (SELECT count(*) FROM exam_answers) AS n`)
    ).rows[0];
    // the compacted form of the same answers: one text[] per attempt (TOASTed, compressed)
    await c.query(`CREATE TABLE bench_compacted AS
                   SELECT attempt_id, array_agg(choice ORDER BY question_index) AS answers
                     FROM exam_answers GROUP BY attempt_id`);
    await c.query('VACUUM ANALYZE bench_compacted');
    const comp = (
      await c.query(`SELECT sum(pg_column_size(answers))::bigint AS col, pg_total_relation_size('bench_compacted') AS total
                       FROM bench_compacted`)
    ).rows[0];
    const n = Number(rows.n);
    const per = (b: number) => (b / n).toFixed(1);
    process.stdout.write(
      `\nanswer storage — ${new Date().toISOString()} — ${n} answers (${ATTEMPTS} attempts × ${Q}), built in ${((Date.now() - t0) / 1000).toFixed(0)} s; load ${os.loadavg()[0].toFixed(2)}\n`,
    );
    process.stdout.write('| form | bytes per answer | at 1 billion answers |\n|---|---|---|\n');
    const gb = (b: number) => `${(((b / n) * 1e9) / 1024 ** 3).toFixed(0)} GB`;
    process.stdout.write(`| exam_answers rows: heap | ${per(Number(rows.heap))} | ${gb(Number(rows.heap))} |\n`);
    process.stdout.write(`| exam_answers rows: primary key | ${per(Number(rows.idx))} | ${gb(Number(rows.idx))} |\n`);
    process.stdout.write(
      `| exam_answers rows: total | ${per(Number(rows.heap) + Number(rows.idx))} | ${gb(Number(rows.heap) + Number(rows.idx))} |\n`,
    );
    process.stdout.write(
      `| compacted text[] on the attempt (column) | ${per(Number(comp.col))} | ${gb(Number(comp.col))} |\n`,
    );
    await c.end();
  } finally {
    await pool.end();
    await db.stop();
  }
}

main().catch((err) => {
  process.stderr.write(`${String(err?.stack ?? err)}\n`);
  process.exit(1);
});
