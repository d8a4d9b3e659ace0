import { sql, type SQL, type AnyColumn } from 'drizzle-orm';
import { forbidden } from './errors.js';

/**
 * The acting user, resolved from the session on every request.
 * `role` is the role the session acts in: an approved institution can switch between
 * `institution` and `body` (角色切换); an industry organisation approved as assessment
 * body acts as `body`.
 */
export type Role = 'admin' | 'institution' | 'body' | 'industry' | 'physician';

export interface Actor {
  accountId: number;
  sessionId: string;
  role: Role;
  provinceId: number;
  /** the actor's organisation (for a physician: their institution) */
  orgId: number;
  orgPath: string;
  orgName: string;
  orgKind: 'admin' | 'institution' | 'industry';
  /** for admins: province | city | district */
  adminLevel: 'province' | 'city' | 'district' | null;
  physicianId: number | null;
  displayName: string;
  isAssessmentBody: boolean;
}

export const ROLE_LABELS: Record<Role, string> = {
  admin: '卫生行政机构',
  institution: '卫生机构',
  body: '考核机构',
  industry: '行业组织',
  physician: '医师',
};

/** SQL condition: the row's org path lies in the actor's administrative subtree. */
export function inSubtree(column: AnyColumn | SQL, actorPath: string): SQL {
  return sql`${column} LIKE ${`${escapeLike(actorPath)}%`}`;
}

export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export function isInSubtree(path: string, actorPath: string): boolean {
  return path.startsWith(actorPath);
}

export function requireRole(actor: Actor, ...roles: Role[]): void {
  if (!roles.includes(actor.role)) throw forbidden();
}

export function requireProvinceAdmin(actor: Actor): void {
  if (actor.role !== 'admin' || actor.adminLevel !== 'province') throw forbidden('仅省级卫生行政机构可执行此操作');
}
