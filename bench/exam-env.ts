/**
 * Shared set-up for the exam benchmarks: an embedded PostgreSQL of its own, migrations, and
 * a province with N physicians at 待参加测评 seeded directly in the database.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import pino from 'pino';
import pg from 'pg';
import { createDb, createPool } from '../src/server/db/client.js';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../src/server/db/embedded.js';
import { runMigrations } from '../src/server/db/migrate.js';
import { hashPassword } from '../src/server/platform/passwords.js';
import { createSession } from '../src/server/platform/sessions.js';
import { makeIdNumber } from '../src/server/seed/names.js';

export const BENCH_PASSWORD = 'Bench2026ok';

export async function startDb(dataDir: string, port: number): Promise<{ url: string; db: EmbeddedDatabase }> {
  const log = pino({ level: 'warn' });
  const db = await startEmbeddedPostgres(dataDir, port, log);
  const pool = createPool(db.url, 2);
  await runMigrations(createDb(pool));
  await pool.end();
  return { url: db.url, db };
}

export interface SeededPhysician {
  physicianId: number;
  accountId: number;
  enrolmentId: number;
  idNumber: string;
  name: string;
}

/** Province, cycle (exam window open today), questions, blueprint and `n` physicians at 待参加测评 with consent. */
export async function seedExamLoad(
  url: string,
  opts: {
    physicians: number;
    questions?: number;
    questionCount?: number;
    durationMinutes?: number;
    procedure?: 'simple' | 'general';
  },
): Promise<{ provinceId: number; cycleId: number; physicians: SeededPhysician[] }> {
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  const c = await pool.connect();
  try {
    await c.query('BEGIN');
    const tag = `b${Date.now().toString(36)}`;
    const prov = await c.query(
      `INSERT INTO organisations (province_id, kind, level, name, code, path, status) VALUES (0, 'admin', 'province', $1, $2, '/', 'active') RETURNING id`,
      [`压测省卫健委${tag}`, `${tag}_prov`],
    );
    const provinceId: number = prov.rows[0].id;
    await c.query(`UPDATE organisations SET province_id = id, path = '/' || id || '/' WHERE id = $1`, [provinceId]);
    const inst = await c.query(
      `INSERT INTO organisations (province_id, parent_id, kind, name, code, path, status) VALUES ($1, $1, 'institution', $2, $3, '/', 'active') RETURNING id`,
      [provinceId, `压测医院${tag}`, `${tag}_h`],
    );
    const instId: number = inst.rows[0].id;
    const instPath = `/${provinceId}/${instId}/`;
    await c.query(`UPDATE organisations SET path = $2 WHERE id = $1`, [instId, instPath]);
    const today = new Date();
    const d = (days: number) => new Date(today.getTime() + days * 86400_000).toISOString().slice(0, 10);
    const windows = {
      registration: { start: d(-60), end: d(-10) },
      deferral: { start: d(-60), end: d(-10) },
      exam: { start: d(-5), end: d(20) },
      grading: { start: d(21), end: d(30) },
      reexam: { start: d(60), end: d(80) },
      reexamGrading: { start: d(81), end: d(90) },
    };
    const cyc = await c.query(
      `INSERT INTO cycles (province_id, name, period_start, period_end, windows) VALUES ($1, '压测周期', $2, $3, $4) RETURNING id`,
      [provinceId, d(-400), d(700), JSON.stringify(windows)],
    );
    const cycleId: number = cyc.rows[0].id;
    const nq = opts.questions ?? 300;
    const cats = ['法律法规', '医学伦理', '医患沟通', '心理学', '卫生管理', '人文素养'];
    await c.query(
      `INSERT INTO questions (province_id, bank, category) SELECT $1, 'humanities', ($3::text[])[1 + g % 6] FROM generate_series(1, $2) g`,
      [provinceId, nq, cats],
    );
    // (a data-modifying CTE cannot see its own inserted rows, so versions are a second statement)
    await c.query(
      `INSERT INTO question_versions (question_id, version, type, stem, options, answer, difficulty)
       SELECT id, 1, CASE WHEN id % 5 = 0 THEN 'multiple' ELSE 'single' END, '压测试题 ' || id || '：下列说法正确的是',
              jsonb_build_array(jsonb_build_object('key','A','text','选项A'||id), jsonb_build_object('key','B','text','选项B'||id),
                                jsonb_build_object('key','C','text','选项C'||id), jsonb_build_object('key','D','text','选项D'||id)),
              CASE WHEN id % 5 = 0 THEN '["A","C"]'::jsonb ELSE '["B"]'::jsonb END, 1 + id % 5
         FROM questions WHERE province_id = $1`,
      [provinceId],
    );
    await c.query(
      `UPDATE questions q SET current_version_id = v.id FROM question_versions v WHERE v.question_id = q.id AND q.province_id = $1`,
      [provinceId],
    );
    await c.query(
      `INSERT INTO exam_blueprints (cycle_id, province_id, paper_type, duration_minutes, question_count, attempts, rules) VALUES ($1, $2, 'humanities', $3, $4, 10, '[]')`,
      [cycleId, provinceId, opts.durationMinutes ?? 60, opts.questionCount ?? 50],
    );
    const hash = await hashPassword(BENCH_PASSWORD);
    const physicians: SeededPhysician[] = [];
    const batch = 1000;
    for (let start = 0; start < opts.physicians; start += batch) {
      const n = Math.min(batch, opts.physicians - start);
      const ids = Array.from({ length: n }, (_, i) => {
        const k = start + i;
        const birth = new Date(Date.UTC(1960 + (k % 35), k % 12, 1 + (k % 28)));
        const serial = (k * 7919 + provinceId) % 999;
        return makeIdNumber(`459${String(provinceId % 1000).padStart(3, '0')}`, birth, serial, serial % 2 === 1);
      });
      const names = ids.map((_, i) => `压测医师${start + i}`);
      const ph = await c.query(
        `INSERT INTO physicians (province_id, institution_id, org_path, name, id_number, gender, level, practice_category)
         SELECT $1, $2, $3, n, idn, '男', '执业医师', '临床' FROM unnest($4::text[], $5::text[]) AS t(idn, n)
         ON CONFLICT (id_number) DO NOTHING RETURNING id, id_number, name`,
        [provinceId, instId, instPath, ids, names],
      );
      const acc = await c.query(
        `INSERT INTO accounts (kind, physician_id, province_id, login, password_hash, must_change_password, mobile, mobile_verified_at)
         SELECT 'physician', id, $1, id_number, $2, false, '139' || lpad((id % 100000000)::text, 8, '0'), now()
           FROM physicians WHERE id = ANY($3::bigint[]) RETURNING id, physician_id`,
        [provinceId, hash, ph.rows.map((r) => r.id)],
      );
      const en = await c.query(
        `INSERT INTO enrolments (cycle_id, province_id, physician_id, institution_id, org_path, status, procedure, work_result, ethics_result)
         SELECT $1, $2, id, $3, $4, 'ready_for_exam', $6, '合格', '合格' FROM unnest($5::bigint[]) AS id RETURNING id, physician_id`,
        [cycleId, provinceId, instId, instPath, ph.rows.map((r) => r.id), opts.procedure ?? 'simple'],
      );
      await c.query(
        `INSERT INTO exam_consents (enrolment_id, physician_id, consented_at) SELECT id, physician_id, now() FROM enrolments WHERE id = ANY($1::bigint[])`,
        [en.rows.map((r) => r.id)],
      );
      const accBy = new Map(acc.rows.map((r) => [Number(r.physician_id), Number(r.id)]));
      const enBy = new Map(en.rows.map((r) => [Number(r.physician_id), Number(r.id)]));
      for (const r of ph.rows) {
        physicians.push({
          physicianId: Number(r.id),
          accountId: accBy.get(Number(r.id))!,
          enrolmentId: enBy.get(Number(r.id))!,
          idNumber: r.id_number,
          name: r.name,
        });
      }
    }
    await c.query('COMMIT');
    await c.query('ANALYZE');
    return { provinceId, cycleId, physicians };
  } catch (e) {
    await c.query('ROLLBACK');
    throw e;
  } finally {
    c.release();
    await pool.end();
  }
}

/** Sessions created directly (login is measured in the simulation, not in the save benchmark). */
export async function sessionsFor(url: string, accountIds: number[]): Promise<{ cookie: string; csrf: string }[]> {
  const pool = createPool(url, 4);
  const db = createDb(pool);
  const out = [];
  for (const id of accountIds) {
    const s = await createSession(db, id, 'physician', 12, {});
    out.push({ cookie: `dk_session=${s.token}`, csrf: s.csrfToken });
  }
  await pool.end();
  return out;
}

/** Start `bench/exam-server.ts` in its own process and wait until it answers. */
export async function startServer(
  mode: 'app' | 'bare' | 'product',
  url: string,
  port: number,
  workers = 1,
  env: Record<string, string> = {},
): Promise<ChildProcess> {
  const here = path.dirname(new URL(import.meta.url).pathname);
  const prof =
    process.env.BENCH_PROF && mode === 'app' ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROF}`] : [];
  // 'product' is the product's own entry (src/server/main.ts) with WORKERS API processes
  const entry = mode === 'product' ? path.join(here, '../src/server/main.ts') : path.join(here, 'exam-server.ts');
  const child = spawn(process.execPath, [...prof, '--import', 'tsx', entry], {
    env: {
      ...process.env,
      BENCH_MODE: mode,
      DATABASE_URL: url,
      PORT: String(port),
      WORKERS: String(workers),
      LOG_LEVEL: 'warn',
      CAPTCHA_DISABLED: '1',
      NODE_ENV: 'production',
      ...env,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  // up to 4 minutes: on a loaded shared machine the first start (tsx transform) can take long
  for (let i = 0; i < 480; i++) {
    try {
      const r = await fetch(`http://127.0.0.1:${port}${mode === 'product' ? '/api/health' : '/ready'}`);
      if (r.ok) return child;
    } catch {
      /* starting */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  child.kill('SIGTERM');
  throw new Error(`bench server (${mode}) did not start`);
}

export async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

export function ensureDir(p: string) {
  fs.mkdirSync(p, { recursive: true });
}

/* ───────────────── the save load shared by exam-save-interleaved and exam-save-volume ───────────────── */

type Req = { method?: string; path?: string; headers?: Record<string, string>; body?: string };
type CannonResult = {
  requests: { average: number };
  latency: { p50: number; p99: number };
  errors: number;
  non2xx: number;
};
const autocannon = createRequire(import.meta.url)('autocannon') as (
  o: {
    url: string;
    connections: number;
    duration: number;
    requests: { method: string; setupRequest: (r: Req) => Req }[];
  },
  cb: (err: Error | null, r: CannonResult) => void,
) => void;

export interface Throughput {
  rps: number;
  p50: number;
  p99: number;
  bad: number;
}

/** One autocannon run of PUTs built by `setup` (50 connections unless told). */
export const runPuts = (url: string, setup: (r: Req) => Req, seconds: number, connections = 50) =>
  new Promise<Throughput>((resolve, reject) =>
    autocannon({ url, connections, duration: seconds, requests: [{ method: 'PUT', setupRequest: setup }] }, (err, r) =>
      err
        ? reject(err)
        : resolve({
            rps: Math.round(r.requests.average),
            p50: r.latency.p50,
            p99: r.latency.p99,
            bad: r.errors + r.non2xx,
          }),
    ),
  );

export interface OpenAttempt {
  id: number;
  items: string[][];
  cookie: string;
  csrf: string;
}

/** Each session starts 人文医学 and fetches its paper through the app (so the app's caches are warm, as on exam day). */
export async function openAttempts(base: string, sessions: { cookie: string; csrf: string }[]): Promise<OpenAttempt[]> {
  const attempts: OpenAttempt[] = [];
  for (const s of sessions) {
    const h = { cookie: s.cookie, 'x-csrf-token': s.csrf };
    const st = await (await fetch(`${base}/api/exam/papers/humanities/start`, { method: 'POST', headers: h })).json();
    const paper = await (await fetch(`${base}/api/exam/attempts/${st.attemptId}/paper`, { headers: h })).json();
    attempts.push({
      id: st.attemptId,
      items: paper.items.map((i: { options: { id: string }[] }) => i.options.map((o) => o.id)),
      ...s,
    });
  }
  return attempts;
}

/**
 * Request builders over the open attempts: the bare server's plain UPSERT and the app's real save.
 * The app's saves carry a rising journal seq (k only grows), so every save is newer than the last
 * one of its question and is applied, as from a device.
 */
export function saveSetups(attempts: OpenAttempt[]) {
  let k = 0;
  const pick = () => {
    const a = attempts[k++ % attempts.length];
    const i = k % a.items.length;
    return { a, i, choice: [a.items[i][k % a.items[i].length]] };
  };
  return {
    bare: (req: Req): Req => {
      const { a, i, choice } = pick();
      return {
        ...req,
        path: `/bare/${a.id}/${i}`,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ choice }),
      };
    },
    /** the app's request against the bare server's `/same` route (the real statement without the app around it) */
    same: (req: Req): Req => {
      const { a, i, choice } = pick();
      return {
        ...req,
        path: `/same/${a.id}/${i}`,
        headers: { 'content-type': 'application/json', cookie: a.cookie, 'x-csrf-token': a.csrf },
        body: JSON.stringify({ choice, seq: k, deviceId: 'bench-device' }),
      };
    },
    app: (req: Req): Req => {
      const { a, i, choice } = pick();
      return {
        ...req,
        path: `/api/exam/attempts/${a.id}/answers/${i}`,
        headers: { 'content-type': 'application/json', cookie: a.cookie, 'x-csrf-token': a.csrf },
        body: JSON.stringify({ choice, seq: k, deviceId: 'bench-device' }),
      };
    },
  };
}
