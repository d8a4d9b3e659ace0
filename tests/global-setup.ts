import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import type { TestProject } from 'vitest/node';
import { createDb, createPool } from '../src/server/db/client.js';
import { startEmbeddedPostgres } from '../src/server/db/embedded.js';
import { runMigrations } from '../src/server/db/migrate.js';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

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

/**
 * One real PostgreSQL for the whole run: TEST_DATABASE_URL if given, otherwise an embedded
 * server in a temporary folder. Migrations are applied once; each test builds its own province.
 */
export default async function setup(project: TestProject) {
  const log = pino({ level: 'warn' });
  let url = process.env.TEST_DATABASE_URL;
  let stop: (() => Promise<void>) | null = null;
  let dir: string | null = null;
  if (!url) {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dingkao-test-'));
    const pg = await startEmbeddedPostgres(dir, await freePort(), log);
    url = pg.url;
    stop = pg.stop;
  }
  const pool = createPool(url, 2);
  await runMigrations(createDb(pool));
  await pool.end();
  project.provide('databaseUrl', url);
  return async () => {
    if (stop) await stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  };
}
