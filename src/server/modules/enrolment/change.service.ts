/**
 * 医师信息修改 (change requests after 报名成功). The edited steps 1–4 and photo are kept in the request's
 * `proposed` copy until the institution approves; approval merges them into the registration.
 * Scope: a physician their own; an institution its own physicians' requests; others 404.
 */
import { and, desc, eq, lt, sql } from 'drizzle-orm';
import type { AppDeps } from '../../app.js';
import type { DbOrTx } from '../../db/client.js';
import { enrolmentChangeRequests, enrolments, physicians } from '../../db/schema/index.js';
import type { Actor } from '../../platform/actor.js';
import { writeAudit } from '../../platform/audit.js';
import { AppError, conflict, forbidden, notFound } from '../../platform/errors.js';
import { notifyPhysician } from '../messages/send-message.js';
import { ENROLMENT_STATUS_LABELS } from '../../../shared/enrolment-status.js';
import {
  CHANGE_STATE_LABELS,
  ZBasicInfo,
  ZExperience,
  ZPracticeInfo,
  ZSelfEvaluation,
  type TChangeRequestView,
  type TChangeRow,
  type TWizardStep,
} from '../../../shared/schemas/enrolment.js';
import { CHANGE_WIRE_ACTIONS, changeActions, changeTransition, type ChangeEvent } from './change.machine.js';
import { refusalError } from '../../platform/refusal.js';
import { maskIdNumber } from '../../../shared/domain/id-number.js';
import { currentCycle, type Enrolment } from './enrolment.transition.js';

type Deps = Pick<AppDeps, 'db' | 'sms' | 'now'>;
type ChangeRow = typeof enrolmentChangeRequests.$inferSelect;

const CHANGEABLE = [
  'registered',
  'pending_evaluation',
  'procedure_rejected',
  'pending_body_evaluation',
  'ready_for_exam',
];

export function toChangeView(c: ChangeRow): TChangeRequestView {
  return {
    id: c.id,
    state: c.state,
    stateLabel: CHANGE_STATE_LABELS[c.state],
    reason: c.reason,
    replyReason: c.replyReason,
    proposed: c.proposed,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

export async function latestChangeRequest(db: DbOrTx, enrolmentId: number): Promise<ChangeRow | null> {
  const [c] = await db
    .select()
    .from(enrolmentChangeRequests)
    .where(eq(enrolmentChangeRequests.enrolmentId, enrolmentId))
    .orderBy(desc(enrolmentChangeRequests.id))
    .limit(1);
  return c ?? null;
}

async function mine(tx: DbOrTx, actor: Actor): Promise<Enrolment> {
  if (actor.role !== 'physician' || !actor.physicianId) throw forbidden();
  const cycle = await currentCycle(tx, actor.provinceId);
  const [row] = await tx
    .select()
    .from(enrolments)
    .where(and(eq(enrolments.cycleId, cycle.id), eq(enrolments.physicianId, actor.physicianId)))
    .for('update');
  if (!row) throw new AppError('NOT_OPENED', '您尚未参加本周期考核', 409);
  return row;
}

/** 【申请修改】 (physician, after 报名成功). */
export async function requestChange(
  deps: Deps,
  actor: Actor,
  reason: string,
  requestId?: string,
): Promise<TChangeRequestView> {
  return deps.db.transaction(async (tx) => {
    const row = await mine(tx, actor);
    if (!CHANGEABLE.includes(row.status)) {
      throw new AppError(
        'INVALID_TRANSITION',
        `考核状态为「${ENROLMENT_STATUS_LABELS[row.status]}」，报名成功后才能申请修改信息`,
        409,
      );
    }
    const [created] = await tx
      .insert(enrolmentChangeRequests)
      .values({
        enrolmentId: row.id,
        provinceId: row.provinceId,
        institutionId: row.institutionId,
        orgPath: row.orgPath,
        physicianId: row.physicianId,
        state: 'pending',
        reason,
        createdAt: deps.now(),
        updatedAt: deps.now(),
      })
      .onConflictDoNothing()
      .returning();
    if (!created) throw conflict('您已有一条未处理完的修改申请，请等待卫生机构处理');
    await writeAudit(
      tx,
      actor,
      {
        targetType: 'enrolment_change',
        targetId: created.id,
        action: '申请修改',
        orgPath: row.orgPath,
        provinceId: row.provinceId,
        reason,
        after: { state: 'pending', enrolmentId: row.id },
      },
      requestId,
    );
    return toChangeView(created);
  });
}

/** The physician's 【保存】 of steps 1–3 while the request is 已允许修改. */
export async function saveProposedStep(
  tx: DbOrTx,
  deps: Deps,
  actor: Actor,
  row: Enrolment,
  step: TWizardStep,
  data: Record<string, unknown>,
  requestId?: string,
) {
  const c = await latestChangeRequest(tx, row.id);
  if (c?.state !== 'allowed') {
    throw new AppError(
      'INVALID_TRANSITION',
      `考核状态为「${ENROLMENT_STATUS_LABELS[row.status]}」，不能直接修改报名信息；如需修改，请先【申请修改】并等待卫生机构允许`,
      409,
    );
  }
  const proposed =
    step === 'experience'
      ? { ...c.proposed, experience: data }
      : step === 'self'
        ? {
            ...c.proposed,
            selfEvaluation: { ...row.selfEvaluation, ...splitProposed(c.proposed).selfEvaluation, ...data },
          }
        : { ...c.proposed, ...data };
  const r = await tx
    .update(enrolmentChangeRequests)
    .set({ proposed, updatedAt: deps.now() })
    .where(and(eq(enrolmentChangeRequests.id, c.id), eq(enrolmentChangeRequests.state, 'allowed')))
    .returning({ id: enrolmentChangeRequests.id });
  if (!r.length) throw conflict();
  await writeAudit(
    tx,
    actor,
    {
      targetType: 'enrolment_change',
      targetId: c.id,
      action: '保存修改内容',
      orgPath: row.orgPath,
      provinceId: row.provinceId,
      after: { step, fields: Object.keys(data) },
    },
    requestId,
  );
}

/**
 * The request's `proposed` copy holds registration fields (steps 1–3) plus, under their own keys,
 * the step-4 self-evaluation and a new photo.
 */
function splitProposed(proposed: Record<string, unknown>) {
  const { selfEvaluation, photoFileId, ...registration } = proposed;
  return {
    registration,
    selfEvaluation: selfEvaluation as Record<string, unknown> | undefined,
    photoFileId: typeof photoFileId === 'string' ? photoFileId : undefined,
  };
}

export const proposedPhotoOf = (c: ChangeRow | null) => (c ? (splitProposed(c.proposed).photoFileId ?? null) : null);

function mergedRegistration(current: Record<string, unknown>, proposed: Record<string, unknown>) {
  return { ...current, ...splitProposed(proposed).registration };
}

/** A new photo while the request is 已允许修改: stored, kept in the request's copy until 通过. */
export async function saveProposedPhoto(
  tx: DbOrTx,
  deps: Deps,
  actor: Actor,
  row: Enrolment,
  requestId: string | undefined,
  store: () => Promise<string>,
): Promise<string> {
  const c = await latestChangeRequest(tx, row.id);
  if (c?.state !== 'allowed') {
    throw new AppError(
      'INVALID_TRANSITION',
      `考核状态为「${ENROLMENT_STATUS_LABELS[row.status]}」，不能更换照片；如需修改，请先【申请修改】并等待卫生机构允许`,
      409,
    );
  }
  const fileId = await store();
  const r = await tx
    .update(enrolmentChangeRequests)
    .set({ proposed: { ...c.proposed, photoFileId: fileId }, updatedAt: deps.now() })
    .where(and(eq(enrolmentChangeRequests.id, c.id), eq(enrolmentChangeRequests.state, 'allowed')))
    .returning({ id: enrolmentChangeRequests.id });
  if (!r.length) throw conflict();
  await writeAudit(
    tx,
    actor,
    {
      targetType: 'enrolment_change',
      targetId: c.id,
      action: '保存修改内容',
      orgPath: row.orgPath,
      provinceId: row.provinceId,
      after: { step: 'photo', photoFileId: fileId },
    },
    requestId,
  );
  return fileId;
}

/** 【提交】 the edited data for the institution's review. */
export async function submitChange(deps: Deps, actor: Actor, requestId?: string): Promise<TChangeRequestView> {
  return deps.db.transaction(async (tx) => {
    const row = await mine(tx, actor);
    const c = await latestChangeRequest(tx, row.id);
    if (!c) throw notFound('修改申请');
    const t = changeTransition(c.state, 'SUBMIT', 'physician');
    if (!t.ok) throw refusalError(t);
    if (!Object.keys(c.proposed).length)
      throw new AppError('INCOMPLETE', '您还没有修改任何信息，请修改后【保存】再提交', 400);
    const merged = mergedRegistration(row.registration, c.proposed);
    for (const [i, schema] of [ZBasicInfo, ZPracticeInfo].entries()) {
      const r = schema.safeParse(merged);
      if (!r.success)
        throw new AppError(
          'INCOMPLETE',
          `请完善第${i + 1}步「${i === 0 ? '基本信息' : '执业信息'}」：${r.error.issues[0]?.message}`,
          400,
        );
    }
    const e = ZExperience.safeParse(merged.experience ?? {});
    if (!e.success) throw new AppError('INCOMPLETE', `请完善第3步「相关经历」：${e.error.issues[0]?.message}`, 400);
    const self = splitProposed(c.proposed).selfEvaluation;
    const s = self ? ZSelfEvaluation.safeParse({ ...row.selfEvaluation, ...self }) : null;
    if (s && !s.success)
      throw new AppError('INCOMPLETE', `请完善第4步「工作成绩、职业道德」：${s.error.issues[0]?.message}`, 400);
    return move(tx, deps, actor, c, 'SUBMIT', null, requestId);
  });
}

async function move(
  tx: DbOrTx,
  deps: Deps,
  actor: Actor,
  c: ChangeRow,
  event: ChangeEvent,
  reason: string | null,
  requestId?: string,
  extra?: () => Promise<void>,
) {
  const t = changeTransition(c.state, event, actor.role === 'physician' ? 'physician' : 'institution', reason);
  if (!t.ok) throw refusalError(t);
  const [updated] = await tx
    .update(enrolmentChangeRequests)
    .set({ state: t.to, replyReason: actor.role === 'physician' ? c.replyReason : reason, updatedAt: deps.now() })
    .where(and(eq(enrolmentChangeRequests.id, c.id), eq(enrolmentChangeRequests.state, c.state)))
    .returning();
  if (!updated) throw conflict('该申请已被他人处理，请刷新后重试');
  await extra?.();
  await writeAudit(
    tx,
    actor,
    {
      targetType: 'enrolment_change',
      targetId: c.id,
      action: t.label,
      orgPath: c.orgPath,
      provinceId: c.provinceId,
      reason,
      before: { state: c.state },
      after: { state: t.to },
    },
    requestId,
  );
  if (actor.role !== 'physician') {
    const text: Record<string, string> = {
      ALLOW: '卫生机构已允许您修改报名信息，请登录系统修改后提交审核。',
      REFUSE: '卫生机构不允许您本次修改报名信息。',
      APPROVE: '您修改的报名信息已通过卫生机构审核。',
      REJECT: '您修改的报名信息被卫生机构驳回。',
    };
    await notifyPhysician(tx, deps.sms, c.physicianId, {
      title: `医师信息修改：${t.label}`,
      // the texts and SMS template names are keyed by the wire names (ALLOW, REFUSE, APPROVE, REJECT)
      body: reason ? `${text[CHANGE_WIRE_ACTIONS[event]]}理由：${reason}` : text[CHANGE_WIRE_ACTIONS[event]],
      template: `CHANGE_${CHANGE_WIRE_ACTIONS[event]}`,
    });
  }
  return toChangeView(updated);
}

async function findForInstitution(tx: DbOrTx, actor: Actor, id: number): Promise<ChangeRow> {
  if (actor.role !== 'institution') throw forbidden();
  const [c] = await tx
    .select()
    .from(enrolmentChangeRequests)
    .where(and(eq(enrolmentChangeRequests.id, id), eq(enrolmentChangeRequests.institutionId, actor.orgId)))
    .for('update');
  if (!c) throw notFound('修改申请');
  return c;
}

/** 允许修改 / 不允许修改 / 通过 (applies the edit) / 驳回 (institution). */
export async function decideChange(
  deps: Deps,
  actor: Actor,
  id: number,
  event: Exclude<ChangeEvent, 'SUBMIT'>,
  reason: string | null,
  requestId?: string,
): Promise<TChangeRequestView> {
  return deps.db.transaction(async (tx) => {
    const c = await findForInstitution(tx, actor, id);
    return move(tx, deps, actor, c, event, reason, requestId, async () => {
      if (event !== 'CHANGE_APPROVE') return;
      const [e] = await tx.select().from(enrolments).where(eq(enrolments.id, c.enrolmentId)).for('update');
      if (!e) throw notFound('考核记录');
      const merged = mergedRegistration(e.registration, c.proposed);
      const { selfEvaluation, photoFileId } = splitProposed(c.proposed);
      await tx
        .update(enrolments)
        .set({
          registration: merged,
          ...(selfEvaluation ? { selfEvaluation: { ...e.selfEvaluation, ...selfEvaluation } } : {}),
          ...(photoFileId ? { photoFileId } : {}),
          updatedAt: deps.now(),
        })
        .where(eq(enrolments.id, e.id));
      await writeAudit(
        tx,
        actor,
        {
          targetType: 'enrolment',
          targetId: e.id,
          action: '医师信息修改通过',
          orgPath: e.orgPath,
          provinceId: e.provinceId,
          before: Object.fromEntries(
            Object.keys(c.proposed).map((k) => [
              k,
              k === 'selfEvaluation'
                ? e.selfEvaluation
                : k === 'photoFileId'
                  ? e.photoFileId
                  : (e.registration[k] ?? null),
            ]),
          ),
          after: c.proposed,
        },
        requestId,
      );
    });
  });
}

/** 医师信息修改 list (institution): newest first, keyset by id. */
export async function listChanges(
  deps: Deps,
  actor: Actor,
  q: { state?: ChangeRow['state']; cursor?: number; limit: number },
) {
  if (actor.role !== 'institution') throw forbidden();
  const rows = await deps.db
    .select({
      c: enrolmentChangeRequests,
      name: physicians.name,
      idNumber: physicians.idNumber,
      registration: enrolments.registration,
    })
    .from(enrolmentChangeRequests)
    .innerJoin(physicians, eq(physicians.id, enrolmentChangeRequests.physicianId))
    .innerJoin(enrolments, eq(enrolments.id, enrolmentChangeRequests.enrolmentId))
    .where(
      and(
        eq(enrolmentChangeRequests.institutionId, actor.orgId),
        q.state ? eq(enrolmentChangeRequests.state, q.state) : undefined,
        q.cursor ? lt(enrolmentChangeRequests.id, q.cursor) : undefined,
      ),
    )
    .orderBy(desc(enrolmentChangeRequests.id))
    .limit(q.limit + 1);
  const more = rows.length > q.limit;
  const page = more ? rows.slice(0, q.limit) : rows;
  const items: TChangeRow[] = page.map((r) => ({
    ...toChangeView(r.c),
    enrolmentId: r.c.enrolmentId,
    name: r.name,
    idNumber: maskIdNumber(r.idNumber),
    current: r.registration,
    actions: changeActions(r.c.state, 'institution').map((e) => CHANGE_WIRE_ACTIONS[e]),
  }));
  return { items, nextCursor: more ? page[page.length - 1].c.id : null };
}

export async function countOpenChanges(db: DbOrTx, actor: Actor): Promise<number> {
  const [r] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(enrolmentChangeRequests)
    .where(
      and(
        eq(enrolmentChangeRequests.institutionId, actor.orgId),
        sql`${enrolmentChangeRequests.state} IN ('pending', 'submitted')`,
      ),
    );
  return r?.n ?? 0;
}
