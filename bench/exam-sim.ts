/**
 * One exam window compressed into a few minutes: N physicians (seeded directly in the
 * database, consent given) each log in, start 人文医学, fetch the paper, save 50 answers
 * spread over a session, and 交卷. A custom load generator (undici keep-alive pool).
 * Afterwards every acknowledged answer is compared with the database.
 *
 *   npx tsx bench/exam-sim.ts --physicians 10000 --duration 300 --session 60 [--workers 2]
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { Pool } from 'undici';
import { BENCH_PASSWORD, seedExamLoad, startDb, startServer, stopServer } from './exam-env.js';

const { values } = parseArgs({
  options: {
    physicians: { type: 'string', default: '10000' },
    duration: { type: 'string', default: '300' },
    session: { type: 'string', default: '60' },
    sockets: { type: 'string', default: '256' },
    // with --workers the product's own entry runs with WORKERS=N API processes (node:cluster)
    workers: { type: 'string' },
    port: { type: 'string', default: '3205' },
    pg: { type: 'string', default: '55205' },
  },
});
const N = Number(values.physicians);
const DURATION = Number(values.duration) * 1000;
const SESSION = Number(values.session) * 1000;
const PORT = Number(values.port);
const DATA = '/tmp/h-exam-bench-sim';
// undici's pool: keep-alive connections at a fraction of node:http's CPU per request, so the load
// generator takes less of the two cores it shares with the API and PostgreSQL
const client = new Pool(`http://127.0.0.1:${PORT}`, { connections: Number(values.sockets), pipelining: 1 });

type Kind = 'login' | 'me' | 'start' | 'paper' | 'save' | 'submit';
const lat: Record<Kind, number[]> = { login: [], me: [], start: [], paper: [], save: [], submit: [] };
const errors: { kind: Kind; status: number; message: string }[] = [];

async function request(
  kind: Kind,
  method: 'GET' | 'POST' | 'PUT',
  path: string,
  headers: Record<string, string>,
  body?: unknown,
  // biome-ignore lint/suspicious/noExplicitAny: the simulator reads whatever JSON the API answers
): Promise<{ status: number; json: any; setCookie?: string[] }> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const t0 = performance.now();
  try {
    const res = await client.request({
      method,
      path,
      headers: payload ? { ...headers, 'content-type': 'application/json' } : headers,
      body: payload,
      headersTimeout: 60_000,
      bodyTimeout: 60_000,
    });
    const text = await res.body.text();
    lat[kind].push(performance.now() - t0);
    // biome-ignore lint/suspicious/noExplicitAny: see above
    let json: any = null;
    try {
      json = JSON.parse(text);
    } catch {
      /* not json */
    }
    if (res.statusCode >= 400)
      errors.push({ kind, status: res.statusCode, message: json?.message ?? text.slice(0, 100) });
    const sc = res.headers['set-cookie'];
    return { status: res.statusCode, json, setCookie: sc === undefined ? undefined : ([] as string[]).concat(sc) };
  } catch (e) {
    lat[kind].push(performance.now() - t0);
    errors.push({ kind, status: 0, message: (e as Error).message });
    return { status: 0, json: null };
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const acked = new Map<number, Map<number, string>>();
let finished = 0;

async function physician(p: { idNumber: string; name: string }, startAt: number) {
  await sleep(Math.max(0, startAt - performance.now()));
  const login = await request(
    'login',
    'POST',
    '/api/auth/physician-login',
    {},
    { idNumber: p.idNumber, name: p.name, password: BENCH_PASSWORD },
  );
  if (login.status !== 200) return;
  const cookie = login.setCookie!.map((c) => c.split(';')[0]).join('; ');
  const me = await request('me', 'GET', '/api/auth/me', { cookie });
  if (me.status !== 200) return;
  const h = { cookie, 'x-csrf-token': me.json.csrfToken };
  const st = await request('start', 'POST', '/api/exam/papers/humanities/start', h);
  if (st.status !== 200) return;
  const id: number = st.json.attemptId;
  const paper = await request('paper', 'GET', `/api/exam/attempts/${id}/paper`, h);
  if (paper.status !== 200) return;
  const items: { index: number; type: string; options: { id: string }[] }[] = paper.json.items;
  const mine = new Map<number, string>();
  acked.set(id, mine);
  const gap = SESSION / (items.length + 1);
  for (const it of items) {
    await sleep(gap * (0.5 + Math.random()));
    const opts = it.options.map((o) => o.id);
    const choice =
      it.type === 'multiple'
        ? opts.filter(() => Math.random() < 0.5).slice(0, 3)
        : [opts[Math.floor(Math.random() * opts.length)]];
    if (!choice.length) choice.push(opts[0]);
    const r = await request('save', 'PUT', `/api/exam/attempts/${id}/answers/${it.index}`, h, {
      choice,
      seq: it.index + 1,
      deviceId: 'bench-device',
    });
    if (r.status === 200) mine.set(it.index, [...choice].sort().join(','));
  }
  const sub = await request('submit', 'POST', `/api/exam/attempts/${id}/submit`, h);
  if (sub.status === 200) finished++;
}

const pct = (xs: number[], q: number) => {
  if (!xs.length) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.floor(q * s.length))]);
};

async function main() {
  fs.rmSync(DATA, { recursive: true, force: true });
  const { url, db } = await startDb(DATA, Number(values.pg));
  const seeded = await seedExamLoad(url, { physicians: N });
  const server = values.workers
    ? await startServer('product', url, PORT, Number(values.workers))
    : await startServer('app', url, PORT);
  const t0 = performance.now();
  const spread = Math.max(1, DURATION - SESSION);
  const progress = setInterval(() => {
    const saves = lat.save.length;
    process.stderr.write(
      `t=${Math.round((performance.now() - t0) / 1000)}s logins=${lat.login.length} saves=${saves} submitted=${finished} errors=${errors.length}\n`,
    );
  }, 15_000);
  try {
    await Promise.all(seeded.physicians.map((p, i) => physician(p, t0 + (spread * i) / seeded.physicians.length)));
  } finally {
    clearInterval(progress);
  }
  const elapsed = (performance.now() - t0) / 1000;
  await stopServer(server);

  // verify: every acknowledged answer is in the database, every attempt is submitted and scored
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  if (process.env.EMBEDDED_PG_STAT_STATEMENTS === '1') {
    // where PostgreSQL spent its time: calls, execution ms, planning ms, µs per call, statement
    await pool.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    const r = await pool.query(
      `SELECT calls, round(total_exec_time) AS exec_ms, round(total_plan_time) AS plan_ms, round((total_exec_time+total_plan_time)/greatest(calls,1)*1000) AS us_per_call, left(regexp_replace(query, '\\s+', ' ', 'g'), 110) AS q FROM pg_stat_statements ORDER BY total_exec_time+total_plan_time DESC LIMIT 30`,
    );
    for (const x of r.rows) process.stdout.write(`${x.calls}\t${x.exec_ms}\t${x.plan_ms}\t${x.us_per_call}\t${x.q}\n`);
  }
  let lost = 0;
  let checked = 0;
  const ids = [...acked.keys()];
  for (let i = 0; i < ids.length; i += 1000) {
    const chunk = ids.slice(i, i + 1000);
    const { rows } = await pool.query(
      `SELECT a.id AS attempt_id, (x.i - 1)::int AS question_index, x.c AS choice
         FROM exam_attempts a CROSS JOIN LATERAL unnest(a.answers) WITH ORDINALITY x(c, i)
        WHERE a.id = ANY($1::bigint[]) AND x.c <> ''
       UNION ALL
       SELECT attempt_id, question_index, choice FROM exam_answers WHERE attempt_id = ANY($1::bigint[])`,
      [chunk],
    );
    const db = new Map<string, string>(rows.map((r) => [`${r.attempt_id}:${r.question_index}`, r.choice]));
    for (const id of chunk) {
      for (const [idx, choice] of acked.get(id)!) {
        checked++;
        if (db.get(`${id}:${idx}`) !== choice) lost++;
      }
    }
  }
  const { rows: st } = await pool.query(
    `SELECT count(*) FILTER (WHERE status = 'submitted' AND score IS NOT NULL)::int AS scored, count(*)::int AS total FROM exam_attempts WHERE province_id = $1`,
    [seeded.provinceId],
  );
  const { rows: en } = await pool.query(
    `SELECT status, count(*)::int AS n FROM enrolments WHERE province_id = $1 GROUP BY 1`,
    [seeded.provinceId],
  );
  await pool.end();
  await db.stop();

  const all = Object.values(lat).flat();
  const total = all.length;
  const out = {
    physicians: seeded.physicians.length,
    plannedSeconds: DURATION / 1000,
    elapsedSeconds: Math.round(elapsed),
    requests: total,
    avgRps: Math.round(total / elapsed),
    saves: lat.save.length,
    errors: errors.length,
    errorSample: errors.slice(0, 5),
    acknowledgedAnswers: checked,
    lostAnswers: lost,
    attemptsSubmittedAndScored: st[0].scored,
    attempts: st[0].total,
    enrolments: en,
    latencyMs: Object.fromEntries(
      Object.entries(lat).map(([k, v]) => [
        k,
        { n: v.length, p50: pct(v, 0.5), p99: pct(v, 0.99), max: Math.round(v.reduce((m, x) => Math.max(x, m), 0)) },
      ]),
    ),
    p99AllMs: pct(all, 0.99),
  };
  process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  fs.writeFileSync(`/tmp/h-exam-bench-sim-${N}.json`, JSON.stringify(out, null, 2));
  await client.close();
}

main().catch((err) => {
  process.stderr.write(`${String(err?.stack ?? err)}\n`);
  process.exit(1);
});
