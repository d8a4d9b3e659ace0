/**
 * Batch 证书打印: N passed enrolments rendered into one PDF by the exports job's renderer
 * (`renderNoticeBatch` → notice module's drawNotice per page), to a file; wall time and peak RSS.
 * Arranges N passed enrolments for fresh physicians under the demo province's yy_nn1 first.
 *   DATABASE_URL=postgres://…/<db with the demo seed> npx tsx bench/notices-batch.bench.ts --n 1000
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import type { AppDeps } from '../src/server/app.js';
import { loadConfig } from '../src/server/config.js';
import { createDb, createPool } from '../src/server/db/client.js';
import type { Actor } from '../src/server/platform/actor.js';
import { OutboxSmsGateway } from '../src/server/platform/sms.js';
import { LocalStorage } from '../src/server/platform/storage.js';
import { renderNoticeBatch } from '../src/server/modules/exports/notices-batch.js';

const arg = (k: string, d: number) => {
  const i = process.argv.indexOf(`--${k}`);
  return i > 0 ? Number(process.argv[i + 1]) : d;
};
const N = arg('n', 1000);
const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL is required');

let peak = 0;
const sample = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().rss);
}, 50);

const pool = createPool(url, 4);
const db = createDb(pool);
const config = loadConfig({ ...process.env, DATA_DIR: path.join(os.tmpdir(), 'bench-notices') });
const deps: AppDeps = {
  config,
  db,
  pool,
  storage: new LocalStorage(path.join(config.dataDir, 'files')),
  sms: new OutboxSmsGateway(),
  logger: pino({ level: 'warn' }),
  now: () => new Date(),
};

const { rows: o } = await pool.query(
  `SELECT o.id, o.path, o.province_id, o.name, c.id AS cycle_id, a.id AS account_id
     FROM organisations o JOIN cycles c ON c.province_id = o.province_id AND c.is_current
     JOIN accounts a ON a.org_id = o.id WHERE o.code = 'yy_nn1'`,
);
const inst = o[0];
const tag = Date.now().toString(36);
await pool.query(
  `WITH p AS (
     INSERT INTO physicians (province_id, institution_id, org_path, name, id_number, gender, level, practice_category)
     SELECT $1, $2, $3, '批量' || g, 'BENCH' || $4 || g, '男', '执业医师', '临床' FROM generate_series(1, $5) g RETURNING id)
   INSERT INTO enrolments (cycle_id, province_id, physician_id, institution_id, org_path, status, procedure,
                           work_result, ethics_result, humanities_score, professional_score, final_result)
   SELECT $6, $1, p.id, $2, $3, 'passed', 'general', '合格', '合格', 80, 75, '合格' FROM p`,
  [inst.province_id, inst.id, inst.path, tag, N, inst.cycle_id],
);
const { rows: ids } = await pool.query(
  `SELECT e.id FROM enrolments e JOIN physicians p ON p.id = e.physician_id WHERE p.id_number LIKE $1 ORDER BY e.id`,
  [`BENCH${tag}%`],
);
const actor: Actor = {
  accountId: inst.account_id,
  sessionId: 'bench',
  role: 'institution',
  provinceId: inst.province_id,
  orgId: inst.id,
  orgPath: inst.path,
  orgName: inst.name,
  orgKind: 'institution',
  adminLevel: null,
  physicianId: null,
  displayName: inst.name,
  isAssessmentBody: false,
};
const file = path.join(os.tmpdir(), `bench-notices-${process.pid}.pdf`);
const out = fs.createWriteStream(file);
const t0 = Date.now();
await renderNoticeBatch(
  deps,
  actor,
  { enrolmentIds: ids.map((r) => r.id), baseUrl: 'https://example.invalid' },
  out,
  () => undefined,
);
const seconds = (Date.now() - t0) / 1000;
clearInterval(sample);
const size = fs.statSync(file).size;
const pages = (
  fs
    .readFileSync(file)
    .toString('latin1')
    .match(/\/Type \/Page\b/g) ?? []
).length;
fs.rmSync(file);
console.log(
  JSON.stringify({
    notices: N,
    pages,
    seconds: +seconds.toFixed(1),
    peakRssMb: Math.round(peak / 1048576),
    pdfMb: +(size / 1048576).toFixed(1),
    load: os.loadavg()[0],
  }),
);
await pool.end();
