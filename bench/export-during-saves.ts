/**
 * Exports must not starve the exam path (issue 8): answer saves through the product while a large
 * 考核进度 export job runs, against the same saves without it, interleaved in one run
 * (saves alone → saves during the export → saves alone again). Also the export's wall time and
 * the peak RSS (VmHWM) of the process that ran it.
 *
 *   DATABASE_URL=postgres://…/<db after npm run seed:scale -- … --enrolments> \
 *     npx tsx bench/export-during-saves.ts [--duration 20] [--physicians 200] [--separate-worker]
 *
 * The export is requested through the API by the administration (city level) with the most
 * enrolments, so it lasts longer than the measuring window. With --separate-worker the API runs
 * with JOBS_IN_PROCESS=0 and the job runs in `src/server/worker.ts` (the `npm run worker` process),
 * the deployment the architecture recommends; without it, WORKERS=1 runs both in one process.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { createDb, createPool } from '../src/server/db/client.js';
import { createSession } from '../src/server/platform/sessions.js';
import {
  openAttempts,
  runPuts,
  saveSetups,
  seedExamLoad,
  sessionsFor,
  startServer,
  stopServer,
  type Throughput,
} from './exam-env.js';

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '20' },
    physicians: { type: 'string', default: '200' },
    port: { type: 'string', default: '3391' },
    'separate-worker': { type: 'boolean', default: false },
  },
});
const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL is required');
const seconds = Number(values.duration);
const port = Number(values.port);
const base = `http://127.0.0.1:${port}`;
const separate = values['separate-worker'];

/** VmHWM / VmRSS of a process in MB (Linux). */
function memOf(pid: number): { hwm: number; rss: number } {
  const s = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (k: string) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(s)?.[1] ?? 0);
  return { hwm: Math.round(kb('VmHWM') / 1024), rss: Math.round(kb('VmRSS') / 1024) };
}

// the exam side: a bench province of its own, physicians with sessions and open attempts
const seeded = await seedExamLoad(url, { physicians: Number(values.physicians) });
const sessions = await sessionsFor(
  url,
  seeded.physicians.map((p) => p.accountId),
);

// the export side: the city administration with the most enrolments in a current cycle
const pool = new pg.Pool({ connectionString: url, max: 2 });
const { rows } = await pool.query(
  `SELECT o.id, o.name, a.id AS account_id,
          (SELECT count(*)::int FROM enrolments e JOIN organisations i ON i.id = e.institution_id
             JOIN cycles c ON c.id = e.cycle_id AND c.is_current
            WHERE i.path LIKE o.path || '%') AS n
     FROM organisations o JOIN accounts a ON a.org_id = o.id
    WHERE o.kind = 'admin' AND o.level = 'city' AND o.province_id <> $1
    ORDER BY 4 DESC LIMIT 1`,
  [seeded.provinceId],
);
const admin = rows[0];
// an onboarded account (the scale seed's accounts have not changed their initial password)
await pool.query(
  `UPDATE accounts SET must_change_password = false, mobile_verified_at = coalesce(mobile_verified_at, now()) WHERE id = $1`,
  [admin.account_id],
);
const adminDb = createDb(createPool(url, 1));
const s = await createSession(adminDb, admin.account_id, 'admin', 12, {});
const adminHeaders = {
  cookie: `dk_session=${s.token}`,
  'x-csrf-token': s.csrfToken,
  'content-type': 'application/json',
};

process.env.JOBS_IN_PROCESS = separate ? '0' : '1';
const server = await startServer('product', url, port, 1);
let worker: ChildProcess | null = null;
if (separate) {
  const here = path.dirname(new URL(import.meta.url).pathname);
  worker = spawn(process.execPath, ['--import', 'tsx', path.join(here, '../src/server/worker.ts')], {
    env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: 'warn', NODE_ENV: 'production' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  await new Promise((r) => setTimeout(r, 5000)); // the runner connects and listens
}
const jobPid = (worker ?? server).pid!;

const attempts = await openAttempts(base, sessions);
const setups = saveSetups(attempts);
const saves = () => runPuts(base, setups.app, seconds);

const alone1 = await saves();
const memBefore = memOf(jobPid);
const t0 = Date.now();
const job = await (
  await fetch(`${base}/api/exports`, {
    method: 'POST',
    headers: adminHeaders,
    body: JSON.stringify({ kind: 'progress', params: {} }),
  })
).json();
if (!job.id) throw new Error(`export not accepted: ${JSON.stringify(job)}`);
const status = async () =>
  (await (await fetch(`${base}/api/exports/${job.id}`, { headers: adminHeaders })).json()) as {
    status: string;
    processed: number;
    total: number | null;
    size: number | null;
  };
for (let st = await status(); st.status === 'queued'; st = await status()) await new Promise((r) => setTimeout(r, 200));
const during = await saves();
const afterWindow = await status();
let done = afterWindow;
while (done.status === 'running' || done.status === 'queued') {
  await new Promise((r) => setTimeout(r, 1000));
  done = await status();
}
const exportSeconds = (Date.now() - t0) / 1000;
const memAfter = memOf(jobPid);
const alone2 = await saves();

const pct = (t: Throughput) => t.rps;
const baseline = (pct(alone1) + pct(alone2)) / 2;
console.log(
  JSON.stringify(
    {
      deployment: separate ? 'API (JOBS_IN_PROCESS=0) + worker.ts' : 'one process (WORKERS=1, jobs in process)',
      exportScope: `${admin.name}（${admin.n} enrolments）`,
      export: {
        status: done.status,
        rows: done.processed,
        seconds: exportSeconds,
        bytes: done.size,
        rowsWhenWindowEnded: afterWindow.processed,
      },
      jobProcessMB: { before: memBefore, after: memAfter },
      saves: { alone1, during, alone2, duringOverAlone: +(during.rps / baseline).toFixed(2) },
      load: os.loadavg().map((x) => +x.toFixed(2)),
    },
    null,
    2,
  ),
);
if (worker) await stopServer(worker);
await stopServer(server);
await pool.end();
process.exit(0);
