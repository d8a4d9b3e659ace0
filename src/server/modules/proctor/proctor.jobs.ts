import type { JobDefinitions, JobSchedule } from '../../platform/jobs.js';
import { compareFrame } from './compare.service.js';
import { purgeExpiredFrames } from './retention.service.js';

export const jobs: JobDefinitions = {
  /** compare one frame with the standard photo (idempotent; retried with backoff on a model failure) */
  'proctor.compare': async (payload: { frameId: number }, ctx) => {
    await compareFrame(ctx.deps, Number(payload.frameId));
  },
  /** delete frames past their retention period */
  'proctor.purge': async (_payload, ctx) => {
    await purgeExpiredFrames(ctx.deps);
  },
};

export const schedules: JobSchedule[] = [{ task: 'proctor.purge', cron: '30 3 * * *' }];
