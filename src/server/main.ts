import cluster from 'node:cluster';
import os from 'node:os';
import pino, { type Logger } from 'pino';
import type { App, AppDeps } from './app.js';
import { buildApp } from './app.js';
import { type Config, defaultWorkers, loadConfig } from './config.js';
import { createDb, createPool } from './db/client.js';
import { type EmbeddedDatabase, startEmbeddedPostgres } from './db/embedded.js';
import { runMigrations } from './db/migrate.js';
import { type JobRunner, startJobRunner } from './platform/jobs.js';
import { createSmsGateway } from './platform/sms.js';
import { createStorage } from './platform/storage.js';
import { seedDemoIfEmpty } from './seed/demo.js';

/**
 * start: config → database (embedded or DATABASE_URL) → migrate → seed once → listen.
 *
 * `WORKERS=N` (default: one per CPU core, less one for the embedded database, decision 0124) runs
 * N API processes sharing the port (node:cluster, decision 0053). The primary process owns the
 * once-only work — the embedded database, migrations, the demo seed and the job queue's runner
 * (schedules such as exam.sweep) — and forks the API processes, which only serve requests.
 * WORKERS=1 is one process doing all of it.
 */
const depsFor = (config: Config, logger: Logger, url: string, poolMax?: number): AppDeps => {
  const pool = createPool(url, poolMax);
  return {
    config,
    db: createDb(pool),
    pool,
    storage: createStorage(config),
    sms: createSmsGateway(config),
    logger,
    now: () => new Date(),
  };
};

async function startDatabase(config: Config, logger: Logger) {
  let embedded: EmbeddedDatabase | null = null;
  let url = config.DATABASE_URL;
  if (!url) {
    embedded = await startEmbeddedPostgres(config.dataDir, config.EMBEDDED_PG_PORT, logger);
    url = embedded.url;
    logger.info({ port: config.EMBEDDED_PG_PORT, dataDir: config.dataDir }, '内置 PostgreSQL 已启动');
  }
  return { embedded, url };
}

async function prepare(config: Config, logger: Logger, deps: AppDeps) {
  await runMigrations(deps.db);
  if (config.SEED_DEMO === '1') await seedDemoIfEmpty(deps.db, logger);
}

function onSignals(fn: (signal: string) => Promise<void>) {
  let closing = false;
  const handle = (signal: string) => {
    if (closing) return;
    closing = true;
    void fn(signal).finally(() => process.exit(0));
  };
  process.on('SIGINT', () => handle('SIGINT'));
  process.on('SIGTERM', () => handle('SIGTERM'));
}

/**
 * Stop taking requests and let the ones being answered finish (at most 10 s) before the caller
 * closes the database pool. `app.close()` waits for open connections, not for handlers: a client
 * that gives up mid-login closes its socket while its handler still verifies the password and
 * then writes. Two stops right after 150 abandoned logins each failed 9 such handlers with
 * "Cannot use a pool after calling end on the pool" (one process; 36 with two) without `drain`,
 * 2 when it counted requests only to their socket's close, 0 now that it counts to their answer.
 */
async function closeApi(app: App, logger: Logger): Promise<void> {
  await app.close().catch((err) => logger.error({ err }, 'close failed'));
  const left = await app.drain(10_000);
  if (left) logger.warn({ left }, '停止服务时仍有请求未完成');
}

/** One process: database, migrations, jobs and the API. */
async function single(config: Config, logger: Logger): Promise<void> {
  const { embedded, url } = await startDatabase(config, logger);
  const deps = depsFor(config, logger, url);
  await prepare(config, logger, deps);
  const app = await buildApp(deps);
  // the job queue's workers run here unless an operator runs them apart (`npm run worker`)
  const jobs: JobRunner | null =
    config.JOBS_IN_PROCESS === '1' ? await startJobRunner(deps, { concurrency: config.JOB_CONCURRENCY }) : null;
  onSignals(async (signal) => {
    logger.info({ signal }, '正在停止服务');
    await closeApi(app, logger);
    await jobs?.stop().catch((err) => logger.error({ err }, 'job runner stop failed'));
    await deps.pool.end().catch(() => undefined);
    if (embedded) await embedded.stop().catch((err) => logger.error({ err }, 'embedded postgres stop failed'));
  });
  await app.listen({ port: config.PORT, host: config.HOST });
  logger.info(`定考系统已启动：http://${config.HOST}:${config.PORT}`);
}

/** The primary of a cluster: once-only work, then N API processes (restarted if one dies). */
async function primary(config: Config, logger: Logger, workers: number): Promise<void> {
  const { embedded, url } = await startDatabase(config, logger);
  const deps = depsFor(config, logger, url, Math.max(4, (config.JOB_CONCURRENCY ?? 2) + 2));
  await prepare(config, logger, deps);
  const jobs: JobRunner | null =
    config.JOBS_IN_PROCESS === '1' ? await startJobRunner(deps, { concurrency: config.JOB_CONCURRENCY }) : null;

  let stopping = false;
  // each API process gets its share of the database's connections (embedded: max_connections 100)
  const poolMax = String(Math.max(4, Math.floor(80 / workers)));
  const fork = () => cluster.fork({ DATABASE_URL: url, DK_POOL_MAX: poolMax });
  cluster.on('exit', (w, code, signal) => {
    if (stopping) return;
    logger.error({ pid: w.process.pid, code, signal }, 'API 进程意外退出，正在重启');
    setTimeout(fork, 1000);
  });
  let listening = 0;
  cluster.on('listening', () => {
    if (++listening === workers)
      logger.info(`定考系统已启动：http://${config.HOST}:${config.PORT}（${workers} 个 API 进程）`);
  });
  for (let i = 0; i < workers; i++) fork();

  onSignals(async (signal) => {
    stopping = true;
    logger.info({ signal }, '正在停止服务');
    const alive = Object.values(cluster.workers ?? {}).filter((w) => w && !w.isDead());
    await Promise.race([
      Promise.all(
        alive.map(
          (w) =>
            new Promise<void>((resolve) => {
              w!.once('exit', () => resolve());
              w!.process.kill('SIGTERM');
            }),
        ),
      ),
      new Promise((r) => setTimeout(r, 15_000)),
    ]);
    await jobs?.stop().catch((err) => logger.error({ err }, 'job runner stop failed'));
    await deps.pool.end().catch(() => undefined);
    if (embedded) await embedded.stop().catch((err) => logger.error({ err }, 'embedded postgres stop failed'));
  });
}

/** An API process of a cluster: serves requests only (the primary migrated and runs the jobs). */
async function apiWorker(config: Config, logger: Logger): Promise<void> {
  const deps = depsFor(config, logger, config.DATABASE_URL!, Number(process.env.DK_POOL_MAX ?? 10));
  const app = await buildApp(deps);
  onSignals(async () => {
    await closeApi(app, logger);
    await deps.pool.end().catch(() => undefined);
  });
  await app.listen({ port: config.PORT, host: config.HOST });
}

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = pino({ level: config.LOG_LEVEL });
  if (cluster.isWorker) return apiWorker(config, logger.child({ worker: cluster.worker?.id }));
  if (config.captchaDisabled) {
    logger.warn('!!! CAPTCHA_DISABLED=1：验证码已关闭，仅用于自动化验收环境，生产环境切勿开启 !!!');
  }
  const workers = config.WORKERS ?? defaultWorkers(os.availableParallelism(), !config.DATABASE_URL);
  return workers > 1 ? primary(config, logger, workers) : single(config, logger);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
