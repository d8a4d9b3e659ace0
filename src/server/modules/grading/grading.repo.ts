import { and, asc, eq, gt, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { cycles, enrolments, organisations, physicians } from '../../db/schema/index.js';
import type { Actor } from '../../platform/actor.js';
import type { EnrolmentStatus } from '../../../shared/enrolment-status.js';
import { enrolmentScope } from '../enrolment/enrolment.transition.js';

export interface GradingListFilter {
  statuses: EnrolmentStatus[];
  procedure?: 'general' | 'simple';
  keyword?: string;
  /** extra condition (e.g. re-exam candidates: failReason = 'exam') */
  extra?: SQL;
  after?: number;
  limit: number;
}

const columns = {
  id: enrolments.id,
  status: enrolments.status,
  procedure: enrolments.procedure,
  humanitiesScore: enrolments.humanitiesScore,
  professionalScore: enrolments.professionalScore,
  humanitiesExempt: enrolments.humanitiesExempt,
  professionalExempt: enrolments.professionalExempt,
  workResult: enrolments.workResult,
  ethicsResult: enrolments.ethicsResult,
  deferralApproved: enrolments.deferralApproved,
  failReason: enrolments.failReason,
  physicianName: physicians.name,
  idNumber: physicians.idNumber,
  level: physicians.level,
  practiceCategory: physicians.practiceCategory,
  institutionName: organisations.name,
  passHumanities: cycles.passHumanities,
  passProfessionalPhysician: cycles.passProfessionalPhysician,
  passProfessionalAssistant: cycles.passProfessionalAssistant,
};

export type GradingRecord = Awaited<ReturnType<typeof findGradingRowsByIds>>[number];

function conditions(actor: Actor, f: Omit<GradingListFilter, 'after' | 'limit'>): SQL {
  const conds: (SQL | undefined)[] = [enrolmentScope(actor), inArray(enrolments.status, f.statuses), f.extra];
  if (f.procedure) conds.push(eq(enrolments.procedure, f.procedure));
  if (f.keyword) conds.push(or(eq(physicians.name, f.keyword), eq(physicians.idNumber, f.keyword.toUpperCase())));
  return and(...conds)!;
}

/** Enrolments awaiting a grading decision in the actor's jurisdiction, keyset by id. */
export async function findGradingRows(db: DbOrTx, actor: Actor, f: GradingListFilter) {
  const where = conditions(actor, f);
  const rows = await db
    .select(columns)
    .from(enrolments)
    .innerJoin(physicians, eq(physicians.id, enrolments.physicianId))
    .innerJoin(organisations, eq(organisations.id, enrolments.institutionId))
    .innerJoin(cycles, eq(cycles.id, enrolments.cycleId))
    .where(f.after ? and(where, gt(enrolments.id, f.after)) : where)
    .orderBy(asc(enrolments.id))
    .limit(f.limit + 1);
  const [{ total }] = await db
    .select({ total: sql<number>`count(*)::int` })
    .from(enrolments)
    .innerJoin(physicians, eq(physicians.id, enrolments.physicianId))
    .where(where);
  return { rows: rows.slice(0, f.limit), hasMore: rows.length > f.limit, total };
}

/** The rows for the given ids that the actor may see, for a decision (others are silently absent → 404 per id). */
export async function findGradingRowsByIds(db: DbOrTx, actor: Actor, ids: number[]) {
  return db
    .select(columns)
    .from(enrolments)
    .innerJoin(physicians, eq(physicians.id, enrolments.physicianId))
    .innerJoin(organisations, eq(organisations.id, enrolments.institutionId))
    .innerJoin(cycles, eq(cycles.id, enrolments.cycleId))
    .where(and(enrolmentScope(actor), inArray(enrolments.id, ids)));
}

export async function countInScope(
  db: DbOrTx,
  actor: Actor,
  statuses: EnrolmentStatus[],
  extra?: SQL,
): Promise<number> {
  const [{ n }] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(enrolments)
    .where(and(enrolmentScope(actor), inArray(enrolments.status, statuses), extra));
  return n;
}

/** The physician's own latest enrolment with its cycle (for 考核结果). */
export async function findOwnResult(db: DbOrTx, physicianId: number) {
  const [row] = await db
    .select({ e: enrolments, cycleName: cycles.name, cycleCurrent: cycles.isCurrent, p: physicians })
    .from(enrolments)
    .innerJoin(cycles, eq(cycles.id, enrolments.cycleId))
    .innerJoin(physicians, eq(physicians.id, enrolments.physicianId))
    .where(eq(enrolments.physicianId, physicianId))
    .orderBy(sql`${cycles.isCurrent} DESC, ${enrolments.id} DESC`)
    .limit(1);
  return row ?? null;
}
