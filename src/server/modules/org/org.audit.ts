/** 操作日志 (audit viewer) and 短信发件箱 (SMS outbox viewer). */
import { and, desc, eq, lt, sql } from 'drizzle-orm';
import type { AppDeps } from '../../app.js';
import { auditLog, smsOutbox } from '../../db/schema/index.js';
import { inSubtree, requireProvinceAdmin, type Actor } from '../../platform/actor.js';
import { forbidden } from '../../platform/errors.js';
import type { TAuditEntry, TAuditQuery, TSmsEntry } from '../../../shared/schemas/org.js';

/**
 * Administrations read the entries of their subtree; institutions, assessment bodies and
 * industry organisations the entries about their own organisation. Keyset by id, newest first.
 */
export async function listAudit(
  deps: AppDeps,
  actor: Actor,
  q: TAuditQuery,
): Promise<{ items: TAuditEntry[]; nextBefore: number | null }> {
  const scope =
    actor.role === 'admin'
      ? inSubtree(auditLog.orgPath, actor.orgPath)
      : actor.role === 'institution' || actor.role === 'body' || actor.role === 'industry'
        ? eq(auditLog.orgPath, actor.orgPath)
        : null;
  if (!scope) throw forbidden();
  const rows = await deps.db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      actorName: auditLog.actorName,
      actorRole: auditLog.actorRole,
      targetType: auditLog.targetType,
      targetId: auditLog.targetId,
      action: auditLog.action,
      reason: auditLog.reason,
      before: auditLog.before,
      after: auditLog.after,
    })
    .from(auditLog)
    .where(
      and(
        scope,
        q.action ? eq(auditLog.action, q.action) : undefined,
        q.targetType ? eq(auditLog.targetType, q.targetType) : undefined,
        q.from ? sql`${auditLog.at} >= (${q.from}::date)::timestamp AT TIME ZONE 'Asia/Shanghai'` : undefined,
        q.to ? sql`${auditLog.at} < (${q.to}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'` : undefined,
        q.before ? lt(auditLog.id, q.before) : undefined,
      ),
    )
    .orderBy(desc(auditLog.id))
    .limit(q.pageSize + 1);
  const more = rows.length > q.pageSize;
  const page = rows.slice(0, q.pageSize);
  return {
    items: page.map((r) => ({ ...r, at: r.at.toISOString() })),
    nextBefore: more ? page[page.length - 1].id : null,
  };
}

/** Verification codes are secrets of the recipient: operators see that a code was sent, not the code. */
function maskCodes(template: string, content: string): string {
  return /CODE|BIND|VERIFY|RESET/i.test(template) ? content.replace(/\d{4,8}/g, (m) => '*'.repeat(m.length)) : content;
}

/** The province's SMS outbox (operator view), newest first. */
export async function listSmsOutbox(
  deps: AppDeps,
  actor: Actor,
  q: { mobile?: string; before?: number; pageSize: number },
): Promise<{ items: TSmsEntry[]; nextBefore: number | null }> {
  requireProvinceAdmin(actor);
  const rows = await deps.db
    .select()
    .from(smsOutbox)
    .where(
      and(
        eq(smsOutbox.provinceId, actor.provinceId),
        q.mobile ? eq(smsOutbox.mobile, q.mobile) : undefined,
        q.before ? lt(smsOutbox.id, q.before) : undefined,
      ),
    )
    .orderBy(desc(smsOutbox.id))
    .limit(q.pageSize + 1);
  const more = rows.length > q.pageSize;
  const page = rows.slice(0, q.pageSize);
  return {
    items: page.map((r) => ({
      id: r.id,
      createdAt: r.createdAt.toISOString(),
      mobile: r.mobile,
      template: r.template,
      content: maskCodes(r.template, r.content),
      driver: r.driver,
      status: r.status,
      error: r.error,
    })),
    nextBefore: more ? page[page.length - 1].id : null,
  };
}
