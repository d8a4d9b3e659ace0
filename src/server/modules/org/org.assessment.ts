/**
 * 申请考核机构 (institution), 考核机构管理 (administration: list, 审批, 指定卫生机构) and
 * 已指定卫生机构列表 (assessment body).
 */
import { and, asc, count, desc, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import type { AppDeps } from '../../app.js';
import {
  assessmentApplications,
  assessmentAssignments,
  files,
  organisations,
  type ApplicationMaterial,
} from '../../db/schema/index.js';
import { inSubtree, type Actor } from '../../platform/actor.js';
import { writeAudit, writeAuditMany } from '../../platform/audit.js';
import { badRequest, conflict, forbidden, notFound } from '../../platform/errors.js';
import { checkUpload, storeFile } from '../../platform/uploads.js';
import {
  APPLICATION_MAX_BYTES,
  APPLICATION_MAX_FILES,
  type TApplicationListQuery,
  type TApplicationRow,
  type TAssignedRow,
  type TBodyRow,
  type TMyApplication,
} from '../../../shared/schemas/org.js';
import {
  findBodyInSubtree,
  findInstitutionsInSubtree,
  likeOf,
  nameOrCode,
  ownOrg,
  parentName,
  physicianCount,
} from './org.repo.js';

type AppRow = typeof assessmentApplications.$inferSelect;
const PURPOSE = 'assessment_application';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/* ───────────── 申请考核机构 (institution) ───────────── */

function editable(app: AppRow | undefined): boolean {
  return !app || app.status === 'draft' || app.status === 'rejected';
}

export async function getMyApplication(deps: AppDeps, actor: Actor): Promise<TMyApplication> {
  const org = await ownOrg(deps.db, actor);
  const [app] = await deps.db
    .select()
    .from(assessmentApplications)
    .where(eq(assessmentApplications.institutionId, org.id));
  return {
    canApply: org.canApplyAssessment,
    isAssessmentBody: org.isAssessmentBody,
    application: app
      ? {
          id: app.id,
          status: app.status,
          materials: app.materials,
          submittedAt: iso(app.submittedAt),
          decidedAt: iso(app.decidedAt),
          rejectReason: app.rejectReason,
        }
      : null,
    editable: org.canApplyAssessment && !org.isAssessmentBody && editable(app),
  };
}

/** The institution may change its application now (permission granted, not yet a body, not pending). */
async function lockOwnApplication(
  tx: Parameters<Parameters<AppDeps['db']['transaction']>[0]>[0],
  _deps: AppDeps,
  actor: Actor,
) {
  const [org] = await tx.select().from(organisations).where(eq(organisations.id, actor.orgId)).for('update');
  if (org?.kind !== 'institution') throw forbidden();
  if (org.isAssessmentBody) throw badRequest('本机构已是考核机构，无需再次申请');
  if (!org.canApplyAssessment) throw forbidden('本机构暂未获得申请考核机构的权限，请联系当地卫生行政部门');
  let [app] = await tx
    .select()
    .from(assessmentApplications)
    .where(eq(assessmentApplications.institutionId, org.id))
    .for('update');
  if (!app) {
    [app] = await tx
      .insert(assessmentApplications)
      .values({ provinceId: org.provinceId, institutionId: org.id, orgPath: org.path, status: 'draft' })
      .returning();
  }
  if (app.status === 'pending') throw badRequest('申请已提交，正在等待审批，不能修改申请材料');
  if (app.status === 'approved') throw badRequest('申请已通过，不能修改申请材料');
  return { org, app };
}

const EXT_MIME: Record<string, string> = {
  pdf: 'application/pdf',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
};

/**
 * 【上传】 one material: pdf/jpg/png by content, ≤ 10 MB, at most 10 files; the file name's
 * extension must agree with the content (a PDF renamed .jpg is refused).
 */
export async function uploadMaterial(
  deps: AppDeps,
  actor: Actor,
  buf: Buffer,
  filename: string,
): Promise<TMyApplication> {
  const ext = (/\.([A-Za-z0-9]+)$/.exec(filename)?.[1] ?? '').toLowerCase();
  if (!EXT_MIME[ext]) throw badRequest('只能上传 pdf、jpg、jpeg、png 格式的文件');
  const checked = await checkUpload(buf, 'document', { maxBytes: APPLICATION_MAX_BYTES });
  if (EXT_MIME[ext] !== checked.mime)
    throw badRequest(`文件“${filename}”的内容与扩展名不符，请检查文件是否被改过扩展名`);
  const stored: string[] = [];
  try {
    await deps.db.transaction(async (tx) => {
      const { org, app } = await lockOwnApplication(tx, deps, actor);
      if (app.materials.length >= APPLICATION_MAX_FILES)
        throw badRequest(`申请材料最多上传 ${APPLICATION_MAX_FILES} 个文件`);
      const fileId = await storeFile(tx, deps.storage, actor, buf, checked, {
        purpose: PURPOSE,
        orgPath: org.path,
        originalName: filename,
      });
      stored.push(fileId);
      const material: ApplicationMaterial = {
        fileId,
        name: filename.slice(0, 200),
        size: buf.length,
        mime: checked.mime,
        uploadedAt: deps.now().toISOString(),
      };
      await tx
        .update(assessmentApplications)
        .set({ materials: [...app.materials, material], updatedAt: deps.now() })
        .where(eq(assessmentApplications.id, app.id));
      await writeAudit(tx, actor, {
        targetType: 'assessment_application',
        targetId: app.id,
        action: '上传申请材料',
        orgPath: org.path,
        provinceId: org.provinceId,
        after: { fileId, name: material.name },
      });
    });
  } catch (e) {
    // the bytes were written before the failed transaction; remove them again
    for (const id of stored) await removeStored(deps, id).catch(() => undefined);
    throw e;
  }
  return getMyApplication(deps, actor);
}

async function removeStored(deps: AppDeps, fileId: string) {
  const [f] = await deps.db.select().from(files).where(eq(files.id, fileId));
  if (f) await deps.storage.delete(f.storageKey);
}

/** Remove one uploaded material while the application can still be edited. */
export async function removeMaterial(deps: AppDeps, actor: Actor, fileId: string): Promise<TMyApplication> {
  const key = await deps.db.transaction(async (tx) => {
    const { org, app } = await lockOwnApplication(tx, deps, actor);
    const m = app.materials.find((x) => x.fileId === fileId);
    if (!m) throw notFound('申请材料');
    await tx
      .update(assessmentApplications)
      .set({ materials: app.materials.filter((x) => x.fileId !== fileId), updatedAt: deps.now() })
      .where(eq(assessmentApplications.id, app.id));
    const [f] = await tx.delete(files).where(eq(files.id, fileId)).returning({ key: files.storageKey });
    await writeAudit(tx, actor, {
      targetType: 'assessment_application',
      targetId: app.id,
      action: '删除申请材料',
      orgPath: org.path,
      provinceId: org.provinceId,
      before: { fileId, name: m.name },
    });
    return f?.key;
  });
  if (key) await deps.storage.delete(key).catch(() => undefined);
  return getMyApplication(deps, actor);
}

/** 【提交申请】 (also after a rejection). */
export async function submitApplication(deps: AppDeps, actor: Actor): Promise<TMyApplication> {
  await deps.db.transaction(async (tx) => {
    const { org, app } = await lockOwnApplication(tx, deps, actor);
    if (!app.materials.length) throw badRequest('请先【上传】申请材料，再提交申请');
    const [after] = await tx
      .update(assessmentApplications)
      .set({
        status: 'pending',
        submittedAt: deps.now(),
        decidedAt: null,
        reviewerAccountId: null,
        rejectReason: null,
        updatedAt: deps.now(),
      })
      .where(and(eq(assessmentApplications.id, app.id), eq(assessmentApplications.status, app.status)))
      .returning({ id: assessmentApplications.id });
    if (!after) throw conflict();
    await writeAudit(tx, actor, {
      targetType: 'assessment_application',
      targetId: app.id,
      action: app.status === 'rejected' ? '重新提交考核机构申请' : '提交考核机构申请',
      orgPath: org.path,
      provinceId: org.provinceId,
      before: { status: app.status },
      after: { status: 'pending', materials: app.materials.length },
    });
  });
  return getMyApplication(deps, actor);
}

/* ───────────── 审批考核机构 (administration) ───────────── */

export async function listApplications(deps: AppDeps, actor: Actor, q: TApplicationListQuery) {
  const where = and(
    inSubtree(assessmentApplications.orgPath, actor.orgPath),
    ne(assessmentApplications.status, 'draft'),
    q.status ? eq(assessmentApplications.status, q.status) : undefined,
    q.q ? sql`(${organisations.name} ILIKE ${likeOf(q.q)} OR ${organisations.code} ILIKE ${likeOf(q.q)})` : undefined,
  );
  const [{ n }] = await deps.db
    .select({ n: count() })
    .from(assessmentApplications)
    .innerJoin(organisations, eq(organisations.id, assessmentApplications.institutionId))
    .where(where);
  const rows = await deps.db
    .select({ app: assessmentApplications, name: organisations.name, code: organisations.code })
    .from(assessmentApplications)
    .innerJoin(organisations, eq(organisations.id, assessmentApplications.institutionId))
    .where(where)
    // pending first, then the most recently submitted
    .orderBy(
      sql`(${assessmentApplications.status} = 'pending') DESC`,
      desc(assessmentApplications.submittedAt),
      desc(assessmentApplications.id),
    )
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const items: TApplicationRow[] = rows.map(({ app, name, code }) => ({
    id: app.id,
    institutionId: app.institutionId,
    institutionName: name,
    institutionCode: code,
    status: app.status,
    materials: app.materials,
    submittedAt: iso(app.submittedAt),
    decidedAt: iso(app.decidedAt),
    rejectReason: app.rejectReason,
    actions: app.status === 'pending' ? ['approve', 'reject'] : [],
  }));
  return { items, total: n, page: q.page, pageSize: q.pageSize };
}

async function decide(deps: AppDeps, actor: Actor, id: number, approve: boolean, reason: string | null): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const [app] = await tx
      .select()
      .from(assessmentApplications)
      .where(
        and(
          eq(assessmentApplications.id, id),
          inSubtree(assessmentApplications.orgPath, actor.orgPath),
          ne(assessmentApplications.status, 'draft'),
        ),
      )
      .for('update');
    if (!app) throw notFound('考核机构申请');
    if (app.status !== 'pending') throw badRequest('该申请不是待审批状态，不能重复审批');
    const [after] = await tx
      .update(assessmentApplications)
      .set({
        status: approve ? 'approved' : 'rejected',
        decidedAt: deps.now(),
        reviewerAccountId: actor.accountId,
        rejectReason: reason,
        updatedAt: deps.now(),
      })
      .where(and(eq(assessmentApplications.id, app.id), eq(assessmentApplications.status, 'pending')))
      .returning({ id: assessmentApplications.id });
    if (!after) throw conflict();
    if (approve) {
      await tx
        .update(organisations)
        .set({ isAssessmentBody: true, updatedAt: deps.now() })
        .where(eq(organisations.id, app.institutionId));
    }
    await writeAudit(tx, actor, {
      targetType: 'assessment_application',
      targetId: app.id,
      action: approve ? '通过考核机构申请' : '驳回考核机构申请',
      orgPath: app.orgPath,
      provinceId: app.provinceId,
      reason,
      before: { status: 'pending' },
      after: { status: approve ? 'approved' : 'rejected', institutionId: app.institutionId },
    });
  });
}

export const approveApplication = (deps: AppDeps, actor: Actor, id: number) => decide(deps, actor, id, true, null);
export const rejectApplication = (deps: AppDeps, actor: Actor, id: number, reason: string) =>
  decide(deps, actor, id, false, reason);

/**
 * 【查看】 a material: the institution itself, or an administration whose subtree holds the
 * application. Anyone else gets 404.
 */
export async function readMaterial(
  deps: AppDeps,
  actor: Actor,
  fileId: string,
): Promise<{ body: Buffer; mime: string; name: string }> {
  if (!/^[0-9a-f-]{36}$/i.test(fileId)) throw notFound('申请材料');
  const scope =
    actor.role === 'admin'
      ? inSubtree(assessmentApplications.orgPath, actor.orgPath)
      : actor.role === 'institution'
        ? eq(assessmentApplications.institutionId, actor.orgId)
        : sql`false`;
  const [app] = await deps.db
    .select({ id: assessmentApplications.id })
    .from(assessmentApplications)
    .where(and(scope, sql`${assessmentApplications.materials} @> ${JSON.stringify([{ fileId }])}::jsonb`));
  if (!app) throw notFound('申请材料');
  const [f] = await deps.db
    .select()
    .from(files)
    .where(and(eq(files.id, fileId), eq(files.purpose, PURPOSE)));
  if (!f) throw notFound('申请材料');
  return {
    body: await deps.storage.get(f.storageKey),
    mime: f.mime,
    name: f.originalName || `申请材料.${f.mime.split('/')[1]}`,
  };
}

/* ───────────── 考核机构列表 / 指定卫生机构 (administration) ───────────── */

const assignedCount = sql<number>`(SELECT count(*)::int FROM assessment_assignments aa WHERE aa.body_org_id = organisations.id)`;

export async function listBodies(deps: AppDeps, actor: Actor, q: { q?: string; page: number; pageSize: number }) {
  const where = and(
    eq(organisations.isAssessmentBody, true),
    inSubtree(organisations.path, actor.orgPath),
    nameOrCode(q.q),
  );
  const [{ n }] = await deps.db.select({ n: count() }).from(organisations).where(where);
  const items: TBodyRow[] = await deps.db
    .select({
      id: organisations.id,
      kind: organisations.kind,
      code: organisations.code,
      name: organisations.name,
      address: organisations.address,
      status: organisations.status,
      parentName,
      assignedCount,
    })
    .from(organisations)
    .where(where)
    .orderBy(asc(organisations.path), asc(organisations.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  return { items, total: n, page: q.page, pageSize: q.pageSize };
}

const assignedColumns = {
  id: organisations.id,
  code: organisations.code,
  name: organisations.name,
  address: organisations.address,
  status: organisations.status,
  parentName,
  physicianCount,
  assignedAt: sql<string>`to_char(${assessmentAssignments.createdAt} AT TIME ZONE 'Asia/Shanghai', 'YYYY/MM/DD')`,
};

/** The institutions assigned to a body, limited to the administration's own subtree. */
export async function listAssignedForAdmin(
  deps: AppDeps,
  actor: Actor,
  bodyId: number,
): Promise<{ items: TAssignedRow[] }> {
  const body = await findBodyInSubtree(deps.db, actor, bodyId);
  const items = await deps.db
    .select(assignedColumns)
    .from(assessmentAssignments)
    .innerJoin(organisations, eq(organisations.id, assessmentAssignments.institutionId))
    .where(and(eq(assessmentAssignments.bodyOrgId, body.id), inSubtree(organisations.path, actor.orgPath)))
    .orderBy(asc(organisations.path), asc(organisations.id));
  return { items };
}

/** Institutions in the administration's subtree that no body assesses yet (left column of 指定). */
export async function listCandidates(
  deps: AppDeps,
  actor: Actor,
  bodyId: number,
  q: { q?: string; page: number; pageSize: number },
) {
  await findBodyInSubtree(deps.db, actor, bodyId);
  const where = and(
    eq(organisations.kind, 'institution'),
    inSubtree(organisations.path, actor.orgPath),
    ne(organisations.status, 'deregistered'),
    isNull(assessmentAssignments.id),
    nameOrCode(q.q),
  );
  const base = deps.db
    .select({ n: count() })
    .from(organisations)
    .leftJoin(assessmentAssignments, eq(assessmentAssignments.institutionId, organisations.id));
  const [{ n }] = await base.where(where);
  const items = await deps.db
    .select({
      id: organisations.id,
      code: organisations.code,
      name: organisations.name,
      status: organisations.status,
      parentName,
    })
    .from(organisations)
    .leftJoin(assessmentAssignments, eq(assessmentAssignments.institutionId, organisations.id))
    .where(where)
    .orderBy(asc(organisations.path), asc(organisations.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  return { items, total: n, page: q.page, pageSize: q.pageSize };
}

/** 【添加】 institutions to a body; an institution already assessed by a body is refused. */
export async function assignInstitutions(
  deps: AppDeps,
  actor: Actor,
  bodyId: number,
  institutionIds: number[],
): Promise<{ done: number }> {
  return deps.db.transaction(async (tx) => {
    const body = await findBodyInSubtree(tx, actor, bodyId);
    if (body.status !== 'active') throw badRequest('该考核机构账号未激活或已注销，不能指定卫生机构');
    const insts = await findInstitutionsInSubtree(tx, actor, institutionIds, true);
    const gone = insts.filter((i) => i.status === 'deregistered');
    if (gone.length) throw badRequest(`已注销的卫生机构不能指定：${gone.map((i) => i.name).join('、')}`);
    const taken = await tx
      .select({ name: organisations.name })
      .from(assessmentAssignments)
      .innerJoin(organisations, eq(organisations.id, assessmentAssignments.institutionId))
      .where(
        inArray(
          assessmentAssignments.institutionId,
          insts.map((i) => i.id),
        ),
      );
    if (taken.length)
      throw badRequest(`以下卫生机构已指定给考核机构，请先撤销原指定：${taken.map((t) => t.name).join('、')}`);
    const inserted = await tx
      .insert(assessmentAssignments)
      .values(insts.map((i) => ({ provinceId: body.provinceId, bodyOrgId: body.id, institutionId: i.id })))
      .onConflictDoNothing()
      .returning({ id: assessmentAssignments.id });
    if (inserted.length !== insts.length) throw conflict();
    await writeAuditMany(
      tx,
      actor,
      insts.map((i) => ({
        targetType: 'organisation',
        targetId: i.id,
        action: '指定卫生机构',
        orgPath: i.path,
        provinceId: i.provinceId,
        after: { bodyOrgId: body.id, bodyName: body.name },
      })),
    );
    return { done: insts.length };
  });
}

/** 【撤销】 institutions from a body. */
export async function unassignInstitutions(
  deps: AppDeps,
  actor: Actor,
  bodyId: number,
  institutionIds: number[],
): Promise<{ done: number }> {
  return deps.db.transaction(async (tx) => {
    const body = await findBodyInSubtree(tx, actor, bodyId);
    const insts = await findInstitutionsInSubtree(tx, actor, institutionIds);
    const removed = await tx
      .delete(assessmentAssignments)
      .where(
        and(
          eq(assessmentAssignments.bodyOrgId, body.id),
          inArray(
            assessmentAssignments.institutionId,
            insts.map((i) => i.id),
          ),
        ),
      )
      .returning({ institutionId: assessmentAssignments.institutionId });
    if (removed.length !== insts.length) throw notFound('指定关系');
    await writeAuditMany(
      tx,
      actor,
      insts.map((i) => ({
        targetType: 'organisation',
        targetId: i.id,
        action: '撤销指定卫生机构',
        orgPath: i.path,
        provinceId: i.provinceId,
        before: { bodyOrgId: body.id, bodyName: body.name },
      })),
    );
    return { done: removed.length };
  });
}

/* ───────────── 已指定卫生机构列表 (assessment body) ───────────── */

export async function listMyAssigned(
  deps: AppDeps,
  actor: Actor,
  q: { q?: string },
): Promise<{ items: TAssignedRow[] }> {
  if (actor.role !== 'body') throw forbidden();
  const items = await deps.db
    .select(assignedColumns)
    .from(assessmentAssignments)
    .innerJoin(organisations, eq(organisations.id, assessmentAssignments.institutionId))
    .where(and(eq(assessmentAssignments.bodyOrgId, actor.orgId), nameOrCode(q.q)))
    .orderBy(asc(organisations.path), asc(organisations.id))
    .limit(2000);
  return { items };
}
