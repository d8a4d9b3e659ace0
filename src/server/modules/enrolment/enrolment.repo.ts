/**
 * Enrolment queries. Every read goes through `enrolmentScope(actor)`. Lists are keyset
 * paginated by id (newest first) inside the current cycle; the status filter uses
 * `enrolments_cycle_status_idx` (cycle_id, status, id), an administration's subtree
 * `enrolments_path_status_idx` (org_path text_pattern_ops, status, id), an institution
 * `enrolments_institution_status_idx` — the planner picks the narrower one.
 */
import { maskIdNumber } from '../../../shared/domain/id-number.js';
import { and, desc, eq, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { auditLog, enrolments, organisations, physicians } from '../../db/schema/index.js';
import type { Actor } from '../../platform/actor.js';
import { ENROLMENT_STATUS_LABELS } from '../../../shared/enrolment-status.js';
import type { TListQuery, TListRow } from '../../../shared/schemas/enrolment.js';
import { actionsFor, enrolmentScope } from './enrolment.transition.js';

export async function listEnrolments(
  db: DbOrTx,
  actor: Actor,
  cycleId: number,
  q: TListQuery,
): Promise<{ items: TListRow[]; nextCursor: number | null }> {
  const conds: (SQL | undefined)[] = [eq(enrolments.cycleId, cycleId), enrolmentScope(actor)];
  if (q.status) conds.push(eq(enrolments.status, q.status));
  if (q.institutionId) conds.push(eq(enrolments.institutionId, q.institutionId));
  if (q.procedure)
    conds.push(q.procedure === 'none' ? isNull(enrolments.procedure) : eq(enrolments.procedure, q.procedure));
  if (q.cursor) conds.push(lt(enrolments.id, q.cursor));
  if (q.q) {
    const term = q.q.trim();
    conds.push(
      and(
        eq(physicians.provinceId, actor.provinceId),
        or(eq(physicians.name, term), eq(physicians.idNumber, term.toUpperCase())),
      ),
    );
  }
  const rows = await db
    .select({
      id: enrolments.id,
      physicianId: enrolments.physicianId,
      name: physicians.name,
      idNumber: physicians.idNumber,
      gender: physicians.gender,
      level: physicians.level,
      category: physicians.practiceCategory,
      institutionId: enrolments.institutionId,
      institutionName: organisations.name,
      status: enrolments.status,
      procedure: enrolments.procedure,
      submittedAt: enrolments.submittedAt,
      updatedAt: enrolments.updatedAt,
      lastReason: enrolments.lastReason,
    })
    .from(enrolments)
    .innerJoin(physicians, eq(physicians.id, enrolments.physicianId))
    .innerJoin(organisations, eq(organisations.id, enrolments.institutionId))
    .where(and(...conds))
    .orderBy(desc(enrolments.id))
    .limit(q.limit + 1);
  const more = rows.length > q.limit;
  const page = more ? rows.slice(0, q.limit) : rows;
  return {
    items: page.map((r) => ({
      ...r,
      idNumber: maskIdNumber(r.idNumber),
      statusLabel: ENROLMENT_STATUS_LABELS[r.status],
      submittedAt: r.submittedAt?.toISOString() ?? null,
      updatedAt: r.updatedAt.toISOString(),
      actions: actionsFor(actor, r),
    })),
    nextCursor: more ? page[page.length - 1].id : null,
  };
}

/** Count of rows in a status inside the actor's scope in the current cycle (to-do counts). */
export async function countInStatus(db: DbOrTx, actor: Actor, status: TListRow['status']): Promise<number> {
  const [r] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(enrolments)
    .where(
      and(
        enrolmentScope(actor),
        eq(enrolments.status, status),
        sql`${enrolments.cycleId} IN (SELECT id FROM cycles WHERE province_id = ${actor.provinceId} AND is_current)`,
      ),
    );
  return r?.n ?? 0;
}

export async function historyOf(db: DbOrTx, enrolmentId: number) {
  const rows = await db
    .select({
      at: auditLog.at,
      actorRole: auditLog.actorRole,
      actorName: auditLog.actorName,
      action: auditLog.action,
      reason: auditLog.reason,
    })
    .from(auditLog)
    .where(and(eq(auditLog.targetType, 'enrolment'), eq(auditLog.targetId, String(enrolmentId))))
    .orderBy(auditLog.id)
    .limit(200);
  return rows.map((r) => ({ ...r, at: r.at.toISOString() }));
}
