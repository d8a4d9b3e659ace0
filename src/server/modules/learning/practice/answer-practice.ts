import { practiceAnswers } from '../../../db/schema/index.js';
import type { Actor } from '../../../platform/actor.js';
import { badRequest, notFound } from '../../../platform/errors.js';
import type { TPracticeAnswerInput, TPracticeResult } from '../../../../shared/schemas/learning.js';
import { findOwnPhysician, findPracticeVersion } from '../learning.repo.js';
import { type Deps, sameSet, collectWrong } from '../learning.helpers.js';

/** Check a practice answer on the server, record it (frozen to the version shown), collect a wrong one. */
export async function answerPractice(deps: Deps, actor: Actor, input: TPracticeAnswerInput): Promise<TPracticeResult> {
  return deps.db.transaction(async (tx) => {
    const p = await findOwnPhysician(tx, actor);
    const row = await findPracticeVersion(tx, p, input.versionId);
    if (!row) throw notFound('试题');
    const keys = row.v.options.map((o) => o.key);
    const chosen = [...new Set(input.chosen)].sort();
    if (chosen.some((k) => !keys.includes(k))) throw badRequest('所选选项不属于本题，请刷新后重试');
    if (row.v.type !== 'multiple' && chosen.length !== 1)
      throw badRequest(row.v.type === 'judge' ? '判断题只能选择一项' : '单选题只能选择一项');
    const correct = sameSet(chosen, row.v.answer);
    const now = deps.now();
    await tx.insert(practiceAnswers).values({
      physicianId: p.id,
      provinceId: p.provinceId,
      questionId: row.q.id,
      versionId: row.v.id,
      chosen,
      correct,
      createdAt: now,
    });
    if (!correct) await collectWrong(tx, p, [{ questionId: row.q.id, versionId: row.v.id, chosen }], 'practice', now);
    return { correct, chosen, answer: [...row.v.answer].sort(), explanation: row.v.explanation };
  });
}

// ---------------------------------------------------------------- 模拟自测
