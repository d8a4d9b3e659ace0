import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { type AuditEntry, writeAuditMany } from '../../platform/audit.js';
import { accounts, organisations } from '../../db/schema/index.js';
import { inSubtree, type Actor } from '../../platform/actor.js';
import { AppError, forbidden } from '../../platform/errors.js';
import type { TSubordinate, TSubordinateListQuery } from '../../../shared/schemas/org.js';
import { nameOrCode, type OrgRow } from './org.repo.js';

export function requireAdmin(actor: Actor) {
  if (actor.role !== 'admin') throw forbidden();
}

/** One audit row per organisation changed by a batch action, each in its own unit's scope. */
export function auditEachOrganisation<O extends { id: number; path: string; provinceId: number }>(
  tx: DbOrTx,
  actor: Actor,
  orgs: readonly O[],
  action: string,
  change: (o: O) => Pick<AuditEntry, 'before' | 'after'>,
): Promise<void> {
  return writeAuditMany(
    tx,
    actor,
    orgs.map((o) => ({
      targetType: 'organisation',
      targetId: o.id,
      action,
      orgPath: o.path,
      provinceId: o.provinceId,
      ...change(o),
    })),
  );
}

function actionsOf(o: OrgRow): TSubordinate['actions'] {
  if (o.status === 'unactivated') return ['edit', 'activate', 'delete'];
  if (o.status === 'active') {
    const a: TSubordinate['actions'] = ['resetPassword', 'deregister'];
    if (o.kind === 'institution') a.push(o.canApplyAssessment ? 'disallowApply' : 'allowApply');
    if (o.kind === 'industry') a.push(o.isAssessmentBody ? 'revokeBody' : 'grantBody');
    return a;
  }
  return [];
}

export function toSubordinate(o: OrgRow): TSubordinate {
  return {
    id: o.id,
    kind: o.kind,
    level: o.level,
    code: o.code,
    name: o.name,
    address: o.address,
    status: o.status,
    canApplyAssessment: o.canApplyAssessment,
    isAssessmentBody: o.isAssessmentBody,
    createdAt: o.createdAt.toISOString(),
    actions: actionsOf(o),
  };
}

export function subordinateWhere(actor: Actor, q: Pick<TSubordinateListQuery, 'kind' | 'q' | 'status'>) {
  return and(
    eq(organisations.parentId, actor.orgId),
    inSubtree(organisations.path, actor.orgPath),
    eq(organisations.kind, q.kind),
    q.status ? eq(organisations.status, q.status) : undefined,
    nameOrCode(q.q),
  );
}

export const NEXT_LEVEL = { province: 'city', city: 'district' } as const;

export const codeTaken = (code: string) =>
  new AppError('CODE_TAKEN', `机构账号“${code}”已被使用（机构账号全国唯一），请更换后重试`, 409);

export async function assertCodeFree(tx: DbOrTx, code: string, exceptOrgId?: number) {
  const [o] = await tx
    .select({ id: organisations.id })
    .from(organisations)
    .where(and(eq(organisations.code, code), exceptOrgId ? sql`${organisations.id} <> ${exceptOrgId}` : undefined));
  const [a] = await tx
    .select({ id: accounts.id })
    .from(accounts)
    .where(
      and(
        eq(accounts.kind, 'org'),
        eq(accounts.login, code),
        exceptOrgId ? sql`${accounts.orgId} IS DISTINCT FROM ${exceptOrgId}` : undefined,
      ),
    );
  if (o || a) throw codeTaken(code);
}

export const isUniqueViolation = (e: unknown) =>
  (e as { code?: string; cause?: { code?: string } }).code === '23505' ||
  (e as { cause?: { code?: string } }).cause?.code === '23505';
