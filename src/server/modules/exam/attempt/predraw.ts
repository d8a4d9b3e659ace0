/**
 * Papers drawn ahead (issue 9, start-spike control): the job `exam.predraw` draws the next
 * paper of every enrolment waiting to take a test, so that 【去考试】 at the exam-day peak
 * reads one row instead of loading the bank and drawing. A paper drawn for an older 试卷设置
 * is discarded at start (drawn fresh). Bank edits after the draw apply from the next attempt,
 * as for any started paper.
 */
import { randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client.js';
import { cycles } from '../../../db/schema/index.js';
import type { EffectiveBlueprint } from '../blueprint/effective.js';
import { effectiveBlueprint } from '../blueprint/effective.js';
import type { ExamDeps } from '../exam.caches.js';
import * as repo from '../exam.repo.js';
import { drawPaper, type FrozenPaper, PaperDrawError, type PaperType } from '../paper.js';

export const blueprintStamp = (bp: Pick<EffectiveBlueprint, 'questionCount' | 'rules'>) =>
  `${bp.questionCount}|${JSON.stringify(bp.rules)}`;

/** The paper drawn ahead for this start, consumed (null when none or drawn for another blueprint). */
export async function takePredrawn(
  tx: DbOrTx,
  enrolmentId: number,
  paperType: PaperType,
  round: 'first' | 'reexam',
  stamp: string,
): Promise<FrozenPaper | null> {
  const r = await tx.execute(sql`
    DELETE FROM exam_predrawn_papers WHERE enrolment_id = ${enrolmentId} AND paper_type = ${paperType} AND round = ${round}
    RETURNING paper, blueprint_stamp AS stamp`);
  const row = r.rows[0] as { paper: FrozenPaper; stamp: string } | undefined;
  return row && row.stamp === stamp ? row.paper : null;
}

interface Candidate {
  id: number;
  cycleId: number;
  provinceId: number;
  round: 'first' | 'reexam';
  practiceCategory: string;
}

/**
 * Draw the next paper for up to `limit` enrolments per paper type that wait for a test and have
 * none drawn yet (only `onlyIds` when given); drop papers of enrolments that left the test
 * stages. Returns the number drawn.
 */
export async function predrawPapers(
  deps: Pick<ExamDeps, 'db' | 'logger' | 'examCaches'>,
  limit = 500,
  onlyIds?: number[],
): Promise<number> {
  const only = onlyIds ? sql`AND e.id = ANY(${sql.param(onlyIds)}::bigint[])` : sql``;
  await deps.db.execute(sql`
    DELETE FROM exam_predrawn_papers x USING enrolments e
     WHERE e.id = x.enrolment_id AND e.status NOT IN ('ready_for_exam', 'reexam_ready') ${only}`);
  let drawn = 0;
  for (const paperType of ['humanities', 'professional'] as const) {
    const r = await deps.db.execute(sql`
      SELECT e.id, e.cycle_id AS "cycleId", e.province_id AS "provinceId", p.practice_category AS "practiceCategory",
             CASE WHEN e.status = 'reexam_ready' THEN 'reexam' ELSE 'first' END AS round
        FROM enrolments e JOIN physicians p ON p.id = e.physician_id
       WHERE e.status IN ('ready_for_exam', 'reexam_ready') AND e.procedure IS NOT NULL ${only}
         AND ${paperType === 'humanities' ? sql`NOT e.humanities_exempt` : sql`e.procedure = 'general' AND NOT e.professional_exempt`}
         AND NOT EXISTS (SELECT 1 FROM exam_predrawn_papers x
                          WHERE x.enrolment_id = e.id AND x.paper_type = ${paperType}
                            AND x.round = CASE WHEN e.status = 'reexam_ready' THEN 'reexam' ELSE 'first' END)
         AND NOT EXISTS (SELECT 1 FROM exam_attempts a
                          WHERE a.enrolment_id = e.id AND a.paper_type = ${paperType} AND a.status = 'in_progress')
       ORDER BY e.id LIMIT ${limit}`);
    const rows = r.rows as unknown as Candidate[];
    const bps = new Map<number, EffectiveBlueprint>();
    const values: { e: Candidate; stamp: string; paper: FrozenPaper }[] = [];
    for (const e of rows) {
      let bp = bps.get(e.cycleId);
      if (!bp) {
        const [cycle] = await deps.db.select().from(cycles).where(eq(cycles.id, e.cycleId));
        bp = await effectiveBlueprint(deps.db, cycle, paperType);
        bps.set(e.cycleId, bp);
      }
      const bank = await repo.loadBank(
        deps.db,
        e.provinceId,
        paperType,
        paperType === 'professional' ? e.practiceCategory : null,
        Date.now(),
        deps.examCaches.bank,
      );
      try {
        values.push({ e, stamp: blueprintStamp(bp), paper: drawPaper(bank, bp, randomBytes(16).toString('hex')) });
      } catch (err) {
        if (!(err instanceof PaperDrawError)) throw err;
        deps.logger.warn({ enrolmentId: e.id, paperType, reason: err.message }, '预先组卷失败：题库不足');
      }
    }
    for (const v of values) {
      await deps.db.execute(sql`
        INSERT INTO exam_predrawn_papers (enrolment_id, paper_type, round, province_id, blueprint_stamp, paper)
        VALUES (${v.e.id}, ${paperType}, ${v.e.round}, ${v.e.provinceId}, ${v.stamp}, ${JSON.stringify(v.paper)}::jsonb)
        ON CONFLICT DO NOTHING`);
      drawn++;
    }
  }
  return drawn;
}
