import { and, eq } from 'drizzle-orm';
import { wrongQuestions } from '../../../db/schema/index.js';
import type { Actor } from '../../../platform/actor.js';
import { writeAudit } from '../../../platform/audit.js';
import { notFound } from '../../../platform/errors.js';
import { findOwnPhysician } from '../learning.repo.js';
import type { Deps } from '../learning.helpers.js';

export async function removeWrong(deps: Deps, actor: Actor, id: number, requestId?: string): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const p = await findOwnPhysician(tx, actor);
    const [row] = await tx
      .delete(wrongQuestions)
      .where(and(eq(wrongQuestions.id, id), eq(wrongQuestions.physicianId, p.id)))
      .returning();
    if (!row) throw notFound('错题');
    await writeAudit(
      tx,
      actor,
      {
        targetType: 'wrong_question',
        targetId: id,
        action: '移出错题收藏',
        orgPath: p.orgPath,
        provinceId: p.provinceId,
        before: { questionId: row.questionId },
      },
      requestId,
    );
  });
}

export async function clearWrong(deps: Deps, actor: Actor, requestId?: string): Promise<number> {
  return deps.db.transaction(async (tx) => {
    const p = await findOwnPhysician(tx, actor);
    const rows = await tx
      .delete(wrongQuestions)
      .where(eq(wrongQuestions.physicianId, p.id))
      .returning({ id: wrongQuestions.id });
    await writeAudit(
      tx,
      actor,
      {
        targetType: 'physician',
        targetId: p.id,
        action: '清空错题收藏',
        orgPath: p.orgPath,
        provinceId: p.provinceId,
        after: { removed: rows.length },
      },
      requestId,
    );
    return rows.length;
  });
}

// ---------------------------------------------------------------- 考前资料
