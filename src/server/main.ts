import pino from 'pino';
import { buildApp } from './app.js';
import { loadConfig } from './config.js';
import { createDb, createPool } from './db/client.js';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './db/embedded.js';
import { runMigrations } from './db/migrate.js';
import { type JobRunner, startJobRunner } from './platform/jobs.js';
import { createSmsGateway } from './platform/sms.js';
import { createStorage } from './platform/storage.js';
import { seedDemoIfEmpty } from './seed/demo.js';

/** start: config → database (embedded or DATABASE_URL) → migrate → seed once → listen. */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = pino({ level: config.LOG_LEVEL });
  if (config.captchaDisabled) {
    logger.warn('!!! CAPTCHA_DISABLED=1：验证码已关闭，仅用于自动化验收环境，生产环境切勿开启 !!!');
  }
  let embedded: EmbeddedDatabase | null = null;
  let url = config.DATABASE_URL;
  if (!url) {
    embedded = await startEmbeddedPostgres(config.dataDir, config.EMBEDDED_PG_PORT, logger);
    url = embedded.url;
    logger.info({ port: config.EMBEDDED_PG_PORT, dataDir: config.dataDir }, '内置 PostgreSQL 已启动');
  }
  const pool = createPool(url);
  const db = createDb(pool);
  await runMigrations(db);
  if (config.SEED_DEMO === '1') await seedDemoIfEmpty(db, logger);

  const deps = {
    config,
    db,
    pool,
    storage: createStorage(config),
    sms: createSmsGateway(config),
    logger,
    now: () => new Date(),
  };
  const app = await buildApp(deps);
  // the job queue's workers run here unless an operator runs them apart (`npm run worker`)
  const jobs: JobRunner | null =
    config.JOBS_IN_PROCESS === '1' ? await startJobRunner(deps, { concurrency: config.JOB_CONCURRENCY }) : null;

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, '正在停止服务');
    await app.close().catch((err) => logger.error({ err }, 'close failed'));
    await jobs?.stop().catch((err) => logger.error({ err }, 'job runner stop failed'));
    await pool.end().catch(() => undefined);
    if (embedded) await embedded.stop().catch((err) => logger.error({ err }, 'embedded postgres stop failed'));
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  await app.listen({ port: config.PORT, host: config.HOST });
  logger.info(`定考系统已启动：http://${config.HOST}:${config.PORT}`);
}

main().catch((err) => {
  // eslint-disable-next-line no-console
  console.error(err);
  process.exit(1);
});
