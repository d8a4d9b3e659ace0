/**
 * 免考 queries. Settings are read per province (the actor's own); every read of an application
 * goes through the enrolment's jurisdiction (`enrolmentScope`), except the physician's own by
 * enrolment id (that enrolment was read through the scope first).
 */
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import {
  enrolments,
  exemptionApplications,
  exemptionReasons,
  exemptionSwitches,
  organisations,
  physicians,
} from '../../db/schema/index.js';
import type { Actor } from '../../platform/actor.js';
import { enrolmentScope } from '../enrolment/enrolment.transition.js';
import { countApplications, countInStatus, physicianKeyword } from '../procedure/application.repo.js';

type Procedure = 'general' | 'simple';
export type ExemptionRow = typeof exemptionApplications.$inferSelect;
export interface ExemptionListRow {
  a: ExemptionRow;
  name: string;
  idNumber: string;
  institutionName: string;
  workResult: string | null;
  ethicsResult: string | null;
}
export type ExemptionFilter = { procedure?: Procedure; scope: 'pending' | 'all'; keyword?: string };

/** 待卫生机构审核 for an institution, 待考核机构复核 for an assessment body. */
const pendingFor = (actor: Actor) => (actor.role === 'body' ? 'pending_body' : 'pending_institution');

/** The province's 免考理由 (oldest first) and 开启/关闭 switches. */
export async function findSettingsRows(db: DbOrTx, provinceId: number) {
  const reasons = await db
    .select()
    .from(exemptionReasons)
    .where(eq(exemptionReasons.provinceId, provinceId))
    .orderBy(asc(exemptionReasons.id));
  const switches = await db.select().from(exemptionSwitches).where(eq(exemptionSwitches.provinceId, provinceId));
  return { reasons, switches };
}

/** One of the actor's province's reasons, locked for an edit. */
export async function lockOwnReason(tx: DbOrTx, actor: Actor, id: number) {
  const [r] = await tx
    .select()
    .from(exemptionReasons)
    .where(and(eq(exemptionReasons.id, id), eq(exemptionReasons.provinceId, actor.provinceId)))
    .for('update');
  return r;
}

function baseQuery(db: DbOrTx) {
  return db
    .select({
      a: exemptionApplications,
      name: physicians.name,
      idNumber: physicians.idNumber,
      institutionName: organisations.name,
      workResult: enrolments.workResult,
      ethicsResult: enrolments.ethicsResult,
    })
    .from(exemptionApplications)
    .innerJoin(enrolments, eq(enrolments.id, exemptionApplications.enrolmentId))
    .innerJoin(physicians, eq(physicians.id, enrolments.physicianId))
    .innerJoin(organisations, eq(organisations.id, exemptionApplications.institutionId));
}

/** The actor's scope + the list filters. */
function listWhere(actor: Actor, q: ExemptionFilter) {
  return and(
    enrolmentScope(actor),
    q.procedure ? eq(exemptionApplications.procedure, q.procedure) : undefined,
    q.scope === 'pending' ? eq(exemptionApplications.status, pendingFor(actor)) : undefined,
    physicianKeyword(q.keyword),
  );
}

/** One page of the list the actor sees (newest submission first) and its total. */
export async function findExemptions(
  db: DbOrTx,
  actor: Actor,
  q: ExemptionFilter & { page: number; pageSize: number },
): Promise<{ total: number; rows: ExemptionListRow[] }> {
  const where = listWhere(actor, q);
  const total = await countApplications(db, exemptionApplications, where);
  const rows = await baseQuery(db)
    .where(where)
    .orderBy(desc(exemptionApplications.submittedAt), desc(exemptionApplications.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  return { total, rows };
}

export async function findExemption(db: DbOrTx, actor: Actor, id: number): Promise<ExemptionListRow | undefined> {
  const [r] = await baseQuery(db).where(and(eq(exemptionApplications.id, id), enrolmentScope(actor)));
  return r;
}

/** The application of an enrolment the caller has already read through the actor's scope. */
export async function findExemptionOfEnrolment(db: DbOrTx, enrolmentId: number): Promise<ExemptionListRow | undefined> {
  const [r] = await baseQuery(db).where(eq(exemptionApplications.enrolmentId, enrolmentId));
  return r;
}

/** Is an application of this enrolment under review or approved (its materials are then fixed)? */
export async function hasActiveExemption(db: DbOrTx, enrolmentId: number): Promise<boolean> {
  const [pending] = await db
    .select({ id: exemptionApplications.id })
    .from(exemptionApplications)
    .where(
      and(
        eq(exemptionApplications.enrolmentId, enrolmentId),
        inArray(exemptionApplications.status, ['pending_institution', 'pending_body', 'approved']),
      ),
    );
  return Boolean(pending);
}

/** Applications waiting for the actor: 待卫生机构审核 (institution) or 待考核机构复核 (body). */
export function countPendingExemptions(db: DbOrTx, actor: Actor): Promise<number> {
  return countInStatus(db, exemptionApplications, actor, pendingFor(actor));
}
