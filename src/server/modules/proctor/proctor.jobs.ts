import type { JobDefinitions, JobSchedule, JobTicker } from '../../platform/jobs.js';
import { compareFrame } from './compare.service.js';
import { queueWaitingFrames } from './proctor.repo.js';
import { purgeExpiredFrames } from './retention.service.js';

export const jobs: JobDefinitions = {
  /**
   * compare frames with the standard photo, in parallel on the face threads (idempotent: a retry
   * after a model failure skips the frames already scored). `frameId`: jobs queued before 0119.
   */
  'proctor.compare': async (payload: { frameIds?: number[]; frameId?: number }, ctx) => {
    const ids = payload.frameIds ?? (payload.frameId === undefined ? [] : [payload.frameId]);
    const done = await Promise.allSettled(ids.map((id) => compareFrame(ctx.deps, Number(id))));
    const failed = done.find((d): d is PromiseRejectedResult => d.status === 'rejected');
    if (failed) throw failed.reason;
  },
  /** delete frames past their retention period */
  'proctor.purge': async (_payload, ctx) => {
    await purgeExpiredFrames(ctx.deps);
  },
};

export const schedules: JobSchedule[] = [{ task: 'proctor.purge', cron: '30 3 * * *' }];

/**
 * Queue the comparison of newly uploaded frames twice a second, in batches: the upload itself
 * queues nothing (decision 0119), so frames arrive at hundreds a second without serialising on
 * PostgreSQL's notification lock.
 */
export const tickers: JobTicker[] = [
  { name: 'proctor.queue-frames', everyMs: 500, run: (deps) => queueWaitingFrames(deps.db) },
];
