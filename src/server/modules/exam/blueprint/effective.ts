import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client.js';
import { examBlueprints } from '../../../db/schema/index.js';
import { DEFAULT_PAPER_RULES } from '../../../../shared/schemas/cycle.js';
import type { Cycle } from '../../enrolment/enrolment.transition.js';
import type { BlueprintRule, PaperType } from '../paper.js';

export interface EffectiveBlueprint {
  durationMinutes: number;
  questionCount: number;
  attempts: number;
  rules: BlueprintRule[];
  custom: boolean;
}

/** The blueprint of a paper type in a cycle: 试卷设置 if saved, else the cycle's paper rules, else the defaults. */
export async function effectiveBlueprint(db: DbOrTx, cycle: Cycle, paperType: PaperType): Promise<EffectiveBlueprint> {
  const [row] = await db
    .select()
    .from(examBlueprints)
    .where(and(eq(examBlueprints.cycleId, cycle.id), eq(examBlueprints.paperType, paperType)));
  if (row)
    return {
      durationMinutes: row.durationMinutes,
      questionCount: row.questionCount,
      attempts: paperType === 'professional' ? 1 : row.attempts,
      rules: row.rules,
      custom: true,
    };
  const base = cycle.paperRules?.[paperType] ?? DEFAULT_PAPER_RULES[paperType];
  return {
    durationMinutes: base.durationMinutes,
    questionCount: base.questionCount,
    attempts: paperType === 'professional' ? 1 : base.attempts,
    rules: [],
    custom: false,
  };
}
