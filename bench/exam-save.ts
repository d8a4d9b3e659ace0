/**
 * Exam hot paths: answer save (PUT /api/exam/attempts/:id/answers/:index) at 50 and 200
 * connections beside a bare Fastify + pg single-row UPSERT measured in the same run, and the
 * paper fetch (GET /api/exam/attempts/:id/paper).
 *
 *   npx tsx bench/exam-save.ts [--duration 15] [--attempts 400]
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import { seedExamLoad, sessionsFor, startDb, startServer, stopServer } from './exam-env.js';

// autocannon ships without types: the few fields used here
namespace autocannon {
  export interface Request {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
    body?: string;
  }
  export interface Options {
    url: string;
    connections?: number;
    duration?: number;
    requests?: { method?: string; setupRequest?: (req: Request) => Request }[];
  }
  export interface Result {
    requests: { average: number; total: number };
    latency: { p50: number; p99: number };
    errors: number;
    timeouts: number;
    non2xx: number;
  }
}
const autocannon = createRequire(import.meta.url)('autocannon') as (
  o: autocannon.Options,
  cb: (err: Error | null, r: autocannon.Result) => void,
) => void;

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '15' },
    attempts: { type: 'string', default: '400' },
    port: { type: 'string', default: '3205' },
    pg: { type: 'string', default: '55205' },
  },
});
const DURATION = Number(values.duration);
const N = Number(values.attempts);
const PORT = Number(values.port);
const DATA = '/tmp/h-exam-bench-save';

interface Run {
  name: string;
  connections: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  total: number;
}

function run(name: string, opts: autocannon.Options): Promise<Run> {
  return new Promise((resolve, reject) => {
    autocannon({ ...opts, duration: DURATION }, (err, r) => {
      if (err) return reject(err);
      resolve({
        name,
        connections: opts.connections ?? 10,
        rps: Math.round(r.requests.average),
        p50: r.latency.p50,
        p99: r.latency.p99,
        errors: r.errors + r.timeouts,
        non2xx: r.non2xx,
        total: r.requests.total,
      });
    });
  });
}

async function main() {
  fs.rmSync(DATA, { recursive: true, force: true });
  const { url, db } = await startDb(DATA, Number(values.pg));
  const seeded = await seedExamLoad(url, { physicians: N });
  const sessions = await sessionsFor(
    url,
    seeded.physicians.map((p) => p.accountId),
  );
  const results: Run[] = [];
  let app = await startServer('app', url, PORT);
  try {
    // start one attempt per physician and learn its option ids
    const base = `http://127.0.0.1:${PORT}`;
    const attempts: { id: number; physicianId: number; items: string[][]; cookie: string; csrf: string }[] = [];
    for (const [n, s] of sessions.entries()) {
      const h = { cookie: s.cookie, 'x-csrf-token': s.csrf };
      const st = await (await fetch(`${base}/api/exam/papers/humanities/start`, { method: 'POST', headers: h })).json();
      if (!st.attemptId) throw new Error(`start failed: ${JSON.stringify(st)}`);
      const paper = await (await fetch(`${base}/api/exam/attempts/${st.attemptId}/paper`, { headers: h })).json();
      if (!paper.items) throw new Error(`paper failed: ${JSON.stringify(paper)}`);
      attempts.push({
        id: st.attemptId,
        physicianId: seeded.physicians[n].physicianId,
        items: paper.items.map((i: { options: { id: string }[] }) => i.options.map((o) => o.id)),
        ...s,
      });
    }
    await stopServer(app);

    // 1. the baseline
    const bare = await startServer('bare', url, PORT + 1);
    let k = 0;
    const bareReq = () => ({
      method: 'PUT' as const,
      setupRequest: (req: autocannon.Request) => {
        const a = attempts[k++ % attempts.length];
        const i = k % a.items.length;
        return {
          ...req,
          path: `/bare/${a.id}/${i}`,
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ choice: [a.items[i][k % a.items[i].length]] }),
        };
      },
    });
    results.push(
      await run('bare Fastify + pg UPSERT', {
        url: `http://127.0.0.1:${PORT + 1}`,
        connections: 50,
        requests: [bareReq()],
      }),
    );
    results.push(
      await run('bare Fastify + pg UPSERT', {
        url: `http://127.0.0.1:${PORT + 1}`,
        connections: 200,
        requests: [bareReq()],
      }),
    );
    const guardedReq = () => ({
      method: 'PUT' as const,
      setupRequest: (req: autocannon.Request) => {
        const a = attempts[k++ % attempts.length];
        const i = k % a.items.length;
        return {
          ...req,
          path: `/guarded/${a.id}/${i}?p=${a.physicianId}`,
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ choice: [a.items[i][k % a.items[i].length]] }),
        };
      },
    });
    if (process.env.BENCH_DIAG)
      results.push(
        await run('bare Fastify + guarded exam UPSERT (diagnostic)', {
          url: `http://127.0.0.1:${PORT + 1}`,
          connections: 50,
          requests: [guardedReq()],
        }),
      );
    await stopServer(bare);

    // 2. the real answer save (fresh process: metadata caches cold at start)
    app = await startServer('app', url, PORT);
    const saveReq = () => ({
      method: 'PUT' as const,
      setupRequest: (req: autocannon.Request) => {
        const a = attempts[k++ % attempts.length];
        const i = k % a.items.length;
        return {
          ...req,
          path: `/api/exam/attempts/${a.id}/answers/${i}`,
          headers: { 'content-type': 'application/json', cookie: a.cookie, 'x-csrf-token': a.csrf },
          // a rising journal seq: every save is newer than the last one of its question
          body: JSON.stringify({ choice: [a.items[i][k % a.items[i].length]], seq: k, deviceId: 'bench-device' }),
        };
      },
    });
    results.push(
      await run('answer save (app)', { url: `http://127.0.0.1:${PORT}`, connections: 50, requests: [saveReq()] }),
    );
    results.push(
      await run('answer save (app)', { url: `http://127.0.0.1:${PORT}`, connections: 200, requests: [saveReq()] }),
    );

    // 3. paper fetch
    const paperReq = () => ({
      method: 'GET' as const,
      setupRequest: (req: autocannon.Request) => {
        const a = attempts[k++ % attempts.length];
        return { ...req, path: `/api/exam/attempts/${a.id}/paper`, headers: { cookie: a.cookie } };
      },
    });
    results.push(
      await run('paper fetch (app)', { url: `http://127.0.0.1:${PORT}`, connections: 50, requests: [paperReq()] }),
    );
  } finally {
    await stopServer(app);
    await db.stop();
  }
  const bare50 = results[0].rps;
  const bare200 = results[1].rps;
  process.stdout.write(
    `\nexam hot paths — ${new Date().toISOString()} — ${DURATION}s per run, ${N} attempts (50 questions each)\n`,
  );
  process.stdout.write(
    '| run | conns | req/s | p50 ms | p99 ms | errors | non-2xx | vs bare |\n|---|---|---|---|---|---|---|---|\n',
  );
  for (const r of results) {
    const vs = r.name.startsWith('answer save')
      ? `${Math.round((100 * r.rps) / (r.connections === 50 ? bare50 : bare200))} %`
      : '';
    process.stdout.write(
      `| ${r.name} | ${r.connections} | ${r.rps} | ${r.p50} | ${r.p99} | ${r.errors} | ${r.non2xx} | ${vs} |\n`,
    );
  }
  fs.writeFileSync('/tmp/h-exam-bench-save.json', JSON.stringify(results, null, 2));
}

main().catch((err) => {
  process.stderr.write(`${String(err?.stack ?? err)}\n`);
  process.exit(1);
});
