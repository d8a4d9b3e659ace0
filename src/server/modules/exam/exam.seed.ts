import { and, asc, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import {
  cycles,
  enrolments,
  examAnswers,
  examAttempts,
  examBlueprints,
  examConsents,
  physicians,
} from '../../db/schema/index.js';
import { OutboxSmsGateway } from '../../platform/sms.js';
import type { DemoContext } from '../../seed/demo.js';
import { DEFAULT_PAPER_RULES } from '../../../shared/schemas/cycle.js';
import * as repo from './exam.repo.js';
import { finalizeAttempt } from './exam.service.js';
import { choiceKey, drawPaper, seededRandom, type BlueprintRule, type PaperType } from './paper.js';

/** After the question bank (order 30). */
export const order = 40;

/**
 * Demo data for tests: 试卷设置 for the demo province (sized to what the bank holds), and a
 * few physicians per institution who already took their tests (人文医学 — some twice — and
 * 业务水平), so 试题分析 and the grading lists have data. Skipped without questions.
 */
export async function seedDemo(tx: Tx, ctx: DemoContext): Promise<void> {
  const [cycle] = await tx
    .select()
    .from(cycles)
    .where(and(eq(cycles.provinceId, ctx.provinceId), eq(cycles.isCurrent, true)));
  if (!cycle) return;
  const humanities = await repo.bankCounts(tx, ctx.provinceId, 'humanities');
  const professional = await repo.bankCounts(tx, ctx.provinceId, 'professional');
  if (!humanities.length && !professional.length) {
    ctx.log.warn('题库为空，跳过测评演示数据');
    return;
  }
  const hTotal = humanities.reduce((s, r) => s + r.count, 0);
  const byPractice = new Map<string, number>();
  for (const r of professional)
    byPractice.set(r.practiceCategory ?? '', (byPractice.get(r.practiceCategory ?? '') ?? 0) + r.count);
  const pMin = byPractice.size ? Math.min(...byPractice.values()) : 0;

  const hCount = Math.min(DEFAULT_PAPER_RULES.humanities.questionCount, hTotal);
  const hRules: BlueprintRule[] = humanities
    .filter((r) => r.count >= 5)
    .slice(0, 3)
    .map((r) => ({ category: r.category, difficulty: null, count: Math.min(8, r.count) }));
  while (hRules.reduce((s, r) => s + r.count, 0) > hCount) hRules.pop();
  const rows: (typeof examBlueprints.$inferInsert & {
    paperType: PaperType;
    durationMinutes: number;
    questionCount: number;
    rules: BlueprintRule[];
  })[] = [];
  if (hCount > 0) {
    rows.push({
      cycleId: cycle.id,
      provinceId: ctx.provinceId,
      paperType: 'humanities' as const,
      durationMinutes: 60,
      questionCount: hCount,
      attempts: 10,
      rules: hRules,
    });
  }
  if (pMin > 0) {
    rows.push({
      cycleId: cycle.id,
      provinceId: ctx.provinceId,
      paperType: 'professional' as const,
      durationMinutes: 60,
      questionCount: Math.min(100, pMin),
      attempts: 1,
      rules: [],
    });
  }
  if (rows.length) await tx.insert(examBlueprints).values(rows).onConflictDoNothing();
  if (!hCount) return;

  // Finished attempts: the first two physicians at 待参加测评 of each institution.
  const deps = { now: () => new Date(), sms: new OutboxSmsGateway() };
  const ready = await tx
    .select({ e: enrolments, level: physicians.level, practiceCategory: physicians.practiceCategory })
    .from(enrolments)
    .innerJoin(physicians, eq(physicians.id, enrolments.physicianId))
    .where(
      and(
        eq(enrolments.cycleId, cycle.id),
        eq(enrolments.status, 'ready_for_exam'),
        eq(enrolments.deferralApproved, false),
      ),
    )
    .orderBy(asc(enrolments.institutionId), asc(enrolments.id));
  const perInstitution = new Map<number, number>();
  let finished = 0;
  const now = Date.now();
  for (const [n, r] of ready.entries()) {
    const k = perInstitution.get(r.e.institutionId) ?? 0;
    if (k >= 2) continue;
    perInstitution.set(r.e.institutionId, k + 1);
    await tx
      .insert(examConsents)
      .values({ enrolmentId: r.e.id, physicianId: r.e.physicianId, consentedAt: new Date(now - 3 * 86400_000) })
      .onConflictDoNothing();
    const skill = 0.45 + ((n * 37) % 50) / 100; // 0.45 … 0.94
    const take = async (paperType: PaperType, attemptNo: number, minutesAgo: number, skillNow: number) => {
      const bank = await repo.loadBank(
        tx,
        ctx.provinceId,
        paperType,
        paperType === 'professional' ? r.practiceCategory : null,
        0,
      );
      const bp = rows.find((x) => x.paperType === paperType)!;
      const paper = drawPaper(bank, bp, `demo-${r.e.id}-${paperType}-${attemptNo}`);
      const started = new Date(now - minutesAgo * 60_000);
      const passScore =
        paperType === 'humanities'
          ? cycle.passHumanities
          : r.level === '执业助理医师'
            ? cycle.passProfessionalAssistant
            : cycle.passProfessionalPhysician;
      const [a] = await tx
        .insert(examAttempts)
        .values({
          enrolmentId: r.e.id,
          cycleId: cycle.id,
          provinceId: ctx.provinceId,
          physicianId: r.e.physicianId,
          orgPath: r.e.orgPath,
          paperType,
          round: 'first',
          attemptNo,
          status: 'in_progress',
          startedAt: started,
          deadlineAt: new Date(started.getTime() + bp.durationMinutes * 60_000),
          questionCount: paper.items.length,
          passScore,
          paper,
          answerKey: paper.items.map((i) => i.a.join(',')),
        })
        .returning({ id: examAttempts.id });
      const rnd = seededRandom(`answers-${a.id}`);
      const answers = paper.items.flatMap((it, i) => {
        const x = rnd();
        if (x > 0.97) return []; // left blank
        // harder items are missed more often
        const right = x < skillNow - (it.d - 3) * 0.06;
        const wrong = it.o.filter((id) => !it.a.includes(id));
        const choice = right ? it.a : [wrong[Math.floor(rnd() * wrong.length)] ?? it.o[0]];
        return [
          {
            attemptId: a.id,
            questionIndex: i,
            choice: choiceKey(choice),
            marked: false,
            savedAt: new Date(started.getTime() + (i + 1) * 20_000),
          },
        ];
      });
      if (answers.length) await tx.insert(examAnswers).values(answers);
      // closed as if the physician pressed 交卷 a little before the deadline
      const submitAt = new Date(started.getTime() + 40 * 60_000);
      return finalizeAttempt(tx, { ...deps, now: () => submitAt }, null, a.id, 'submit');
    };
    let h = await take('humanities', 1, 3 * 1440, skill);
    if (h && !h.passed) h = await take('humanities', 2, 2 * 1440, Math.min(0.95, skill + 0.25));
    if (r.e.procedure === 'general' && !r.e.professionalExempt && h?.passed && pMin > 0)
      await take('professional', 1, 1440, skill);
    finished++;
  }
  const [{ n }] = (await tx.execute(sql`SELECT count(*)::int AS n FROM exam_attempts WHERE cycle_id = ${cycle.id}`))
    .rows as { n: number }[];
  ctx.log.info({ physicians: finished, attempts: n }, '测评演示数据已写入');
}
