import { z } from 'zod';
import path from 'node:path';

/** Environment, validated once at start. No secret has a default value here. */
const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  DATA_DIR: z.string().default('./data'),
  /** the built web app to serve (default dist/web); lets a test run serve its own build */
  WEB_DIST: z.string().optional(),
  DATABASE_URL: z.string().url().optional(),
  EMBEDDED_PG_PORT: z.coerce.number().int().min(1024).max(65535).default(54329),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  CAPTCHA_DISABLED: z.enum(['0', '1']).default('0'),
  SEED_DEMO: z.enum(['0', '1']).default('1'),
  SESSION_TTL_HOURS: z.coerce.number().positive().default(12),
  /** hours an export file (申请导出 → 下载) stays downloadable before a job deletes it */
  EXPORT_TTL_HOURS: z.coerce.number().positive().default(24),
  STORAGE_DRIVER: z.enum(['local', 's3']).default('local'),
  STORAGE_S3_ENDPOINT: z.string().optional(),
  STORAGE_S3_REGION: z.string().optional(),
  STORAGE_S3_BUCKET: z.string().optional(),
  STORAGE_S3_ACCESS_KEY: z.string().optional(),
  STORAGE_S3_SECRET_KEY: z.string().optional(),
  SMS_DRIVER: z.enum(['outbox', 'http']).default('outbox'),
  SMS_HTTP_URL: z.string().url().optional(),
  SMS_HTTP_TOKEN: z.string().optional(),
  SMS_SIGN: z.string().default('医师定考'),
  /** Secret used to sign short-lived file URLs and notice QR codes. Generated into DATA_DIR when absent. */
  APP_SECRET: z.string().min(32).optional(),
  /**
   * Which proxies may set X-Forwarded-For / X-Forwarded-Proto: off (default: the TCP peer is the
   * client), a hop count, or a comma list of addresses / CIDRs (e.g. `127.0.0.1,10.0.0.0/8`).
   */
  TRUST_PROXY: z.string().default('off'),
  /** largest JSON/text request body in bytes (default 2 MB) */
  BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(2 * 1024 * 1024),
  /** largest single uploaded file in bytes (default 20 MB; each upload kind may allow less) */
  UPLOAD_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(20 * 1024 * 1024),
  /** `npm start` runs the job queue's workers in the same process (1) or leaves them to `npm run worker` (0). */
  JOBS_IN_PROCESS: z.enum(['0', '1']).default('1'),
  /** API processes sharing the port (node:cluster); default: `defaultWorkers`. 1 = a single process */
  WORKERS: z.coerce.number().int().min(1).max(64).optional(),
  /** jobs one process runs at once (default: 2 × cores, at least 2) */
  JOB_CONCURRENCY: z.coerce.number().int().min(1).max(64).optional(),
  /** CPU priority of `npm run worker` processes (nice; 10 = background work gives way to the API) */
  WORKER_NICE: z.coerce.number().int().min(0).max(19).default(10),
  /** answer saves one statement may carry (group commit, decision 0123); 1 = one statement per save */
  EXAM_SAVE_BATCH: z.coerce.number().int().min(1).max(500).default(100),
  /** answer-save statements one process keeps in the database at a time */
  EXAM_SAVE_IN_FLIGHT: z.coerce.number().int().min(1).max(64).default(2),
  /** worker threads per process for face comparison (监考); each needs ~1 core and ~300 MB */
  PROCTOR_FACE_THREADS: z.coerce.number().int().min(1).max(32).default(1),
});

export type Config = z.infer<typeof envSchema> & {
  dataDir: string;
  captchaDisabled: boolean;
  /** TRUST_PROXY as Fastify's `trustProxy` option */
  trustProxy: boolean | number | string[];
};

/** TRUST_PROXY → Fastify `trustProxy`: never `true` (that would trust any client's header). */
export function parseTrustProxy(v: string): boolean | number | string[] {
  const s = v.trim().toLowerCase();
  if (['', 'off', 'false', 'no', '0'].includes(s)) return false;
  if (/^\d+$/.test(s)) return Number(s);
  if (s === 'true' || s === 'on' || s === '*')
    throw new Error('TRUST_PROXY 不能设为 true：请填写代理服务器的地址或网段（如 127.0.0.1,10.0.0.0/8），或代理层数');
  return s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
}

/**
 * API processes when WORKERS is not set: one per core, but with the embedded PostgreSQL on the
 * same cores one core is left to the database. On 2 cores one process answered an exam window's
 * saves with p99 151 ms where two took 1,167 ms, and 10,000 physicians in 415 s instead of 491 s
 * (bench/README.md, group commit): the second process competes with PostgreSQL.
 */
export function defaultWorkers(cores: number, embeddedDatabase: boolean): number {
  return Math.max(1, embeddedDatabase ? cores - 1 : cores);
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`环境变量配置有误：${issues}`);
  }
  const c = parsed.data;
  if (c.STORAGE_DRIVER === 's3' && !(c.STORAGE_S3_BUCKET && c.STORAGE_S3_ACCESS_KEY && c.STORAGE_S3_SECRET_KEY)) {
    throw new Error('STORAGE_DRIVER=s3 需要 STORAGE_S3_BUCKET、STORAGE_S3_ACCESS_KEY、STORAGE_S3_SECRET_KEY');
  }
  if (c.SMS_DRIVER === 'http' && !c.SMS_HTTP_URL) throw new Error('SMS_DRIVER=http 需要 SMS_HTTP_URL');
  return {
    ...c,
    dataDir: path.resolve(c.DATA_DIR),
    captchaDisabled: c.CAPTCHA_DISABLED === '1',
    trustProxy: parseTrustProxy(c.TRUST_PROXY),
  };
}
