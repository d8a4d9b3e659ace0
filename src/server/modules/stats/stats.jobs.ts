import type { JobDefinitions, JobSchedule } from '../../platform/jobs.js';
import { computeSnapshot, queueScheduledSnapshots, SNAPSHOT_TASK } from './refresh-stats.js';

export const jobs: JobDefinitions = {
  [SNAPSHOT_TASK]: async (payload: { snapshotId: number }, ctx) => computeSnapshot(ctx.deps, payload.snapshotId),
  'stats.scheduled': async (_payload, ctx) => {
    const n = await queueScheduledSnapshots(ctx.deps);
    ctx.logger.info({ provinces: n }, 'scheduled statistics snapshots queued');
  },
};

/** Every night at 02:30 (the manuals' statistics are "not real-time"; 【重新统计】 refreshes on demand). */
export const schedules: JobSchedule[] = [{ task: 'stats.scheduled', cron: '30 2 * * *' }];
