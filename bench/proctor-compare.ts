/**
 * 监考 face comparison speed.
 *  1. throughput: frames analysed and compared per second with 1 and 2 worker threads (piscina,
 *     the product's face.model.ts) — per core;
 *  2. upload-to-score latency at a steady upload rate with 1 and 2 worker processes
 *     (`src/server/worker.ts`, the `npm run worker` process) against one API process.
 *
 *   npx tsx bench/proctor-compare.ts [--frames 24] [--rate 1.5] [--seconds 40] [--latency 0 = throughput only]
 *
 * Frames: e2e/fixtures/proctor/frame-a.jpg (640×480, one face); reference person-a.jpg.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { analyseImage, closeFacePool } from '../src/server/modules/proctor/face.model.js';
import { seedExamLoad, sessionsFor, startDb, stopServer } from './exam-env.js';
import { startApp } from './proctor-env.js';

const { values } = parseArgs({
  options: {
    frames: { type: 'string', default: '24' },
    rate: { type: 'string', default: '1.5' },
    seconds: { type: 'string', default: '40' },
    latency: { type: 'string', default: '1' },
    port: { type: 'string', default: '3392' },
    pg: { type: 'string', default: '55392' },
  },
});
const FRAMES = Number(values.frames);
const FIX = new URL('../e2e/fixtures/proctor/', import.meta.url);
const FRAME = fs.readFileSync(new URL('frame-a.jpg', FIX));
const REF = fs.readFileSync(new URL('person-a.jpg', FIX));
const load = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ');

async function throughput(threads: number): Promise<number> {
  const ref = await analyseImage(REF, { wantEmbedding: true, threads });
  const emb = ref.faces![0].embedding!;
  // warm every thread (model load ≈ 1 s each)
  await Promise.all(Array.from({ length: threads }, () => analyseImage(FRAME, { reference: emb, threads })));
  const t0 = performance.now();
  await Promise.all(Array.from({ length: FRAMES }, () => analyseImage(FRAME, { reference: emb, threads })));
  const s = (performance.now() - t0) / 1000;
  await closeFacePool();
  return FRAMES / s;
}

async function latency(workers: number, url: string, port: number, dataDir: string) {
  const seeded = await seedExamLoad(url, { physicians: 40, questionCount: 50 });
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  await pool.query(
    `INSERT INTO proctor_settings (province_id, frames_per_paper, similarity_threshold, spoof_threshold, min_face_px, min_brightness, retention_days, appeal_days, late_upload_hours)
     VALUES ($1, 30, 55, 20, 80, 25, 90, 15, 24)`,
    [seeded.provinceId],
  );
  const sessions = await sessionsFor(
    url,
    seeded.physicians.map((p) => p.accountId),
  );
  const app = await startApp(url, port, { JOBS_IN_PROCESS: '0' });
  const procs: ChildProcess[] = [];
  try {
    const base = `http://127.0.0.1:${port}`;
    const tokens: { attempt: number; token: string; cookie: string; csrf: string }[] = [];
    for (const s of sessions) {
      const h = { cookie: s.cookie, 'x-csrf-token': s.csrf };
      const st = await (await fetch(`${base}/api/exam/papers/humanities/start`, { method: 'POST', headers: h })).json();
      const sch = await (
        await fetch(`${base}/api/proctoring/attempts/${st.attemptId}/schedule`, { method: 'POST', headers: h })
      ).json();
      for (const m of sch.moments) tokens.push({ attempt: st.attemptId, token: m.token, ...s });
    }
    for (let i = 0; i < workers; i++) {
      procs.push(
        spawn(process.execPath, ['--import', 'tsx', path.resolve('src/server/worker.ts')], {
          env: {
            ...process.env,
            DATABASE_URL: url,
            DATA_DIR: dataDir,
            LOG_LEVEL: 'warn',
            JOB_CONCURRENCY: '1',
            PROCTOR_FACE_THREADS: '1',
          },
          stdio: ['ignore', 'inherit', 'inherit'],
        }),
      );
    }
    // warm-up: one frame per worker scored before the clock starts
    const send = async (x: (typeof tokens)[number]) =>
      fetch(
        `${base}/api/proctoring/attempts/${x.attempt}/frames?token=${x.token}&capturedAt=${encodeURIComponent(new Date().toISOString())}`,
        {
          method: 'POST',
          headers: { 'content-type': 'image/jpeg', cookie: x.cookie, 'x-csrf-token': x.csrf },
          body: FRAME,
        },
      );
    let n = 0;
    for (let i = 0; i < workers; i++) await send(tokens[n++]);
    for (;;) {
      const r = await pool.query(`SELECT count(*)::int AS n FROM proctor_frames WHERE status = 'pending'`);
      if (r.rows[0].n === 0) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    const warm = n;
    const rate = Number(values.rate) * workers;
    const seconds = Number(values.seconds);
    const t0 = Date.now();
    while (Date.now() - t0 < seconds * 1000 && n < tokens.length) {
      await send(tokens[n++]);
      const due = t0 + ((n - warm) * 1000) / rate;
      await new Promise((r) => setTimeout(r, Math.max(0, due - Date.now())));
    }
    const sent = n - warm;
    for (let i = 0; i < 600; i++) {
      const r = await pool.query(`SELECT count(*)::int AS n FROM proctor_frames WHERE status = 'pending'`);
      if (r.rows[0].n === 0) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    const lat = await pool.query(
      `SELECT percentile_cont(ARRAY[0.5, 0.95]) WITHIN GROUP (ORDER BY extract(epoch FROM compared_at - received_at)) AS p,
              max(extract(epoch FROM compared_at - received_at)) AS max
         FROM (SELECT * FROM proctor_frames ORDER BY id OFFSET ${warm}) f`,
    );
    await pool.query('TRUNCATE proctor_frames, proctor_captures, proctor_summaries');
    const [p50, p95] = lat.rows[0].p as number[];
    return { workers, rate, sent, p50, p95, max: Number(lat.rows[0].max) };
  } finally {
    for (const p of procs) p.kill('SIGTERM');
    await stopServer(app);
    await pool.end();
  }
}

async function main() {
  console.log(`load before: ${load()}; ${os.cpus().length} cores; node ${process.version}`);
  const t1 = await throughput(1);
  const t2 = await throughput(2);
  console.log(`\n| worker threads | frames/s | per thread | ratio to 1 thread |\n|---|---|---|---|`);
  console.log(`| 1 | ${t1.toFixed(2)} | ${t1.toFixed(2)} | 1.00 |`);
  console.log(`| 2 | ${t2.toFixed(2)} | ${(t2 / 2).toFixed(2)} | ${(t2 / t1).toFixed(2)} |`);
  console.log(`load after throughput: ${load()}`);

  if (values.latency === '0') return;
  const DATA = '/tmp/h-proctor-bench-compare';
  fs.rmSync(DATA, { recursive: true, force: true });
  const { url, db } = await startDb(DATA, Number(values.pg));
  try {
    const rows = [];
    for (const w of [1, 2]) rows.push(await latency(w, url, Number(values.port), '/tmp/h-exam-bench-files'));
    console.log(
      `\n| worker processes | upload rate frames/s | frames | p50 s | p95 s | max s |\n|---|---|---|---|---|---|`,
    );
    for (const r of rows)
      console.log(
        `| ${r.workers} | ${r.rate.toFixed(1)} | ${r.sent} | ${r.p50.toFixed(2)} | ${r.p95.toFixed(2)} | ${r.max.toFixed(2)} |`,
      );
    console.log(`load after: ${load()}`);
  } finally {
    await db.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
