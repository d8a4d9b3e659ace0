import os from 'node:os';
import pino from 'pino';
import { loadConfig } from './config.js';
import { createDb, createPool } from './db/client.js';
import { runMigrations } from './db/migrate.js';
import { startJobRunner } from './platform/jobs.js';
import { createSmsGateway } from './platform/sms.js';
import { createStorage } from './platform/storage.js';

/**
 * `npm run worker`: a process that only runs the job queue (face comparison, statistics,
 * exports, scheduled clean-ups) against the same database as the API nodes. Start any number
 * of them; each job is taken by exactly one. With the embedded database, the API process
 * (`npm start`) must be running: the worker connects to its server on EMBEDDED_PG_PORT.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = pino({ level: config.LOG_LEVEL }).child({ role: 'worker' });
  // background work gives way to the API processes on a shared machine: lower CPU priority
  // (nice 10 ≈ a tenth of a busy core's share against nice 0; WORKER_NICE=0 keeps it equal)
  try {
    os.setPriority(config.WORKER_NICE);
  } catch (err) {
    logger.warn({ err, nice: config.WORKER_NICE }, '无法降低任务处理进程的优先级');
  }
  const url = config.DATABASE_URL ?? `postgres://dingkao:dingkao@127.0.0.1:${config.EMBEDDED_PG_PORT}/dingkao`;
  const pool = createPool(url, Math.max(4, (config.JOB_CONCURRENCY ?? 4) + 2));
  const db = createDb(pool);
  await runMigrations(db);
  const runner = await startJobRunner(
    { config, db, pool, storage: createStorage(config), sms: createSmsGateway(config), logger, now: () => new Date() },
    { concurrency: config.JOB_CONCURRENCY },
  );
  logger.info('任务处理进程已启动');
  let closing = false;
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    await runner.stop().catch((err) => logger.error({ err }, 'job runner stop failed'));
    await pool.end().catch(() => undefined);
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
