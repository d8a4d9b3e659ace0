/**
 * Applying a lifecycle transition: scope check, machine, window, compare-and-set, audit and
 * notification — in the caller's transaction. Every module that moves an enrolment
 * (registration, procedures, exams, grading, re-exam, discipline) goes through here.
 */
import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { AppDeps } from '../../app.js';
import type { DbOrTx } from '../../db/client.js';
import { assessmentAssignments, enrolments } from '../../db/schema/index.js';
import { inSubtree, type Actor } from '../../platform/actor.js';
import { writeAudit, writeAuditMany, type AuditEntry } from '../../platform/audit.js';
import { AppError, conflict, notFound } from '../../platform/errors.js';
import { notifyPhysician, notifyPhysiciansMany } from '../messages/send-message.js';
import { refusalError } from '../../platform/refusal.js';
import { ENROLMENT_STATUS_LABELS } from '../../../shared/enrolment-status.js';
import {
  availableEvents,
  checkWindow,
  transition,
  type EnrolmentEvent,
  type MachineActor,
  type MachineContext,
  type WindowKey,
} from './enrolment.machine.js';

export type Enrolment = typeof enrolments.$inferSelect;
/** What the enrolment use cases need from the app. */
export type EnrolmentDeps = Pick<AppDeps, 'db' | 'sms' | 'now' | 'storage'>;
import { cycleById } from '../cycle/cycle.repo.js';
import { enqueuePredrawOnReady } from '../exam/predraw.queue.js';

export { currentCycle, cycleById, type Cycle } from '../cycle/cycle.repo.js';

/** The machine's actor for a session actor (a province-level admin is `province`). */
export function machineActorOf(actor: Actor | null): MachineActor {
  if (!actor) return 'system';
  if (actor.role === 'admin') return actor.adminLevel === 'province' ? 'province' : 'admin';
  if (actor.role === 'body') return 'body';
  if (actor.role === 'institution') return 'institution';
  if (actor.role === 'physician') return 'physician';
  return 'system';
}

/**
 * The jurisdiction condition on `enrolments` for an actor: a physician their own record, an
 * institution its physicians, an assessment body its assigned institutions, an
 * administration its subtree. A repository that reads enrolments without this is a bug.
 */
export function enrolmentScope(actor: Actor): SQL {
  switch (actor.role) {
    case 'physician':
      return eq(enrolments.physicianId, actor.physicianId ?? -1);
    case 'institution':
      return eq(enrolments.institutionId, actor.orgId);
    case 'body':
      return sql`${enrolments.institutionId} IN (SELECT ${assessmentAssignments.institutionId} FROM ${assessmentAssignments} WHERE ${assessmentAssignments.bodyOrgId} = ${actor.orgId})`;
    case 'admin':
      return inSubtree(enrolments.orgPath, actor.orgPath);
    default:
      return sql`false`;
  }
}

/** Load one enrolment the actor may see, or 404 ("not yours" and "missing" look the same). */
export async function findEnrolmentForActor(
  db: DbOrTx,
  actor: Actor,
  id: number,
  forUpdate = false,
): Promise<Enrolment> {
  const q = db
    .select()
    .from(enrolments)
    .where(and(eq(enrolments.id, id), enrolmentScope(actor)));
  const [row] = forUpdate ? await q.for('update') : await q;
  if (!row) throw notFound('考核记录');
  return row;
}

const NOTICE: Partial<Record<EnrolmentEvent, string>> = {
  OPEN: '您所在的卫生机构已为您开通本周期定期考核报名，请登录系统完成报名。',
  INSTITUTION_APPROVE: '您的报名信息已通过卫生机构审核，等待考核机构复核。',
  INSTITUTION_REJECT: '您的报名信息被卫生机构驳回，请修改后重新提交。',
  BODY_APPROVE: '您的报名已通过考核机构复核，报名成功。',
  INSTITUTION_REJECT_PROCEDURE: '您的考核程序申请被卫生机构驳回，请重新选择考核程序。',
  BODY_CONFIRM_EVALUATION: '您的工作成绩、职业道德评定已完成复核。',
  BODY_REJECT_SIMPLE: '您不符合简易程序条件，请按一般程序重新提交。',
  GRADE: '您本周期定期考核的测评成绩已评定，请登录查看考核结果。',
  CONFIRM_REEXAM: '您已列入再次考核名单，请在再次考核时间内参加测评。',
  GRADE_REEXAM: '您的再次考核结果已评定，请登录查看。',
  ADMIN_REJECT_EXIT: '您本周期的定期考核已被卫生行政机构驳回，退出当前周期。',
  ADMIN_REJECT_RESELECT: '卫生行政机构已驳回您的考核程序，请重新选择考核程序。',
  PROCESS_CHEATING: '您在测评中存在违纪行为，本周期考核结果为违纪不合格。',
  MARK_ABSENT: '您未在首轮考核时间内参加测评且未申请延期考核，本周期考核结果为不合格。',
};

export interface TransitionOptions {
  reason?: string | null;
  ctx?: MachineContext;
  /** columns to set together with the status (same UPDATE) */
  patch?: Partial<Omit<Enrolment, 'id' | 'status'>>;
  /** apply the window of another key (e.g. deferred physicians grade in the re-exam window) */
  windowOverride?: WindowKey | null;
  requestId?: string;
}

/**
 * Apply `event` to enrolment `id` as `actor` (null = system) inside `tx`.
 * Throws 404 outside jurisdiction, 409 on an invalid or concurrent transition, 400 outside
 * the window or without a required reason. Writes audit and notifies the physician.
 */
export async function applyTransition(
  tx: DbOrTx,
  deps: Pick<AppDeps, 'sms' | 'now'>,
  actor: Actor | null,
  id: number,
  event: EnrolmentEvent,
  opts: TransitionOptions = {},
): Promise<Enrolment> {
  const row = actor
    ? await findEnrolmentForActor(tx, actor, id)
    : (await tx.select().from(enrolments).where(eq(enrolments.id, id)))[0];
  if (!row) throw notFound('考核记录');
  const mActor = machineActorOf(actor);
  const r = transition(row.status, event, mActor, {
    ...opts.ctx,
    reason: opts.reason,
    failReason: opts.ctx?.failReason ?? row.failReason,
  });
  if (!r.ok) throw refusalError(r);
  const windowKey = opts.windowOverride === undefined ? r.window : opts.windowOverride;
  if (windowKey && actor) {
    const cycle = await cycleById(tx, row.cycleId);
    const w = checkWindow(cycle.windows, windowKey, deps.now());
    if (!w.ok) throw new AppError('OUT_OF_WINDOW', w.message, 400);
  }
  const [updated] = await tx
    .update(enrolments)
    .set({
      ...opts.patch,
      status: r.to,
      lastReason: opts.reason ?? opts.patch?.lastReason ?? row.lastReason,
      updatedAt: deps.now(),
    })
    .where(and(eq(enrolments.id, id), eq(enrolments.status, row.status)))
    .returning();
  if (!updated) throw conflict('该记录已被他人处理，请刷新后重试');
  await enqueuePredrawOnReady(tx, r.to, [id]); // 待参加测评 / 待再次考核: draw the paper ahead (issue 9)
  await writeAudit(
    tx,
    actor,
    {
      targetType: 'enrolment',
      targetId: id,
      action: r.label,
      orgPath: row.orgPath,
      provinceId: row.provinceId,
      reason: opts.reason ?? null,
      before: { status: row.status },
      after: { status: r.to, ...(opts.patch ? { changed: Object.keys(opts.patch) } : {}) },
    },
    opts.requestId,
  );
  const body = NOTICE[event] ?? `您的定期考核状态已更新为「${ENROLMENT_STATUS_LABELS[r.to]}」。`;
  await notifyPhysician(tx, deps.sms, row.physicianId, {
    title: `定期考核：${r.label}`,
    body: opts.reason ? `${body}理由：${opts.reason}` : body,
    template: `ENROLMENT_${event}`,
  });
  return updated;
}

/** Event names the actor may fire on this row (the UI renders buttons from these). */
export function actionsFor(actor: Actor, row: Pick<Enrolment, 'status'>): EnrolmentEvent[] {
  return availableEvents(row.status, machineActorOf(actor));
}

/**
 * Set-based variant of applyTransition for batch actions (批量通过, 批量参加/取消参加考核):
 * the same scope, machine, window, compare-and-set, audit and notification, but one statement
 * per step instead of one round trip per row, so 1,000 rows stay well under two seconds.
 * All or nothing: a row outside the jurisdiction is a 404, a row in the wrong status a 409
 * naming it, and nothing changes.
 */
export async function applyTransitionMany(
  tx: DbOrTx,
  deps: Pick<AppDeps, 'sms' | 'now'>,
  actor: Actor,
  ids: number[],
  event: EnrolmentEvent,
  opts: Omit<TransitionOptions, 'ctx' | 'patch'> & {
    ctxFor?: (row: Enrolment) => MachineContext;
    patch?: Partial<Omit<Enrolment, 'id' | 'status'>>;
    /** how a row is named in a 409 message (e.g. the physician's name) */
    nameOf?: (row: Enrolment) => string;
  } = {},
): Promise<Enrolment[]> {
  const unique = [...new Set(ids)];
  if (!unique.length) return [];
  const rows = await tx
    .select()
    .from(enrolments)
    .where(and(sql`${enrolments.id} = ANY(${sql.param(unique)}::bigint[])`, enrolmentScope(actor)))
    .orderBy(enrolments.id)
    .for('update');
  if (rows.length !== unique.length) throw notFound('考核记录');
  const mActor = machineActorOf(actor);
  const groups = new Map<
    string,
    { from: Enrolment['status']; to: Enrolment['status']; label: string; rows: Enrolment[] }
  >();
  let windowKey: WindowKey | undefined | null;
  for (const row of rows) {
    const r = transition(row.status, event, mActor, {
      ...opts.ctxFor?.(row),
      reason: opts.reason,
      failReason: row.failReason,
    });
    if (!r.ok) {
      const who = opts.nameOf?.(row);
      throw refusalError(who ? { ...r, message: `${who}：${r.message}` } : r);
    }
    windowKey = opts.windowOverride === undefined ? r.window : opts.windowOverride;
    const key = `${row.status}>${r.to}`;
    const g = groups.get(key) ?? { from: row.status, to: r.to, label: r.label, rows: [] };
    g.rows.push(row);
    groups.set(key, g);
  }
  if (windowKey) {
    for (const cycleId of new Set(rows.map((r) => r.cycleId))) {
      const cycle = await cycleById(tx, cycleId);
      const w = checkWindow(cycle.windows, windowKey, deps.now());
      if (!w.ok) throw new AppError('OUT_OF_WINDOW', w.message, 400);
    }
  }
  const out: Enrolment[] = [];
  const audits: AuditEntry[] = [];
  const notices: { physicianId: number; title: string; body: string; template: string }[] = [];
  for (const g of groups.values()) {
    const gids = g.rows.map((r) => r.id);
    const updated = await tx
      .update(enrolments)
      .set({ ...opts.patch, status: g.to, ...(opts.reason ? { lastReason: opts.reason } : {}), updatedAt: deps.now() })
      .where(and(sql`${enrolments.id} = ANY(${sql.param(gids)}::bigint[])`, eq(enrolments.status, g.from)))
      .returning();
    if (updated.length !== gids.length) throw conflict('部分记录已被他人处理，请刷新后重试');
    out.push(...updated);
    const body = NOTICE[event] ?? `您的定期考核状态已更新为「${ENROLMENT_STATUS_LABELS[g.to]}」。`;
    for (const row of g.rows) {
      audits.push({
        targetType: 'enrolment',
        targetId: row.id,
        action: g.label,
        orgPath: row.orgPath,
        provinceId: row.provinceId,
        reason: opts.reason ?? null,
        before: { status: row.status },
        after: { status: g.to, batch: true },
      });
      notices.push({
        physicianId: row.physicianId,
        title: `定期考核：${g.label}`,
        body: opts.reason ? `${body}理由：${opts.reason}` : body,
        template: `ENROLMENT_${event}`,
      });
    }
  }
  await writeAuditMany(tx, actor, audits, opts.requestId);
  await notifyPhysiciansMany(tx, deps.sms, notices);
  return out;
}
