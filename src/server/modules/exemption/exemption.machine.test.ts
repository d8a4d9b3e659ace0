import { describe, expect, it } from 'vitest';
import {
  EXEMPTION_EVENTS,
  EXEMPTION_STATUSES,
  exemptedPaper,
  exemptionEventsFor,
  exemptionTransition,
  type ExemptionActor,
  type ExemptionState,
} from './exemption.machine.js';

const STATES: ExemptionState[] = ['none', ...EXEMPTION_STATUSES];
const ACTORS: ExemptionActor[] = ['physician', 'institution', 'body', 'system'];
const EXPECTED: Record<string, [ExemptionState[], ExemptionActor, string]> = {
  SUBMIT: [['none', 'rejected_supplement', 'void'], 'physician', 'pending_institution'],
  INSTITUTION_APPROVE: [['pending_institution'], 'institution', 'pending_body'],
  INSTITUTION_REJECT_SUPPLEMENT: [['pending_institution'], 'institution', 'rejected_supplement'],
  INSTITUTION_REJECT_FINAL: [['pending_institution'], 'institution', 'rejected_final'],
  BODY_APPROVE: [['pending_body'], 'body', 'approved'],
  BODY_REJECT_SUPPLEMENT: [['pending_body'], 'body', 'rejected_supplement'],
  BODY_REJECT_FINAL: [['pending_body'], 'body', 'rejected_final'],
  INVALIDATE: [
    ['pending_institution', 'pending_body', 'approved', 'rejected_supplement', 'rejected_final'],
    'system',
    'void',
  ],
};

describe('exemption machine — every (state, event, actor)', () => {
  it('covers exactly the expected events', () => {
    expect([...EXEMPTION_EVENTS].sort()).toEqual(Object.keys(EXPECTED).sort());
  });
  for (const event of EXEMPTION_EVENTS) {
    const [from, actor, to] = EXPECTED[event];
    for (const state of STATES) {
      for (const a of ACTORS) {
        it(`${event} from ${state} by ${a}`, () => {
          const r = exemptionTransition(state, event, a, '理由');
          if (a !== actor) expect(r).toMatchObject({ ok: false, code: 'FORBIDDEN_ACTOR' });
          else if (!from.includes(state)) expect(r).toMatchObject({ ok: false, code: 'INVALID_TRANSITION' });
          else expect(r).toMatchObject({ ok: true, to });
        });
      }
    }
  }
  it('rejections need a reason; passes do not', () => {
    expect(
      exemptionTransition('pending_institution', 'INSTITUTION_REJECT_SUPPLEMENT', 'institution', '  '),
    ).toMatchObject({ ok: false, code: 'REASON_REQUIRED' });
    expect(exemptionTransition('pending_body', 'BODY_REJECT_FINAL', 'body', null)).toMatchObject({
      ok: false,
      code: 'REASON_REQUIRED',
    });
    expect(exemptionTransition('pending_body', 'BODY_APPROVE', 'body')).toMatchObject({ ok: true, to: 'approved' });
  });
  it('a final rejection tells the physician they cannot apply again', () => {
    expect(exemptionTransition('rejected_final', 'SUBMIT', 'physician')).toMatchObject({
      ok: false,
      message: '您的免考申请已被驳回且禁止再次申请',
    });
  });
  it('available events per state and actor', () => {
    expect(exemptionEventsFor('pending_institution', 'institution')).toEqual([
      'INSTITUTION_APPROVE',
      'INSTITUTION_REJECT_SUPPLEMENT',
      'INSTITUTION_REJECT_FINAL',
    ]);
    expect(exemptionEventsFor('pending_body', 'body')).toEqual([
      'BODY_APPROVE',
      'BODY_REJECT_SUPPLEMENT',
      'BODY_REJECT_FINAL',
    ]);
    expect(exemptionEventsFor('approved', 'body')).toEqual([]);
    expect(exemptionEventsFor('rejected_supplement', 'physician')).toEqual(['SUBMIT']);
  });
  it('general exempts 业务水平, simple exempts 人文医学', () => {
    expect(exemptedPaper('general')).toBe('professional');
    expect(exemptedPaper('simple')).toBe('humanities');
  });
});
