import { eq } from 'drizzle-orm';
import type { AppDeps } from '../../../app.js';
import type { DbOrTx } from '../../../db/client.js';
import { questions, questionVersions } from '../../../db/schema/index.js';
import { requireProvinceAdmin, type Actor } from '../../../platform/actor.js';
import { writeAudit } from '../../../platform/audit.js';
import type { TQuestionInput, TQuestionRow } from '../../../../shared/schemas/bank.js';
import type * as repo from '../bank.repo.js';
import { validateQuestion } from '../bank.rules.js';
import { toRow, provinceScope, invalid } from '../bank.helpers.js';

async function insertQuestion(
  tx: DbOrTx,
  provinceId: number,
  input: TQuestionInput,
): Promise<{ q: repo.QuestionRow; v: repo.VersionRow }> {
  const [q] = await tx
    .insert(questions)
    .values({
      provinceId,
      bank: input.bank,
      category: input.category,
      practiceCategory: input.bank === 'professional' ? input.practiceCategory : null,
    })
    .returning();
  const [v] = await tx
    .insert(questionVersions)
    .values({
      questionId: q.id,
      version: 1,
      type: input.type,
      stem: input.stem,
      options: input.options,
      answer: [...input.answer].sort(),
      explanation: input.explanation,
      difficulty: input.difficulty,
    })
    .returning();
  const [q2] = await tx.update(questions).set({ currentVersionId: v.id }).where(eq(questions.id, q.id)).returning();
  return { q: q2, v };
}

export async function createQuestion(
  deps: AppDeps,
  actor: Actor,
  input: TQuestionInput,
  requestId?: string,
): Promise<TQuestionRow> {
  requireProvinceAdmin(actor);
  const errors = validateQuestion(input);
  if (errors.length) throw invalid(errors);
  return deps.db.transaction(async (tx) => {
    const row = await insertQuestion(tx, actor.provinceId, input);
    await writeAudit(
      tx,
      actor,
      {
        targetType: 'question',
        targetId: row.q.id,
        action: '新增试题',
        ...provinceScope(actor),
        after: { versionId: row.v.id, ...input },
      },
      requestId,
    );
    return toRow(row);
  });
}
