/**
 * Shared set-up for the enrolment benchmarks: an embedded PostgreSQL of its own (migrated), a
 * province generated set-based in SQL (cities → districts → institutions → physicians →
 * enrolments in the current cycle), sessions for each reviewer role, and the real app for
 * `app.inject` (routing, validation, session, scope and serialisation included).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import type pg from 'pg';
import { buildApp, type AppDeps } from '../src/server/app.js';
import { loadConfig } from '../src/server/config.js';
import { createDb, createPool } from '../src/server/db/client.js';
import { startEmbeddedPostgres } from '../src/server/db/embedded.js';
import { runMigrations } from '../src/server/db/migrate.js';
import { createSession } from '../src/server/platform/sessions.js';
import { OutboxSmsGateway } from '../src/server/platform/sms.js';
import { LocalStorage } from '../src/server/platform/storage.js';
import type { Role } from '../src/server/platform/actor.js';

export interface BenchWorld {
  app: Awaited<ReturnType<typeof buildApp>>;
  pool: pg.Pool;
  provinceId: number;
  cycleId: number;
  ids: { province: number; city: number; district: number; institution: number; body: number };
  headers: (who: keyof BenchWorld['ids']) => Promise<Record<string, string>>;
  stop: () => Promise<void>;
}

const STATUS_CASE = `CASE
  WHEN r < 0.05 THEN 'opened' WHEN r < 0.10 THEN 'pending_institution' WHEN r < 0.13 THEN 'pending_body'
  WHEN r < 0.25 THEN 'pending_evaluation' WHEN r < 0.30 THEN 'pending_body_evaluation' WHEN r < 0.60 THEN 'ready_for_exam'
  WHEN r < 0.70 THEN 'pending_grading' WHEN r < 0.90 THEN 'passed' ELSE 'failed' END`;

export async function startWorld(opts: {
  port: number;
  enrolments: number;
  perInstitution?: number;
}): Promise<BenchWorld> {
  const log = pino({ level: 'warn' });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dingkao-bench-enrol-'));
  fs.chmodSync(dir, 0o755);
  const emb = await startEmbeddedPostgres(dir, opts.port, log);
  const pool = createPool(emb.url, 8);
  const db = createDb(pool);
  await runMigrations(db);
  const per = opts.perInstitution ?? 500;
  const institutions = Math.ceil(opts.enrolments / per);
  const districts = Math.max(1, Math.ceil(institutions / 20));
  const cities = Math.max(1, Math.ceil(districts / 10));
  const t0 = Date.now();
  const c = await pool.connect();
  let provinceId = 0;
  let cycleId = 0;
  try {
    await c.query('BEGIN');
    const tag = `be${Date.now().toString(36)}`;
    provinceId = (
      await c.query(
        `INSERT INTO organisations (province_id, kind, level, name, code, path, status) VALUES (0,'admin','province','压测省卫健委',$1,'/','active') RETURNING id`,
        [`${tag}_p`],
      )
    ).rows[0].id;
    await c.query(`UPDATE organisations SET province_id = id, path = '/' || id || '/' WHERE id = $1`, [provinceId]);
    const P = provinceId;
    await c.query(
      `INSERT INTO organisations (province_id, parent_id, kind, level, name, code, path, status)
       SELECT $1, $1, 'admin', 'city', '压测市' || g, $2 || '_c' || g, '/', 'active' FROM generate_series(1, $3) g`,
      [P, tag, cities],
    );
    await c.query(
      `UPDATE organisations SET path = '/' || $1 || '/' || id || '/' WHERE parent_id = $1 AND level = 'city'`,
      [P],
    );
    await c.query(
      `INSERT INTO organisations (province_id, parent_id, kind, level, name, code, path, status)
       SELECT $1, c.id, 'admin', 'district', c.name || '区' || g, $2 || '_d' || c.id || '_' || g, '/', 'active'
         FROM organisations c, generate_series(1, 10) g WHERE c.parent_id = $1 AND c.level = 'city'`,
      [P, tag],
    );
    await c.query(
      `UPDATE organisations d SET path = c.path || d.id || '/' FROM organisations c WHERE d.parent_id = c.id AND c.parent_id = $1 AND d.level = 'district'`,
      [P],
    );
    await c.query(
      `INSERT INTO organisations (province_id, parent_id, kind, name, code, path, status)
       SELECT $1, d.id, 'institution', d.name || '医院' || g, $2 || '_h' || d.id || '_' || g, '/', 'active'
         FROM (SELECT id, name FROM organisations WHERE province_id = $1 AND level = 'district' ORDER BY id LIMIT $3) d, generate_series(1, 20) g`,
      [P, tag, districts],
    );
    await c.query(
      `UPDATE organisations i SET path = d.path || i.id || '/' FROM organisations d WHERE i.parent_id = d.id AND d.province_id = $1 AND i.kind = 'institution'`,
      [P],
    );
    // every 100 institutions share one assessment body (the first of them)
    await c.query(
      `WITH i AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM organisations WHERE province_id = $1 AND kind = 'institution'),
            b AS (SELECT i.id, (SELECT x.id FROM i x WHERE x.n = (i.n / 100) * 100) AS body FROM i)
       INSERT INTO assessment_assignments (province_id, body_org_id, institution_id) SELECT $1, body, id FROM b`,
      [P],
    );
    await c.query(
      `UPDATE organisations SET is_assessment_body = true WHERE id IN (SELECT DISTINCT body_org_id FROM assessment_assignments WHERE province_id = $1)`,
      [P],
    );
    const today = new Date();
    const d = (n: number) => new Date(today.getTime() + n * 86400_000).toISOString().slice(0, 10);
    cycleId = (
      await c.query(
        `INSERT INTO cycles (province_id, name, period_start, period_end, windows, procedure_choice) VALUES ($1, '压测周期', $2, $3, $4, 'with_registration') RETURNING id`,
        [
          P,
          d(-400),
          d(600),
          JSON.stringify({
            registration: { start: d(-30), end: d(30) },
            deferral: { start: d(-30), end: d(20) },
            exam: { start: d(-10), end: d(40) },
            grading: { start: d(-10), end: d(60) },
            reexam: { start: d(100), end: d(130) },
            reexamGrading: { start: d(100), end: d(160) },
          }),
        ],
      )
    ).rows[0].id;
    await c.query('COMMIT');
  } finally {
    c.release();
  }
  // physicians and enrolments in chunks of institutions (keeps each statement's memory small)
  const instIds: number[] = (
    await pool.query(`SELECT id FROM organisations WHERE province_id = $1 AND kind = 'institution' ORDER BY id`, [
      provinceId,
    ])
  ).rows.map((r) => r.id);
  const SUR =
    '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
  const GIV =
    '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬燕彩春菊兰凤洁梅琳素云莲真环雪荣爱妹霞香月莺媛';
  for (let i = 0; i < instIds.length; i += 100) {
    const chunk = instIds.slice(i, i + 100);
    await pool.query(
      `INSERT INTO physicians (province_id, institution_id, org_path, name, id_number, gender, level, practice_category)
       SELECT $1, o.id, o.path,
              substr($3, 1 + (hashint % char_length($3)), 1) || substr($4, 1 + ((hashint / 97) % char_length($4)), 1) || substr($4, 1 + ((hashint / 9973) % char_length($4)), 1),
              'B' || o.id || '_' || g, CASE WHEN g % 2 = 0 THEN '男' ELSE '女' END, '执业医师', '临床'
         FROM organisations o, generate_series(1, $5) g, LATERAL (SELECT abs(hashtext(o.id || ':' || g)) AS hashint) h
        WHERE o.id = ANY($2::int[])`,
      [provinceId, chunk, SUR, GIV, per],
    );
    await pool.query(
      `INSERT INTO enrolments (cycle_id, province_id, physician_id, institution_id, org_path, assessment_body_id, status, procedure, submitted_at)
       SELECT $1, p.province_id, p.id, p.institution_id, p.org_path, a.body_org_id, s.status,
              CASE WHEN s.status IN ('opened') THEN NULL ELSE 'general' END, now()
         FROM physicians p JOIN assessment_assignments a ON a.institution_id = p.institution_id,
              LATERAL (SELECT ${STATUS_CASE} AS status FROM (SELECT (abs(hashtext('s' || p.id)) % 10000) / 10000.0 AS r) x) s
        WHERE p.institution_id = ANY($2::int[])`,
      [cycleId, chunk],
    );
  }
  await pool.query('ANALYZE organisations; ANALYZE physicians; ANALYZE enrolments; ANALYZE assessment_assignments;');
  const count = (await pool.query(`SELECT count(*)::int AS n FROM enrolments WHERE cycle_id = $1`, [cycleId])).rows[0]
    .n;
  process.stdout.write(
    `seeded ${count} enrolments in ${instIds.length} institutions, ${districts} districts, ${cities} cities in ${((Date.now() - t0) / 1000).toFixed(0)} s\n`,
  );

  const pick = async (q: string) => (await pool.query(q, [provinceId])).rows[0].id as number;
  const ids = {
    province: provinceId,
    city: await pick(`SELECT id FROM organisations WHERE province_id = $1 AND level = 'city' ORDER BY id LIMIT 1`),
    district: await pick(
      `SELECT id FROM organisations WHERE province_id = $1 AND level = 'district' ORDER BY id LIMIT 1`,
    ),
    institution: await pick(
      `SELECT id FROM organisations WHERE province_id = $1 AND kind = 'institution' ORDER BY id DESC LIMIT 1`,
    ),
    body: await pick(`SELECT body_org_id AS id FROM assessment_assignments WHERE province_id = $1 ORDER BY id LIMIT 1`),
  };
  const roles: Record<keyof typeof ids, Role> = {
    province: 'admin',
    city: 'admin',
    district: 'admin',
    institution: 'institution',
    body: 'body',
  };
  const accounts: Partial<Record<keyof typeof ids, number>> = {};
  for (const k of Object.keys(ids) as (keyof typeof ids)[]) {
    accounts[k] = (
      await pool.query(
        `INSERT INTO accounts (kind, org_id, province_id, login, password_hash, must_change_password) VALUES ('org', $1, $2, $3, 'x', false) RETURNING id`,
        [ids[k], provinceId, `bench_${k}_${ids[k]}`],
      )
    ).rows[0].id;
  }
  const config = loadConfig({ ...process.env, DATA_DIR: path.join(dir, 'data'), LOG_LEVEL: 'silent' });
  const deps: AppDeps = {
    config,
    db,
    pool,
    storage: new LocalStorage(path.join(dir, 'files')),
    sms: new OutboxSmsGateway(),
    logger: pino({ level: 'silent' }),
    now: () => new Date(),
  };
  const app = await buildApp(deps);
  await app.ready();
  return {
    app,
    pool,
    provinceId,
    cycleId,
    ids,
    headers: async (who) => {
      const s = await createSession(db, accounts[who]!, roles[who], 2, {});
      return { cookie: `dk_session=${s.token}`, 'x-csrf-token': s.csrfToken };
    },
    stop: async () => {
      await app.close();
      await pool.end();
      await emb.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}
