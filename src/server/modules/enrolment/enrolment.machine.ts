/**
 * The enrolment lifecycle as one pure transition table: (status, event, actor, context)
 * → next status | error. No I/O. Services apply a transition with a compare-and-set on
 * the current status (see enrolment.transition.ts).
 */
import { ENROLMENT_STATUS_LABELS, type EnrolmentStatus } from '../../../shared/enrolment-status.js';

/** Who may fire an event. `province` is an admin acting at province level. */
export type MachineActor = 'physician' | 'institution' | 'body' | 'admin' | 'province' | 'system';

/** Cycle windows (考核设置). */
export type WindowKey = 'registration' | 'deferral' | 'exam' | 'grading' | 'reexam' | 'reexamGrading';

export const WINDOW_LABELS: Record<WindowKey, string> = {
  registration: '报名时间',
  deferral: '延期考核申请时间',
  exam: '首轮考核时间',
  grading: '首轮成绩评定时间',
  reexam: '再次考核时间',
  reexamGrading: '再次考核评定时间',
};

export interface MachineContext {
  /** procedure chosen inside the registration submission (procedureChoice = with_registration) */
  procedureIncluded?: boolean;
  /** 工作成绩 or 职业道德 upheld as 不合格 */
  evaluationFailed?: boolean;
  /** grading outcome */
  examPassed?: boolean;
  /** why the enrolment failed (re-exam is only for exam failures) */
  failReason?: string | null;
}

interface Transition {
  from: readonly EnrolmentStatus[];
  actors: readonly MachineActor[];
  /** the window the event must fall in, if any */
  window?: WindowKey;
  /** a reason text is required (rejections) */
  needsReason?: boolean;
  label: string;
  to: (ctx: MachineContext) => EnrolmentStatus;
  /** extra guard on the context; returns an error message or null */
  guard?: (ctx: MachineContext) => string | null;
}

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
    from: ['ready_for_exam', 'pending_grading', 'passed', 'failed', 'reexam_ready', 'pending_reexam_grading'],
    actors: ['admin', 'province'],
    needsReason: true,
    label: '违纪处理',
    to: () => 'disciplinary_failed',
  },
} as const satisfies Record<string, Transition>;

export type EnrolmentEvent = keyof typeof TRANSITIONS;
export const ENROLMENT_EVENTS = Object.keys(TRANSITIONS) as EnrolmentEvent[];

export type TransitionResult =
  | { ok: true; to: EnrolmentStatus; window?: WindowKey; label: string }
  | { ok: false; code: 'INVALID_TRANSITION' | 'FORBIDDEN_ACTOR' | 'REASON_REQUIRED' | 'GUARD'; message: string };

/** Pure: may `actor` fire `event` on an enrolment in `status`, and where does it lead? */
export function transition(
  status: EnrolmentStatus,
  event: EnrolmentEvent,
  actor: MachineActor,
  ctx: MachineContext & { reason?: string | null } = {},
): TransitionResult {
  const t: Transition = TRANSITIONS[event];
  if (!t.actors.includes(actor) && !(actor === 'province' && t.actors.includes('admin'))) {
    return { ok: false, code: 'FORBIDDEN_ACTOR', message: `当前角色不能执行「${t.label}」` };
  }
  if (!t.from.includes(status)) {
    return {
      ok: false,
      code: 'INVALID_TRANSITION',
      message: `考核状态为「${ENROLMENT_STATUS_LABELS[status]}」，不能执行「${t.label}」，请刷新后重试`,
    };
  }
  if (t.needsReason && !ctx.reason?.trim()) {
    return { ok: false, code: 'REASON_REQUIRED', message: `「${t.label}」须填写理由` };
  }
  const guardError = t.guard?.(ctx);
  if (guardError) return { ok: false, code: 'GUARD', message: guardError };
  return { ok: true, to: t.to(ctx), window: t.window, label: t.label };
}

/** Events `actor` may fire on an enrolment in `status` (the UI renders buttons from these). */
export function availableEvents(status: EnrolmentStatus, actor: MachineActor): EnrolmentEvent[] {
  return ENROLMENT_EVENTS.filter((e) => {
    const t: Transition = TRANSITIONS[e];
    if (t.actors.includes('system') && t.actors.length === 1) return false;
    const actorOk = t.actors.includes(actor) || (actor === 'province' && t.actors.includes('admin'));
    return actorOk && t.from.includes(status);
  });
}

/** Is `now` inside the window? Windows are inclusive of whole days in China time. */
export function checkWindow(
  windows: Partial<Record<WindowKey, { start: string; end: string }>>,
  key: WindowKey,
  now: Date,
): { ok: true } | { ok: false; message: string } {
  const w = windows[key];
  const label = WINDOW_LABELS[key];
  if (!w) return { ok: false, message: `省级卫生行政机构尚未设置「${label}」，暂不能办理` };
  const start = new Date(`${w.start}T00:00:00+08:00`);
  const end = new Date(`${w.end}T23:59:59.999+08:00`);
  if (now < start || now > end) {
    return {
      ok: false,
      message: `不在「${label}」内（${w.start.replaceAll('-', '/')} 至 ${w.end.replaceAll('-', '/')}），不能办理`,
    };
  }
  return { ok: true };
}
