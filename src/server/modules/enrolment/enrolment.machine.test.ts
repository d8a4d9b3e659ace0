import { describe, expect, it } from 'vitest';
import { ENROLMENT_STATUSES } from '../../../shared/enrolment-status.js';
import {
  availableEvents,
  checkWindow,
  ENROLMENT_EVENTS,
  transition,
  TRANSITIONS,
  type MachineActor,
} from './enrolment.machine.js';

const ACTORS: MachineActor[] = ['physician', 'institution', 'body', 'admin', 'province', 'system'];

describe('enrolment machine', () => {
  it('allows exactly the listed (status, event, actor) triples — exhaustive', () => {
    for (const status of ENROLMENT_STATUSES) {
      for (const event of ENROLMENT_EVENTS) {
        for (const actor of ACTORS) {
          const t = TRANSITIONS[event];
          const actorOk =
            (t.actors as readonly string[]).includes(actor) ||
            (actor === 'province' && (t.actors as readonly string[]).includes('admin'));
          const fromOk = (t.from as readonly string[]).includes(status);
          const r = transition(status, event, actor, { reason: '理由', failReason: 'exam' });
          expect(r.ok, `${status} ${event} ${actor}`).toBe(actorOk && fromOk);
        }
      }
    }
  });

  it('walks the general procedure happy path', () => {
    const steps: [string, MachineActor, object, string][] = [
      ['OPEN', 'institution', {}, 'opened'],
      ['SUBMIT_REGISTRATION', 'physician', {}, 'pending_institution'],
      ['INSTITUTION_APPROVE', 'institution', {}, 'pending_body'],
      ['BODY_APPROVE', 'body', { procedureIncluded: true }, 'pending_evaluation'],
      ['INSTITUTION_EVALUATE', 'institution', {}, 'pending_body_evaluation'],
      ['BODY_CONFIRM_EVALUATION', 'body', { evaluationFailed: false }, 'ready_for_exam'],
      ['FINISH_PAPERS', 'system', {}, 'pending_grading'],
      ['GRADE', 'body', { examPassed: true }, 'passed'],
    ];
    let s = 'not_opened' as (typeof ENROLMENT_STATUSES)[number];
    for (const [ev, actor, ctx, to] of steps) {
      const r = transition(s, ev as never, actor, ctx);
      expect(r.ok && r.to).toBe(to);
      if (r.ok) s = r.to;
    }
  });

  it('branches on context', () => {
    expect(transition('pending_body', 'BODY_APPROVE', 'body', { procedureIncluded: false })).toMatchObject({
      ok: true,
      to: 'registered',
    });
    expect(
      transition('pending_body_evaluation', 'BODY_CONFIRM_EVALUATION', 'body', { evaluationFailed: true }),
    ).toMatchObject({ to: 'failed' });
    expect(transition('pending_grading', 'GRADE', 'body', { examPassed: false })).toMatchObject({ to: 'failed' });
    expect(transition('failed', 'CONFIRM_REEXAM', 'province', { failReason: 'evaluation' })).toMatchObject({
      ok: false,
      code: 'GUARD',
    });
    expect(transition('pending_reexam_grading', 'GRADE_REEXAM', 'admin', { examPassed: true })).toMatchObject({
      to: 'passed',
    });
  });

  it('requires a reason for rejections and names the status in errors', () => {
    expect(transition('pending_institution', 'INSTITUTION_REJECT', 'institution', {})).toMatchObject({
      ok: false,
      code: 'REASON_REQUIRED',
    });
    const r = transition('passed', 'INSTITUTION_APPROVE', 'institution');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain('考核合格');
  });

  it('lists the actions an actor may take, never system events', () => {
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
  });

  it('checks windows inclusively in China time', () => {
    const w = { registration: { start: '2026-11-01', end: '2026-11-30' } };
    expect(checkWindow(w, 'registration', new Date('2026-11-30T15:59:00Z')).ok).toBe(true);
    expect(checkWindow(w, 'registration', new Date('2026-11-30T16:00:01Z')).ok).toBe(false);
    const missing = checkWindow(w, 'exam', new Date());
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.message).toContain('首轮考核时间');
  });
});
