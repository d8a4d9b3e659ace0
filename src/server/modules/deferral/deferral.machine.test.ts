import { describe, expect, it } from 'vitest';
import {
  DEFERRAL_EVENTS,
  DEFERRAL_STATUSES,
  DEFERRAL_TRANSITIONS,
  deferralEventsFor,
  deferralTransition,
  type DeferralActor,
  type DeferralState,
} from './deferral.machine.js';

const STATES: DeferralState[] = ['none', ...DEFERRAL_STATUSES];
const ACTORS: DeferralActor[] = ['physician', 'institution', 'admin'];
const EXPECTED: Record<string, [DeferralState[], DeferralActor, string]> = {
  SUBMIT: [['none', 'rejected_institution', 'rejected_admin'], 'physician', 'pending_institution'],
  INSTITUTION_AGREE: [['pending_institution'], 'institution', 'pending_admin'],
  INSTITUTION_DISAGREE: [['pending_institution'], 'institution', 'rejected_institution'],
  ADMIN_AGREE: [['pending_admin'], 'admin', 'approved'],
  ADMIN_DISAGREE: [['pending_admin'], 'admin', 'rejected_admin'],
};

describe('deferral machine — every (state, event, actor)', () => {
  it('covers exactly the expected events', () => {
    expect([...DEFERRAL_EVENTS].sort()).toEqual(Object.keys(EXPECTED).sort());
  });
  for (const event of DEFERRAL_EVENTS) {
    const [from, actor, to] = EXPECTED[event];
    for (const state of STATES) {
      for (const a of ACTORS) {
        it(`${event} from ${state} by ${a}`, () => {
          const r = deferralTransition(state, event, a, '意见');
          if (a !== actor) expect(r).toMatchObject({ ok: false, code: 'FORBIDDEN_ACTOR' });
          else if (!from.includes(state)) expect(r).toMatchObject({ ok: false, code: 'INVALID_TRANSITION' });
          else expect(r).toEqual({ ok: true, to, label: DEFERRAL_TRANSITIONS[event].label });
        });
      }
    }
  }
  it('不同意 needs an opinion; 同意 does not', () => {
    expect(deferralTransition('pending_institution', 'INSTITUTION_DISAGREE', 'institution', ' ')).toMatchObject({
      ok: false,
      code: 'OPINION_REQUIRED',
    });
    expect(deferralTransition('pending_admin', 'ADMIN_DISAGREE', 'admin')).toMatchObject({
      ok: false,
      code: 'OPINION_REQUIRED',
    });
    expect(deferralTransition('pending_admin', 'ADMIN_AGREE', 'admin')).toMatchObject({ ok: true, to: 'approved' });
  });
  it('available events', () => {
    expect(deferralEventsFor('pending_institution', 'institution')).toEqual([
      'INSTITUTION_AGREE',
      'INSTITUTION_DISAGREE',
    ]);
    expect(deferralEventsFor('pending_admin', 'admin')).toEqual(['ADMIN_AGREE', 'ADMIN_DISAGREE']);
    expect(deferralEventsFor('approved', 'physician')).toEqual([]);
    expect(deferralEventsFor('rejected_admin', 'physician')).toEqual(['SUBMIT']);
  });
});
