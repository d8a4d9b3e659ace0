import { describe, expect, it } from 'vitest';
import {
  fullYearsBetween,
  rulesInputFrom,
  simpleConditionHints,
  yearsOfPractice,
  yesNo,
  type RulesInput,
} from './procedure.rules.js';

const base: RulesInput = {
  firstRegisteredAt: '2010-07-01',
  periodStart: '2024-01-01',
  periodEnd: '2026-12-31',
  goodRecord: null,
  badRecord: null,
  resident: null,
  residencyCompletedAt: null,
  titleObtainedAt: null,
};
const hint = (i: Partial<RulesInput>, id: number) => simpleConditionHints({ ...base, ...i }).find((h) => h.id === id)!;

describe('fullYearsBetween', () => {
  it('counts whole years like an age', () => {
    expect(fullYearsBetween('2021-12-31', '2026-12-31')).toBe(5);
    expect(fullYearsBetween('2022-01-01', '2026-12-31')).toBe(4);
    expect(fullYearsBetween('2014-12-31', '2026-12-30')).toBe(11);
    expect(fullYearsBetween('2014/12/31', '2026-12-31')).toBe(12);
  });
  it('is null for missing, unparsable or future dates', () => {
    expect(fullYearsBetween(null, '2026-12-31')).toBeNull();
    expect(fullYearsBetween('不详', '2026-12-31')).toBeNull();
    expect(fullYearsBetween('2027-01-01', '2026-12-31')).toBeNull();
  });
  it('yearsOfPractice is measured at the end of the cycle', () => {
    expect(yearsOfPractice({ firstRegisteredAt: '2021-12-31', periodEnd: '2026-12-31' })).toBe(5);
  });
});

describe('simpleConditionHints', () => {
  it('condition 1: ≥5 years and a good-conduct record', () => {
    expect(hint({ firstRegisteredAt: '2021-12-31', goodRecord: true }, 1).supported).toBe(true);
    expect(hint({ firstRegisteredAt: '2022-01-01', goodRecord: true }, 1).supported).toBe(false);
    expect(hint({ firstRegisteredAt: '2022-01-01', goodRecord: true }, 1).basis).toContain('不足 5 年');
    expect(hint({ firstRegisteredAt: '2010-01-01', goodRecord: false }, 1).supported).toBe(false);
    expect(hint({ firstRegisteredAt: '2010-01-01', goodRecord: null }, 1).supported).toBeNull();
    expect(hint({ firstRegisteredAt: null, goodRecord: true }, 1).supported).toBeNull();
  });
  it('condition 2: ≥12 years and no bad-conduct record', () => {
    expect(hint({ firstRegisteredAt: '2014-12-31', badRecord: false }, 2).supported).toBe(true);
    expect(hint({ firstRegisteredAt: '2015-01-01', badRecord: false }, 2).supported).toBe(false);
    expect(hint({ firstRegisteredAt: '2000-01-01', badRecord: true }, 2).supported).toBe(false);
    expect(hint({ firstRegisteredAt: '2000-01-01', badRecord: true }, 2).basis).toContain('有不良执业行为记录');
    expect(hint({ firstRegisteredAt: '2000-01-01', badRecord: null }, 2).supported).toBeNull();
  });
  it('condition 3: 规培 passed inside the cycle', () => {
    expect(hint({ residencyCompletedAt: '2025-08-31' }, 3).supported).toBe(true);
    expect(hint({ residencyCompletedAt: '2023-08-31' }, 3).supported).toBe(false);
    expect(hint({ resident: true }, 3)).toMatchObject({ supported: null, basis: expect.stringContaining('规培生') });
    expect(hint({ resident: false }, 3).supported).toBeNull();
  });
  it('condition 4: title obtained inside the cycle', () => {
    expect(hint({ titleObtainedAt: '2024-01-01' }, 4).supported).toBe(true);
    expect(hint({ titleObtainedAt: '2023-12-31' }, 4).supported).toBe(false);
    expect(hint({}, 4).supported).toBeNull();
  });
  it('returns the four conditions in order with their labels', () => {
    const hs = simpleConditionHints(base);
    expect(hs.map((h) => h.id)).toEqual([1, 2, 3, 4]);
    expect(hs[0].label).toContain('5年以上');
  });
});

describe('rulesInputFrom', () => {
  it('reads wizard data and falls back to the physician record', () => {
    const i = rulesInputFrom({
      // the wizard's stored layout (decision 0010)
      registration: { isResident: true, titleDate: '2025-03-01', departmentId: 3 },
      selfEvaluation: { goodRecord: '有', badRecord: '无' },
      physicianFirstRegisteredAt: '2008-01-01',
      periodStart: '2024-01-01',
      periodEnd: '2026-12-31',
    });
    expect(i).toMatchObject({
      firstRegisteredAt: '2008-01-01',
      goodRecord: true,
      badRecord: false,
      resident: true,
      titleObtainedAt: '2025-03-01',
    });
  });
  it('prefers the wizard 首次注册时间 over the master record', () => {
    const i = rulesInputFrom({
      registration: { firstRegisteredAt: '2019-05-01' },
      selfEvaluation: {},
      physicianFirstRegisteredAt: '2008-01-01',
      periodStart: '2024-01-01',
      periodEnd: '2026-12-31',
    });
    expect(i.firstRegisteredAt).toBe('2019-05-01');
    expect(i.goodRecord).toBeNull();
  });
  it('yesNo maps 有/无 是/否 booleans and leaves others null', () => {
    expect([
      yesNo('有'),
      yesNo('无'),
      yesNo('是'),
      yesNo('否'),
      yesNo(true),
      yesNo(false),
      yesNo(''),
      yesNo(undefined),
    ]).toEqual([true, false, true, false, true, false, null, null]);
  });
});
