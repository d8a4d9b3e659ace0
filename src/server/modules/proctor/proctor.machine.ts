/**
 * 违纪处理 and 申诉 of one enrolment as a pure transition table (no I/O). The 疑似作弊 flag is
 * not a state: it is a mark that may be set and removed independently (see proctor.policy.ts).
 *
 *   (none) --PROCESS (administration)--> processed --APPEAL (physician, within the days)--> appealed
 *   appealed --UPHOLD (province)--> upheld        appealed --REVOKE (province)--> revoked
 *   revoked --PROCESS--> processed   (a new decision after a revoked one)
 */
import type { CaseStatus } from '../../db/schema/proctor.js';

export type CaseState = CaseStatus | 'none';
export type CaseEvent = 'PROCESS' | 'APPEAL' | 'UPHOLD' | 'REVOKE';
export type CaseActor = 'physician' | 'admin' | 'province' | 'institution' | 'body';

interface Row {
  from: readonly CaseState[];
  actors: readonly CaseActor[];
  to: CaseStatus;
  label: string;
}

export const CASE_TRANSITIONS: Record<CaseEvent, Row> = {
  PROCESS: { from: ['none', 'revoked'], actors: ['admin', 'province'], to: 'processed', label: '违纪处理' },
  APPEAL: { from: ['processed'], actors: ['physician'], to: 'appealed', label: '申诉' },
  UPHOLD: { from: ['appealed'], actors: ['province'], to: 'upheld', label: '申诉维持' },
  REVOKE: { from: ['appealed'], actors: ['province'], to: 'revoked', label: '撤销处理' },
};

export type CaseResult =
  | { ok: true; to: CaseStatus; label: string }
  | { ok: false; status: 403 | 409; message: string };

const STATE_LABELS: Record<CaseState, string> = {
  none: '未处理',
  processed: '已处理',
  appealed: '申诉中',
  upheld: '申诉已维持',
  revoked: '已撤销处理',
};

export function caseTransition(state: CaseState, event: CaseEvent, actor: CaseActor): CaseResult {
  const t = CASE_TRANSITIONS[event];
  if (!t.actors.includes(actor)) return { ok: false, status: 403, message: `当前角色不能执行「${t.label}」` };
  if (!t.from.includes(state))
    return { ok: false, status: 409, message: `当前为「${STATE_LABELS[state]}」，不能执行「${t.label}」` };
  return { ok: true, to: t.to, label: t.label };
}
