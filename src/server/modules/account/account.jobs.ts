import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { JobDefinitions, JobSchedule } from '../../platform/jobs.js';
import { removeOrphanFiles } from '../../platform/uploads.js';

/** An object younger than this may belong to an upload whose transaction is still open. */
export const ORPHAN_GRACE_MS = 24 * 3600_000;

export const jobs: JobDefinitions = {
  /** Stored files that no row references (an upload rolled back after its bytes were written). */
  'account.remove-orphan-files': async (_payload, { deps, logger }) => {
    if (deps.config.STORAGE_DRIVER !== 'local') return;
    const root = path.join(deps.config.dataDir, 'files');
    const r = await removeOrphanFiles(deps.db, root, { graceMs: ORPHAN_GRACE_MS, now: deps.now() });
    if (r.removed.length) logger.info({ removed: r.removed.length, scanned: r.scanned }, '已删除无记录引用的存储文件');
  },
  /** Failed-login counters of unknown login names, once long past any lock. */
  'account.purge-login-failures': async (_payload, { deps }) => {
    await deps.db.execute(
      sql`DELETE FROM login_failures WHERE updated_at < ${deps.now().toISOString()}::timestamptz - interval '1 day'`,
    );
  },
};

export const schedules: JobSchedule[] = [
  { task: 'account.remove-orphan-files', cron: '40 3 * * *' },
  { task: 'account.purge-login-failures', cron: '50 3 * * *' },
];
