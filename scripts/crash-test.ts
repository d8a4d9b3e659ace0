/**
 * npm run test:crash — crash safety of a running exam (issue 10 item 8, decision 0067).
 *
 * N physicians answer 人文医学 continuously against the real API (its own process, its own
 * embedded PostgreSQL). Mid-exam the API process is killed with SIGKILL and restarted; later
 * PostgreSQL itself is killed with SIGKILL (postmaster and backends: no shutdown checkpoint) and
 * restarted, which forces crash recovery. Then every answer the server acknowledged with 200 is
 * compared with what the server holds: the held answer must be the acknowledged one or a later
 * one this client sent. Each attempt's deadline must be unchanged (the timer is the server's)
 * and the remaining time must keep running. Exit code 1 on any violation.
 *
 *   npm run test:crash -- [--physicians 20] [--phase 4] [--port 3390] [--pg 55390]
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { spawn, type ChildProcess } from 'node:child_process';
import { BENCH_PASSWORD, seedExamLoad, startDb, stopServer } from '../bench/exam-env.js';
import { type EmbeddedDatabase, startEmbeddedPostgres } from '../src/server/db/embedded.js';

const { values } = parseArgs({
  options: {
    physicians: { type: 'string', default: '20' },
    phase: { type: 'string', default: '4' },
    port: { type: 'string', default: '3390' },
    pg: { type: 'string', default: '55390' },
  },
});
const N = Number(values.physicians);
const PHASE_MS = Number(values.phase) * 1000;
const PORT = Number(values.port);
const PG_PORT = Number(values.pg);
const DATA = path.join(os.tmpdir(), `dingkao-crash-test-${PORT}`);
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function request(method: string, p: string, headers: Record<string, string>, body?: unknown) {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  // biome-ignore lint/suspicious/noExplicitAny: the script reads whatever JSON the API answers
  return new Promise<{ status: number; json: any; setCookie?: string[] }>((resolve) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: PORT,
        method,
        path: p,
        agent,
        timeout: 15_000,
        headers: {
          ...headers,
          ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          // biome-ignore lint/suspicious/noExplicitAny: see above
          let json: any = null;
          try {
            json = JSON.parse(Buffer.concat(chunks).toString('utf8'));
          } catch {
            json = null;
          }
          resolve({ status: res.statusCode ?? 0, json, setCookie: res.headers['set-cookie'] });
        });
        res.on('error', () => resolve({ status: 0, json: null }));
      },
    );
    req.on('error', () => resolve({ status: 0, json: null }));
    req.on('timeout', () => req.destroy());
    if (payload) req.write(payload);
    req.end();
  });
}

/** The real application in its own process (bench/exam-server.ts, mode app); waits up to 4 minutes. */
async function startServer(_mode: 'app', url: string, port: number): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(import.meta.dirname, '..', 'bench', 'exam-server.ts')],
    {
      env: {
        ...process.env,
        BENCH_MODE: 'app',
        DATABASE_URL: url,
        PORT: String(port),
        LOG_LEVEL: 'warn',
        CAPTCHA_DISABLED: '1',
        NODE_ENV: 'production',
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  for (let i = 0; i < 480; i++) {
    const ok = await fetch(`http://127.0.0.1:${port}/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return child;
    if (child.exitCode !== null) break;
    await sleep(500);
  }
  child.kill('SIGKILL');
  throw new Error('API server did not start');
}

interface Taker {
  id: number;
  h: Record<string, string>;
  deviceId: string;
  deadlineAt: string;
  seq: number;
  items: { index: number; type: string; options: string[] }[];
  /** per question: the last acknowledged entry, and every entry sent (seq → choice) */
  acked: Map<number, { seq: number; choice: string }>;
  sent: Map<number, Map<number, string>>;
}

const stats = { sent: 0, ok: 0, network: 0, byStatus: new Map<number, number>() };

async function enter(p: { idNumber: string; name: string }, k: number): Promise<Taker> {
  const login = await request(
    'POST',
    '/api/auth/physician-login',
    {},
    { idNumber: p.idNumber, name: p.name, password: BENCH_PASSWORD },
  );
  if (login.status !== 200) throw new Error(`login ${login.status} ${JSON.stringify(login.json)}`);
  const cookie = login.setCookie!.map((c) => c.split(';')[0]).join('; ');
  const me = await request('GET', '/api/auth/me', { cookie });
  const h = { cookie, 'x-csrf-token': me.json.csrfToken };
  const st = await request('POST', '/api/exam/papers/humanities/start', h);
  if (st.status !== 200) throw new Error(`start ${st.status} ${JSON.stringify(st.json)}`);
  const id = st.json.attemptId as number;
  const deviceId = `crash-device-${k}`;
  const claim = await request('POST', `/api/exam/attempts/${id}/claim`, h, { deviceId });
  if (claim.status !== 200) throw new Error(`claim ${claim.status} ${JSON.stringify(claim.json)}`);
  const paper = await request('GET', `/api/exam/attempts/${id}/paper`, h);
  const state = await request('GET', `/api/exam/attempts/${id}`, h);
  return {
    id,
    h,
    deviceId,
    deadlineAt: state.json.deadlineAt,
    seq: claim.json.seqBase,
    items: paper.json.items.map((i: { index: number; type: string; options: { id: string }[] }) => ({
      index: i.index,
      type: i.type,
      options: i.options.map((o) => o.id),
    })),
    acked: new Map(),
    sent: new Map(),
  };
}

async function answerLoop(t: Taker, stop: { v: boolean }) {
  while (!stop.v) {
    const it = t.items[Math.floor(Math.random() * t.items.length)];
    const choice =
      it.type === 'multiple'
        ? it.options.filter(() => Math.random() < 0.5).slice(0, 3)
        : [it.options[Math.floor(Math.random() * it.options.length)]];
    if (!choice.length) choice.push(it.options[0]);
    const seq = ++t.seq;
    const key = [...choice].sort().join(',');
    if (!t.sent.has(it.index)) t.sent.set(it.index, new Map());
    t.sent.get(it.index)!.set(seq, key);
    stats.sent++;
    const r = await request('PUT', `/api/exam/attempts/${t.id}/answers/${it.index}`, t.h, {
      choice,
      seq,
      deviceId: t.deviceId,
    });
    if (r.status === 0) stats.network++;
    else stats.byStatus.set(r.status, (stats.byStatus.get(r.status) ?? 0) + 1);
    if (r.status === 200 && r.json?.applied) {
      stats.ok++;
      const prev = t.acked.get(it.index);
      if (!prev || prev.seq < seq) t.acked.set(it.index, { seq, choice: key });
    }
    await sleep(r.status === 200 ? 30 : 200);
  }
}

function killPostgres(pgDir: string): number {
  const pid = Number(fs.readFileSync(path.join(pgDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  // the postmaster and its backends by process id (no shutdown, no checkpoint: a crash)
  const children = execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' })
    .split('\n')
    .map((s) => Number(s.trim()))
    .filter(Boolean);
  process.kill(pid, 'SIGKILL');
  for (const c of children) {
    try {
      process.kill(c, 'SIGKILL');
    } catch {
      /* gone */
    }
  }
  return pid;
}

async function restartPostgres(): Promise<EmbeddedDatabase> {
  for (let i = 0; ; i++) {
    try {
      return await startEmbeddedPostgres(DATA, PG_PORT, pino({ level: 'warn' }));
    } catch (err) {
      if (i > 20) throw err;
      await sleep(500); // the killed backends may still hold the old shared memory for a moment
    }
  }
}

async function main(): Promise<number> {
  fs.rmSync(DATA, { recursive: true, force: true });
  const log = (m: string) => process.stdout.write(`[${new Date().toISOString().slice(11, 19)}] ${m}\n`);
  let { url, db } = await startDb(DATA, PG_PORT);
  const seeded = await seedExamLoad(url, { physicians: N, durationMinutes: 60 });
  let server = await startServer('app', url, PORT);
  const takers = await Promise.all(seeded.physicians.map((p, k) => enter(p, k)));
  log(`${takers.length} 名医师开始答题`);
  const stop = { v: false };
  const loops = takers.map((t) => answerLoop(t, stop));
  await sleep(PHASE_MS);

  log(`kill -9 API 进程 (pid ${server.pid})`);
  server.kill('SIGKILL');
  await new Promise((r) => server.once('exit', r));
  await sleep(1000);
  server = await startServer('app', url, PORT);
  log('API 已重启');
  await sleep(PHASE_MS);

  const pgPid = killPostgres(db.pgDir);
  log(`kill -9 PostgreSQL (postmaster pid ${pgPid} 及其子进程)`);
  await sleep(1500);
  db = await restartPostgres();
  url = db.url;
  log('PostgreSQL 已重启（崩溃恢复）');
  await sleep(PHASE_MS);
  stop.v = true;
  await Promise.all(loops);

  // verification through the API: what the server holds for each attempt
  const violations: string[] = [];
  let checked = 0;
  for (const t of takers) {
    const st = await request('GET', `/api/exam/attempts/${t.id}`, t.h);
    if (st.status !== 200) {
      violations.push(`attempt ${t.id}: state ${st.status}`);
      continue;
    }
    if (st.json.deadlineAt !== t.deadlineAt)
      violations.push(`attempt ${t.id}: deadline moved ${t.deadlineAt} → ${st.json.deadlineAt}`);
    const expectRemaining = Math.round((Date.parse(t.deadlineAt) - Date.parse(st.json.serverNow)) / 1000);
    if (Math.abs(st.json.remainingSeconds - expectRemaining) > 2)
      violations.push(`attempt ${t.id}: remaining ${st.json.remainingSeconds}s, deadline says ${expectRemaining}s`);
    if (st.json.status !== 'in_progress') violations.push(`attempt ${t.id}: status ${st.json.status}`);
    const held = new Map<number, { seq: number; choice: string }>(
      st.json.answers.map((a: { index: number; seq: number; choice: string[] }) => [
        a.index,
        { seq: a.seq, choice: [...a.choice].sort().join(',') },
      ]),
    );
    for (const [index, ack] of t.acked) {
      checked++;
      const h = held.get(index);
      if (!h) {
        violations.push(`attempt ${t.id} q${index}: acknowledged seq ${ack.seq} lost`);
        continue;
      }
      if (h.seq < ack.seq) violations.push(`attempt ${t.id} q${index}: holds seq ${h.seq} < acknowledged ${ack.seq}`);
      else if (h.seq === ack.seq && h.choice !== ack.choice)
        violations.push(`attempt ${t.id} q${index}: choice differs`);
      else if (h.seq > ack.seq && t.sent.get(index)?.get(h.seq) !== h.choice)
        violations.push(`attempt ${t.id} q${index}: holds seq ${h.seq} this client never sent`);
    }
  }
  await stopServer(server);
  await db.stop();
  const statuses = [...stats.byStatus].map(([s, n]) => `${s}×${n}`).join(' ');
  log(`发送 ${stats.sent} 次保存：已确认 ${stats.ok}，网络中断 ${stats.network}，状态 ${statuses}`);
  log(`核对 ${checked} 道已确认的答案，${takers.length} 个考试的截止时间与剩余时间`);
  if (violations.length) {
    for (const v of violations.slice(0, 50)) log(`✗ ${v}`);
    log(`崩溃安全检查失败：${violations.length} 处`);
    return 1;
  }
  log('崩溃安全检查通过：每个返回 200 的答案都在，计时以服务器为准且未重置 / crash test passed');
  fs.rmSync(DATA, { recursive: true, force: true });
  return 0;
}

main().then(
  (c) => process.exit(c),
  (err) => {
    process.stderr.write(`${err instanceof Error ? err.stack : err}\n`);
    process.exit(2);
  },
);
