/**
 * Import of 100,000 physicians from one .xlsx: wall time and peak RSS of the importing process.
 *
 *   DATABASE_URL=postgres://… npx tsx bench/physician-import.bench.ts [--rows 100000] [--keep]
 *
 * Needs a database filled by `npm run seed:scale` (the rows go to institutions of the first
 * scale province, imported by that province's administration). The parent writes the .xlsx
 * with the exceljs streaming writer, then runs the import in a CHILD process (the same code
 * path as POST /api/imports/physicians after the upload: content check, streaming read,
 * validation incl. database duplicate checks, one transaction), and reports the child's time
 * and peak RSS (VmHWM from /proc/self/status and process.resourceUsage().maxRSS). The
 * imported rows are deleted again afterwards unless --keep.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import pg from 'pg';
import pino from 'pino';
import type { AppDeps } from '../src/server/app.js';
import { loadConfig } from '../src/server/config.js';
import { createDb, createPool } from '../src/server/db/client.js';
import type { Actor } from '../src/server/platform/actor.js';
import { OutboxSmsGateway } from '../src/server/platform/sms.js';
import { LocalStorage } from '../src/server/platform/storage.js';
import { PHYSICIAN_IMPORT_COLUMNS } from '../src/shared/schemas/physician.js';
import { scaleIdNumber } from '../scripts/seed-scale.js';

const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL is required');
const arg = (k: string) => {
  const i = process.argv.indexOf(`--${k}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};

function vmHWM(): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

async function child(file: string, provinceOrgId: number) {
  const pool = createPool(url!, 4);
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
  const { rows } = await pool.query(
    `SELECT o.id, o.path, o.name, o.province_id, a.id AS account_id FROM organisations o JOIN accounts a ON a.org_id = o.id WHERE o.id = $1`,
    [provinceOrgId],
  );
  const o = rows[0];
  const actor: Actor = {
    accountId: o.account_id,
    sessionId: 'bench',
    role: 'admin',
    provinceId: o.province_id,
    orgId: o.id,
    orgPath: o.path,
    orgName: o.name,
    orgKind: 'admin',
    adminLevel: 'province',
    physicianId: null,
    displayName: o.name,
    isAssessmentBody: false,
  };
  const { importPhysicians } = await import('../src/server/modules/imports/imports.service.js');
  const rssBefore = vmHWM();
  const t0 = Date.now();
  const buf = fs.readFileSync(file);
  const res = await importPhysicians(deps, actor, buf, path.basename(file));
  const seconds = (Date.now() - t0) / 1000;
  await pool.end();
  process.stdout.write(
    `${JSON.stringify({
      ok: res.ok,
      imported: res.imported,
      errors: res.errorCount,
      firstErrors: res.errors.slice(0, 3),
      seconds,
      peakRssMB: +vmHWM().toFixed(1),
      rssBeforeImportMB: +rssBefore.toFixed(1),
      maxRssMB: +(process.resourceUsage().maxRSS / 1024).toFixed(1),
    })}\n`,
  );
}

async function parent() {
  const rows = Number(arg('rows') ?? 100_000);
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const [prov] = (
    await c.query(`SELECT id, path FROM organisations WHERE level = 'province' AND code LIKE 'sc%' ORDER BY id LIMIT 1`)
  ).rows;
  if (!prov) throw new Error('no scale province; run npm run seed:scale first');
  const insts = (
    await c.query(`SELECT code FROM organisations WHERE kind = 'institution' AND path LIKE $1 ORDER BY id LIMIT 1000`, [
      `${prov.path}%`,
    ])
  ).rows.map((r) => r.code as string);
  const maxId = Number((await c.query('SELECT coalesce(max(id), 0) AS m FROM physicians')).rows[0].m);
  const offset = 10_000_000 + Number((await c.query('SELECT count(*) AS n FROM physicians')).rows[0].n);
  const file = path.join(os.tmpdir(), `dingkao-import-${rows}.xlsx`);
  const t0 = Date.now();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true, useStyles: false });
  const ws = wb.addWorksheet('医师信息');
  ws.addRow([...PHYSICIAN_IMPORT_COLUMNS]).commit();
  const names = ['欧阳明华', '王晓燕', '李建国', '张秀英', '陈志强', '刘海燕', '黄玉兰', '赵晓东'];
  for (let k = 0; k < rows; k++) {
    const { id, birth, male } = scaleIdNumber(offset + k);
    ws.addRow([
      names[k % names.length],
      '居民身份证',
      id,
      male ? '男' : '女',
      birth,
      k % 5 === 0 ? '执业助理医师' : '执业医师',
      ['临床', '中医', '口腔', '公共卫生'][k % 4],
      '内科专业（心血管方向）',
      `2004450${String(k).padStart(7, '0')}`,
      `1104500${String(k).padStart(8, '0')}`,
      '2010-07-01',
      '主治医师',
      insts[k % insts.length],
    ]).commit();
  }
  ws.commit();
  await wb.commit();
  const genSeconds = (Date.now() - t0) / 1000;
  const size = fs.statSync(file).size;
  const here = fileURLToPath(import.meta.url);
  const r = spawnSync(process.execPath, ['--import', 'tsx', here, '--child', file, '--province', String(prov.id)], {
    env: process.env,
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  if (r.status !== 0) throw new Error(`child failed: ${r.stderr}`);
  const childResult = JSON.parse(r.stdout.trim().split('\n').pop()!);
  if (!process.argv.includes('--keep')) {
    await c.query('BEGIN');
    await c.query('DELETE FROM accounts WHERE physician_id > $1', [maxId]);
    await c.query('DELETE FROM physicians WHERE id > $1', [maxId]);
    await c.query('COMMIT');
  }
  await c.end();
  fs.rmSync(file, { force: true });
  const summary = {
    rows,
    fileMB: +(size / 1024 / 1024).toFixed(1),
    generateSeconds: genSeconds,
    ...childResult,
    target: { seconds: 60, peakRssMB: 500 },
    pass: childResult.ok && childResult.seconds < 60 && childResult.peakRssMB < 500,
    loadavg: os.loadavg().map((x) => +x.toFixed(2)),
  };
  process.stdout.write(`${JSON.stringify(summary, null, 1)}\n`);
}

(process.argv.includes('--child') ? child(arg('child')!, Number(arg('province'))) : parent()).catch((e) => {
  process.stderr.write(`${e?.stack ?? e}\n`);
  process.exit(1);
});
