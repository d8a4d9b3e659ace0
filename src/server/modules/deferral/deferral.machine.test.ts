import { describe, expect, it } from 'vitest';
import {
  DEFERRAL_EVENTS,
  DEFERRAL_STATUSES,
  deferralEventsFor,
  deferralTransition,
  type DeferralActor,
  type DeferralState,
} from './deferral.machine.js';

const STATES: DeferralState[] = ['none', ...DEFERRAL_STATUSES];
const ACTORS: DeferralActor[] = ['physician', 'institution', 'admin'];
const EXPECTED: Record<string, [DeferralState[], DeferralActor, string, string]> = {
  SUBMIT: [['none', 'rejected_institution', 'rejected_admin'], 'physician', 'pending_institution', '提交延期考核申请'],
  INSTITUTION_APPROVE: [['pending_institution'], 'institution', 'pending_admin', '卫生机构同意'],
  INSTITUTION_REJECT: [['pending_institution'], 'institution', 'rejected_institution', '卫生机构不同意'],
  ADMIN_APPROVE: [['pending_admin'], 'admin', 'approved', '卫生行政部门同意'],
  ADMIN_REJECT: [['pending_admin'], 'admin', 'rejected_admin', '卫生行政部门不同意'],
};

describe('deferral machine — every (state, event, actor)', () => {
  it('covers exactly the expected events', () => {
    expect([...DEFERRAL_EVENTS].sort()).toEqual(Object.keys(EXPECTED).sort());
  });
  for (const event of DEFERRAL_EVENTS) {
    const [from, actor, to, label] = EXPECTED[event];
    for (const state of STATES) {
      for (const a of ACTORS) {
        it(`${event} from ${state} by ${a}`, () => {
          const r = deferralTransition(state, event, a, '意见');
          if (a !== actor) expect(r).toMatchObject({ ok: false, code: 'FORBIDDEN_ACTOR' });
          else if (!from.includes(state)) expect(r).toMatchObject({ ok: false, code: 'INVALID_TRANSITION' });
          else expect(r).toEqual({ ok: true, to, label });
        });
      }
    }
  }
  it('不同意 needs an opinion; 同意 does not', () => {
    expect(deferralTransition('pending_institution', 'INSTITUTION_REJECT', 'institution', ' ')).toMatchObject({
      ok: false,
      code: 'REASON_REQUIRED',
    });
    expect(deferralTransition('pending_admin', 'ADMIN_REJECT', 'admin')).toMatchObject({
      ok: false,
      code: 'REASON_REQUIRED',
      message: '「卫生行政部门不同意」须填写意见',
    });
    expect(deferralTransition('pending_admin', 'ADMIN_APPROVE', 'admin')).toMatchObject({ ok: true, to: 'approved' });
  });
  it('available events', () => {
    expect(deferralEventsFor('pending_institution', 'institution')).toEqual([
      'INSTITUTION_APPROVE',
      'INSTITUTION_REJECT',
    ]);
    expect(deferralEventsFor('pending_admin', 'admin')).toEqual(['ADMIN_APPROVE', 'ADMIN_REJECT']);
    expect(deferralEventsFor('approved', 'physician')).toEqual([]);
    expect(deferralEventsFor('rejected_admin', 'physician')).toEqual(['SUBMIT']);
  });
});
