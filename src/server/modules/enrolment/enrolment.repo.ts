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
import {
  assessmentAssignments,
  auditLog,
  departments,
  enrolments,
  files,
  organisations,
  physicians,
} from '../../db/schema/index.js';
import type { Actor } from '../../platform/actor.js';
import { forbidden, notFound } from '../../platform/errors.js';
import { ENROLMENT_STATUS_LABELS } from '../../../shared/enrolment-status.js';
import type { TListQuery, TListRow } from '../../../shared/schemas/enrolment.js';
import { actionsFor, type Enrolment, enrolmentScope } from './enrolment.transition.js';

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

/* ───── the physician's own record ───── */

/** The signed-in physician's enrolment in a cycle (scope: their own), optionally locked. */
export async function findOwnEnrolment(
  db: DbOrTx,
  actor: Actor,
  cycleId: number,
  forUpdate = false,
): Promise<Enrolment | null> {
  if (actor.role !== 'physician' || !actor.physicianId) throw forbidden();
  const q = db
    .select()
    .from(enrolments)
    .where(and(eq(enrolments.cycleId, cycleId), eq(enrolments.physicianId, actor.physicianId)));
  const [row] = forUpdate ? await q.for('update') : await q;
  return row ?? null;
}

/**
 * Master data of a physician, shaped as the wizard's prefill. Callers pass the id of the
 * signed-in physician or of an enrolment already read through `enrolmentScope`.
 */
export async function findPhysicianPrefill(db: DbOrTx, physicianId: number) {
  const [p] = await db
    .select({ p: physicians, institutionName: organisations.name })
    .from(physicians)
    .innerJoin(organisations, eq(organisations.id, physicians.institutionId))
    .where(eq(physicians.id, physicianId));
  if (!p) throw notFound('医师');
  return {
    row: p.p,
    prefill: {
      name: p.p.name,
      idType: p.p.idType,
      idNumber: p.p.idNumber,
      gender: p.p.gender,
      birthDate: p.p.birthDate,
      mobile: p.p.mobile,
      level: p.p.level,
      category: p.p.practiceCategory,
      scope: p.p.practiceScope,
      qualificationNo: p.p.qualificationNo,
      licenseNo: p.p.licenseNo,
      firstRegisteredAt: p.p.firstRegisteredAt,
      title: p.p.title,
      institutionName: p.institutionName,
    },
  };
}

/** 科室 of the physician's own institution as 「上级/科室」; null when it is not that institution's. */
export async function findInstitutionDepartmentName(
  db: DbOrTx,
  institutionId: number,
  departmentId: number,
): Promise<string | null> {
  const [d] = await db
    .select({ id: departments.id, name: departments.name, parentId: departments.parentId })
    .from(departments)
    .where(and(eq(departments.id, departmentId), eq(departments.orgId, institutionId)));
  if (!d) return null;
  if (!d.parentId) return d.name;
  const [parent] = await db.select({ name: departments.name }).from(departments).where(eq(departments.id, d.parentId));
  return parent ? `${parent.name}/${d.name}` : d.name;
}

/* ───── the institution's own physicians (参加考核 / 取消参加考核) ───── */

/** The assessment body assigned to the actor's institution, if any. */
export async function findAssignedBody(db: DbOrTx, actor: Actor): Promise<number | null> {
  const [assign] = await db
    .select({ bodyOrgId: assessmentAssignments.bodyOrgId })
    .from(assessmentAssignments)
    .where(eq(assessmentAssignments.institutionId, actor.orgId));
  return assign?.bodyOrgId ?? null;
}

/** Physicians among `ids` that belong to the actor's institution, with their enrolment in `cycleId`. */
export async function findOwnPhysicians(db: DbOrTx, actor: Actor, ids: number[], cycleId: number) {
  if (actor.role !== 'institution') throw forbidden();
  return db
    .select({ id: physicians.id, name: physicians.name, enrolmentId: enrolments.id })
    .from(physicians)
    .leftJoin(enrolments, and(eq(enrolments.physicianId, physicians.id), eq(enrolments.cycleId, cycleId)))
    .where(and(sql`${physicians.id} = ANY(${sql.param(ids)}::bigint[])`, eq(physicians.institutionId, actor.orgId)));
}

/* ───── detail views ───── */

export async function findOrgName(db: DbOrTx, orgId: number): Promise<string | null> {
  const [o] = await db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, orgId));
  return o?.name ?? null;
}

/** The full 证件号码 of an enrolment's physician (the enrolment was read through the actor's scope). */
export async function findIdNumberOf(db: DbOrTx, row: Pick<Enrolment, 'physicianId'>): Promise<string> {
  const [p] = await db
    .select({ idNumber: physicians.idNumber })
    .from(physicians)
    .where(eq(physicians.id, row.physicianId));
  return p.idNumber;
}

/** A stored file's metadata (the id came from a row the actor may see). */
export async function findFile(db: DbOrTx, fileId: string) {
  const [f] = await db.select().from(files).where(eq(files.id, fileId));
  return f ?? null;
}

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** 考核进度 filter: institutions in the actor's jurisdiction whose name contains `q` (at most 50). */
export async function findInstitutionOptions(
  db: DbOrTx,
  actor: Actor,
  q: string | undefined,
): Promise<{ id: number; name: string }[]> {
  const nameCond = q ? sql`AND o.name LIKE ${`%${likeEscape(q)}%`}` : sql``;
  let scope: SQL;
  if (actor.role === 'admin') scope = sql`o.path LIKE ${`${likeEscape(actor.orgPath)}%`}`;
  else if (actor.role === 'institution') scope = sql`o.id = ${actor.orgId}`;
  else if (actor.role === 'body')
    scope = sql`o.id IN (SELECT institution_id FROM assessment_assignments WHERE body_org_id = ${actor.orgId})`;
  else throw forbidden();
  const r = await db.execute<{ id: number; name: string }>(
    sql`SELECT o.id, o.name FROM organisations o WHERE o.kind = 'institution' AND ${scope} ${nameCond} ORDER BY o.name LIMIT 50`,
  );
  return r.rows.map((x) => ({ id: Number(x.id), name: x.name }));
}
