import type { Actor } from '../../../platform/actor.js';
import { requireProvinceAdmin } from '../../../platform/actor.js';
import { writeAudit } from '../../../platform/audit.js';
import { badRequest } from '../../../platform/errors.js';
import { examBlueprints } from '../../../db/schema/index.js';
import { PAPER_LABELS, type TBlueprintInput } from '../../../../shared/schemas/exam.js';
import { currentCycle } from '../../enrolment/enrolment.transition.js';
import type { ExamDeps } from '../exam.caches.js';
import { blueprintError, type PaperType } from '../paper.js';
import { effectiveBlueprint } from './effective.js';

/** 【保存】 on 试卷设置 (province administration), audited with before/after. */
export async function saveBlueprint(
  deps: ExamDeps,
  actor: Actor,
  paperType: PaperType,
  input: TBlueprintInput,
  requestId?: string,
): Promise<void> {
  requireProvinceAdmin(actor);
  if (paperType === 'professional' && input.attempts !== 1)
    throw badRequest('业务水平测评仅一次答题机会，答题次数须为1');
  const rules = input.rules.map((r) => ({
    category: r.category || null,
    difficulty: r.difficulty ?? null,
    count: r.count,
  }));
  const err = blueprintError({ questionCount: input.questionCount, rules });
  if (err) throw badRequest(err);
  await deps.db.transaction(async (tx) => {
    const cycle = await currentCycle(tx, actor.provinceId);
    const before = await effectiveBlueprint(tx, cycle, paperType);
    await tx
      .insert(examBlueprints)
      .values({
        cycleId: cycle.id,
        provinceId: actor.provinceId,
        paperType,
        durationMinutes: input.durationMinutes,
        questionCount: input.questionCount,
        attempts: input.attempts,
        rules,
        updatedAt: deps.now(),
      })
      .onConflictDoUpdate({
        target: [examBlueprints.cycleId, examBlueprints.paperType],
        set: {
          durationMinutes: input.durationMinutes,
          questionCount: input.questionCount,
          attempts: input.attempts,
          rules,
          updatedAt: deps.now(),
        },
      });
    await writeAudit(
      tx,
      actor,
      {
        targetType: 'exam_blueprint',
        targetId: `${cycle.id}:${paperType}`,
        action: `试卷设置（${PAPER_LABELS[paperType]}）`,
        orgPath: actor.orgPath,
        provinceId: actor.provinceId,
        before,
        after: { ...input, rules },
      },
      requestId,
    );
  });
}
