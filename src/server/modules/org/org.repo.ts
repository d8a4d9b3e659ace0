/**
 * Organisation queries. Every read takes the actor and scopes by jurisdiction: a row outside
 * it is reported exactly like a missing row (404).
 */
import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { accounts, organisations } from '../../db/schema/index.js';
import { escapeLike, inSubtree, type Actor } from '../../platform/actor.js';
import { notFound } from '../../platform/errors.js';

export type OrgRow = typeof organisations.$inferSelect;

/** `%q%` for ILIKE with the user's wildcards escaped. */
export const likeOf = (q: string) => `%${escapeLike(q)}%`;

/** Name or code contains q. */
export function nameOrCode(q: string | undefined): SQL | undefined {
  if (!q) return undefined;
  return sql`(${organisations.name} ILIKE ${likeOf(q)} OR ${organisations.code} ILIKE ${likeOf(q)})`;
}

/** The actor's own organisation row. */
export async function ownOrg(db: DbOrTx, actor: Actor): Promise<OrgRow> {
  const [row] = await db.select().from(organisations).where(eq(organisations.id, actor.orgId));
  if (!row) throw notFound('机构');
  return row;
}

/**
 * Organisations directly under the actor (所辖机构账户管理 manages the level below). Locks
 * the rows when `forUpdate`; any id that is missing or not a direct subordinate → 404.
 */
export async function findSubordinates(db: DbOrTx, actor: Actor, ids: number[], forUpdate = false): Promise<OrgRow[]> {
  const unique = [...new Set(ids)];
  const q = db
    .select()
    .from(organisations)
    .where(
      and(
        inArray(organisations.id, unique),
        eq(organisations.parentId, actor.orgId),
        inSubtree(organisations.path, actor.orgPath),
      ),
    )
    .orderBy(organisations.id);
  const rows = forUpdate ? await q.for('update') : await q;
  if (rows.length !== unique.length) throw notFound('机构');
  return rows;
}

/** Health institutions anywhere in the actor's subtree (卫生机构管理, 指定卫生机构). */
export async function findInstitutionsInSubtree(
  db: DbOrTx,
  actor: Actor,
  ids: number[],
  forUpdate = false,
): Promise<OrgRow[]> {
  const unique = [...new Set(ids)];
  const q = db
    .select()
    .from(organisations)
    .where(
      and(
        inArray(organisations.id, unique),
        eq(organisations.kind, 'institution'),
        inSubtree(organisations.path, actor.orgPath),
      ),
    )
    .orderBy(organisations.id);
  const rows = forUpdate ? await q.for('update') : await q;
  if (rows.length !== unique.length) throw notFound('卫生机构');
  return rows;
}

/** An assessment body (institution or industry organisation) in the actor's subtree. */
export async function findBodyInSubtree(db: DbOrTx, actor: Actor, id: number): Promise<OrgRow> {
  const [row] = await db
    .select()
    .from(organisations)
    .where(
      and(
        eq(organisations.id, id),
        eq(organisations.isAssessmentBody, true),
        inSubtree(organisations.path, actor.orgPath),
      ),
    );
  if (!row) throw notFound('考核机构');
  return row;
}

export async function accountOfOrg(db: DbOrTx, orgId: number): Promise<{ id: number; login: string }> {
  const [acc] = await db
    .select({ id: accounts.id, login: accounts.login })
    .from(accounts)
    .where(eq(accounts.orgId, orgId));
  if (!acc) throw notFound('机构账号');
  return acc;
}

/**
 * Correlated sub-selects for lists whose outer query reads FROM organisations (written with the
 * table name because drizzle renders a bare column name inside sql``).
 */
/** Name of the parent organisation. */
export const parentName = sql<string>`COALESCE((SELECT p.name FROM organisations p WHERE p.id = organisations.parent_id), '')`;

/** Number of physicians of an institution. */
export const physicianCount = sql<number>`(SELECT count(*)::int FROM physicians ph WHERE ph.institution_id = organisations.id)`;

/** Name of the assessment body an institution is assigned to. */
export const bodyName = sql<
  string | null
>`(SELECT b.name FROM assessment_assignments aa JOIN organisations b ON b.id = aa.body_org_id WHERE aa.institution_id = organisations.id)`;
