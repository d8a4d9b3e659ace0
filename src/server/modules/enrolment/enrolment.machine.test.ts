/**
 * The enrolment lifecycle checked against a table written by hand from spec/domain.md §6
 * (and the manuals' button names), not derived from TRANSITIONS: a wrong row in the
 * machine fails here.
 */
import { describe, expect, it } from 'vitest';
import { ENROLMENT_STATUSES, type EnrolmentStatus } from '../../../shared/domain/index.js';
import {
  availableEvents,
  checkWindow,
  ENROLMENT_EVENTS,
  type EnrolmentEvent,
  type MachineActor,
  type MachineContext,
  transition,
} from './enrolment.machine.js';

const ACTORS: MachineActor[] = ['physician', 'institution', 'body', 'admin', 'province', 'system'];
const ADMINS: MachineActor[] = ['admin', 'province'];

/** Statuses from which an administration may 驳回到退出当前周期 (anything before the tests are graded). */
const BEFORE_TESTS: EnrolmentStatus[] = [
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

interface Row {
  from: EnrolmentStatus[];
  actors: MachineActor[];
  /** expected next status, per context where it branches */
  to: EnrolmentStatus | [MachineContext, EnrolmentStatus][];
  window?: string;
  reason?: true;
}

const EXPECTED: Record<EnrolmentEvent, Row> = {
  OPEN: { from: ['not_opened'], actors: ['institution'], to: 'opened' },
  CANCEL: { from: ['opened', 'institution_rejected'], actors: ['institution'], to: 'not_opened' },
  SUBMIT_REGISTRATION: {
    from: ['opened', 'institution_rejected'],
    actors: ['physician'],
    to: 'pending_institution',
    window: 'registration',
  },
  INSTITUTION_APPROVE: { from: ['pending_institution'], actors: ['institution'], to: 'pending_body' },
  INSTITUTION_REJECT: {
    from: ['pending_institution'],
    actors: ['institution'],
    to: 'institution_rejected',
    reason: true,
  },
  BODY_APPROVE: {
    from: ['pending_body'],
    actors: ['body'],
    to: [
      [{ procedureIncluded: true }, 'pending_evaluation'],
      [{ procedureIncluded: false }, 'registered'],
    ],
  },
  BODY_REJECT: { from: ['pending_body'], actors: ['body'], to: 'pending_institution', reason: true },
  SUBMIT_PROCEDURE: {
    from: ['registered', 'procedure_rejected'],
    actors: ['physician'],
    to: 'pending_evaluation',
    window: 'registration',
  },
  INSTITUTION_EVALUATE: { from: ['pending_evaluation'], actors: ['institution'], to: 'pending_body_evaluation' },
  INSTITUTION_REJECT_PROCEDURE: {
    from: ['pending_evaluation'],
    actors: ['institution'],
    to: 'procedure_rejected',
    reason: true,
  },
  BODY_CONFIRM_EVALUATION: {
    from: ['pending_body_evaluation'],
    actors: ['body'],
    to: [
      [{ evaluationFailed: false }, 'ready_for_exam'],
      [{ evaluationFailed: true }, 'failed'],
    ],
  },
  BODY_REJECT_EVALUATION: {
    from: ['pending_body_evaluation'],
    actors: ['body'],
    to: 'pending_evaluation',
    reason: true,
  },
  BODY_REJECT_SIMPLE: { from: ['pending_body_evaluation'], actors: ['body'], to: 'procedure_rejected', reason: true },
  FINISH_PAPERS: { from: ['ready_for_exam'], actors: ['system'], to: 'pending_grading' },
  MARK_ABSENT: { from: ['ready_for_exam'], actors: ['system'], to: 'failed' },
  GRADE: {
    from: ['pending_grading'],
    actors: ['body'],
    window: 'grading',
    to: [
      [{ examPassed: true }, 'passed'],
      [{ examPassed: false }, 'failed'],
    ],
  },
  CONFIRM_REEXAM: { from: ['failed'], actors: ['province'], to: 'reexam_ready' },
  FINISH_REEXAM: { from: ['reexam_ready'], actors: ['system'], to: 'pending_reexam_grading' },
  MARK_REEXAM_ABSENT: { from: ['reexam_ready'], actors: ['system'], to: 'failed' },
  GRADE_REEXAM: {
    from: ['pending_reexam_grading'],
    actors: ADMINS,
    window: 'reexamGrading',
    to: [
      [{ examPassed: true }, 'passed'],
      [{ examPassed: false }, 'failed'],
    ],
  },
  ADMIN_REJECT_EXIT: { from: BEFORE_TESTS, actors: ADMINS, to: 'withdrawn', reason: true },
  ADMIN_REJECT_RESELECT: {
    from: ['registered', 'pending_evaluation', 'pending_body_evaluation', 'ready_for_exam'],
    actors: ADMINS,
    to: 'procedure_rejected',
    reason: true,
  },
  PROCESS_CHEATING: {
    from: ['ready_for_exam', 'pending_grading', 'passed', 'failed', 'reexam_ready', 'pending_reexam_grading'],
    actors: ADMINS,
    to: 'disciplinary_failed',
    reason: true,
  },
  /** 申诉 → 撤销处理 (province only): back to the status before 违纪处理 */
  REVOKE_DISCIPLINE: {
    from: ['disciplinary_failed'],
    actors: ['province'],
    to: [
      [{ restoreStatus: 'passed' }, 'passed'],
      [{ restoreStatus: 'ready_for_exam' }, 'ready_for_exam'],
    ],
    reason: true,
  },
};

describe('enrolment machine — every (status, event, actor) against the hand-written table', () => {
  it('has exactly the expected events', () => {
    expect([...ENROLMENT_EVENTS].sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const event of ENROLMENT_EVENTS) {
    const row = EXPECTED[event];
    it(`${event}`, () => {
      for (const status of ENROLMENT_STATUSES) {
        for (const actor of ACTORS) {
          const cases = Array.isArray(row.to) ? row.to : [[{}, row.to] as [MachineContext, EnrolmentStatus]];
          for (const [ctx, to] of cases) {
            const r = transition(status, event, actor, { ...ctx, reason: '理由', failReason: 'exam' });
            const where = `${event} from ${status} by ${actor}`;
            if (!row.actors.includes(actor)) expect(r, where).toMatchObject({ ok: false, code: 'FORBIDDEN_ACTOR' });
            else if (!row.from.includes(status))
              expect(r, where).toMatchObject({ ok: false, code: 'INVALID_TRANSITION' });
            else
              expect(r, where).toEqual(
                row.window
                  ? { ok: true, to, label: expect.any(String), window: row.window }
                  : { ok: true, to, label: expect.any(String) },
              );
          }
        }
      }
    });
  }

  it('rejections need a reason; the others do not', () => {
    for (const event of ENROLMENT_EVENTS) {
      const row = EXPECTED[event];
      const to = Array.isArray(row.to) ? row.to[0] : ([{}, row.to] as const);
      const r = transition(row.from[0], event, row.actors[0], { ...to[0], reason: '  ', failReason: 'exam' });
      if (row.reason) expect(r, event).toMatchObject({ ok: false, code: 'REASON_REQUIRED' });
      else expect(r.ok, event).toBe(true);
    }
  });

  it('撤销违纪处理 needs the status from before 违纪处理', () => {
    expect(transition('disciplinary_failed', 'REVOKE_DISCIPLINE', 'province', { reason: '申诉成立' })).toMatchObject({
      ok: false,
      code: 'GUARD',
    });
    expect(
      transition('disciplinary_failed', 'REVOKE_DISCIPLINE', 'province', {
        reason: '申诉成立',
        restoreStatus: 'opened',
      }),
    ).toMatchObject({ ok: false, code: 'GUARD' });
  });

  it('only a test failure can be put on the re-exam list', () => {
    expect(transition('failed', 'CONFIRM_REEXAM', 'province', { failReason: 'evaluation' })).toMatchObject({
      ok: false,
      code: 'GUARD',
      message: '仅测评不合格的医师可列入再次考核名单',
    });
  });

  it('names the current status in the refusal', () => {
    const r = transition('passed', 'INSTITUTION_APPROVE', 'institution');
    expect(r).toMatchObject({
      ok: false,
      message: '考核状态为「考核合格」，不能执行「审核通过」，请刷新后重试',
    });
  });

  it('walks the general procedure', () => {
    const steps: [EnrolmentEvent, MachineActor, MachineContext, EnrolmentStatus][] = [
      ['OPEN', 'institution', {}, 'opened'],
      ['SUBMIT_REGISTRATION', 'physician', {}, 'pending_institution'],
      ['INSTITUTION_APPROVE', 'institution', {}, 'pending_body'],
      ['BODY_APPROVE', 'body', { procedureIncluded: true }, 'pending_evaluation'],
      ['INSTITUTION_EVALUATE', 'institution', {}, 'pending_body_evaluation'],
      ['BODY_CONFIRM_EVALUATION', 'body', { evaluationFailed: false }, 'ready_for_exam'],
      ['FINISH_PAPERS', 'system', {}, 'pending_grading'],
      ['GRADE', 'body', { examPassed: true }, 'passed'],
    ];
    let s: EnrolmentStatus = 'not_opened';
    for (const [ev, actor, ctx, to] of steps) {
      const r = transition(s, ev, actor, ctx);
      expect(r.ok && r.to, ev).toBe(to);
      if (r.ok) s = r.to;
    }
  });

  it('offers buttons, never automatic events', () => {
    expect(availableEvents('pending_institution', 'institution')).toEqual([
      'INSTITUTION_APPROVE',
      'INSTITUTION_REJECT',
    ]);
    expect(availableEvents('ready_for_exam', 'system')).toEqual([]);
    expect(availableEvents('ready_for_exam', 'province')).toEqual([
      'ADMIN_REJECT_EXIT',
      'ADMIN_REJECT_RESELECT',
      'PROCESS_CHEATING',
    ]);
    expect(availableEvents('failed', 'admin')).toEqual(['PROCESS_CHEATING']);
    expect(availableEvents('failed', 'province')).toEqual(['CONFIRM_REEXAM', 'PROCESS_CHEATING']);
    expect(availableEvents('disciplinary_failed', 'admin')).toEqual([]);
  });

  it('撤销违纪处理 is internal: never offered on an enrolment, still fired by the 申诉 decision', () => {
    expect(availableEvents('disciplinary_failed', 'province')).toEqual([]);
    for (const status of ENROLMENT_STATUSES)
      for (const actor of ACTORS)
        expect(availableEvents(status, actor), `${status}/${actor}`).not.toContain('REVOKE_DISCIPLINE');
    expect(
      transition('disciplinary_failed', 'REVOKE_DISCIPLINE', 'province', {
        reason: '申诉成立',
        restoreStatus: 'failed',
      }),
    ).toMatchObject({ ok: true, to: 'failed' });
  });

  it('checks windows inclusively in China time', () => {
    const w = { registration: { start: '2026-11-01', end: '2026-11-30' } };
    expect(checkWindow(w, 'registration', new Date('2026-11-30T15:59:00Z')).ok).toBe(true);
    expect(checkWindow(w, 'registration', new Date('2026-11-30T16:00:01Z')).ok).toBe(false);
    expect(checkWindow(w, 'registration', new Date('2026-10-31T15:59:59Z')).ok).toBe(false);
    const missing = checkWindow(w, 'exam', new Date());
    expect(missing).toEqual({ ok: false, message: '省级卫生行政机构尚未设置「首轮考核时间」，暂不能办理' });
  });
});
