/**
 * 监考 frame upload (POST /api/proctoring/attempts/:id/frames, raw JPEG + one-time token): frames
 * accepted and queued per second, alone and together with answer saves (the exam's hot path),
 * with answer saves alone measured in the same run as the baseline.
 *
 *   npx tsx bench/proctor-upload.ts [--attempts 300] [--duration 10]
 *
 * Own embedded PostgreSQL (/tmp/h-proctor-bench-*), the real app in its own process with the
 * job runner off (JOBS_IN_PROCESS=0: comparison is measured by bench/proctor-compare.ts), frames
 * of 24 KB (e2e/fixtures/proctor/frame-a.jpg), 30 capture moments per paper.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { parseArgs } from 'node:util';
import pg from 'pg';
import pino from 'pino';
import type { AppDeps } from '../src/server/app.js';
import { createDb } from '../src/server/db/client.js';
import { tickers } from '../src/server/modules/proctor/proctor.jobs.js';
import { queueWaitingFrames } from '../src/server/modules/proctor/proctor.repo.js';
import { startTicker } from '../src/server/platform/jobs.js';
import { seedExamLoad, sessionsFor, startDb, stopServer } from './exam-env.js';
import { startApp } from './proctor-env.js';

interface AcResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  duration: number;
}
type AcReq = { method?: string; path?: string; headers?: Record<string, string>; body?: string | Buffer };
const autocannon = createRequire(import.meta.url)('autocannon') as (
  o: Record<string, unknown>,
  cb: (err: Error | null, r: AcResult) => void,
) => void;

const { values } = parseArgs({
  options: {
    attempts: { type: 'string', default: '300' },
    duration: { type: 'string', default: '10' },
    port: { type: 'string', default: '3391' },
    pg: { type: 'string', default: '55391' },
  },
});
const N = Number(values.attempts);
const DURATION = Number(values.duration);
const PORT = Number(values.port);
const DATA = '/tmp/h-proctor-bench-upload';
const FRAME = fs.readFileSync(new URL('../e2e/fixtures/proctor/frame-a.jpg', import.meta.url));

function ac(name: string, connections: number, setupRequest: (r: AcReq) => AcReq, method: string) {
  return new Promise<{ name: string; rps: number; p50: number; p99: number; ok: number; bad: number }>(
    (resolve, reject) =>
      autocannon(
        { url: `http://127.0.0.1:${PORT}`, connections, duration: DURATION, requests: [{ method, setupRequest }] },
        (err, r) => {
          if (err) return reject(err);
          const bad = r.non2xx + r.errors + r.timeouts;
          resolve({
            name,
            rps: Math.round((r.requests.total - r.non2xx) / DURATION),
            p50: r.latency.p50,
            p99: r.latency.p99,
            ok: r.requests.total - r.non2xx,
            bad,
          });
        },
      ),
  );
}

async function main() {
  fs.rmSync(DATA, { recursive: true, force: true });
  const { url, db } = await startDb(DATA, Number(values.pg));
  const seeded = await seedExamLoad(url, { physicians: N, questionCount: 50 });
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
  const app = await startApp(url, PORT, { JOBS_IN_PROCESS: '0' });
  const base = `http://127.0.0.1:${PORT}`;
  const tokens: { attempt: number; token: string; cookie: string; csrf: string }[] = [];
  const saves: { attempt: number; items: string[][]; cookie: string; csrf: string }[] = [];
  try {
    for (const s of sessions) {
      const h = { cookie: s.cookie, 'x-csrf-token': s.csrf };
      const st = await (await fetch(`${base}/api/exam/papers/humanities/start`, { method: 'POST', headers: h })).json();
      if (!st.attemptId) throw new Error(`start failed: ${JSON.stringify(st)}`);
      // the device that answers (the exam's answer journal), then its option ids from the frozen paper
      await fetch(`${base}/api/exam/attempts/${st.attemptId}/claim`, {
        method: 'POST',
        headers: { ...h, 'content-type': 'application/json' },
        body: JSON.stringify({ deviceId: `bench-device-${st.attemptId}` }),
      });
      const frozen = await pool.query(`SELECT paper FROM exam_attempts WHERE id = $1`, [st.attemptId]);
      saves.push({ attempt: st.attemptId, items: frozen.rows[0].paper.items.map((i: { o: string[] }) => i.o), ...s });
      const sch = await (
        await fetch(`${base}/api/proctoring/attempts/${st.attemptId}/schedule`, { method: 'POST', headers: h })
      ).json();
      for (const m of sch.moments) tokens.push({ attempt: st.attemptId, token: m.token, ...s });
    }
    // shuffle so concurrent uploads hit different attempts
    for (let i = tokens.length - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      [tokens[i], tokens[j]] = [tokens[j], tokens[i]];
    }
    let t = 0;
    const upload = (r: AcReq): AcReq => {
      const x = tokens[t++ % tokens.length];
      return {
        ...r,
        path: `/api/proctoring/attempts/${x.attempt}/frames?token=${x.token}&capturedAt=${encodeURIComponent(new Date().toISOString())}`,
        headers: { 'content-type': 'image/jpeg', cookie: x.cookie, 'x-csrf-token': x.csrf },
        body: FRAME,
      };
    };
    let k = 0;
    const save = (r: AcReq): AcReq => {
      const a = saves[k++ % saves.length];
      const i = k % a.items.length;
      return {
        ...r,
        path: `/api/exam/attempts/${a.attempt}/answers/${i}`,
        headers: { 'content-type': 'application/json', cookie: a.cookie, 'x-csrf-token': a.csrf },
        body: JSON.stringify({
          choice: [a.items[i][k % a.items[i].length]],
          seq: k + 1,
          deviceId: `bench-device-${a.attempt}`,
        }),
      };
    };
    const load = () =>
      os
        .loadavg()
        .map((x) => x.toFixed(1))
        .join(' ');
    const out: string[] = [];
    const row = (r: Awaited<ReturnType<typeof ac>>, c: number, note = '') =>
      out.push(`| ${r.name} | ${c} | ${r.rps} | ${r.p50} | ${r.p99} | ${r.bad} | ${note} |`);
    console.log(`tokens: ${tokens.length}; load before: ${load()}`);
    // the worker's ticker (decision 0119), every 500 ms as in the product: it queues the waiting
    // frames' comparison jobs in batches while uploads arrive (the comparisons themselves do not
    // run here — bench/proctor-compare.ts measures them)
    const db = createDb(pool);
    // the module's own ticker, run as a worker process runs it (it needs only the database)
    const tickerDeps = { db, logger: pino({ level: 'warn' }) } as unknown as AppDeps;
    const stopTickers = tickers.map((t) => startTicker(tickerDeps, t));
    const s0 = await ac('answer save alone (baseline)', 50, save, 'PUT');
    row(s0, 50);
    const u0 = await ac('frame upload alone', 50, upload, 'POST');
    row(u0, 50, `${u0.ok} frames accepted`);
    const [u1, s1] = await Promise.all([
      ac('frame upload, together with saves', 50, upload, 'POST'),
      ac('answer save, together with uploads', 50, save, 'PUT'),
    ]);
    row(u1, 50, `${u1.ok} frames accepted`);
    row(s1, 50, `${((100 * s1.rps) / s0.rps).toFixed(0)} % of the baseline`);
    await Promise.all(stopTickers.map((stop) => stop()));
    await queueWaitingFrames(db);
    const jobs = (
      await pool.query(`SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE task_identifier = 'proctor.compare'`)
    ).rows[0].n;
    const { stored, waiting } = (
      await pool.query(
        `SELECT count(*)::int AS stored, count(*) FILTER (WHERE queued_at IS NULL)::int AS waiting FROM proctor_frames`,
      )
    ).rows[0];
    console.log(
      `\n| run | connections | req/s (2xx) | p50 ms | p99 ms | errors/non-2xx | note |\n|---|---|---|---|---|---|---|\n${out.join('\n')}`,
    );
    console.log(
      `\nframes stored ${stored}, not yet queued ${waiting}; comparison jobs queued ${jobs}; load after: ${load()}; node ${process.version}, ${os.cpus().length} cores`,
    );
  } finally {
    await stopServer(app);
    await pool.end();
    await db.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
