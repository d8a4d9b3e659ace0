/**
 * Physician queries. Every read takes the actor's scope: an institution sees its own
 * physicians, an administration its subtree (`org_path` range), nobody else sees any.
 * Lists are keyset-paginated: an institution by id, an administration by
 * (org_path COLLATE "C", id) so each page is one range scan of `physicians_scope_idx`
 * (or `physicians_name_scope_idx` when searching by name) at millions of rows.
 */
import { findCurrentCycle } from '../cycle/cycle.repo.js';
import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import { badRequest } from '../../platform/errors.js';
import type { EnrolmentStatus } from '../../../shared/enrolment-status.js';
import type { TPhysicianExportQuery } from '../../../shared/schemas/physician.js';
import { normaliseIdNumber } from '../../../shared/idcard.js';

export interface PhysicianListRow {
  id: number;
  name: string;
  id_type: string;
  id_number: string;
  gender: string;
  birth_date: string | null;
  level: string;
  practice_category: string;
  practice_scope: string;
  qualification_no: string;
  license_no: string;
  first_registered_at: string | null;
  title: string;
  mobile: string | null;
  institution_id: number;
  org_path: string;
  province_id: number;
  institution_name: string;
  status: EnrolmentStatus | null;
}

/** Upper bound of a path prefix range: '/1/4/' → '/1/40' ('/' + 1 = '0'), so [p, end) = LIKE 'p%'. */
export function prefixEnd(prefix: string): string {
  const last = prefix.charCodeAt(prefix.length - 1);
  return prefix.slice(0, -1) + String.fromCharCode(last + 1);
}

/** The jurisdiction condition on `physicians p` for an actor (administration: C-collated range). */
export function physicianScope(actor: Actor): SQL {
  switch (actor.role) {
    case 'institution':
      return sql`p.institution_id = ${actor.orgId}`;
    case 'admin':
      return sql`(p.org_path COLLATE "C") >= ${actor.orgPath} AND (p.org_path COLLATE "C") < ${prefixEnd(actor.orgPath)}`;
    default:
      return sql`false`;
  }
}

/** The province's current cycle id, or null when none is set up. */
export async function currentCycleId(db: DbOrTx, provinceId: number): Promise<number | null> {
  return (await findCurrentCycle(db, provinceId))?.id ?? null;
}

/** Search value for 证件号: 居民身份证 numbers (incl. legacy 15-digit, lower-case x) are normalised. */
export function normaliseSearchId(raw: string): string {
  const s = raw.trim();
  if (/^\d{15}$|^\d{17}[\dxX]$/.test(s)) {
    const n = normaliseIdNumber(s);
    if (n.ok) return n.value;
    // an invalid check digit can still be searched for literally (upper-cased)
    return s.toUpperCase();
  }
  return s;
}

function filters(q: TPhysicianExportQuery): SQL[] {
  const out: SQL[] = [];
  if (q.name) out.push(sql`p.name = ${q.name}`);
  if (q.idNumber) out.push(sql`p.id_number = ${normaliseSearchId(q.idNumber)}`);
  if (q.practiceCategory) out.push(sql`p.practice_category = ${q.practiceCategory}`);
  if (q.level) out.push(sql`p.level = ${q.level}`);
  if (q.institutionId) out.push(sql`p.institution_id = ${q.institutionId}`);
  if (q.status === 'not_opened') out.push(sql`(e.status IS NULL OR e.status = 'not_opened')`);
  else if (q.status) out.push(sql`e.status = ${q.status}`);
  return out;
}

export type Cursor = { path: string; id: number } | { id: number; path?: undefined };

export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c.path === undefined ? [c.id] : [c.path, c.id])).toString('base64url');
}

export function decodeCursor(s: string | undefined): Cursor | null {
  if (!s) return null;
  try {
    const v = JSON.parse(Buffer.from(s, 'base64url').toString('utf8'));
    if (Array.isArray(v) && v.length === 1 && Number.isSafeInteger(v[0])) return { id: v[0] };
    if (
      Array.isArray(v) &&
      v.length === 2 &&
      typeof v[0] === 'string' &&
      /^[/\d]{1,400}$/.test(v[0]) &&
      Number.isSafeInteger(v[1])
    ) {
      return { path: v[0], id: v[1] };
    }
  } catch {
    // fall through
  }
  throw badRequest('分页参数无效，请重新查询');
}

const COLUMNS = sql`p.id, p.name, p.id_type, p.id_number, p.gender, p.birth_date, p.level, p.practice_category, p.practice_scope,
  p.qualification_no, p.license_no, p.first_registered_at, p.title, p.mobile, p.institution_id, p.org_path, p.province_id,
  o.name AS institution_name, e.status`;

/**
 * One keyset page (limit + 1 rows are read to know whether there is a next page).
 * `cycleId` null → every physician is 未开通报名.
 */
export async function listPhysicians(
  db: DbOrTx,
  actor: Actor,
  cycleId: number | null,
  q: TPhysicianExportQuery,
  cursor: Cursor | null,
  limit: number,
): Promise<PhysicianListRow[]> {
  const byPath = actor.role === 'admin';
  const where = [physicianScope(actor), ...filters(q)];
  if (cursor) {
    if (byPath) {
      if (cursor.path === undefined) throw badRequest('分页参数无效，请重新查询');
      where.push(sql`((p.org_path COLLATE "C"), p.id) > (${cursor.path}::text COLLATE "C", ${cursor.id}::bigint)`);
    } else where.push(sql`p.id > ${cursor.id}`);
  }
  const order = byPath ? sql`(p.org_path COLLATE "C"), p.id` : sql`p.id`;
  const r = await db.execute(sql`
    SELECT ${COLUMNS}
      FROM physicians p
      JOIN organisations o ON o.id = p.institution_id
      LEFT JOIN enrolments e ON e.physician_id = p.id AND e.cycle_id = ${cycleId ?? -1}
     WHERE ${sql.join(where, sql` AND `)}
     ORDER BY ${order}
     LIMIT ${limit}`);
  return r.rows as unknown as PhysicianListRow[];
}

export async function findPhysicianForActor(
  db: DbOrTx,
  actor: Actor,
  id: number,
  cycleId: number | null,
  forUpdate = false,
): Promise<PhysicianListRow | null> {
  const r = await db.execute(sql`
    SELECT ${COLUMNS}
      FROM physicians p
      JOIN organisations o ON o.id = p.institution_id
      LEFT JOIN enrolments e ON e.physician_id = p.id AND e.cycle_id = ${cycleId ?? -1}
     WHERE p.id = ${id} AND ${physicianScope(actor)}
     ${forUpdate ? sql`FOR UPDATE OF p` : sql``}`);
  return (r.rows[0] as unknown as PhysicianListRow) ?? null;
}

export interface OrgRow {
  id: number;
  kind: string;
  level: string | null;
  name: string;
  code: string;
  path: string;
  status: string;
  province_id: number;
}

export async function orgsByIds(db: DbOrTx, ids: number[]): Promise<OrgRow[]> {
  if (!ids.length) return [];
  const r = await db.execute(
    sql`SELECT id, kind, level, name, code, path, status, province_id FROM organisations WHERE id IN (${sql.join(
      ids.map((i) => sql`${i}`),
      sql`, `,
    )})`,
  );
  return r.rows as unknown as OrgRow[];
}

/** Institutions in the actor's subtree matching a keyword (name or 机构账号). */
export async function searchInstitutions(
  db: DbOrTx,
  actor: Actor,
  keyword: string | undefined,
): Promise<(OrgRow & { parent_name: string })[]> {
  const kw = keyword ? `%${keyword.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const r = await db.execute(sql`
    SELECT o.id, o.kind, o.level, o.name, o.code, o.path, o.status, o.province_id, COALESCE(par.name, '') AS parent_name
      FROM organisations o
      LEFT JOIN organisations par ON par.id = o.parent_id
     WHERE o.kind = 'institution' AND o.status <> 'deregistered'
       AND o.path LIKE ${`${actor.orgPath.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}
       ${kw ? sql`AND (o.name LIKE ${kw} OR o.code LIKE ${kw})` : sql``}
     ORDER BY o.path
     LIMIT 30`);
  return r.rows as unknown as (OrgRow & { parent_name: string })[];
}
