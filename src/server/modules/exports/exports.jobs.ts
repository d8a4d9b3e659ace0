import type { JobDefinitions, JobSchedule } from '../../platform/jobs.js';
import { expireExports } from './expire-exports.js';
import { RUN_TASK } from './request-export.js';
import { runExport } from './run-export.js';

export const jobs: JobDefinitions = {
  [RUN_TASK]: async (payload: { exportId: string }, ctx) =>
    runExport(ctx.deps, payload.exportId, { no: ctx.attempt, max: 2 }),
  'exports.expire': async (_payload, ctx) => {
    await expireExports(ctx.deps);
  },
};

/** Every 10 minutes: expired export files are deleted. */
export const schedules: JobSchedule[] = [{ task: 'exports.expire', cron: '*/10 * * * *' }];
