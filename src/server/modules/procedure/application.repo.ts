/**
 * The shared part of the two applications attached to an enrolment — 免考申请 and 延期考核申请:
 * one row per enrolment, read through the enrolment's jurisdiction (`enrolmentScope`), listed
 * by page with a count, submitted again after a rejection (compare-and-set on the status),
 * decided with compare-and-set. Each module keeps its own columns, machine and messages.
 */
import { and, count, eq, ilike, or, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import {
  type deferralApplications,
  enrolments,
  type exemptionApplications,
  physicians,
} from '../../db/schema/index.js';
import { type Actor, escapeLike } from '../../platform/actor.js';
import { conflict, notFound } from '../../platform/errors.js';
import { type Enrolment, enrolmentScope } from '../enrolment/enrolment.transition.js';

export type ApplicationTable = typeof exemptionApplications | typeof deferralApplications;
type Row<T extends ApplicationTable> = T['$inferSelect'];

/** 姓名 (contains) or 证件号码 (exact) — the reviewers' search box. */
export function physicianKeyword(keyword: string | undefined): SQL | undefined {
  if (!keyword) return undefined;
  return or(ilike(physicians.name, `%${escapeLike(keyword)}%`), eq(physicians.idNumber, keyword.toUpperCase()));
}

/** How many applications match `where` (joined to their enrolment and physician, like the list). */
export async function countApplications(db: DbOrTx, table: ApplicationTable, where: SQL | undefined): Promise<number> {
  const [{ n }] = await db
    .select({ n: count() })
    .from(table)
    .innerJoin(enrolments, eq(enrolments.id, table.enrolmentId))
    .innerJoin(physicians, eq(physicians.id, enrolments.physicianId))
    .where(where);
  return n;
}

/** Applications in `status` inside the actor's scope (the reviewers' to-do count). */
export async function countInStatus(db: DbOrTx, table: ApplicationTable, actor: Actor, status: string) {
  const [{ n }] = await db
    .select({ n: count() })
    .from(table)
    .innerJoin(enrolments, eq(enrolments.id, table.enrolmentId))
    .where(and(enrolmentScope(actor), eq(table.status, status)));
  return n;
}

/** The enrolment's application, locked for the submit (the enrolment was read through the scope). */
export async function lockApplicationOf<T extends ApplicationTable>(
  tx: DbOrTx,
  table: T,
  enrolmentId: number,
): Promise<Row<T> | undefined> {
  const [row] = await (tx as DbOrTx)
    .select()
    .from(table as ApplicationTable)
    .where(eq(table.enrolmentId, enrolmentId))
    .for('update');
  return row as Row<T> | undefined;
}

/** The application under review with its physician, or the same 404 for "missing" and "not yours". */
export async function findApplicationForReview<T extends ApplicationTable>(
  tx: DbOrTx,
  table: T,
  actor: Actor,
  id: number,
  what: string,
): Promise<{ a: Row<T>; physicianId: number }> {
  const [row] = await tx
    .select({ a: table as ApplicationTable, physicianId: enrolments.physicianId })
    .from(table as ApplicationTable)
    .innerJoin(enrolments, eq(enrolments.id, table.enrolmentId))
    .where(and(eq(table.id, id), enrolmentScope(actor)));
  if (!row) throw notFound(what);
  return row as { a: Row<T>; physicianId: number };
}

/**
 * 【提交】: a first application is inserted (a concurrent first submit → 409 `duplicate`); a
 * resubmission overwrites the existing row only while it is still in the status it was read in.
 * Returns the application's id.
 */
export async function saveApplication<T extends ApplicationTable>(
  tx: DbOrTx,
  table: T,
  existing: { id: number; status: string } | undefined,
  values: Partial<T['$inferInsert']>,
  e: Pick<Enrolment, 'id' | 'provinceId' | 'institutionId' | 'orgPath'>,
  duplicate: string,
): Promise<number> {
  const t = table as ApplicationTable;
  if (existing) {
    const [u] = await tx
      .update(t)
      .set(values as never)
      .where(and(eq(t.id, existing.id), eq(t.status, existing.status)))
      .returning({ id: t.id });
    if (!u) throw conflict();
    return u.id;
  }
  const [c] = await tx
    .insert(t)
    .values({
      ...values,
      enrolmentId: e.id,
      provinceId: e.provinceId,
      institutionId: e.institutionId,
      orgPath: e.orgPath,
    } as never)
    .onConflictDoNothing()
    .returning({ id: t.id });
  if (!c) throw conflict(duplicate);
  return c.id;
}

/** A reviewer's decision: moves the application from `from` only if nobody moved it meanwhile. */
export async function decideApplication<T extends ApplicationTable>(
  tx: DbOrTx,
  table: T,
  id: number,
  from: string,
  patch: Partial<T['$inferInsert']>,
): Promise<void> {
  const t = table as ApplicationTable;
  const [u] = await tx
    .update(t)
    .set(patch as never)
    .where(and(eq(t.id, id), eq(t.status, from)))
    .returning({ id: t.id });
  if (!u) throw conflict('该申请已被他人处理，请刷新后重试');
}
