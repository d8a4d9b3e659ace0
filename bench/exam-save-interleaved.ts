/**
 * Answer save vs the bare Fastify + pg UPSERT, measured as interleaved repeats on the same
 * database and the same physicians: bare, app, bare, app … (REPEATS of each, 50 connections),
 * because single sequential runs on this shared 2-core machine swung from 34 % to 85 % within an
 * hour. Reports every pair, the median ratio and its spread. The app's saves carry a rising
 * journal seq (each one applied, as from a real device).
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
  try {
    const base = `http://127.0.0.1:${PORT}`;
    const attempts = await openAttempts(base, sessions);
    const { bare: bareSetup, app: appSetup } = saveSetups(attempts);
    // warm-up (JIT, caches, connections) — not reported
    await run(`http://127.0.0.1:${PORT + 1}`, bareSetup);
    await run(base, appSetup);
    const pairs: { bare: number; app: number; ratio: number; appP99: number; bad: number }[] = [];
    for (let r = 0; r < REPEATS; r++) {
      const b = await run(`http://127.0.0.1:${PORT + 1}`, bareSetup);
      const a = await run(base, appSetup);
      pairs.push({ bare: b.rps, app: a.rps, ratio: a.rps / b.rps, appP99: a.p99, bad: a.bad + b.bad });
    }
    const ratios = pairs.map((p) => p.ratio).sort((x, y) => x - y);
    const median = ratios[Math.floor(ratios.length / 2)];
    const pct = (x: number) => `${Math.round(100 * x)} %`;
    process.stdout.write(
      `\nanswer save vs bare — ${new Date().toISOString()} — ${REPEATS}×(bare, app) × ${DURATION}s, 50 connections, ${attempts.length} attempts; load ${os
        .loadavg()
        .map((x) => x.toFixed(2))
        .join(' ')}\n`,
    );
    process.stdout.write(
      '| pair | bare req/s | app req/s | app / bare | app p99 ms | errors+non-2xx |\n|---|---|---|---|---|---|\n',
    );
    for (const [n, p] of pairs.entries())
      process.stdout.write(`| ${n + 1} | ${p.bare} | ${p.app} | ${pct(p.ratio)} | ${p.appP99} | ${p.bad} |\n`);
    process.stdout.write(`\nmedian ${pct(median)}, spread ${pct(ratios[0])} – ${pct(ratios[ratios.length - 1])}\n`);
  } finally {
    await stopServer(app);
    await stopServer(bare);
    await db.stop();
  }
}

main().catch((err) => {
  process.stderr.write(`${String(err?.stack ?? err)}\n`);
  process.exit(1);
});
