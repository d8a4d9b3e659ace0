/**
 * The whole export job at scale: `exports.run` (runExport) of the 考核进度 list for the province
 * administration of the largest seeded province — keyset reads through the enrolment module's
 * scoped list, the streaming writer, and `storage.putStream` into the local storage folder.
 * Wall time, rows, file size and the process's peak RSS (sampled every 50 ms).
 *   DATABASE_URL=postgres://…/<db after npm run seed:scale -- … --enrolments> npx tsx bench/export-job.bench.ts
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import type { AppDeps } from '../src/server/app.js';
import { loadConfig } from '../src/server/config.js';
import { createDb, createPool } from '../src/server/db/client.js';
import { exportJobs } from '../src/server/db/schema/index.js';
import type { Actor } from '../src/server/platform/actor.js';
import { OutboxSmsGateway } from '../src/server/platform/sms.js';
import { LocalStorage } from '../src/server/platform/storage.js';
import { runExport } from '../src/server/modules/exports/run-export.js';

const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL is required');
let peak = 0;
const sample = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().rss);
}, 50);

const pool = createPool(url, 4);
const db = createDb(pool);
const dataDir = path.join(os.tmpdir(), `bench-export-job-${process.pid}`);
const config = loadConfig({ ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
const deps: AppDeps = {
  config,
  db,
  pool,
  storage: new LocalStorage(path.join(dataDir, 'files')),
  sms: new OutboxSmsGateway(),
  logger: pino({ level: 'warn' }),
  now: () => new Date(),
};

const { rows } = await pool.query(
  `SELECT o.id, o.path, o.province_id, o.name, a.id AS account_id,
          (SELECT count(*)::int FROM enrolments e JOIN cycles c ON c.id = e.cycle_id AND c.is_current
            WHERE e.province_id = o.province_id) AS n
     FROM organisations o JOIN accounts a ON a.org_id = o.id
    WHERE o.kind = 'admin' AND o.level = 'province' ORDER BY 6 DESC LIMIT 1`,
);
const p = rows[0];
const actor: Actor = {
  accountId: p.account_id,
  sessionId: 'bench',
  role: 'admin',
  provinceId: p.province_id,
  orgId: p.id,
  orgPath: p.path,
  orgName: p.name,
  orgKind: 'admin',
  adminLevel: 'province',
  physicianId: null,
  displayName: p.name,
  isAssessmentBody: false,
};
const [job] = await db
  .insert(exportJobs)
  .values({
    provinceId: actor.provinceId,
    accountId: actor.accountId,
    role: actor.role,
    orgPath: actor.orgPath,
    kind: 'progress',
    title: '考核进度',
    params: {},
    actor: { ...actor } as unknown as Record<string, unknown>,
    status: 'queued',
    fileName: 'bench.xlsx',
    mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    expiresAt: new Date(Date.now() + 3600_000),
  })
  .returning();
const load0 = os.loadavg()[0];
// what the process holds before the job (modules, pool): the job's own share is peak − this
const rssBefore = process.memoryUsage().rss;
const t0 = Date.now();
await runExport(deps, job.id, { no: 1, max: 1 });
const seconds = (Date.now() - t0) / 1000;
clearInterval(sample);
const [done] = (await pool.query('SELECT status, processed, size, error FROM export_jobs WHERE id = $1', [job.id]))
  .rows;
await pool.query('DELETE FROM export_jobs WHERE id = $1', [job.id]);
fs.rmSync(dataDir, { recursive: true, force: true });
console.log(
  JSON.stringify({
    enrolmentsInProvince: p.n,
    status: done.status,
    error: done.error,
    rows: done.processed,
    seconds: +seconds.toFixed(1),
    fileMb: +(done.size / 1048576).toFixed(1),
    peakRssMb: Math.round(peak / 1048576),
    rssBeforeJobMb: Math.round(rssBefore / 1048576),
    heapUsedAfterMb: Math.round(process.memoryUsage().heapUsed / 1048576),
    load: [load0, os.loadavg()[0]],
  }),
);
await pool.end();
