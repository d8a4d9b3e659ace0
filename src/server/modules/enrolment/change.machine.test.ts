import { describe, expect, it } from 'vitest';
import { changeActions, changeTransition } from './change.machine.js';

describe('change-request machine (医师信息修改)', () => {
  it('walks pending → allowed → submitted → approved', () => {
    expect(changeTransition('pending', 'ALLOW', 'institution')).toMatchObject({ ok: true, to: 'allowed' });
    expect(changeTransition('allowed', 'SUBMIT', 'physician')).toMatchObject({ ok: true, to: 'submitted' });
    expect(changeTransition('submitted', 'APPROVE', 'institution')).toMatchObject({ ok: true, to: 'approved' });
  });
  it('refusals and rejections need a reason', () => {
    expect(changeTransition('pending', 'REFUSE', 'institution')).toMatchObject({ ok: false, code: 'REASON_REQUIRED' });
    expect(changeTransition('pending', 'REFUSE', 'institution', '无需修改')).toMatchObject({ ok: true, to: 'refused' });
    expect(changeTransition('submitted', 'REJECT', 'institution', '  ')).toMatchObject({
      ok: false,
      code: 'REASON_REQUIRED',
    });
  });
  it('guards actor and state', () => {
    expect(changeTransition('pending', 'ALLOW', 'physician')).toMatchObject({ ok: false, code: 'FORBIDDEN_ACTOR' });
    expect(changeTransition('allowed', 'APPROVE', 'institution')).toMatchObject({
      ok: false,
      code: 'INVALID_TRANSITION',
    });
    expect(changeTransition('approved', 'SUBMIT', 'physician')).toMatchObject({
      ok: false,
      code: 'INVALID_TRANSITION',
    });
    expect(changeTransition('refused', 'ALLOW', 'institution')).toMatchObject({
      ok: false,
      code: 'INVALID_TRANSITION',
    });
  });
  it('lists actions per state and actor', () => {
    expect(changeActions('pending', 'institution')).toEqual(['ALLOW', 'REFUSE']);
    expect(changeActions('submitted', 'institution')).toEqual(['APPROVE', 'REJECT']);
    expect(changeActions('allowed', 'institution')).toEqual([]);
    expect(changeActions('allowed', 'physician')).toEqual(['SUBMIT']);
  });
});
