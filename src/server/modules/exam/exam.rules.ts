/**
 * Which papers a physician must take, may enter now, and when all are done — pure.
 * Rules (domain.md §6.7, seeds 001/003): simple procedure → 人文医学 only; general →
 * 人文医学 then 业务水平; an exempted paper is not offered; 人文医学 counts as passed once a
 * passing score is reached (up to N attempts); 业务水平 exactly one attempt. In a re-exam
 * only the papers that failed in the first round are taken again.
 */
import type { PaperType } from './paper.js';

export interface AttemptSummary {
  id: number;
  paperType: PaperType;
  round: 'first' | 'reexam';
  attemptNo: number;
  status: 'in_progress' | 'submitted' | 'timed_out';
  score: number | null;
  passed: boolean | null;
}

export interface RulesInput {
  procedure: 'general' | 'simple' | null;
  humanitiesExempt: boolean;
  professionalExempt: boolean;
  round: 'first' | 'reexam';
  /** first-round scores stored on the enrolment (used to decide what a re-exam covers) */
  firstRoundScores: { humanities: number | null; professional: number | null };
  passLines: Record<PaperType, number>;
  attemptsAllowed: Record<PaperType, number>;
  attempts: readonly AttemptSummary[];
}

export interface PaperRuleState {
  paperType: PaperType;
  /** belongs to the procedure (simple: humanities only) */
  applicable: boolean;
  exempt: boolean;
  /** must be taken in this round */
  required: boolean;
  attemptsUsed: number;
  attemptsLeft: number;
  bestScore: number | null;
  passed: boolean;
  /** nothing more to do on this paper in this round */
  done: boolean;
  inProgressId: number | null;
  /** reason the paper cannot be started now (order rule, attempts, passed …), or null */
  blocked: string | null;
}

export interface RulesResult {
  papers: Record<PaperType, PaperRuleState>;
  /** all required papers are done → FINISH_PAPERS / FINISH_REEXAM */
  finished: boolean;
}

export function paperStates(input: RulesInput): RulesResult {
  const mk = (paperType: PaperType): PaperRuleState => {
    const applicable = paperType === 'humanities' ? input.procedure !== null : input.procedure === 'general';
    const exempt = paperType === 'humanities' ? input.humanitiesExempt : input.professionalExempt;
    let required = applicable && !exempt;
    if (required && input.round === 'reexam') {
      const first = input.firstRoundScores[paperType];
      required = first === null || first < input.passLines[paperType];
    }
    const mine = input.attempts.filter((a) => a.paperType === paperType && a.round === input.round);
    const closed = mine.filter((a) => a.status !== 'in_progress');
    const open = mine.find((a) => a.status === 'in_progress') ?? null;
    const scores = closed.map((a) => a.score).filter((s): s is number => s !== null);
    const bestScore = scores.length ? Math.max(...scores) : null;
    const passed = closed.some((a) => a.passed === true);
    const allowed = paperType === 'professional' ? 1 : input.attemptsAllowed[paperType];
    const attemptsUsed = mine.length;
    const attemptsLeft = Math.max(0, allowed - attemptsUsed);
    const done = !open && (passed || attemptsLeft === 0 || (paperType === 'professional' && closed.length > 0));
    return {
      paperType,
      applicable,
      exempt,
      required,
      attemptsUsed,
      attemptsLeft,
      bestScore,
      passed,
      done,
      inProgressId: open?.id ?? null,
      blocked: null,
    };
  };
  const h = mk('humanities');
  const p = mk('professional');

  // Passed earlier (first round) counts for the order rule in a re-exam.
  const humanitiesCleared = h.exempt || !h.applicable || h.passed || (!h.required && input.round === 'reexam');
  const humanitiesFailedForGood = h.required && h.done && !h.passed;

  for (const s of [h, p]) {
    if (s.inProgressId) continue;
    if (!s.applicable) s.blocked = s.paperType === 'professional' ? '简易程序无需参加业务水平测评' : '尚未确定考核程序';
    else if (s.exempt) s.blocked = '已免考';
    else if (!s.required) s.blocked = '首轮考核已合格，本次无需参加';
    else if (s.passed) s.blocked = '已达到合格分数，无需再次答题';
    else if (s.paperType === 'professional' && s.attemptsUsed > 0) s.blocked = '业务水平测评仅一次答题机会，您已参加';
    else if (s.attemptsLeft === 0) s.blocked = '答题次数已用完';
  }
  if (!p.blocked && !p.inProgressId && p.required && !humanitiesCleared) {
    p.blocked = humanitiesFailedForGood
      ? '人文医学测评未达到合格分数，不能参加业务水平测评'
      : '请先完成人文医学测评并达到合格分数，再参加业务水平测评';
  }

  const anyRequired = h.required || p.required;
  const finished =
    anyRequired &&
    !h.inProgressId &&
    !p.inProgressId &&
    (humanitiesFailedForGood || ((!h.required || h.done) && (!p.required || p.done)));
  return { papers: { humanities: h, professional: p }, finished };
}
