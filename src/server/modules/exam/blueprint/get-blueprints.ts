import type { Actor } from '../../../platform/actor.js';
import { requireProvinceAdmin } from '../../../platform/actor.js';
import { PAPER_LABELS, PAPER_TYPES, type TBlueprints } from '../../../../shared/schemas/exam.js';
import { currentCycle } from '../../enrolment/enrolment.transition.js';
import type { ExamDeps } from '../exam.caches.js';
import * as repo from '../exam.repo.js';
import type { BlueprintRule, PaperType } from '../paper.js';
import { effectiveBlueprint } from './effective.js';
import { startLimitOf } from './start-limit.js';

/** 试卷设置: the effective blueprint of each paper, its pass lines and what the bank can supply. */
export async function getBlueprints(deps: ExamDeps, actor: Actor): Promise<TBlueprints> {
  requireProvinceAdmin(actor);
  const cycle = await currentCycle(deps.db, actor.provinceId);
  const papers = [];
  for (const paperType of PAPER_TYPES) {
    const bp = await effectiveBlueprint(deps.db, cycle, paperType);
    const bank = await repo.bankCounts(deps.db, actor.provinceId, paperType);
    papers.push({
      paperType,
      label: PAPER_LABELS[paperType],
      ...bp,
      rules: bp.rules.map((r) => ({ category: r.category ?? null, difficulty: r.difficulty ?? null, count: r.count })),
      passLines:
        paperType === 'humanities'
          ? [{ label: '合格分数', score: cycle.passHumanities }]
          : [
              { label: '执业医师', score: cycle.passProfessionalPhysician },
              { label: '执业助理医师', score: cycle.passProfessionalAssistant },
            ],
      bank,
      warning: bankWarning(paperType, bp, bank),
    });
  }
  return {
    cycle: { id: cycle.id, name: cycle.name },
    papers,
    startLimit: await startLimitOf(deps.db, actor.provinceId),
  };
}

/** What drawing would hit with this bank: for 业务水平 every 执业类别 must be able to fill a paper. */
function bankWarning(
  paperType: PaperType,
  bp: { questionCount: number; rules: BlueprintRule[] },
  bank: { category: string; practiceCategory: string | null; count: number }[],
): string | null {
  const groups = paperType === 'professional' ? [...new Set(bank.map((b) => b.practiceCategory ?? ''))] : [''];
  if (!bank.length) return '题库中尚无启用的试题，医师将无法开始测评';
  for (const g of groups) {
    const rows = paperType === 'professional' ? bank.filter((b) => (b.practiceCategory ?? '') === g) : bank;
    const total = rows.reduce((s, r) => s + r.count, 0);
    const who = paperType === 'professional' ? `执业类别「${g || '未设置'}」` : '题库';
    if (total < bp.questionCount) return `${who}只有 ${total} 道启用试题，少于题量 ${bp.questionCount} 道`;
    for (const r of bp.rules) {
      if (!r.category || r.difficulty != null) continue;
      const n = rows.filter((x) => x.category === r.category).reduce((s, x) => s + x.count, 0);
      if (n < r.count) return `${who}中「${r.category}」只有 ${n} 道启用试题，组卷规则需要 ${r.count} 道`;
    }
  }
  return null;
}
