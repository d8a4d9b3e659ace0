/**
 * The exam module's background work, run by the product's job queue (platform/jobs.ts) once
 * per deployment, however many API processes run:
 * - `exam.sweep`: submit attempts whose time is up (a physician who closed the page). Attempts
 *   are also closed lazily whenever they are touched, and 关闭首轮考核 closes the rest, so a
 *   one-minute schedule is enough.
 * - `exam.predraw`: draw the next paper of enrolments waiting for a test, so 【去考试】 at the
 *   peak is a read plus one row. Queued with `{ enrolmentIds }` by the transition to 待参加测评 /
 *   待再次考核 (enrolment.transition.ts), and every 10 minutes for all of them as a safety net.
 * - `exam.compact`: move closed attempts' answers still held as rows onto the attempt.
 */
import type { JobDefinitions, JobSchedule } from '../../platform/jobs.js';
import { compactClosedAttempts, examDeps, predrawPapers, sweepTimedOut } from './exam.service.js';

export const jobs: JobDefinitions = {
  'exam.sweep': async (_payload, ctx) => {
    const deps = examDeps(ctx.deps);
    // drain in batches; each attempt is closed by one compare-and-set, so a retry is harmless
    for (let i = 0; i < 20; i++) {
      const n = await sweepTimedOut(deps);
      if (n) ctx.logger.info({ closed: n }, '到时自动交卷');
      if (n < 500) break;
    }
  },
  'exam.predraw': async (payload: { enrolmentIds?: unknown }, ctx) => {
    const deps = examDeps(ctx.deps);
    const ids = Array.isArray(payload?.enrolmentIds)
      ? payload.enrolmentIds.map(Number).filter(Number.isSafeInteger)
      : null;
    if (ids) {
      const n = await predrawPapers(deps, 500, ids);
      if (n) ctx.logger.info({ drawn: n }, '已预先组卷');
      return;
    }
    for (let i = 0; i < 40; i++) {
      const n = await predrawPapers(deps);
      if (n) ctx.logger.info({ drawn: n }, '已预先组卷');
      if (n < 500) break;
    }
  },
  'exam.compact': async (_payload, ctx) => {
    const n = await compactClosedAttempts(ctx.deps);
    if (n) ctx.logger.info({ compacted: n }, '已压缩答题记录');
  },
};

export const schedules: JobSchedule[] = [
  { task: 'exam.sweep', cron: '* * * * *' },
  { task: 'exam.predraw', cron: '*/10 * * * *' },
  { task: 'exam.compact', cron: '17 3 * * *' },
];
