/**
 * 医师信息列表 / 医师管理 search at national scale (keyset pagination).
 *
 *   DATABASE_URL=postgres://… npx tsx bench/physician-list.bench.ts [--runs 40]
 *
 * Needs a database filled by `npm run seed:scale -- --physicians 1000000 --enrolments`.
 * Builds the real app in-process and measures `app.inject` (routing, zod validation, session,
 * scope, SQL, serialisation) for a province, a city, a district and an institution: first
 * page, a page 20 deep, search by name, by ID number (15-digit legacy form too), by status,
 * and by category + level. Reports p50 / p95 / max in ms per scope and query.
 */
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { buildApp, type AppDeps } from '../src/server/app.js';
import { loadConfig } from '../src/server/config.js';
import { createDb, createPool } from '../src/server/db/client.js';
import { createSession } from '../src/server/platform/sessions.js';
import { OutboxSmsGateway } from '../src/server/platform/sms.js';
import { LocalStorage } from '../src/server/platform/storage.js';

const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 40;
const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL is required (a database filled by npm run seed:scale)');

export function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}

async function main() {
  const pool = createPool(url!, 10);
  const db = createDb(pool);
  const config = loadConfig({
    ...process.env,
    DATA_DIR: path.join(os.tmpdir(), 'dingkao-bench-files'),
    LOG_LEVEL: 'silent',
  });
  const deps: AppDeps = {
    config,
    db,
    pool,
    storage: new LocalStorage(path.join(config.dataDir, 'files')),
    sms: new OutboxSmsGateway(),
    logger: pino({ level: 'silent' }),
    now: () => new Date(),
  };
  const app = await buildApp(deps);
  await app.ready();
  const q = async <T>(text: string, params: unknown[] = []) => (await pool.query(text, params)).rows as T[];
  const total = (await q<{ n: number }>('SELECT count(*)::int AS n FROM physicians'))[0].n;
  const enrolled = (await q<{ n: number }>('SELECT count(*)::int AS n FROM enrolments'))[0].n;
  // the biggest scale province, its biggest city and district, and one institution in it
  const [prov] = await q<{ id: number; path: string }>(
    `SELECT o.id, o.path FROM organisations o WHERE o.level = 'province' AND o.code LIKE 'sc%' ORDER BY o.id LIMIT 1`,
  );
  const [city] = await q<{ id: number; path: string }>(
    `SELECT id, path FROM organisations WHERE parent_id = $1 AND level = 'city' ORDER BY id LIMIT 1`,
    [prov.id],
  );
  const [district] = await q<{ id: number; path: string }>(
    `SELECT id, path FROM organisations WHERE parent_id = $1 AND level = 'district' ORDER BY id LIMIT 1`,
    [city.id],
  );
  const [inst] = await q<{ id: number }>(
    `SELECT id FROM organisations WHERE parent_id = $1 AND kind = 'institution' ORDER BY id LIMIT 1`,
    [district.id],
  );
  const accountOf = async (orgId: number) =>
    (await q<{ id: number }>('SELECT id FROM accounts WHERE org_id = $1', [orgId]))[0].id;
  const counts = await q<{ scope: string; n: number }>(
    `SELECT 'province' AS scope, count(*)::int AS n FROM physicians WHERE org_path LIKE $1
     UNION ALL SELECT 'city', count(*)::int FROM physicians WHERE org_path LIKE $2
     UNION ALL SELECT 'district', count(*)::int FROM physicians WHERE org_path LIKE $3
     UNION ALL SELECT 'institution', count(*)::int FROM physicians WHERE institution_id = $4`,
    [`${prov.path}%`, `${city.path}%`, `${district.path}%`, inst.id],
  );
  const scopes: { name: string; orgId: number; role: 'admin' | 'institution'; path: string | null }[] = [
    { name: 'province', orgId: prov.id, role: 'admin', path: prov.path },
    { name: 'city', orgId: city.id, role: 'admin', path: city.path },
    { name: 'district', orgId: district.id, role: 'admin', path: district.path },
    { name: 'institution', orgId: inst.id, role: 'institution', path: null },
  ];
  const results: { scope: string; query: string; p50: number; p95: number; max: number; rows: number }[] = [];
  for (const s of scopes) {
    const { token, csrfToken } = await createSession(db, await accountOf(s.orgId), s.role, 2, {});
    const headers = { cookie: `dk_session=${token}`, 'x-csrf-token': csrfToken };
    const where = s.path ? `org_path LIKE '${s.path}%'` : `institution_id = ${s.orgId}`;
    const sample = await q<{ name: string; id_number: string }>(
      `SELECT name, id_number FROM physicians WHERE ${where} ORDER BY id DESC LIMIT 1`,
    );
    const common = await q<{ name: string }>(
      `SELECT name FROM physicians WHERE ${where} GROUP BY name ORDER BY count(*) DESC LIMIT 1`,
    );
    const id = sample[0].id_number;
    const legacy = id.slice(6, 8) === '19' ? id.slice(0, 6) + id.slice(8, 17) : null;
    // a cursor 20 pages deep
    let deep: string | null = null;
    {
      let c: string | null = null;
      for (let i = 0; i < 20; i++) {
        const page: { json(): unknown } = await app.inject({
          method: 'GET',
          url: `/api/physicians?limit=20${c ? `&cursor=${c}` : ''}`,
          headers,
        });
        c = (page.json() as { nextCursor: string | null }).nextCursor;
        if (!c) break;
      }
      deep = c;
    }
    const queries: [string, string][] = [
      ['first page', ''],
      ['page 21 (keyset)', deep ? `cursor=${deep}` : ''],
      ['name (rare)', `name=${encodeURIComponent(sample[0].name)}`],
      ['name (most common)', `name=${encodeURIComponent(common[0].name)}`],
      ['ID number', `idNumber=${id}`],
      ...(legacy ? ([['ID number (15-digit)', `idNumber=${legacy}`]] as [string, string][]) : []),
      ['status 待考核机构复核', 'status=pending_body'],
      ['status 未开通报名', 'status=not_opened'],
      ['status 违纪不合格 (rare)', 'status=disciplinary_failed'],
      ['category+level', `practiceCategory=${encodeURIComponent('口腔')}&level=${encodeURIComponent('执业助理医师')}`],
    ];
    for (const [label, qs] of queries) {
      const times: number[] = [];
      let rows = 0;
      for (let i = 0; i < runs + 3; i++) {
        const t = process.hrtime.bigint();
        const r = await app.inject({ method: 'GET', url: `/api/physicians?limit=20&${qs}`, headers });
        const ms = Number(process.hrtime.bigint() - t) / 1e6;
        if (r.statusCode !== 200) throw new Error(`${s.name} ${label}: ${r.statusCode} ${r.body}`);
        rows = r.json().items.length;
        if (i >= 3) times.push(ms); // 3 warm-up runs
      }
      results.push({
        scope: s.name,
        query: label,
        p50: +pct(times, 50).toFixed(1),
        p95: +pct(times, 95).toFixed(1),
        max: +Math.max(...times).toFixed(1),
        rows,
      });
    }
  }
  await app.close();
  await pool.end();
  const worst = Math.max(...results.map((r) => r.p95));
  process.stdout.write(
    `${JSON.stringify(
      {
        physicians: total,
        enrolments: enrolled,
        scopeSizes: Object.fromEntries(counts.map((c) => [c.scope, c.n])),
        runs,
        worstP95: worst,
        target: 100,
        pass: worst < 100,
        results,
      },
      null,
      1,
    )}\n`,
  );
  console.table(results);
}

main().catch((e) => {
  process.stderr.write(`${e?.stack ?? e}\n`);
  process.exit(1);
});
