/**
 * Issue 10 item 11: `npm run db:backup` then `npm run db:restore` into an EMPTY data folder; the
 * product starts there with the same data (rows, audit chain, uploaded files) and does not seed.
 */
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { createDb, createPool } from '../src/server/db/client.js';
import { files } from '../src/server/db/schema/index.js';
import { startEmbeddedPostgres } from '../src/server/db/embedded.js';
import { runMigrations } from '../src/server/db/migrate.js';
import { verifyAuditChains, writeAudit } from '../src/server/platform/audit.js';
import { buildProvince, TEST_PASSWORD } from './helpers.js';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

const run = promisify(execFile);
const envFor = (dataDir: string, pgPort: number) => {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    EMBEDDED_PG_PORT: String(pgPort),
    LOG_LEVEL: 'warn',
  };
  delete env.DATABASE_URL;
  return env;
};

describe('backup and restore (issue 10 item 11)', () => {
  it('restores into an empty data folder and the product starts with the same data', async () => {
    const base = fs.mkdtempSync(path.join(os.tmpdir(), 'dingkao-backup-test-'));
    const dirA = path.join(base, 'a');
    const dirB = path.join(base, 'b');
    const out = path.join(base, 'backup');
    const [portA, portB, httpPort] = [await freePort(), await freePort(), await freePort()];
    let server: ReturnType<typeof spawn> | null = null;
    try {
      // the source: a product database with an organisation tree, audit rows and one stored file
      const a = await startEmbeddedPostgres(dirA, portA, pino({ level: 'warn' }));
      const poolA = createPool(a.url, 2);
      const dbA = createDb(poolA);
      await runMigrations(dbA);
      const p = await buildProvince(dbA);
      await writeAudit(dbA, null, {
        targetType: 'organisation',
        targetId: p.province.id,
        action: '备份测试',
        orgPath: p.province.path,
        provinceId: p.province.id,
        after: { 名称: '中文', at: new Date() },
      });
      const key = `${p.province.id}/test/ab/backup-test.bin`;
      fs.mkdirSync(path.join(dirA, 'files', path.dirname(key)), { recursive: true });
      fs.writeFileSync(path.join(dirA, 'files', key), 'uploaded bytes');
      await dbA.insert(files).values({
        ownerAccountId: p.province.accountId,
        provinceId: p.province.id,
        orgPath: p.province.path,
        purpose: 'test',
        storageKey: key,
        mime: 'application/octet-stream',
        size: 14,
        sha256: 'x',
      });
      const count = async (pool: pg.Pool, t: string) =>
        Number((await pool.query(`SELECT count(*)::int AS n FROM ${t}`)).rows[0].n);
      const before = {
        organisations: await count(poolA, 'organisations'),
        accounts: await count(poolA, 'accounts'),
        audit_log: await count(poolA, 'audit_log'),
      };
      await poolA.end();
      await a.stop();

      // npm run db:backup (starts A's embedded server itself, the product being stopped)
      await run('npx', ['tsx', 'scripts/db-backup.ts', out], { env: envFor(dirA, portA) });
      const manifest = JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8'));
      expect(manifest.tables.organisations).toBe(before.organisations);
      expect(manifest.files.count).toBe(1);

      // npm run db:restore into an empty folder
      await run('npx', ['tsx', 'scripts/db-restore.ts', out], { env: envFor(dirB, portB) });
      expect(fs.readFileSync(path.join(dirB, 'files', key), 'utf8')).toBe('uploaded bytes');

      // the product starts on the restored folder with the same data (and seeds nothing)
      const log = fs.openSync(path.join(base, 'server.log'), 'w');
      server = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
        env: {
          ...envFor(dirB, portB),
          PORT: String(httpPort),
          SEED_DEMO: '1',
          CAPTCHA_DISABLED: '1',
          JOBS_IN_PROCESS: '0',
          WORKERS: '1',
          LOG_LEVEL: 'info',
        },
        stdio: ['ignore', log, log],
      });
      const deadline = Date.now() + 400_000;
      for (;;) {
        const ok = await fetch(`http://127.0.0.1:${httpPort}/api/health`).then(
          (r) => r.ok,
          () => false,
        );
        if (ok) break;
        if (Date.now() > deadline || server.exitCode !== null)
          throw new Error(
            `the product did not start on the restored data:\n${fs.readFileSync(path.join(base, 'server.log'), 'utf8').slice(-2000)}`,
          );
        await new Promise((r) => setTimeout(r, 500));
      }
      const login = await fetch(`http://127.0.0.1:${httpPort}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ login: p.province.code, password: TEST_PASSWORD }),
      });
      expect(login.status).toBe(200);
      const poolB = new pg.Pool({ connectionString: `postgres://dingkao:dingkao@127.0.0.1:${portB}/dingkao`, max: 2 });
      try {
        expect({
          organisations: await count(poolB, 'organisations'),
          accounts: await count(poolB, 'accounts'),
          audit_log: await count(poolB, 'audit_log'),
        }).toEqual(before);
        const chains = await verifyAuditChains(createDb(poolB));
        expect(chains.every((c) => c.broken === null)).toBe(true);
        // new rows get new ids (sequences restored)
        const { rows } = await poolB.query(
          `INSERT INTO organisations (province_id, kind, name, code, path) VALUES (0, 'admin', 'x', 'seq-check', '/') RETURNING id`,
        );
        expect(Number(rows[0].id)).toBeGreaterThan(p.industry.id);
      } finally {
        await poolB.end();
      }
      // restoring over a database that has data is refused without --replace
      const again = await run('npx', ['tsx', 'scripts/db-restore.ts', out], { env: envFor(dirB, portB) }).catch(
        (e: { code: number; stderr: string }) => e,
      );
      expect((again as { code?: number }).code).toBe(1);
      expect((again as { stderr: string }).stderr).toContain('已有数据');
    } finally {
      if (server && server.exitCode === null) {
        const exited = new Promise((r) => server!.once('exit', r));
        server.kill('SIGTERM');
        await exited;
      }
      fs.rmSync(base, { recursive: true, force: true });
    }
  }, 720_000);
});
