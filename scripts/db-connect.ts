/**
 * Shared by the operator scripts (audit:verify, db:backup, db:restore): reach the product's
 * database — DATABASE_URL, or the embedded PostgreSQL of DATA_DIR (the running one when the
 * product is up, otherwise started here for the duration of the script).
 */
import net from 'node:net';
import pino from 'pino';
import { loadConfig, type Config } from '../src/server/config.js';
import { startEmbeddedPostgres } from '../src/server/db/embedded.js';

export interface ScriptDb {
  url: string;
  config: Config;
  /** true when this script started the embedded server (and will stop it) */
  startedHere: boolean;
  /** the embedded server's binaries folder (pg_dump / pg_restore live there), when embedded */
  binDir: string | null;
  close(): Promise<void>;
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ port, host: '127.0.0.1' });
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

export async function connectForScript(env: NodeJS.ProcessEnv = process.env): Promise<ScriptDb> {
  const config = loadConfig(env);
  const { embeddedBinDir } = await import('../src/server/db/embedded.js');
  if (config.DATABASE_URL) {
    return { url: config.DATABASE_URL, config, startedHere: false, binDir: null, close: async () => undefined };
  }
  const binDir = embeddedBinDir();
  const url = `postgres://dingkao:dingkao@127.0.0.1:${config.EMBEDDED_PG_PORT}/dingkao`;
  if (await portOpen(config.EMBEDDED_PG_PORT)) {
    return { url, config, startedHere: false, binDir, close: async () => undefined };
  }
  const pg = await startEmbeddedPostgres(config.dataDir, config.EMBEDDED_PG_PORT, pino({ level: 'warn' }));
  return { url: pg.url, config, startedHere: true, binDir, close: () => pg.stop() };
}
