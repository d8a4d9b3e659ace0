/**
 * The enrolment lifecycle as one pure transition table: (status, event, actor, context)
 * → next status | error. No I/O. Services apply a transition with a compare-and-set on
 * the current status (see enrolment.transition.ts).
 */
import {
  defineMachine,
  ENROLMENT_STATUS_LABELS,
  type EnrolmentStatus,
  type Fired,
  type MachineActor,
  type Refusal,
  type TransitionSpec,
  type WindowKey,
} from '../../../shared/domain/index.js';

export { checkWindow, WINDOW_LABELS, type WindowKey } from '../../../shared/domain/windows.js';
export type { MachineActor };

export interface MachineContext {
  /** procedure chosen inside the registration submission (procedureChoice = with_registration) */
  procedureIncluded?: boolean;
  /** 工作成绩 or 职业道德 upheld as 不合格 */
  evaluationFailed?: boolean;
  /** grading outcome */
  examPassed?: boolean;
  /** why the enrolment failed (re-exam is only for exam failures) */
  failReason?: string | null;
  /** 申诉 → 撤销处理: the status the enrolment had before 违纪处理 */
  restoreStatus?: EnrolmentStatus | null;
}

type Transition = TransitionSpec<EnrolmentStatus, MachineActor, MachineContext, WindowKey>;

const EXITABLE: readonly EnrolmentStatus[] = [
  'opened',
  'pending_institution',
  'institution_rejected',
  'pending_body',
  'registered',
  'pending_evaluation',
  'procedure_rejected',
  'pending_body_evaluation',
  'ready_for_exam',
];

const TRANSITIONS_PROCESS_FROM = [
  'ready_for_exam',
  'pending_grading',
  'passed',
  'failed',
  'reexam_ready',
  'pending_reexam_grading',
] as const;

export const TRANSITIONS = {
  /** 参加考核 */
  OPEN: { from: ['not_opened'], actors: ['institution'], label: '参加考核', to: () => 'opened' },
  /** 取消参加考核 (only before the physician submitted) */
  CANCEL: {
    from: ['opened', 'institution_rejected'],
    actors: ['institution'],
    label: '取消参加考核',
    to: () => 'not_opened',
  },
  /** 提交信息 (报名) */
  SUBMIT_REGISTRATION: {
    from: ['opened', 'institution_rejected'],
    actors: ['physician'],
    window: 'registration',
    label: '提交信息',
    to: () => 'pending_institution',
  },
  /** 上报考核名单 → 通过 */
  INSTITUTION_APPROVE: {
    from: ['pending_institution'],
    actors: ['institution'],
    label: '审核通过',
    to: () => 'pending_body',
  },
  /** 上报考核名单 → 驳回 (back to the physician) */
  INSTITUTION_REJECT: {
    from: ['pending_institution'],
    actors: ['institution'],
    needsReason: true,
    label: '审核驳回',
    to: () => 'institution_rejected',
  },
  /** 确认考核医师名单 → 通过 */
  BODY_APPROVE: {
    from: ['pending_body'],
    actors: ['body'],
    label: '复核通过',
    to: (ctx) => (ctx.procedureIncluded ? 'pending_evaluation' : 'registered'),
  },
  /** 确认考核医师名单 → 驳回 (back to the institution) */
  BODY_REJECT: {
    from: ['pending_body'],
    actors: ['body'],
    needsReason: true,
    label: '复核驳回',
    to: () => 'pending_institution',
  },
  /** 选择考核程序 → 提交 (when chosen after approval, or after a 重新选择程序 rejection) */
  SUBMIT_PROCEDURE: {
    from: ['registered', 'procedure_rejected'],
    actors: ['physician'],
    window: 'registration',
    label: '提交考核程序申请',
    to: () => 'pending_evaluation',
  },
  /** 评定工作成绩、职业道德 → 提交 */
  INSTITUTION_EVALUATE: {
    from: ['pending_evaluation'],
    actors: ['institution'],
    label: '评定工作成绩、职业道德',
    to: () => 'pending_body_evaluation',
  },
  /** 评定工作成绩、职业道德 → 驳回 (physician re-selects the procedure) */
  INSTITUTION_REJECT_PROCEDURE: {
    from: ['pending_evaluation'],
    actors: ['institution'],
    needsReason: true,
    label: '驳回考核程序申请',
    to: () => 'procedure_rejected',
  },
  /** 复核 → 提交 (agree). A 不合格 upheld ends the cycle as 不合格. */
  BODY_CONFIRM_EVALUATION: {
    from: ['pending_body_evaluation'],
    actors: ['body'],
    label: '复核提交',
    to: (ctx) => (ctx.evaluationFailed ? 'failed' : 'ready_for_exam'),
  },
  /** 复核 → 驳回 with 不同意 (back to the institution to re-evaluate) */
  BODY_REJECT_EVALUATION: {
    from: ['pending_body_evaluation'],
    actors: ['body'],
    needsReason: true,
    label: '复核驳回',
    to: () => 'pending_evaluation',
  },
  /** 简易程序 applicant not qualified → general procedure (physician re-selects, simple barred) */
  BODY_REJECT_SIMPLE: {
    from: ['pending_body_evaluation'],
    actors: ['body'],
    needsReason: true,
    label: '驳回至一般程序',
    to: () => 'procedure_rejected',
  },
  /** all required papers finished (system, after the last submission) */
  FINISH_PAPERS: { from: ['ready_for_exam'], actors: ['system'], label: '完成测评', to: () => 'pending_grading' },
  /** first-round window closed without taking the tests and without an approved deferral */
  MARK_ABSENT: { from: ['ready_for_exam'], actors: ['system'], label: '未参加测评', to: () => 'failed' },
  /** 简易程序成绩评定 / 一般程序成绩评定 → 确认 */
  GRADE: {
    from: ['pending_grading'],
    actors: ['body'],
    window: 'grading',
    label: '成绩评定',
    to: (ctx) => (ctx.examPassed ? 'passed' : 'failed'),
  },
  /** 确认再次考核名单 (省级) */
  CONFIRM_REEXAM: {
    from: ['failed'],
    actors: ['province'],
    label: '确认再次考核',
    to: () => 'reexam_ready',
    guard: (ctx) => (ctx.failReason === 'exam' ? null : '仅测评不合格的医师可列入再次考核名单'),
  },
  FINISH_REEXAM: {
    from: ['reexam_ready'],
    actors: ['system'],
    label: '完成再次考核',
    to: () => 'pending_reexam_grading',
  },
  MARK_REEXAM_ABSENT: { from: ['reexam_ready'], actors: ['system'], label: '未参加再次考核', to: () => 'failed' },
  /** 评定简易程序再次考核 / 评定一般程序再次考核 → 确认 */
  GRADE_REEXAM: {
    from: ['pending_reexam_grading'],
    actors: ['admin', 'province'],
    window: 'reexamGrading',
    label: '再次考核评定',
    to: (ctx) => (ctx.examPassed ? 'passed' : 'failed'),
  },
  /** 驳回到退出当前周期 */
  ADMIN_REJECT_EXIT: {
    from: EXITABLE,
    actors: ['admin', 'province'],
    needsReason: true,
    label: '驳回到退出当前周期',
    to: () => 'withdrawn',
  },
  /** 驳回到重新选择程序 */
  ADMIN_REJECT_RESELECT: {
    from: ['registered', 'pending_evaluation', 'pending_body_evaluation', 'ready_for_exam'],
    actors: ['admin', 'province'],
    needsReason: true,
    label: '驳回到重新选择程序',
    to: () => 'procedure_rejected',
  },
  /** 监考管理 → 处理: 违纪不合格 */
  PROCESS_CHEATING: {
    from: TRANSITIONS_PROCESS_FROM,
    actors: ['admin', 'province'],
    needsReason: true,
    label: '违纪处理',
    to: () => 'disciplinary_failed',
  },
  /**
   * 申诉 → 撤销处理 (province): the result before 违纪处理 is restored. Internal: reachable only
   * through the appeal decision (proctor/appeal.service.ts), never offered on an enrolment.
   */
  REVOKE_DISCIPLINE: {
    from: ['disciplinary_failed'],
    actors: ['province'],
    internal: true,
    needsReason: true,
    label: '撤销违纪处理',
    to: (ctx) => ctx.restoreStatus ?? 'disciplinary_failed',
    guard: (ctx) =>
      ctx.restoreStatus && (TRANSITIONS_PROCESS_FROM as readonly string[]).includes(ctx.restoreStatus)
        ? null
        : '缺少违纪处理前的考核状态，不能撤销',
  },
} as const satisfies Record<string, Transition>;

export type EnrolmentEvent = keyof typeof TRANSITIONS;

/** The enrolment lifecycle; a province-level administration may do what any administration may. */
export const enrolmentMachine = defineMachine<EnrolmentStatus, MachineActor, EnrolmentEvent, MachineContext, WindowKey>(
  {
    subject: '考核状态',
    stateLabel: (s) => ENROLMENT_STATUS_LABELS[s],
    transitions: TRANSITIONS,
    actorMay: (actor, allowed) => allowed.includes(actor) || (actor === 'province' && allowed.includes('admin')),
    automaticActors: ['system'],
  },
);

export const ENROLMENT_EVENTS = enrolmentMachine.events;

export type TransitionResult = Fired<EnrolmentStatus, WindowKey> | Refusal;

/** Pure: may `actor` fire `event` on an enrolment in `status`, and where does it lead? */
export function transition(
  status: EnrolmentStatus,
  event: EnrolmentEvent,
  actor: MachineActor,
  ctx: MachineContext & { reason?: string | null } = {},
): TransitionResult {
  return enrolmentMachine.fire(status, event, actor, ctx, ctx.reason);
}

/** Events `actor` may fire on an enrolment in `status` (the UI renders buttons from these). */
export function availableEvents(status: EnrolmentStatus, actor: MachineActor): EnrolmentEvent[] {
  return enrolmentMachine.available(status, actor);
}
