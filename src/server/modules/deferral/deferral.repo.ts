/**
 * 延期考核申请 queries. Every read of an application goes through the enrolment's jurisdiction
 * (`enrolmentScope`), except the physician's own by enrolment id (that enrolment was read
 * through the scope first).
 */
import { and, desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { deferralApplications, enrolments, files, organisations, physicians } from '../../db/schema/index.js';
import type { Actor } from '../../platform/actor.js';
import { enrolmentScope } from '../enrolment/enrolment.transition.js';
import { countApplications, countInStatus, physicianKeyword } from '../procedure/application.repo.js';

export type DeferralRow = typeof deferralApplications.$inferSelect;
export interface DeferralListRow {
  a: DeferralRow;
  name: string;
  idNumber: string;
  gender: string;
  institutionName: string;
}
export type DeferralFilter = { scope: 'pending' | 'all'; keyword?: string };

/** 待卫生机构审核 for an institution, 待卫生行政部门审批 for an administration. */
const pendingFor = (actor: Actor) => (actor.role === 'admin' ? 'pending_admin' : 'pending_institution');

function baseQuery(db: DbOrTx) {
  return db
    .select({
      a: deferralApplications,
      name: physicians.name,
      idNumber: physicians.idNumber,
      gender: physicians.gender,
      institutionName: organisations.name,
    })
    .from(deferralApplications)
    .innerJoin(enrolments, eq(enrolments.id, deferralApplications.enrolmentId))
    .innerJoin(physicians, eq(physicians.id, enrolments.physicianId))
    .innerJoin(organisations, eq(organisations.id, deferralApplications.institutionId));
}

/** The actor's scope + the list filters. */
function listWhere(actor: Actor, q: DeferralFilter) {
  return and(
    enrolmentScope(actor),
    q.scope === 'pending' ? eq(deferralApplications.status, pendingFor(actor)) : undefined,
    physicianKeyword(q.keyword),
  );
}

/** One page of the list the actor sees (newest submission first) and its total. */
export async function findDeferrals(
  db: DbOrTx,
  actor: Actor,
  q: DeferralFilter & { page: number; pageSize: number },
): Promise<{ total: number; rows: DeferralListRow[] }> {
  const where = listWhere(actor, q);
  const total = await countApplications(db, deferralApplications, where);
  const rows = await baseQuery(db)
    .where(where)
    .orderBy(desc(deferralApplications.submittedAt), desc(deferralApplications.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  return { total, rows };
}

export async function findDeferral(db: DbOrTx, actor: Actor, id: number): Promise<DeferralListRow | undefined> {
  const [r] = await baseQuery(db).where(and(eq(deferralApplications.id, id), enrolmentScope(actor)));
  return r;
}

/** The application of an enrolment the caller has already read through the actor's scope. */
export async function findDeferralOfEnrolment(db: DbOrTx, enrolmentId: number): Promise<DeferralListRow | undefined> {
  const [r] = await baseQuery(db).where(eq(deferralApplications.enrolmentId, enrolmentId));
  return r;
}

/** Status of an enrolment's application (the enrolment was read through the actor's scope). */
export async function deferralStatusOf(db: DbOrTx, enrolmentId: number): Promise<string | null> {
  const [a] = await db
    .select({ status: deferralApplications.status })
    .from(deferralApplications)
    .where(eq(deferralApplications.enrolmentId, enrolmentId));
  return a?.status ?? null;
}

/** What 附件1 prints: the application, the physician, the institution and the photo's storage key. */
export async function findDeferralForm(db: DbOrTx, actor: Actor, id: number) {
  const [r] = await db
    .select({
      a: deferralApplications,
      p: physicians,
      institutionName: organisations.name,
      photoFileId: enrolments.photoFileId,
    })
    .from(deferralApplications)
    .innerJoin(enrolments, eq(enrolments.id, deferralApplications.enrolmentId))
    .innerJoin(physicians, eq(physicians.id, enrolments.physicianId))
    .innerJoin(organisations, eq(organisations.id, deferralApplications.institutionId))
    .where(and(eq(deferralApplications.id, id), enrolmentScope(actor)));
  if (!r) return undefined;
  let photoKey: string | null = null;
  if (r.photoFileId) {
    const [f] = await db.select({ key: files.storageKey }).from(files).where(eq(files.id, r.photoFileId));
    photoKey = f?.key ?? null;
  }
  return { ...r, photoKey };
}

/** Applications waiting for the actor: 待卫生机构审核 (institution) or 待卫生行政部门审批 (administration). */
export function countPendingDeferrals(db: DbOrTx, actor: Actor): Promise<number> {
  return countInStatus(db, deferralApplications, actor, pendingFor(actor));
}
