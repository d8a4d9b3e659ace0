import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { sql } from 'drizzle-orm';
import {
  Logger as GwLogger,
  type LogFunctionFactory,
  type ParsedCronItem,
  parseCronItems,
  type Runner,
  run,
  runMigrations,
  runOnce,
  type TaskList,
} from 'graphile-worker';
import type pg from 'pg';
import type { Logger } from 'pino';
import type { AppDeps } from '../app.js';
import type { DbOrTx } from '../db/client.js';

/**
 * The product's one job queue: graphile-worker on the product's own PostgreSQL (embedded or
 * DATABASE_URL), so jobs are durable, transactional with the rows that cause them, retried
 * with exponential backoff, and shared by any number of worker processes.
 *
 * A module declares its jobs in `modules/<m>/<m>.jobs.ts` (discovered, like routes):
 *   export const jobs: JobDefinitions = { '<m>.<task>': async (payload, ctx) => { ... } };
 *   export const schedules: JobSchedule[] = [{ task: '<m>.<task>', cron: '0 3 * * *' }];
 *   export const tickers: JobTicker[] = [{ name: '<m>.<what>', everyMs: 500, run: (deps) => … }];
 * Handlers must be idempotent: a job that throws is retried (maxAttempts, default 10).
 * A ticker is for what a cron line cannot do (more often than once a minute): it runs in every
 * worker process, so it must be safe to run concurrently (e.g. claim rows with SKIP LOCKED).
 */
export interface JobContext {
  deps: AppDeps;
  logger: Logger;
  jobId: string;
  /** 1 on the first run, 2 on the first retry … */
  attempt: number;
}

// biome-ignore lint/suspicious/noExplicitAny: each task declares its own payload type
export type JobHandler<P = any> = (payload: P, ctx: JobContext) => Promise<void>;
export type JobDefinitions = Record<string, JobHandler>;

export interface JobSchedule {
  task: string;
  /** crontab syntax: minute hour day-of-month month day-of-week (server time zone) */
  cron: string;
  payload?: Record<string, unknown>;
  /** defaults to the task name; give one when a task has several schedules */
  identifier?: string;
}

export interface JobTicker {
  name: string;
  everyMs: number;
  /** resolves with how much it did (logged at debug level); never overlaps itself in one process */
  run: (deps: AppDeps) => Promise<unknown>;
}

export interface EnqueueOptions {
  runAt?: Date;
  maxAttempts?: number;
  /** a job with the same key replaces a pending one (debounce / de-duplicate) */
  jobKey?: string;
  /** lower runs first; default 0 */
  priority?: number;
  /** jobs in one named queue run one at a time, in order */
  queueName?: string;
}

const here = path.dirname(fileURLToPath(import.meta.url));
const MODULES_DIR = path.join(here, '..', 'modules');

interface LoadedJobs {
  jobs: JobDefinitions;
  schedules: JobSchedule[];
  tickers: JobTicker[];
}

let loaded: Promise<LoadedJobs> | null = null;

/** Discovers every `modules/<m>/*.jobs.ts`; a task name declared twice is a start-up error. */
export function loadJobDefinitions(): Promise<LoadedJobs> {
  loaded ??= (async () => {
    const jobs: JobDefinitions = {};
    const schedules: JobSchedule[] = [];
    const tickers: JobTicker[] = [];
    for (const dir of fs.readdirSync(MODULES_DIR).sort()) {
      const folder = path.join(MODULES_DIR, dir);
      if (!fs.statSync(folder).isDirectory()) continue;
      for (const file of fs.readdirSync(folder).sort()) {
        if (!/\.jobs\.(ts|js)$/.test(file)) continue;
        const mod = (await import(pathToFileURL(path.join(folder, file)).href)) as Partial<LoadedJobs>;
        for (const [name, handler] of Object.entries(mod.jobs ?? {})) {
          if (jobs[name]) throw new Error(`job task declared twice: ${name}`);
          jobs[name] = handler;
        }
        schedules.push(...(mod.schedules ?? []));
        tickers.push(...(mod.tickers ?? []));
      }
    }
    for (const s of schedules) {
      if (!jobs[s.task]) throw new Error(`schedule for unknown job task: ${s.task}`);
    }
    return { jobs, schedules, tickers };
  })();
  return loaded;
}

/** Installs / upgrades the queue's own schema (`graphile_worker`); called with the migrations. */
export async function installJobQueue(pool: pg.Pool, logger?: Logger): Promise<void> {
  await runMigrations({ pgPool: pool, logger: gwLogger(logger) });
}

/**
 * Adds a job inside the caller's transaction: it exists only if the transaction commits.
 * Payloads are JSON; keep them small (ids, not rows).
 */
export async function enqueueJob(
  tx: DbOrTx,
  task: string,
  payload: Record<string, unknown>,
  opts: EnqueueOptions = {},
): Promise<void> {
  await tx.execute(sql`SELECT graphile_worker.add_job(
    identifier => ${task}::text,
    payload => ${JSON.stringify(payload)}::json,
    queue_name => ${opts.queueName ?? null}::text,
    run_at => ${opts.runAt ? opts.runAt.toISOString() : null}::timestamptz,
    max_attempts => ${opts.maxAttempts ?? null}::int,
    job_key => ${opts.jobKey ?? null}::text,
    priority => ${opts.priority ?? null}::int
  )`);
}

function toTaskList(deps: AppDeps, jobs: JobDefinitions): TaskList {
  const list: TaskList = {};
  for (const [name, handler] of Object.entries(jobs)) {
    list[name] = async (payload, helpers) => {
      const logger = deps.logger.child({ job: name, jobId: helpers.job.id, attempt: helpers.job.attempts });
      await handler(payload ?? {}, { deps, logger, jobId: String(helpers.job.id), attempt: helpers.job.attempts });
    };
  }
  return list;
}

function cronItems(schedules: JobSchedule[]): ParsedCronItem[] {
  return parseCronItems(
    schedules.map((s) => ({
      task: s.task,
      match: s.cron,
      identifier: s.identifier ?? s.task,
      payload: s.payload ?? {},
      // a schedule missed while no worker ran is run once when one starts again (up to a day back)
      options: { backfillPeriod: 24 * 3600 * 1000, maxAttempts: 3 },
    })),
  );
}

function gwLogger(logger?: Logger): GwLogger {
  const factory: LogFunctionFactory = (scope) => (level, message, meta) => {
    if (!logger) return;
    const line = { queue: scope, ...(meta ?? {}) };
    if (level === 'error') logger.error(line, message);
    else if (level === 'warning') logger.warn(line, message);
    else logger.debug(line, message);
  };
  return new GwLogger(factory);
}

export interface JobRunner {
  stop(): Promise<void>;
}

/**
 * Runs the queue's workers (and the schedules) until stopped. `concurrency` = jobs run at once
 * by this process; CPU-heavy handlers put their work on worker threads themselves.
 */
export async function startJobRunner(
  deps: AppDeps,
  opts: { concurrency?: number; schedules?: boolean } = {},
): Promise<JobRunner> {
  const { jobs, schedules, tickers } = await loadJobDefinitions();
  const runner: Runner = await run({
    pgPool: deps.pool,
    concurrency: opts.concurrency ?? Math.max(2, os.availableParallelism()),
    noHandleSignals: true,
    pollInterval: 2000,
    logger: gwLogger(deps.logger),
    taskList: toTaskList(deps, jobs),
    parsedCronItems: opts.schedules === false ? [] : cronItems(schedules),
  });
  const ticking = tickers.map((t) => startTicker(deps, t));
  return {
    async stop() {
      await Promise.all(ticking.map((stop) => stop()));
      await runner.stop();
    },
  };
}

/** Runs a ticker every `everyMs` (skipping a beat while the previous run is still going). */
export function startTicker(deps: AppDeps, t: JobTicker): () => Promise<void> {
  let running: Promise<void> | null = null;
  const timer = setInterval(() => {
    if (running) return;
    running = t
      .run(deps)
      .then((did) => deps.logger.debug({ ticker: t.name, did }, 'ticker ran'))
      .catch((err) => deps.logger.error({ err, ticker: t.name }, 'ticker failed'))
      .finally(() => {
        running = null;
      });
  }, t.everyMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}

/**
 * Runs every job that is due now and returns when none of the selected tasks is due or running
 * (jobs a handler enqueues are run too; a job that failed and waits for its retry is not
 * waited for). For tests and one-off operator commands; `tasks` limits which tasks run —
 * tests should name their own so parallel test files do not run each other's jobs.
 */
export async function runQueuedJobs(deps: AppDeps, opts: { tasks?: string[]; timeoutMs?: number } = {}): Promise<void> {
  const { jobs } = await loadJobDefinitions();
  for (const t of opts.tasks ?? []) if (!jobs[t]) throw new Error(`unknown job task: ${t}`);
  const names = opts.tasks ?? Object.keys(jobs);
  const selected = Object.fromEntries(names.map((t) => [t, jobs[t]]));
  const deadline = Date.now() + (opts.timeoutMs ?? 120_000);
  for (;;) {
    await runOnce({ pgPool: deps.pool, logger: gwLogger(deps.logger), taskList: toTaskList(deps, selected) });
    // another runner (a parallel test file, the in-process worker) may still hold one of ours
    const { rows } = await deps.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM graphile_worker.jobs
        WHERE task_identifier = ANY($1) AND run_at <= now() AND attempts < max_attempts`,
      [names],
    );
    if (rows[0].n === 0) return;
    if (Date.now() > deadline) throw new Error(`jobs still pending after ${opts.timeoutMs ?? 120_000} ms: ${names}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
