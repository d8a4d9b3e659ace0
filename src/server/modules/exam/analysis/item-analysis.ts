import { and, eq, inArray } from 'drizzle-orm';
import { questions, questionVersions } from '../../../db/schema/index.js';
import type { Actor } from '../../../platform/actor.js';
import { requireProvinceAdmin } from '../../../platform/actor.js';
import type { TItemAnalysis, TItemAnalysisQuery } from '../../../../shared/schemas/exam.js';
import { currentCycle } from '../../enrolment/enrolment.transition.js';
import type { ExamDeps } from '../exam.caches.js';
import { windowEnd } from '../exam.context.js';
import * as repo from '../exam.repo.js';
import { groupSize, itemStats } from './item-stats.js';

export async function itemAnalysis(deps: ExamDeps, actor: Actor, q: TItemAnalysisQuery): Promise<TItemAnalysis> {
  requireProvinceAdmin(actor);
  const cycle = await currentCycle(deps.db, actor.provinceId);
  const f = { provinceId: actor.provinceId, cycleId: cycle.id, paperType: q.paperType, round: q.round };
  const n = await repo.countScored(deps.db, f);
  const stats = n ? itemStats(await repo.itemCounts(deps.db, { ...f, groupSize: groupSize(n) })) : [];
  const flaggedCount = stats.filter((s) => s.flagged).length;
  const list = (q.flaggedOnly === '1' ? stats.filter((s) => s.flagged) : stats).sort(
    (a, b) =>
      Number(b.flagged) - Number(a.flagged) ||
      (a.discrimination ?? 2) - (b.discrimination ?? 2) ||
      a.versionId - b.versionId,
  );
  const page = list.slice((q.page - 1) * q.pageSize, q.page * q.pageSize);
  const ids = page.map((s) => s.versionId);
  const versions = ids.length
    ? await deps.db
        .select({
          id: questionVersions.id,
          questionId: questionVersions.questionId,
          version: questionVersions.version,
          type: questionVersions.type,
          stem: questionVersions.stem,
          options: questionVersions.options,
          answer: questionVersions.answer,
          difficulty: questionVersions.difficulty,
          category: questions.category,
          practiceCategory: questions.practiceCategory,
          status: questions.status,
        })
        .from(questionVersions)
        .innerJoin(questions, eq(questions.id, questionVersions.questionId))
        .where(and(inArray(questionVersions.id, ids), eq(questions.provinceId, actor.provinceId)))
    : [];
  const byId = new Map(versions.map((v) => [v.id, v]));
  const w = cycle.windows[q.round === 'first' ? 'exam' : 'reexam'];
  return {
    cycleName: cycle.name,
    window: w ? { start: w.start, end: w.end, closed: deps.now() > windowEnd(w) } : null,
    attempts: n,
    items: stats.length,
    flagged: flaggedCount,
    total: list.length,
    rows: page.flatMap((s) => {
      const v = byId.get(s.versionId);
      if (!v) return [];
      return [
        {
          versionId: s.versionId,
          questionId: v.questionId,
          version: v.version,
          type: v.type,
          category: v.category,
          practiceCategory: v.practiceCategory,
          stem: v.stem,
          difficulty: v.difficulty,
          questionStatus: v.status,
          responses: s.responses,
          pValue: s.pValue,
          discrimination: s.discrimination,
          unanswered: s.unanswered,
          flagged: s.flagged,
          options: v.options.map((o) => ({
            key: o.key,
            text: o.text,
            correct: v.answer.includes(o.key),
            count: s.optionCounts[o.key] ?? 0,
            share: s.responses ? Math.round(((s.optionCounts[o.key] ?? 0) / s.responses) * 1000) / 1000 : 0,
          })),
        },
      ];
    }),
  };
}
