/**
 * Answer save vs the bare Fastify + pg UPSERT, measured as interleaved repeats on the same
 * database and the same physicians: bare, same, app, app-single, bare, … (REPEATS of each, 50
 * connections; `same` = the save's own guarded statement in bare Fastify, so app ÷ same is the
 * application's own cost and same ÷ bare the cost of the guards in PostgreSQL),
 * because single sequential runs on this shared 2-core machine swung from 34 % to 85 % within an
 * hour. Reports every pair, the median ratio and its spread. The app's saves carry a rising
 * journal seq (each one applied, as from a real device). `app-single` is the same application
 * with grouping off (EXAM_SAVE_BATCH=1, decision 0123): one statement per save, as the bare
 * server does.
 *
 *   npx tsx bench/exam-save-interleaved.ts [--repeats 5] [--duration 10] [--attempts 400]
 */
import fs from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import {
  openAttempts,
  runPuts,
  saveSetups,
  seedExamLoad,
  sessionsFor,
  startDb,
  startServer,
  stopServer,
} from './exam-env.js';

const { values } = parseArgs({
  options: {
    repeats: { type: 'string', default: '5' },
    duration: { type: 'string', default: '10' },
    attempts: { type: 'string', default: '400' },
    port: { type: 'string', default: '3207' },
    pg: { type: 'string', default: '55207' },
  },
});
const REPEATS = Number(values.repeats);
const DURATION = Number(values.duration);
const PORT = Number(values.port);
const DATA = '/tmp/h-exam-bench-interleaved';

const run = (url: string, setup: Parameters<typeof runPuts>[1]) => runPuts(url, setup, DURATION);

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
  // the same application with grouping off (decision 0123): one statement per save
  const single = await startServer('app', url, PORT + 2, 1, { EXAM_SAVE_BATCH: '1' });
  try {
    const base = `http://127.0.0.1:${PORT}`;
    const attempts = await openAttempts(base, sessions);
    const setups = saveSetups(attempts);
    const bareUrl = `http://127.0.0.1:${PORT + 1}`;
    const singleUrl = `http://127.0.0.1:${PORT + 2}`;
    // the second app server's caches are warmed the way the page warms them (state read)
    await openAttempts(singleUrl, sessions);
    // warm-up (JIT, caches, connections) — not reported
    await run(bareUrl, setups.bare);
    await run(bareUrl, setups.same);
    await run(base, setups.app);
    await run(singleUrl, setups.app);
    const rounds: { bare: number; same: number; app: number; single: number; appP99: number; bad: number }[] = [];
    for (let r = 0; r < REPEATS; r++) {
      const b = await run(bareUrl, setups.bare);
      const s = await run(bareUrl, setups.same);
      const a = await run(base, setups.app);
      const o = await run(singleUrl, setups.app);
      rounds.push({
        bare: b.rps,
        same: s.rps,
        app: a.rps,
        single: o.rps,
        appP99: a.p99,
        bad: a.bad + b.bad + s.bad + o.bad,
      });
    }
    const summary = (xs: number[]) => {
      const sorted = [...xs].sort((x, y) => x - y);
      return { median: sorted[Math.floor(sorted.length / 2)], lo: sorted[0], hi: sorted[sorted.length - 1] };
    };
    const pct = (x: number) => `${Math.round(100 * x)} %`;
    process.stdout.write(
      `\nanswer save vs bare — ${new Date().toISOString()} — ${REPEATS}×(bare, same, app, app with grouping off) × ${DURATION}s, 50 connections, ${attempts.length} attempts; load ${os
        .loadavg()
        .map((x) => x.toFixed(2))
        .join(' ')}\n`,
    );
    process.stdout.write(
      '| round | bare UPSERT req/s | same statement, bare Fastify req/s | app req/s | app, grouping off req/s | app / bare | app grouping off / bare | app / same | app p99 ms | errors+non-2xx |\n|---|---|---|---|---|---|---|---|---|---|\n',
    );
    for (const [n, r] of rounds.entries())
      process.stdout.write(
        `| ${n + 1} | ${r.bare} | ${r.same} | ${r.app} | ${r.single} | ${pct(r.app / r.bare)} | ${pct(r.single / r.bare)} | ${pct(r.app / r.same)} | ${r.appP99} | ${r.bad} |\n`,
      );
    const vsBare = summary(rounds.map((r) => r.app / r.bare));
    const vsSame = summary(rounds.map((r) => r.app / r.same));
    const offVsBare = summary(rounds.map((r) => r.single / r.bare));
    process.stdout.write(
      `\napp / bare UPSERT: median ${pct(vsBare.median)}, spread ${pct(vsBare.lo)} – ${pct(vsBare.hi)}\n` +
        `app with grouping off (EXAM_SAVE_BATCH=1) / bare UPSERT: median ${pct(offVsBare.median)}, spread ${pct(offVsBare.lo)} – ${pct(offVsBare.hi)}\n` +
        `app / same statement in bare Fastify: median ${pct(vsSame.median)}, spread ${pct(vsSame.lo)} – ${pct(vsSame.hi)}\n`,
    );
  } finally {
    await stopServer(app);
    await stopServer(bare);
    await stopServer(single);
    await db.stop();
  }
}

main().catch((err) => {
  process.stderr.write(`${String(err?.stack ?? err)}\n`);
  process.exit(1);
});
