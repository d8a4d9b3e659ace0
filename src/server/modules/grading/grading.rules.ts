/**
 * Pure grading rules (domain.md §6.7–6.9): which papers count, pass lines, and the result.
 * Failing any of 工作成绩, 职业道德, 业务水平 (or 人文医学) → 不合格.
 */
export interface GradingInput {
  procedure: 'general' | 'simple' | null;
  level: string;
  humanitiesScore: number | null;
  professionalScore: number | null;
  humanitiesExempt: boolean;
  professionalExempt: boolean;
  workResult: string | null;
  ethicsResult: string | null;
}

export interface PassLines {
  passHumanities: number;
  passProfessionalPhysician: number;
  passProfessionalAssistant: number;
}

export interface PaperOutcome {
  score: number | null;
  passLine: number;
  exempt: boolean;
  /** null: not part of this procedure */
  passed: boolean | null;
}

export function professionalPassLine(level: string, lines: PassLines): number {
  return level === '执业助理医师' ? lines.passProfessionalAssistant : lines.passProfessionalPhysician;
}

export function gradeOutcome(
  e: GradingInput,
  lines: PassLines,
): { humanities: PaperOutcome; professional: PaperOutcome; passed: boolean } {
  const humanities: PaperOutcome = {
    score: e.humanitiesScore,
    passLine: lines.passHumanities,
    exempt: e.humanitiesExempt,
    passed: e.humanitiesExempt ? true : e.humanitiesScore !== null && e.humanitiesScore >= lines.passHumanities,
  };
  const takesProfessional = e.procedure === 'general';
  const professional: PaperOutcome = {
    score: e.professionalScore,
    passLine: professionalPassLine(e.level, lines),
    exempt: e.professionalExempt,
    passed: !takesProfessional
      ? null
      : e.professionalExempt
        ? true
        : e.professionalScore !== null && e.professionalScore >= professionalPassLine(e.level, lines),
  };
  const evaluationOk = e.workResult !== '不合格' && e.ethicsResult !== '不合格';
  const passed = evaluationOk && humanities.passed === true && professional.passed !== false;
  return { humanities, professional, passed };
}
