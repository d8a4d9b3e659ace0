import { and, eq } from 'drizzle-orm';
import type { AppDeps } from '../../../app.js';
import { questions, questionVersions } from '../../../db/schema/index.js';
import { requireProvinceAdmin, type Actor } from '../../../platform/actor.js';
import { writeAudit } from '../../../platform/audit.js';
import { conflict, notFound } from '../../../platform/errors.js';
import type { TQuestionRow } from '../../../../shared/schemas/bank.js';
import * as repo from '../bank.repo.js';
import { toRow, provinceScope } from '../bank.helpers.js';

/** 停用 / 启用 (compare-and-set on status). */
export async function setQuestionStatus(
  deps: AppDeps,
  actor: Actor,
  id: number,
  to: 'enabled' | 'retired',
  requestId?: string,
): Promise<TQuestionRow> {
  requireProvinceAdmin(actor);
  const from = to === 'enabled' ? 'retired' : 'enabled';
  return deps.db.transaction(async (tx) => {
    const [q] = await tx
      .update(questions)
      .set({ status: to, updatedAt: deps.now() })
      .where(and(eq(questions.id, id), eq(questions.provinceId, actor.provinceId), eq(questions.status, from)))
      .returning();
    if (!q) {
      const exists = await repo.findQuestion(tx, actor.provinceId, id);
      if (!exists) throw notFound('试题');
      throw conflict(to === 'enabled' ? '该试题已是启用状态' : '该试题已停用');
    }
    await writeAudit(
      tx,
      actor,
      {
        targetType: 'question',
        targetId: id,
        action: to === 'enabled' ? '启用试题' : '停用试题',
        ...provinceScope(actor),
        before: { status: from },
        after: { status: to },
      },
      requestId,
    );
    const [v] = await tx.select().from(questionVersions).where(eq(questionVersions.id, q.currentVersionId!));
    return toRow({ q, v });
  });
}

// ---------------------------------------------------------------- import / export
