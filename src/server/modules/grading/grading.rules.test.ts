import { describe, expect, it } from 'vitest';
import { gradeOutcome, type GradingInput } from './grading.rules.js';

const lines = { passHumanities: 60, passProfessionalPhysician: 60, passProfessionalAssistant: 55 };
const base: GradingInput = {
  procedure: 'general',
  level: '执业医师',
  humanitiesScore: 80,
  professionalScore: 70,
  humanitiesExempt: false,
  professionalExempt: false,
  workResult: '合格',
  ethicsResult: '合格',
};

describe('grading rules', () => {
  it('passes a general-procedure physician with both papers at or above the lines', () => {
    expect(gradeOutcome(base, lines).passed).toBe(true);
    expect(gradeOutcome({ ...base, humanitiesScore: 60, professionalScore: 60 }, lines).passed).toBe(true);
  });
  it('fails on any paper below its line', () => {
    expect(gradeOutcome({ ...base, humanitiesScore: 59 }, lines).passed).toBe(false);
    expect(gradeOutcome({ ...base, professionalScore: 59 }, lines).passed).toBe(false);
    expect(gradeOutcome({ ...base, professionalScore: null }, lines).passed).toBe(false);
  });
  it('uses 55 for 执业助理医师 on 业务水平', () => {
    const r = gradeOutcome({ ...base, level: '执业助理医师', professionalScore: 56 }, lines);
    expect(r.professional.passLine).toBe(55);
    expect(r.passed).toBe(true);
    expect(gradeOutcome({ ...base, level: '执业助理医师', professionalScore: 54 }, lines).passed).toBe(false);
  });
  it('ignores 业务水平 for the simple procedure and honours exemptions', () => {
    const simple = gradeOutcome({ ...base, procedure: 'simple', professionalScore: null }, lines);
    expect(simple.professional.passed).toBeNull();
    expect(simple.passed).toBe(true);
    expect(gradeOutcome({ ...base, professionalExempt: true, professionalScore: null }, lines).passed).toBe(true);
    expect(
      gradeOutcome({ ...base, procedure: 'simple', humanitiesExempt: true, humanitiesScore: null }, lines).passed,
    ).toBe(true);
  });
  it('fails when 工作成绩 or 职业道德 is 不合格 whatever the scores', () => {
    expect(gradeOutcome({ ...base, workResult: '不合格' }, lines).passed).toBe(false);
    expect(gradeOutcome({ ...base, ethicsResult: '不合格' }, lines).passed).toBe(false);
  });
});
