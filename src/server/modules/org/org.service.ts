import { and, asc, count, desc, eq, inArray, or, sql } from 'drizzle-orm';
import type { AppDeps } from '../../app.js';
import type { DbOrTx } from '../../db/client.js';
import {
  accounts,
  assessmentApplications,
  assessmentAssignments,
  departments,
  organisations,
  physicians,
} from '../../db/schema/index.js';
import { inSubtree, type Actor } from '../../platform/actor.js';
import { writeAudit, writeAuditMany } from '../../platform/audit.js';
import { AppError, badRequest, conflict, forbidden, notFound } from '../../platform/errors.js';
import { hashPassword, INSTITUTION_INITIAL_PASSWORD } from '../../platform/passwords.js';
import { revokeAccountSessions } from '../../platform/sessions.js';
import { resetAccountPassword } from '../account/account.service.js';
import {
  ORG_KIND_LABELS,
  PROFILE_FORMS,
  type ProfileFormKey,
  type TCreateSubordinate,
  type TInstitutionDetail,
  type TInstitutionListQuery,
  type TInstitutionRow,
  type TMyOrg,
  type TSubordinate,
  type TSubordinateListQuery,
  type TUpdateSubordinate,
} from '../../../shared/schemas/org.js';
import {
  accountOfOrg,
  bodyName,
  findInstitutionsInSubtree,
  findSubordinates,
  nameOrCode,
  ownOrg,
  parentName,
  physicianCount,
  type OrgRow,
} from './org.repo.js';

/* ───────────── 本机构信息 ───────────── */

function formsOfKind(kind: OrgRow['kind']): ProfileFormKey[] {
  return (Object.keys(PROFILE_FORMS) as ProfileFormKey[]).filter((k) =>
    (PROFILE_FORMS[k].kinds as readonly string[]).includes(kind),
  );
}

export async function getMyOrg(deps: AppDeps, actor: Actor): Promise<TMyOrg> {
  const org = await ownOrg(deps.db, actor);
  const [parent] = org.parentId
    ? await deps.db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, org.parentId))
    : [];
  const forms: Record<string, Record<string, unknown>> = {};
  for (const k of formsOfKind(org.kind)) forms[k] = org.profile[k] ?? {};
  return {
    id: org.id,
    code: org.code,
    name: org.name,
    kind: org.kind,
    level: org.level,
    address: org.address,
    parentName: parent?.name ?? null,
    canApplyAssessment: org.canApplyAssessment,
    isAssessmentBody: org.isAssessmentBody,
    forms,
  };
}

/** Save one 本机构信息 form; the institution/industry form's 地址 is the organisation's address. */
export async function saveProfileForm(
  deps: AppDeps,
  actor: Actor,
  form: ProfileFormKey,
  body: unknown,
): Promise<TMyOrg> {
  const def = PROFILE_FORMS[form];
  if (!(def.kinds as readonly string[]).includes(actor.orgKind)) throw forbidden(`本机构不能填写“${def.label}”`);
  const parsed = def.schema.safeParse(body);
  if (!parsed.success) throw badRequest(`提交的数据有误：${parsed.error.issues[0]?.message ?? '格式不正确'}`);
  await deps.db.transaction(async (tx) => {
    const [org] = await tx.select().from(organisations).where(eq(organisations.id, actor.orgId)).for('update');
    if (!org) throw notFound('机构');
    const before = org.profile[form] ?? {};
    const value = parsed.data as Record<string, unknown>;
    const address =
      (form === 'institution' || form === 'industry') && typeof value.address === 'string'
        ? value.address
        : org.address;
    await tx
      .update(organisations)
      .set({ profile: { ...org.profile, [form]: value }, address, updatedAt: deps.now() })
      .where(eq(organisations.id, org.id));
    await writeAudit(tx, actor, {
      targetType: 'organisation',
      targetId: org.id,
      action: `保存本机构信息（${def.label === '本机构信息' ? ORG_KIND_LABELS[org.kind] : def.label}）`,
      orgPath: org.path,
      provinceId: org.provinceId,
      before,
      after: value,
    });
  });
  return getMyOrg(deps, actor);
}

/* ───────────── 所辖机构账户管理 ───────────── */

function requireAdmin(actor: Actor) {
  if (actor.role !== 'admin') throw forbidden();
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

function toSubordinate(o: OrgRow): TSubordinate {
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

function subordinateWhere(actor: Actor, q: Pick<TSubordinateListQuery, 'kind' | 'q' | 'status'>) {
  return and(
    eq(organisations.parentId, actor.orgId),
    inSubtree(organisations.path, actor.orgPath),
    eq(organisations.kind, q.kind),
    q.status ? eq(organisations.status, q.status) : undefined,
    nameOrCode(q.q),
  );
}

export async function listSubordinates(deps: AppDeps, actor: Actor, q: TSubordinateListQuery) {
  requireAdmin(actor);
  const where = subordinateWhere(actor, q);
  const [{ n }] = await deps.db.select({ n: count() }).from(organisations).where(where);
  const rows = await deps.db
    .select()
    .from(organisations)
    .where(where)
    .orderBy(desc(organisations.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  return { items: rows.map(toSubordinate), total: n, page: q.page, pageSize: q.pageSize };
}

const NEXT_LEVEL = { province: 'city', city: 'district' } as const;

const codeTaken = (code: string) =>
  new AppError('CODE_TAKEN', `机构账号“${code}”已被使用（机构账号全国唯一），请更换后重试`, 409);

async function assertCodeFree(tx: DbOrTx, code: string, exceptOrgId?: number) {
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

const isUniqueViolation = (e: unknown) =>
  (e as { code?: string; cause?: { code?: string } }).code === '23505' ||
  (e as { cause?: { code?: string } }).cause?.code === '23505';

/** 【新增】→【确认新增】: an unactivated organisation with an account whose password is 666666. */
export async function createSubordinate(deps: AppDeps, actor: Actor, input: TCreateSubordinate): Promise<TSubordinate> {
  requireAdmin(actor);
  let level: OrgRow['level'] = null;
  if (input.kind === 'admin') {
    if (!actor.adminLevel || actor.adminLevel === 'district')
      throw badRequest('区县级卫生行政机构没有下级卫生行政机构，不能新增地方卫健委');
    level = NEXT_LEVEL[actor.adminLevel];
  }
  const passwordHash = await hashPassword(INSTITUTION_INITIAL_PASSWORD);
  try {
    return await deps.db.transaction(async (tx) => {
      await assertCodeFree(tx, input.code);
      const [row] = await tx
        .insert(organisations)
        .values({
          provinceId: actor.provinceId,
          parentId: actor.orgId,
          kind: input.kind,
          level,
          name: input.name,
          code: input.code,
          address: input.address,
          path: actor.orgPath,
          status: 'unactivated',
        })
        .returning();
      const [org] = await tx
        .update(organisations)
        .set({ path: `${actor.orgPath}${row.id}/` })
        .where(eq(organisations.id, row.id))
        .returning();
      await tx.insert(accounts).values({
        kind: 'org',
        orgId: org.id,
        provinceId: actor.provinceId,
        login: org.code,
        passwordHash,
        mustChangePassword: true,
      });
      await writeAudit(tx, actor, {
        targetType: 'organisation',
        targetId: org.id,
        action: `新增${input.kind === 'admin' ? '地方卫健委' : ORG_KIND_LABELS[input.kind]}账号`,
        orgPath: org.path,
        provinceId: org.provinceId,
        after: { code: org.code, name: org.name, address: org.address, kind: org.kind, level: org.level },
      });
      return toSubordinate(org);
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw codeTaken(input.code);
    throw e;
  }
}

/** 【修改】→【确认修改】, only while unactivated. */
export async function updateSubordinate(
  deps: AppDeps,
  actor: Actor,
  id: number,
  input: TUpdateSubordinate,
): Promise<TSubordinate> {
  requireAdmin(actor);
  try {
    return await deps.db.transaction(async (tx) => {
      const [org] = await findSubordinates(tx, actor, [id], true);
      if (org.status !== 'unactivated') throw badRequest('只有未激活的账号可以修改，已激活或已注销的账号不能修改');
      if (input.code !== org.code) await assertCodeFree(tx, input.code, org.id);
      const [after] = await tx
        .update(organisations)
        .set({ code: input.code, name: input.name, address: input.address, updatedAt: deps.now() })
        .where(and(eq(organisations.id, org.id), eq(organisations.status, 'unactivated')))
        .returning();
      if (!after) throw conflict();
      await tx.update(accounts).set({ login: input.code }).where(eq(accounts.orgId, org.id));
      await writeAudit(tx, actor, {
        targetType: 'organisation',
        targetId: org.id,
        action: '修改机构账号信息',
        orgPath: org.path,
        provinceId: org.provinceId,
        before: { code: org.code, name: org.name, address: org.address },
        after: { code: after.code, name: after.name, address: after.address },
      });
      return toSubordinate(after);
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw codeTaken(input.code);
    throw e;
  }
}

/** 【激活】 / 【批量激活】: all selected must be unactivated, else nothing changes. */
export async function activateSubordinates(deps: AppDeps, actor: Actor, ids: number[]): Promise<{ done: number }> {
  requireAdmin(actor);
  return deps.db.transaction(async (tx) => {
    const rows = await findSubordinates(tx, actor, ids, true);
    const wrong = rows.filter((o) => o.status !== 'unactivated');
    if (wrong.length) throw badRequest(`以下机构不是未激活状态，不能激活：${wrong.map((o) => o.name).join('、')}`);
    const updated = await tx
      .update(organisations)
      .set({ status: 'active', updatedAt: deps.now() })
      .where(
        and(
          inArray(
            organisations.id,
            rows.map((o) => o.id),
          ),
          eq(organisations.status, 'unactivated'),
        ),
      )
      .returning({ id: organisations.id });
    if (updated.length !== rows.length) throw conflict();
    await writeAuditMany(
      tx,
      actor,
      rows.map((o) => ({
        targetType: 'organisation',
        targetId: o.id,
        action: '激活账号',
        orgPath: o.path,
        provinceId: o.provinceId,
        before: { status: o.status },
        after: { status: 'active' },
      })),
    );
    return { done: rows.length };
  });
}

/** 【删除】: only an unactivated organisation without subordinates or physicians. */
export async function deleteSubordinate(deps: AppDeps, actor: Actor, id: number): Promise<void> {
  requireAdmin(actor);
  await deps.db.transaction(async (tx) => {
    const [org] = await findSubordinates(tx, actor, [id], true);
    if (org.status !== 'unactivated') throw badRequest('只有未激活的账号可以删除；已激活的账号请使用【注销】');
    const [child] = await tx
      .select({ id: organisations.id })
      .from(organisations)
      .where(eq(organisations.parentId, org.id))
      .limit(1);
    if (child) throw badRequest('该机构下还有下级机构，不能删除');
    const [doc] = await tx
      .select({ id: physicians.id })
      .from(physicians)
      .where(eq(physicians.institutionId, org.id))
      .limit(1);
    if (doc) throw badRequest('该机构下还有医师，不能删除');
    await tx.delete(departments).where(eq(departments.orgId, org.id));
    await tx
      .delete(assessmentAssignments)
      .where(or(eq(assessmentAssignments.institutionId, org.id), eq(assessmentAssignments.bodyOrgId, org.id)));
    await tx.delete(assessmentApplications).where(eq(assessmentApplications.institutionId, org.id));
    await tx.delete(accounts).where(eq(accounts.orgId, org.id));
    const gone = await tx
      .delete(organisations)
      .where(and(eq(organisations.id, org.id), eq(organisations.status, 'unactivated')))
      .returning({ id: organisations.id });
    if (!gone.length) throw conflict();
    await writeAudit(tx, actor, {
      targetType: 'organisation',
      targetId: org.id,
      action: '删除账号',
      orgPath: org.path,
      provinceId: org.provinceId,
      before: { code: org.code, name: org.name, address: org.address, kind: org.kind },
    });
  });
}

/** 【重置密码】 → 666666 (forced change at next login); the account's sessions end. */
export async function resetSubordinatePassword(deps: AppDeps, actor: Actor, id: number): Promise<void> {
  requireAdmin(actor);
  await deps.db.transaction(async (tx) => {
    const [org] = await findSubordinates(tx, actor, [id], true);
    if (org.status !== 'active') throw badRequest('只有已激活的账号可以重置密码');
    const acc = await accountOfOrg(tx, org.id);
    await resetAccountPassword(tx, actor, {
      accountId: acc.id,
      initialPassword: INSTITUTION_INITIAL_PASSWORD,
      orgPath: org.path,
      provinceId: org.provinceId,
      label: org.name,
    });
  });
}

/** 【注销】 an activated account: it can no longer log in and its sessions end. */
export async function deregisterSubordinate(deps: AppDeps, actor: Actor, id: number): Promise<void> {
  requireAdmin(actor);
  await deps.db.transaction(async (tx) => {
    const [org] = await findSubordinates(tx, actor, [id], true);
    if (org.status !== 'active') throw badRequest('只有已激活的账号可以注销');
    const [after] = await tx
      .update(organisations)
      .set({ status: 'deregistered', updatedAt: deps.now() })
      .where(and(eq(organisations.id, org.id), eq(organisations.status, 'active')))
      .returning({ id: organisations.id });
    if (!after) throw conflict();
    const acc = await accountOfOrg(tx, org.id);
    await revokeAccountSessions(tx, acc.id);
    await writeAudit(tx, actor, {
      targetType: 'organisation',
      targetId: org.id,
      action: '注销账号',
      orgPath: org.path,
      provinceId: org.provinceId,
      before: { status: 'active' },
      after: { status: 'deregistered' },
    });
  });
}

/** 申请成为考核机构 【允许】/【不允许】 (single or batch), only for activated institutions. */
export async function setApplyPermission(
  deps: AppDeps,
  actor: Actor,
  ids: number[],
  allow: boolean,
): Promise<{ done: number }> {
  requireAdmin(actor);
  return deps.db.transaction(async (tx) => {
    const rows = await findSubordinates(tx, actor, ids, true);
    const notInstitution = rows.filter((o) => o.kind !== 'institution');
    if (notInstitution.length) throw badRequest('只有卫生机构可以设置申请考核机构权限');
    const inactive = rows.filter((o) => o.status !== 'active');
    if (inactive.length)
      throw badRequest(`只有已激活的卫生机构可以设置申请考核机构权限：${inactive.map((o) => o.name).join('、')}`);
    await tx
      .update(organisations)
      .set({ canApplyAssessment: allow, updatedAt: deps.now() })
      .where(
        and(
          inArray(
            organisations.id,
            rows.map((o) => o.id),
          ),
          eq(organisations.status, 'active'),
        ),
      );
    await writeAuditMany(
      tx,
      actor,
      rows.map((o) => ({
        targetType: 'organisation',
        targetId: o.id,
        action: allow ? '允许申请考核机构' : '不允许申请考核机构',
        orgPath: o.path,
        provinceId: o.provinceId,
        before: { canApplyAssessment: o.canApplyAssessment },
        after: { canApplyAssessment: allow },
      })),
    );
    return { done: rows.length };
  });
}

/**
 * 【设为考核机构】/【取消考核机构】: seed 003 — 行业组织账户可承担考核机构角色功能，由行政机构根据需要
 * 进行配置. Only the administration directly above an activated industry organisation; taking the
 * role back requires that no institution is still assigned to it. The organisation's sessions end
 * so its next login carries the new role. Audited.
 */
export async function setIndustryBodyRole(
  deps: AppDeps,
  actor: Actor,
  id: number,
  enabled: boolean,
): Promise<TSubordinate> {
  requireAdmin(actor);
  return deps.db.transaction(async (tx) => {
    const [o] = await findSubordinates(tx, actor, [id], true);
    if (o.kind !== 'industry') throw badRequest('只有行业组织可以由卫生行政机构设置为考核机构');
    if (o.status !== 'active') throw badRequest(`“${o.name}”尚未激活或已注销，不能设置考核机构角色`);
    if (o.isAssessmentBody === enabled) return toSubordinate(o);
    if (!enabled) {
      const [{ n }] = await tx
        .select({ n: count() })
        .from(assessmentAssignments)
        .where(eq(assessmentAssignments.bodyOrgId, o.id));
      if (n > 0)
        throw new AppError(
          'BODY_IN_USE',
          `“${o.name}”仍被指定了 ${n} 家卫生机构，请先在【指定卫生机构】中撤销后再取消考核机构角色`,
          409,
        );
    }
    const [after] = await tx
      .update(organisations)
      .set({ isAssessmentBody: enabled, updatedAt: deps.now() })
      .where(and(eq(organisations.id, o.id), eq(organisations.isAssessmentBody, !enabled)))
      .returning();
    if (!after) throw conflict();
    const account = await accountOfOrg(tx, o.id);
    await revokeAccountSessions(tx, account.id);
    await writeAudit(tx, actor, {
      targetType: 'organisation',
      targetId: o.id,
      action: enabled ? '设为考核机构' : '取消考核机构',
      orgPath: o.path,
      provinceId: o.provinceId,
      before: { isAssessmentBody: !enabled },
      after: { isAssessmentBody: enabled },
    });
    return toSubordinate(after);
  });
}

/* ───────────── 卫生机构管理 ───────────── */

function institutionWhere(actor: Actor, q: Pick<TInstitutionListQuery, 'q' | 'status'>) {
  return and(
    eq(organisations.kind, 'institution'),
    inSubtree(organisations.path, actor.orgPath),
    q.status ? eq(organisations.status, q.status) : undefined,
    nameOrCode(q.q),
  );
}

const institutionColumns = {
  id: organisations.id,
  code: organisations.code,
  name: organisations.name,
  address: organisations.address,
  status: organisations.status,
  parentName,
  isAssessmentBody: organisations.isAssessmentBody,
  bodyName,
  physicianCount,
};

export async function listInstitutions(
  deps: AppDeps,
  actor: Actor,
  q: TInstitutionListQuery,
): Promise<{ items: TInstitutionRow[]; total: number; page: number; pageSize: number }> {
  requireAdmin(actor);
  const where = institutionWhere(actor, q);
  const [{ n }] = await deps.db.select({ n: count() }).from(organisations).where(where);
  const items = await deps.db
    .select(institutionColumns)
    .from(organisations)
    .where(where)
    .orderBy(asc(organisations.path), asc(organisations.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  return { items, total: n, page: q.page, pageSize: q.pageSize };
}

export async function getInstitution(deps: AppDeps, actor: Actor, id: number): Promise<TInstitutionDetail> {
  requireAdmin(actor);
  const [org] = await findInstitutionsInSubtree(deps.db, actor, [id]);
  const [row] = await deps.db.select(institutionColumns).from(organisations).where(eq(organisations.id, org.id));
  const [{ n }] = await deps.db.select({ n: count() }).from(departments).where(eq(departments.orgId, org.id));
  return {
    ...row,
    profile: org.profile.institution ?? {},
    canApplyAssessment: org.canApplyAssessment,
    departmentCount: n,
    createdAt: org.createdAt.toISOString(),
  };
}
