/** 医师信息修改 against a hand-written table (seed 002: 申请修改 → 单位同意 → 修改 → 重新提交 → 审核). */
import { describe, expect, it } from 'vitest';
import { CHANGE_STATES, type ChangeState } from '../../../shared/domain/index.js';
import { CHANGE_EVENTS, type ChangeActor, changeActions, changeTransition } from './change.machine.js';

const ACTORS: ChangeActor[] = ['physician', 'institution'];
const EXPECTED: Record<string, [ChangeState[], ChangeActor, ChangeState, boolean]> = {
  REQUEST_APPROVE: [['pending'], 'institution', 'allowed', false],
  REQUEST_REJECT: [['pending'], 'institution', 'refused', true],
  SUBMIT: [['allowed'], 'physician', 'submitted', false],
  CHANGE_APPROVE: [['submitted'], 'institution', 'approved', false],
  CHANGE_REJECT: [['submitted'], 'institution', 'rejected', true],
};

describe('change-request machine (医师信息修改)', () => {
  it('has exactly the expected events', () => {
    expect([...CHANGE_EVENTS].sort()).toEqual(Object.keys(EXPECTED).sort());
  });
  for (const event of CHANGE_EVENTS) {
    const [from, actor, to, needsReason] = EXPECTED[event];
    it(event, () => {
      for (const state of CHANGE_STATES) {
        for (const a of ACTORS) {
          const r = changeTransition(state, event, a, '理由');
          if (a !== actor) expect(r).toMatchObject({ ok: false, code: 'FORBIDDEN_ACTOR' });
          else if (!from.includes(state)) expect(r).toMatchObject({ ok: false, code: 'INVALID_TRANSITION' });
          else expect(r).toMatchObject({ ok: true, to });
        }
      }
      const blank = changeTransition(from[0], event, actor, '  ');
      if (needsReason) expect(blank).toMatchObject({ ok: false, code: 'REASON_REQUIRED' });
      else expect(blank).toMatchObject({ ok: true, to });
    });
  }
  it('a refused request is final', () => {
    expect(changeTransition('refused', 'REQUEST_APPROVE', 'institution')).toMatchObject({
      ok: false,
      message: '修改申请状态为「不允许修改」，不能执行「允许修改」，请刷新后重试',
    });
  });
  it('lists actions per state and actor', () => {
    expect(changeActions('pending', 'institution')).toEqual(['REQUEST_APPROVE', 'REQUEST_REJECT']);
    expect(changeActions('submitted', 'institution')).toEqual(['CHANGE_APPROVE', 'CHANGE_REJECT']);
    expect(changeActions('allowed', 'institution')).toEqual([]);
    expect(changeActions('allowed', 'physician')).toEqual(['SUBMIT']);
  });
});
