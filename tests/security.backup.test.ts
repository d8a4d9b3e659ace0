/**
 * Issue 10 item 11: `npm run db:backup` then `npm run db:restore` into an EMPTY data folder; the
 * product starts there with the same data (rows, audit chain, uploaded files) and does not seed.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type pg from 'pg';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../src/server/app.js';
import { loadConfig } from '../src/server/config.js';
import { createDb, createPool } from '../src/server/db/client.js';
import { files } from '../src/server/db/schema/index.js';
import { startEmbeddedPostgres } from '../src/server/db/embedded.js';
import { runMigrations } from '../src/server/db/migrate.js';
import { verifyAuditChains, writeAudit } from '../src/server/platform/audit.js';
import { OutboxSmsGateway } from '../src/server/platform/sms.js';
import { LocalStorage } from '../src/server/platform/storage.js';
import { seedDemoIfEmpty } from '../src/server/seed/demo.js';
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
    const [portA, portB] = [await freePort(), await freePort()];
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

      // the product starts on the restored folder (main.ts's steps: database, migrations, seed
      // only when empty, app) with the same data
      const b = await startEmbeddedPostgres(dirB, portB, pino({ level: 'warn' }));
      const poolB = createPool(b.url, 4);
      try {
        const dbB = createDb(poolB);
        await runMigrations(dbB);
        expect(await seedDemoIfEmpty(dbB, pino({ level: 'silent' }))).toBe(false);
        const app = await buildApp({
          config: loadConfig({ ...envFor(dirB, portB), LOG_LEVEL: 'silent', CAPTCHA_DISABLED: '1' }),
          db: dbB,
          pool: poolB,
          storage: new LocalStorage(path.join(dirB, 'files')),
          sms: new OutboxSmsGateway(),
          logger: pino({ level: 'silent' }),
          now: () => new Date(),
        });
        const login = await app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { login: p.province.code, password: TEST_PASSWORD },
        });
        expect(login.statusCode).toBe(200);
        await app.close();
        expect({
          organisations: await count(poolB, 'organisations'),
          accounts: await count(poolB, 'accounts'),
          audit_log: await count(poolB, 'audit_log'),
        }).toEqual(before);
        const chains = await verifyAuditChains(dbB);
        expect(chains.every((c) => c.broken === null)).toBe(true);
        // new rows get new ids (sequences restored)
        const { rows } = await poolB.query(
          `INSERT INTO organisations (province_id, kind, name, code, path) VALUES (0, 'admin', 'x', 'seq-check', '/') RETURNING id`,
        );
        expect(Number(rows[0].id)).toBeGreaterThan(p.industry.id);
      } finally {
        await poolB.end();
        await b.stop();
      }
      // restoring over a database that has data is refused without --replace
      const again = await run('npx', ['tsx', 'scripts/db-restore.ts', out], { env: envFor(dirB, portB) }).catch(
        (e: { code: number; stderr: string }) => e,
      );
      expect((again as { code?: number }).code).toBe(1);
      expect((again as { stderr: string }).stderr).toContain('已有数据');
    } finally {
      fs.rmSync(base, { recursive: true, force: true });
    }
  }, 720_000);
});
