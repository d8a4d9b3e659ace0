/**
 * Statistics: (1) the snapshot job over a province's whole cycle (after `npm run seed:scale --
 * --physicians 5000000 --per-province 5000000 --enrolments`: 5,000,000 enrolments in one
 * province), (2) serving a stored snapshot page through the real app (`app.inject`: session,
 * scope, SQL, serialisation) — province view, a city view and an institution view.
 *   DATABASE_URL=postgres://…/dingkao npx tsx bench/stats-snapshot.bench.ts --runs 200
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
import { statsSnapshots } from '../src/server/db/schema/index.js';
import { computeSnapshot } from '../src/server/modules/stats/refresh-stats.js';

const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 200;
const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL is required');
const pool = createPool(url, 8);
const db = createDb(pool);
const config = loadConfig({ ...process.env, DATA_DIR: path.join(os.tmpdir(), 'bench-stats'), LOG_LEVEL: 'silent' });
const deps: AppDeps = {
  config,
  db,
  pool,
  storage: new LocalStorage(path.join(config.dataDir, 'files')),
  sms: new OutboxSmsGateway(),
  logger: pino({ level: 'warn' }),
  now: () => new Date(),
};

// the province with the most enrolments in its current cycle
const { rows: pr } = await pool.query(
  `SELECT c.province_id, c.id AS cycle_id, (SELECT count(*)::int FROM enrolments e WHERE e.cycle_id = c.id) AS n
     FROM cycles c WHERE c.is_current ORDER BY 3 DESC LIMIT 1`,
);
const { province_id: provinceId, cycle_id: cycleId, n } = pr[0];
// the snapshot row without a queued job, so no running worker computes it at the same time
const [{ id: snapshotId }] = await db
  .insert(statsSnapshots)
  .values({ provinceId, cycleId, status: 'pending' })
  .returning({ id: statsSnapshots.id });
const t0 = Date.now();
await computeSnapshot(deps, snapshotId);
const snapshotSeconds = (Date.now() - t0) / 1000;
const { rows: sr } = await pool.query(`SELECT count(*)::int AS rows FROM stats_rows WHERE snapshot_id = $1`, [
  snapshotId,
]);

const app = await buildApp(deps);
await app.ready();
async function sessionOf(where: string, role: string) {
  const { rows } = await pool.query(
    `SELECT a.id FROM accounts a JOIN organisations o ON o.id = a.org_id WHERE o.province_id = $1 AND ${where} ORDER BY o.id LIMIT 1`,
    [provinceId],
  );
  const s = await createSession(db, rows[0].id, role as never, 1, {});
  return { cookie: `dk_session=${s.token}` };
}
const views = [
  ['province', await sessionOf(`o.kind = 'admin' AND o.level = 'province'`, 'admin')],
  ['city', await sessionOf(`o.kind = 'admin' AND o.level = 'city'`, 'admin')],
  ['institution', await sessionOf(`o.kind = 'institution'`, 'institution')],
] as const;
const result: Record<string, { p50: number; p95: number }> = {};
// the city's subordinate units come in pages of 50 (decision 0118): its last page too
const city = views[1][1];
const cityTotal = (await app.inject({ method: 'GET', url: '/api/stats', headers: city })).json().rowsTotal as number;
const lastPage = Math.max(1, Math.ceil(cityTotal / 50));
// baseline in the same run: the cheapest authenticated request (/api/auth/me) of the province account
for (const [name, headers, u] of [
  ...views.map(([n, h]) => [n, h, '/api/stats'] as const),
  [`city, page ${lastPage} of ${cityTotal} units`, city, `/api/stats?page=${lastPage}`] as const,
  ['baseline /api/auth/me', views[0][1], '/api/auth/me'] as const,
]) {
  const times: number[] = [];
  for (let i = 0; i < RUNS + 10; i++) {
    const s = process.hrtime.bigint();
    const r = await app.inject({ method: 'GET', url: u, headers });
    if (r.statusCode !== 200) throw new Error(`${name}: ${r.statusCode} ${r.body}`);
    if (i >= 10) times.push(Number(process.hrtime.bigint() - s) / 1e6);
  }
  times.sort((a, b) => a - b);
  result[name] = { p50: +times[Math.floor(RUNS * 0.5)].toFixed(1), p95: +times[Math.floor(RUNS * 0.95)].toFixed(1) };
}
console.log(
  JSON.stringify({ enrolments: n, snapshotSeconds, storedRows: sr[0].rows, serve: result, load: os.loadavg()[0] }),
);
await app.close();
await pool.end();
