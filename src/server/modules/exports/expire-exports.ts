import { eq } from 'drizzle-orm';
import type { AppDeps } from '../../app.js';
import { exportJobs } from '../../db/schema/index.js';
import * as repo from './exports.repo.js';

/** The schedule: delete the files of exports past their expiry and mark them 已过期. */
export async function expireExports(deps: Pick<AppDeps, 'db' | 'storage' | 'logger' | 'now'>): Promise<number> {
  const due = await repo.dueForExpiry(deps.db, deps.now());
  for (const j of due) {
    if (j.storageKey) await deps.storage.delete(j.storageKey);
    await deps.db.update(exportJobs).set({ status: 'expired', storageKey: null }).where(eq(exportJobs.id, j.id));
  }
  if (due.length) deps.logger.info({ expired: due.length }, 'expired export files deleted');
  return due.length;
}
