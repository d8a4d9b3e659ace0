import { eq, sql } from 'drizzle-orm';
import type { AppDeps } from '../../app.js';
import { accounts, physicians, provinceSettings } from '../../db/schema/index.js';
import type { DbOrTx } from '../../db/client.js';
import { isInSubtree, type Actor } from '../../platform/actor.js';
import { writeAudit } from '../../platform/audit.js';
import { AppError, conflict, forbidden, notFound } from '../../platform/errors.js';
import { physicianInitialPassword } from '../../platform/passwords.js';
import { resetAccountPassword } from '../account/account.service.js';
import { ENROLMENT_STATUS_LABELS, type EnrolmentStatus } from '../../../shared/enrolment-status.js';
import { maskIdNumber } from '../../../shared/idcard.js';
import type {
  TPhysicianDetail,
  TPhysicianPage,
  TPhysicianQuery,
  TPhysicianRow,
  TTransferInput,
} from '../../../shared/schemas/physician.js';
import * as repo from './physician.repo.js';

/** Enrolment statuses in which a physician counts as not taking part in the current cycle. */
const NOT_ENROLLED: readonly EnrolmentStatus[] = ['not_opened', 'withdrawn'];

function rowActions(actor: Actor, status: EnrolmentStatus): TPhysicianRow['actions'] {
  const a: TPhysicianRow['actions'] = ['view'];
  if (actor.role === 'institution') {
    if (status === 'not_opened') a.push('open');
    if (status === 'opened' || status === 'institution_rejected') a.push('cancel');
    a.push('resetPassword');
  }
  if (actor.role === 'admin' && NOT_ENROLLED.includes(status)) a.push('transfer');
  return a;
}

/** Why 【变更卫生机构】 is not offered (decision 0070: say why rather than hide the button). */
function withheldFor(actor: Actor, status: EnrolmentStatus): TPhysicianRow['withheld'] {
  if (actor.role !== 'admin' || NOT_ENROLLED.includes(status)) return {};
  return {
    transfer: `该医师已参加本周期考核（${ENROLMENT_STATUS_LABELS[status]}），不能变更卫生机构；如确需变更，须先在考核进度中【驳回】到退出当前周期`,
  };
}

function toRow(actor: Actor, r: repo.PhysicianListRow): TPhysicianRow {
  const status: EnrolmentStatus = r.status ?? 'not_opened';
  return {
    id: r.id,
    name: r.name,
    idType: r.id_type,
    idNumberMasked: maskIdNumber(r.id_number),
    gender: r.gender,
    level: r.level,
    practiceCategory: r.practice_category,
    title: r.title,
    institutionId: r.institution_id,
    institutionName: r.institution_name,
    enrolmentStatus: status,
    enrolmentStatusLabel: ENROLMENT_STATUS_LABELS[status],
    actions: rowActions(actor, status),
    withheld: withheldFor(actor, status),
  };
}

function requireListRole(actor: Actor): void {
  if (actor.role !== 'institution' && actor.role !== 'admin') throw forbidden();
}

/** 医师信息列表 (institution) / 医师管理 (administration): one keyset page. */
export async function listPhysicians(deps: AppDeps, actor: Actor, q: TPhysicianQuery): Promise<TPhysicianPage> {
  requireListRole(actor);
  const cycleId = await repo.currentCycleId(deps.db, actor.provinceId);
  const cursor = repo.decodeCursor(q.cursor);
  const rows = await repo.listPhysicians(deps.db, actor, cycleId, q, cursor, q.limit + 1);
  const more = rows.length > q.limit;
  const page = more ? rows.slice(0, q.limit) : rows;
  const last = page[page.length - 1];
  return {
    items: page.map((r) => toRow(actor, r)),
    nextCursor:
      more && last
        ? repo.encodeCursor(actor.role === 'admin' ? { path: last.org_path, id: last.id } : { id: last.id })
        : null,
  };
}

async function orgPathNames(db: DbOrTx, path: string): Promise<string[]> {
  const ids = path.split('/').filter(Boolean).map(Number);
  const orgs = await repo.orgsByIds(db, ids);
  return ids.map((id) => orgs.find((o) => o.id === id)?.name ?? '');
}

export async function getPhysician(deps: AppDeps, actor: Actor, id: number): Promise<TPhysicianDetail> {
  requireListRole(actor);
  const cycleId = await repo.currentCycleId(deps.db, actor.provinceId);
  const r = await repo.findPhysicianForActor(deps.db, actor, id, cycleId);
  if (!r) throw notFound('医师');
  const row = toRow(actor, r);
  return {
    ...row,
    actions: [...row.actions, 'revealIdNumber'],
    birthDate: r.birth_date,
    practiceScope: r.practice_scope,
    qualificationNo: r.qualification_no,
    licenseNo: r.license_no,
    firstRegisteredAt: r.first_registered_at,
    mobileMasked: r.mobile ? `${r.mobile.slice(0, 3)}****${r.mobile.slice(-4)}` : null,
    orgPathNames: await orgPathNames(deps.db, r.org_path),
  };
}

/**
 * 【查看完整证件号码】 in the detail view: an institution for its own physicians, an
 * administration within its jurisdiction (the same scope as the detail; 404 otherwise). Every
 * reveal is audited.
 */
export async function revealIdNumber(deps: AppDeps, actor: Actor, id: number, requestId?: string) {
  requireListRole(actor);
  return deps.db.transaction(async (tx) => {
    const r = await repo.findPhysicianForActor(tx, actor, id, null);
    if (!r) throw notFound('医师');
    await writeAudit(
      tx,
      actor,
      {
        targetType: 'physician',
        targetId: r.id,
        action: '查看完整证件号码',
        orgPath: r.org_path,
        provinceId: r.province_id,
      },
      requestId,
    );
    return { idNumber: r.id_number };
  });
}

export async function provinceInitialRule(db: DbOrTx, provinceId: number): Promise<'666666' | 'id_last6'> {
  const [s] = await db.select().from(provinceSettings).where(eq(provinceSettings.provinceId, provinceId));
  return s?.physicianInitialPassword ?? '666666';
}

/** 密码重置 by the physician's institution: back to the province's initial password rule. */
export async function resetPhysicianPassword(deps: AppDeps, actor: Actor, id: number): Promise<'666666' | 'id_last6'> {
  if (actor.role !== 'institution') throw forbidden();
  return deps.db.transaction(async (tx) => {
    const p = await repo.findPhysicianForActor(tx, actor, id, null);
    if (!p) throw notFound('医师');
    const [acc] = await tx.select({ id: accounts.id }).from(accounts).where(eq(accounts.physicianId, p.id));
    if (!acc) throw new AppError('NO_ACCOUNT', '该医师尚无登录账号', 409);
    const rule = await provinceInitialRule(tx, p.province_id);
    await resetAccountPassword(tx, actor, {
      accountId: acc.id,
      initialPassword: physicianInitialPassword(rule, p.id_number),
      orgPath: p.org_path,
      provinceId: p.province_id,
      label: `${p.name}（${maskIdNumber(p.id_number)}）`,
    });
    return rule;
  });
}

/** The administrative level that must perform a move between two institutions (lowest common administration). */
export function lowestCommonAdminPath(fromPath: string, toPath: string): string {
  // an institution's path ends with its own id; its administrations are the segments before
  const a = fromPath.split('/').filter(Boolean).slice(0, -1);
  const b = toPath.split('/').filter(Boolean).slice(0, -1);
  const common: string[] = [];
  for (let i = 0; i < Math.min(a.length, b.length) && a[i] === b[i]; i++) common.push(a[i]);
  return `/${common.join('/')}${common.length ? '/' : ''}`;
}

const LEVEL_RANK = { province: 0, city: 1, district: 2 } as const;
const LEVEL_NAME = { province: '省级', city: '市级', district: '区县级' } as const;

/** 变更卫生机构: move a physician to another institution of the actor's subtree. */
export async function transferPhysician(
  deps: AppDeps,
  actor: Actor,
  id: number,
  input: TTransferInput,
  requestId?: string,
): Promise<void> {
  const actorLevel = actor.adminLevel;
  if (actor.role !== 'admin' || !actorLevel) throw forbidden();
  await deps.db.transaction(async (tx) => {
    const cycleId = await repo.currentCycleId(tx, actor.provinceId);
    const p = await repo.findPhysicianForActor(tx, actor, id, cycleId, true);
    if (!p) throw notFound('医师');
    const [target] = await repo.orgsByIds(tx, [input.institutionId]);
    if (target?.kind !== 'institution' || !isInSubtree(target.path, actor.orgPath)) throw notFound('目标卫生机构');
    if (target.status === 'deregistered')
      throw new AppError('DEREGISTERED', '目标卫生机构已注销，不能变更到该机构', 400);
    if (target.id === p.institution_id) throw new AppError('SAME_INSTITUTION', '该医师已在目标卫生机构，无需变更', 400);
    const lcaPath = lowestCommonAdminPath(p.org_path, target.path);
    const lcaId = Number(lcaPath.split('/').filter(Boolean).pop());
    const [lca] = await repo.orgsByIds(tx, [lcaId]);
    const lcaLevel = (lca?.level ?? 'province') as keyof typeof LEVEL_RANK;
    if (LEVEL_RANK[actorLevel] > LEVEL_RANK[lcaLevel]) {
      throw forbidden(
        lcaLevel === 'province'
          ? '跨地市/州变更卫生机构须由省级卫生行政机构操作'
          : `跨区/县变更卫生机构须由上级${LEVEL_NAME[lcaLevel]}卫生行政机构操作`,
      );
    }
    if (p.status && !NOT_ENROLLED.includes(p.status)) {
      throw new AppError(
        'ENROLLED',
        `该医师已参加本周期考核（${ENROLMENT_STATUS_LABELS[p.status]}），不能直接变更卫生机构；须先在考核进度中「驳回到退出当前周期」后再变更`,
        409,
      );
    }
    const updated = await tx
      .update(physicians)
      .set({ institutionId: target.id, orgPath: target.path, updatedAt: deps.now() })
      .where(sql`${physicians.id} = ${p.id} AND ${physicians.institutionId} = ${p.institution_id}`)
      .returning({ id: physicians.id });
    if (!updated.length) throw conflict();
    await writeAudit(
      tx,
      actor,
      {
        targetType: 'physician',
        targetId: p.id,
        action: '变更卫生机构',
        orgPath: target.path,
        provinceId: p.province_id,
        reason: input.reason ?? null,
        before: { institutionId: p.institution_id, institutionName: p.institution_name, orgPath: p.org_path },
        after: { institutionId: target.id, institutionName: target.name, orgPath: target.path },
      },
      requestId,
    );
  });
}

export async function transferTargets(deps: AppDeps, actor: Actor, keyword?: string) {
  if (actor.role !== 'admin') throw forbidden();
  const rows = await repo.searchInstitutions(deps.db, actor, keyword);
  return { items: rows.map((r) => ({ id: r.id, name: r.name, code: r.code, parentName: r.parent_name })) };
}

export const EXPORT_COLUMNS: { header: string; key: keyof repo.PhysicianListRow | 'statusLabel'; width: number }[] = [
  { header: '姓名', key: 'name', width: 12 },
  { header: '证件类型', key: 'id_type', width: 12 },
  { header: '证件号码', key: 'id_number', width: 22 },
  { header: '性别', key: 'gender', width: 6 },
  { header: '出生日期', key: 'birth_date', width: 12 },
  { header: '医师级别', key: 'level', width: 14 },
  { header: '执业类别', key: 'practice_category', width: 10 },
  { header: '执业范围', key: 'practice_scope', width: 16 },
  { header: '资格证书编号', key: 'qualification_no', width: 20 },
  { header: '执业证书编号', key: 'license_no', width: 20 },
  { header: '首次注册时间', key: 'first_registered_at', width: 14 },
  { header: '职称', key: 'title', width: 12 },
  { header: '所在卫生机构', key: 'institution_name', width: 28 },
  { header: '考核状态', key: 'statusLabel', width: 16 },
];
