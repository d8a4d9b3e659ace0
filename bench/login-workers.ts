/**
 * Logins/s with 1 and 2 API processes in the same run (issue 9): the product's own entry
 * (`src/server/main.ts`, node:cluster with WORKERS=N), restarted for each round, rounds
 * interleaved 1, 2, 1, 2 … on the same database. Every request logs in another seeded physician
 * (证件号码 + 姓名 + 密码: one argon2id verify at the unchanged parameters, the guess reserved,
 * then the counter reset and the session stored in one statement), so the per-login rate limit
 * is not what is measured.
 *
 *   npx tsx bench/login-workers.ts [--rounds 2] [--duration 15] [--connections 16] [--physicians 3000]
 */
import fs from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
// @ts-expect-error autocannon ships no type declarations
import autocannon from 'autocannon';
import { BENCH_PASSWORD, seedExamLoad, startDb, startServer, stopServer } from './exam-env.js';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '2' },
    duration: { type: 'string', default: '15' },
    connections: { type: 'string', default: '16' },
    physicians: { type: 'string', default: '3000' },
    port: { type: 'string', default: '3209' },
    pg: { type: 'string', default: '55209' },
  },
});
const DURATION = Number(values.duration);
const PORT = Number(values.port);
const DATA = '/tmp/h-exam-bench-logins';

async function logins(people: { idNumber: string; name: string }[]) {
  let i = 0;
  const r = await autocannon({
    url: `http://127.0.0.1:${PORT}`,
    connections: Number(values.connections),
    duration: DURATION,
    requests: [
      {
        method: 'POST',
        path: '/api/auth/physician-login',
        headers: { 'content-type': 'application/json' },
        setupRequest: (req: Record<string, unknown>) => {
          const p = people[i++ % people.length];
          return { ...req, body: JSON.stringify({ idNumber: p.idNumber, name: p.name, password: BENCH_PASSWORD }) };
        },
      },
    ],
  });
  return {
    perSecond: +(r['2xx'] / DURATION).toFixed(1),
    p50: r.latency.p50,
    p99: r.latency.p99,
    bad: r.errors + r.non2xx,
  };
}

async function main() {
  fs.rmSync(DATA, { recursive: true, force: true });
  const { url, db } = await startDb(DATA, Number(values.pg));
  const seeded = await seedExamLoad(url, { physicians: Number(values.physicians) });
  const rows: string[] = [];
  try {
    for (let round = 1; round <= Number(values.rounds); round++) {
      for (const workers of [1, 2]) {
        const server = await startServer('product', url, PORT, workers);
        try {
          await logins(seeded.physicians.slice(0, 200)); // warm-up (JIT, pool), not reported
          const r = await logins(seeded.physicians);
          rows.push(
            `| ${round} | ${workers} | ${r.perSecond} | ${r.p50} / ${r.p99} | ${r.bad} | ${os
              .loadavg()
              .map((x) => x.toFixed(1))
              .join(' ')} |`,
          );
          process.stderr.write(`${rows.at(-1)}\n`);
        } finally {
          await stopServer(server);
        }
      }
    }
  } finally {
    await db.stop();
  }
  process.stdout.write(
    `\nlogins/s, 1 vs 2 API processes — ${new Date().toISOString()} — ${DURATION}s per round, ${values.connections} connections, ${os.cpus().length} cores\n` +
      '| round | processes | logins/s | p50 / p99 ms | errors + non-2xx | load average |\n|---|---|---|---|---|---|\n' +
      `${rows.join('\n')}\n`,
  );
}

main().catch((err) => {
  process.stderr.write(`${String(err?.stack ?? err)}\n`);
  process.exit(1);
});
