/** 医师信息修改 reads, each scoped: the physician's own enrolment, the institution's own requests. */
import { and, desc, eq, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client.js';
import { enrolmentChangeRequests, enrolments, physicians } from '../../../db/schema/index.js';
import type { Actor } from '../../../platform/actor.js';
import { AppError, forbidden, notFound } from '../../../platform/errors.js';
import { currentCycle, type Enrolment } from '../enrolment.transition.js';

export type ChangeRow = typeof enrolmentChangeRequests.$inferSelect;

export async function latestChangeRequest(db: DbOrTx, enrolmentId: number): Promise<ChangeRow | null> {
  const [c] = await db
    .select()
    .from(enrolmentChangeRequests)
    .where(eq(enrolmentChangeRequests.enrolmentId, enrolmentId))
    .orderBy(desc(enrolmentChangeRequests.id))
    .limit(1);
  return c ?? null;
}

export async function lockMyEnrolment(tx: DbOrTx, actor: Actor): Promise<Enrolment> {
  if (actor.role !== 'physician' || !actor.physicianId) throw forbidden();
  const cycle = await currentCycle(tx, actor.provinceId);
  const [row] = await tx
    .select()
    .from(enrolments)
    .where(and(eq(enrolments.cycleId, cycle.id), eq(enrolments.physicianId, actor.physicianId)))
    .for('update');
  if (!row) throw new AppError('NOT_OPENED', '您尚未参加本周期考核', 409);
  return row;
}

export async function findForInstitution(tx: DbOrTx, actor: Actor, id: number): Promise<ChangeRow> {
  if (actor.role !== 'institution') throw forbidden();
  const [c] = await tx
    .select()
    .from(enrolmentChangeRequests)
    .where(and(eq(enrolmentChangeRequests.id, id), eq(enrolmentChangeRequests.institutionId, actor.orgId)))
    .for('update');
  if (!c) throw notFound('修改申请');
  return c;
}

export async function countOpenChanges(db: DbOrTx, actor: Actor): Promise<number> {
  const [r] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(enrolmentChangeRequests)
    .where(
      and(
        eq(enrolmentChangeRequests.institutionId, actor.orgId),
        sql`${enrolmentChangeRequests.state} IN ('pending', 'submitted')`,
      ),
    );
  return r?.n ?? 0;
}

/** 医师信息修改 list page (institution's own requests): newest first, keyset by id, one row extra. */
export async function findChangePage(
  db: DbOrTx,
  actor: Actor,
  q: { state?: ChangeRow['state']; cursor?: number; limit: number },
) {
  return db
    .select({
      c: enrolmentChangeRequests,
      name: physicians.name,
      idNumber: physicians.idNumber,
      registration: enrolments.registration,
    })
    .from(enrolmentChangeRequests)
    .innerJoin(physicians, eq(physicians.id, enrolmentChangeRequests.physicianId))
    .innerJoin(enrolments, eq(enrolments.id, enrolmentChangeRequests.enrolmentId))
    .where(
      and(
        eq(enrolmentChangeRequests.institutionId, actor.orgId),
        q.state ? eq(enrolmentChangeRequests.state, q.state) : undefined,
        q.cursor ? lt(enrolmentChangeRequests.id, q.cursor) : undefined,
      ),
    )
    .orderBy(desc(enrolmentChangeRequests.id))
    .limit(q.limit + 1);
}

/** The enrolment a change request belongs to (the request was already found in the actor's scope), locked. */
export async function lockEnrolmentOfChange(tx: DbOrTx, c: ChangeRow): Promise<Enrolment | undefined> {
  const [e] = await tx.select().from(enrolments).where(eq(enrolments.id, c.enrolmentId)).for('update');
  return e;
}
