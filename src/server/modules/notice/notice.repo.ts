/**
 * 考核结果通知书 queries. A notice is read for an enrolment the caller has already loaded through
 * the actor's scope (`findEnrolmentForActor`), for the physician's own passed enrolment, or —
 * public 证书查验 — by its unguessable code only.
 */
import { and, eq, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { cycles, enrolments, files, notices, organisations, physicians } from '../../db/schema/index.js';
import type { Actor } from '../../platform/actor.js';

type Enrolment = typeof enrolments.$inferSelect;

export async function findNoticeOf(db: DbOrTx, enrolmentId: number) {
  const [n] = await db.select().from(notices).where(eq(notices.enrolmentId, enrolmentId));
  return n;
}

/** The administration an institution hangs under (the notice's issuer). */
export async function findParentOrgId(db: DbOrTx, orgId: number): Promise<number | null> {
  const [inst] = await db
    .select({ parentId: organisations.parentId })
    .from(organisations)
    .where(eq(organisations.id, orgId));
  return inst.parentId;
}

/** What a notice prints besides the enrolment: physician, cycle, institution, issuer, photo key. */
export async function findNoticeParts(db: DbOrTx, e: Enrolment, issuerOrgId: number) {
  const [p] = await db.select().from(physicians).where(eq(physicians.id, e.physicianId));
  const [cycle] = await db.select().from(cycles).where(eq(cycles.id, e.cycleId));
  const [inst] = await db
    .select({ name: organisations.name })
    .from(organisations)
    .where(eq(organisations.id, e.institutionId));
  const [issuer] = await db
    .select({ name: organisations.name })
    .from(organisations)
    .where(eq(organisations.id, issuerOrgId));
  let photoKey: string | null = null;
  if (e.photoFileId) {
    const [f] = await db.select().from(files).where(eq(files.id, e.photoFileId));
    photoKey = f?.storageKey ?? null;
  }
  return { p, cycle, inst, issuer, photoKey };
}

/** The signed-in physician's first passed enrolment (scope: their own). */
export async function findMyPassedEnrolmentId(db: DbOrTx, actor: Actor): Promise<number | null> {
  const [e] = await db
    .select({ id: enrolments.id })
    .from(enrolments)
    .innerJoin(cycles, eq(cycles.id, enrolments.cycleId))
    .where(and(eq(enrolments.physicianId, actor.physicianId ?? -1), eq(enrolments.status, 'passed')))
    .orderBy(enrolments.id)
    .limit(1);
  return e?.id ?? null;
}

/** 证书查验 (public): an unrevoked notice by its code, with what the page may show. */
export async function findNoticeByCode(db: DbOrTx, code: string) {
  const [row] = await db
    .select({
      n: notices,
      name: physicians.name,
      cycleName: cycles.name,
      status: enrolments.status,
      noPromotion: enrolments.noPromotion,
      issuer: organisations.name,
    })
    .from(notices)
    .innerJoin(enrolments, eq(enrolments.id, notices.enrolmentId))
    .innerJoin(physicians, eq(physicians.id, enrolments.physicianId))
    .innerJoin(cycles, eq(cycles.id, enrolments.cycleId))
    .innerJoin(organisations, eq(organisations.id, notices.issuerOrgId))
    .where(and(eq(notices.code, code), isNull(notices.revokedAt)));
  return row;
}
