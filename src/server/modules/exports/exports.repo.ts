import { and, desc, eq, inArray, lt } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { exportJobs } from '../../db/schema/index.js';
import type { Actor } from '../../platform/actor.js';
import { AppError } from '../../platform/errors.js';
import { EXPORT_STATUS_LABELS, type TExportJob } from '../../../shared/schemas/exports.js';

export type ExportJobRow = typeof exportJobs.$inferSelect;

/** "Not yours" and "does not exist" are the same answer: only the requester ever sees a job. */
export const exportNotFound = () => new AppError('NOT_FOUND', '导出任务不存在或不属于您', 404);

export async function findOwnJob(db: DbOrTx, actor: Actor, id: string): Promise<ExportJobRow> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw exportNotFound();
  const [j] = await db
    .select()
    .from(exportJobs)
    .where(and(eq(exportJobs.id, id), eq(exportJobs.accountId, actor.accountId)));
  if (!j) throw exportNotFound();
  return j;
}

export async function listOwnJobs(db: DbOrTx, actor: Actor, limit = 50): Promise<ExportJobRow[]> {
  return db
    .select()
    .from(exportJobs)
    .where(eq(exportJobs.accountId, actor.accountId))
    .orderBy(desc(exportJobs.createdAt))
    .limit(limit);
}

export async function countActiveJobs(db: DbOrTx, actor: Actor): Promise<number> {
  const rows = await db
    .select({ id: exportJobs.id })
    .from(exportJobs)
    .where(and(eq(exportJobs.accountId, actor.accountId), inArray(exportJobs.status, ['queued', 'running'])));
  return rows.length;
}

export async function dueForExpiry(db: DbOrTx, now: Date, limit = 500): Promise<ExportJobRow[]> {
  return db
    .select()
    .from(exportJobs)
    .where(and(inArray(exportJobs.status, ['done', 'failed']), lt(exportJobs.expiresAt, now)))
    .limit(limit);
}

export function presentJob(j: ExportJobRow, now: Date): TExportJob {
  const status = j.status === 'done' && j.expiresAt <= now ? 'expired' : j.status;
  return {
    id: j.id,
    kind: j.kind as TExportJob['kind'],
    title: j.title,
    status,
    statusLabel: EXPORT_STATUS_LABELS[status],
    processed: j.processed,
    total: j.total,
    fileName: j.fileName,
    size: j.size,
    error: j.error,
    createdAt: j.createdAt.toISOString(),
    finishedAt: j.finishedAt?.toISOString() ?? null,
    expiresAt: j.expiresAt.toISOString(),
  };
}
