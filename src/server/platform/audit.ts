import type { DbOrTx } from '../db/client.js';
import { auditLog } from '../db/schema/index.js';
import type { Actor } from './actor.js';

export interface AuditEntry {
  targetType: string;
  targetId: string | number;
  action: string;
  /** path of the organisation the target belongs to (who may read this entry) */
  orgPath: string;
  provinceId: number;
  reason?: string | null;
  before?: unknown;
  after?: unknown;
}

/** Record a state change (who, when, what, why, before/after) in the same transaction. */
export async function writeAudit(db: DbOrTx, actor: Actor | null, e: AuditEntry, requestId?: string): Promise<void> {
  await writeAuditMany(db, actor, [e], requestId);
}

/** Batched variant for bulk operations (one INSERT for many rows). */
export async function writeAuditMany(
  db: DbOrTx,
  actor: Actor | null,
  entries: AuditEntry[],
  requestId?: string,
): Promise<void> {
  if (!entries.length) return;
  await db.insert(auditLog).values(
    entries.map((e) => ({
      actorAccountId: actor?.accountId ?? null,
      actorRole: actor?.role ?? 'system',
      actorName: actor?.displayName ?? '系统',
      provinceId: e.provinceId,
      orgPath: e.orgPath,
      targetType: e.targetType,
      targetId: String(e.targetId),
      action: e.action,
      reason: e.reason ?? null,
      before: (e.before ?? null) as never,
      after: (e.after ?? null) as never,
      requestId: requestId ?? null,
    })),
  );
}
