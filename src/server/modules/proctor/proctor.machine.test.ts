import { describe, expect, it } from 'vitest';
import { type CaseActor, type CaseEvent, type CaseState, caseTransition } from './proctor.machine.js';
import { planSchedule } from './proctor.schedule.js';
import { referencePhotoProblem, spoofSuspected } from './proctor.quality.js';

/** Independent expected table: every (state, event, actor) that is allowed and where it leads. */
const ALLOWED: [CaseState, CaseEvent, CaseActor, CaseState][] = [
  ['none', 'PROCESS', 'admin', 'processed'],
  ['none', 'PROCESS', 'province', 'processed'],
  ['revoked', 'PROCESS', 'admin', 'processed'],
  ['revoked', 'PROCESS', 'province', 'processed'],
  ['processed', 'APPEAL', 'physician', 'appealed'],
  ['appealed', 'UPHOLD', 'province', 'upheld'],
  ['appealed', 'REVOKE', 'province', 'revoked'],
];
const STATES: CaseState[] = ['none', 'processed', 'appealed', 'upheld', 'revoked'];
const EVENTS: CaseEvent[] = ['PROCESS', 'APPEAL', 'UPHOLD', 'REVOKE'];
const ACTORS: CaseActor[] = ['physician', 'admin', 'province', 'institution', 'body'];

describe('违纪处理 / 申诉 machine', () => {
  for (const s of STATES)
    for (const e of EVENTS)
      for (const a of ACTORS) {
        const want = ALLOWED.find(([fs, fe, fa]) => fs === s && fe === e && fa === a);
        it(`${s} ${e} by ${a} → ${want ? want[3] : 'refused'}`, () => {
          const r = caseTransition(s, e, a);
          if (want) expect(r).toMatchObject({ ok: true, to: want[3] });
          else expect(r.ok).toBe(false);
        });
      }
  it('refuses an institution with 403 and a wrong state with 409, in Chinese', () => {
    expect(caseTransition('none', 'PROCESS', 'institution')).toMatchObject({ ok: false, status: 403 });
    const r = caseTransition('upheld', 'APPEAL', 'physician');
    expect(r).toMatchObject({ ok: false, status: 409 });
    if (!r.ok) expect(r.message).toContain('申诉已维持');
  });
});

describe('capture schedule', () => {
  const seeded = (seed: number) => () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  it.each([
    [50, 6],
    [9, 6],
    [3, 6],
    [100, 3],
    [20, 10],
  ])('%i questions, %i frames: distinct moments, one in each third, plus 交卷', (n, k) => {
    for (let seed = 1; seed < 40; seed++) {
      const plan = planSchedule(n, k, seeded(seed));
      const q = plan.filter((m) => m.trigger === 'question').map((m) => m.questionIndex!);
      expect(q).toHaveLength(Math.min(n, k));
      expect(new Set(q).size).toBe(q.length);
      for (const i of q) expect(i >= 0 && i < n).toBe(true);
      for (let p = 0; p < 3; p++)
        expect(q.some((i) => i >= Math.floor((p * n) / 3) && i < Math.floor(((p + 1) * n) / 3))).toBe(true);
      expect(plan.at(-1)).toEqual({ trigger: 'submit', questionIndex: null });
    }
  });
  it('an empty paper still captures at 交卷', () => {
    expect(planSchedule(0, 6, Math.random)).toEqual([{ trigger: 'submit', questionIndex: null }]);
  });
});

describe('standard photo rules', () => {
  const rules = { minFacePx: 80, minBrightness: 25, spoofThreshold: 20 };
  const face = (size: number, real: number | null = 60) => ({
    box: [0, 0, size, size],
    size,
    score: 99,
    real,
    live: 90,
    similarity: null,
  });
  it.each([
    [{ unreadable: true }, '无法读取'],
    [{ unreadable: false, brightness: 10, faces: [] }, '太暗'],
    [{ unreadable: false, brightness: 120, faces: [] }, '未检测到人脸'],
    [{ unreadable: false, brightness: 120, faces: [face(150), face(120)] }, '2 张人脸'],
    [{ unreadable: false, brightness: 120, faces: [face(50)] }, '太小'],
    [{ unreadable: false, brightness: 12, faces: [face(150)] }, '太暗'],
  ])('%j → %s', (a, msg) => {
    expect(referencePhotoProblem(a, rules)).toContain(msg);
  });
  it('accepts one large, light enough face', () => {
    expect(referencePhotoProblem({ unreadable: false, brightness: 120, faces: [face(150)] }, rules)).toBeNull();
  });
  it('flags a low anti-spoof score, never a missing one', () => {
    expect(spoofSuspected(face(150, 10), rules)).toBe(true);
    expect(spoofSuspected(face(150, 20), rules)).toBe(false);
    expect(spoofSuspected(face(150, null), rules)).toBe(false);
  });
});
