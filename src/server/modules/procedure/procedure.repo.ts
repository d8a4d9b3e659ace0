/**
 * 考核程序 queries. Enrolments are read through `enrolmentScope(actor)`; a physician's master
 * data is read only for an enrolment the caller has already loaded through that scope.
 */
import { and, count, desc, eq, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { cycles, enrolments, organisations, physicians } from '../../db/schema/index.js';
import type { Actor } from '../../platform/actor.js';
import type { EnrolmentStatus } from '../../../shared/enrolment-status.js';
import { type Enrolment, enrolmentScope } from '../enrolment/enrolment.transition.js';
import { physicianKeyword } from './application.repo.js';

/** The actor's enrolment in the current cycle (a physician: their own). */
export async function findMyEnrolmentId(db: DbOrTx, actor: Actor): Promise<number | null> {
  const [row] = await db
    .select({ id: enrolments.id })
    .from(enrolments)
    .innerJoin(cycles, eq(cycles.id, enrolments.cycleId))
    .where(and(enrolmentScope(actor), eq(cycles.isCurrent, true)))
    .orderBy(desc(enrolments.id))
    .limit(1);
  return row?.id ?? null;
}

/** 首次注册时间 of the enrolment's physician (the rules' input). */
export async function findFirstRegisteredAt(db: DbOrTx, e: Pick<Enrolment, 'physicianId'>): Promise<string | null> {
  const [p] = await db
    .select({ firstRegisteredAt: physicians.firstRegisteredAt })
    .from(physicians)
    .where(eq(physicians.id, e.physicianId));
  return p?.firstRegisteredAt ?? null;
}

/** The enrolment's physician and the institution's name. */
export async function findPhysicianOf(db: DbOrTx, e: Pick<Enrolment, 'physicianId' | 'institutionId'>) {
  const [r] = await db
    .select({ p: physicians, institutionName: organisations.name })
    .from(physicians)
    .innerJoin(organisations, eq(organisations.id, e.institutionId))
    .where(eq(physicians.id, e.physicianId));
  return r;
}

/** 待卫生机构评定 / 待复核 of one procedure in the actor's scope: a page (oldest change first) and its total. */
export async function findEvaluations(
  db: DbOrTx,
  actor: Actor,
  status: EnrolmentStatus,
  q: { procedure: 'general' | 'simple'; keyword?: string; page: number; pageSize: number },
) {
  const where: SQL | undefined = and(
    enrolmentScope(actor),
    eq(enrolments.status, status),
    eq(enrolments.procedure, q.procedure),
    physicianKeyword(q.keyword),
  );
  const [{ n }] = await db
    .select({ n: count() })
    .from(enrolments)
    .innerJoin(physicians, eq(physicians.id, enrolments.physicianId))
    .where(where);
  const rows = await db
    .select({
      e: enrolments,
      name: physicians.name,
      idNumber: physicians.idNumber,
      level: physicians.level,
      practiceCategory: physicians.practiceCategory,
      institutionName: organisations.name,
    })
    .from(enrolments)
    .innerJoin(physicians, eq(physicians.id, enrolments.physicianId))
    .innerJoin(organisations, eq(organisations.id, enrolments.institutionId))
    .where(where)
    .orderBy(enrolments.updatedAt, enrolments.id)
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  return { total: n, rows };
}

/** How many enrolments in `status` per procedure inside the actor's scope (to-do cards). */
export async function countInStatusByProcedure(db: DbOrTx, actor: Actor, status: EnrolmentStatus) {
  return db
    .select({ procedure: enrolments.procedure, n: count() })
    .from(enrolments)
    .where(and(enrolmentScope(actor), eq(enrolments.status, status)))
    .groupBy(enrolments.procedure);
}
