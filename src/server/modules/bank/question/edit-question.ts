import { and, eq, sql } from 'drizzle-orm';
import type { AppDeps } from '../../../app.js';
import { questions, questionVersions } from '../../../db/schema/index.js';
import { requireProvinceAdmin, type Actor } from '../../../platform/actor.js';
import { writeAudit } from '../../../platform/audit.js';
import { badRequest, conflict, notFound } from '../../../platform/errors.js';
import type { TQuestionEditInput, TQuestionRow } from '../../../../shared/schemas/bank.js';
import * as repo from '../bank.repo.js';
import { sameContent, validateQuestion } from '../bank.rules.js';
import { toRow, provinceScope, invalid } from '../bank.helpers.js';

/**
 * 编辑 = a new immutable version. `baseVersionId` is the version the editor started from;
 * if someone else saved meanwhile, the edit is refused (compare-and-set on current_version_id).
 */
export async function editQuestion(
  deps: AppDeps,
  actor: Actor,
  id: number,
  input: TQuestionEditInput,
  requestId?: string,
): Promise<TQuestionRow> {
  requireProvinceAdmin(actor);
  return deps.db.transaction(async (tx) => {
    const q = await repo.findQuestion(tx, actor.provinceId, id, true);
    if (!q) throw notFound('试题');
    const full = {
      ...input,
      bank: q.bank,
      practiceCategory: q.bank === 'professional' ? (input.practiceCategory ?? null) : null,
    };
    const errors = validateQuestion(full);
    if (errors.length) throw invalid(errors);
    if (q.currentVersionId !== input.baseVersionId) throw conflict('该试题已被他人修改，请刷新后重新编辑');
    const [cur] = await tx.select().from(questionVersions).where(eq(questionVersions.id, q.currentVersionId));
    const unchangedClass = q.category === full.category && q.practiceCategory === full.practiceCategory;
    if (unchangedClass && sameContent(cur, { ...full, answer: [...full.answer].sort() }))
      throw badRequest('内容没有变化，无需保存');
    const [{ max }] = await tx
      .select({ max: sql<number>`max(${questionVersions.version})::int` })
      .from(questionVersions)
      .where(eq(questionVersions.questionId, q.id));
    const [v] = await tx
      .insert(questionVersions)
      .values({
        questionId: q.id,
        version: max + 1,
        type: full.type,
        stem: full.stem,
        options: full.options,
        answer: [...full.answer].sort(),
        explanation: full.explanation,
        difficulty: full.difficulty,
      })
      .returning();
    const [q2] = await tx
      .update(questions)
      .set({
        currentVersionId: v.id,
        category: full.category,
        practiceCategory: full.practiceCategory,
        updatedAt: deps.now(),
      })
      .where(and(eq(questions.id, q.id), eq(questions.currentVersionId, input.baseVersionId)))
      .returning();
    if (!q2) throw conflict('该试题已被他人修改，请刷新后重新编辑');
    await writeAudit(
      tx,
      actor,
      {
        targetType: 'question',
        targetId: q.id,
        action: '编辑试题（新版本）',
        ...provinceScope(actor),
        before: { versionId: cur.id, version: cur.version, category: q.category },
        after: { versionId: v.id, version: v.version, category: full.category },
      },
      requestId,
    );
    return toRow({ q: q2, v });
  });
}
