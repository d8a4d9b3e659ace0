import { ENROLMENT_STATUSES } from '../../../shared/enrolment-status.js';
import { findCurrentCycle } from './cycle.repo.js';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { AppDeps } from '../../app.js';
import type { DbOrTx } from '../../db/client.js';
import { cycles, enrolments, provinceSettings } from '../../db/schema/index.js';
import { requireProvinceAdmin, type Actor } from '../../platform/actor.js';
import { writeAudit } from '../../platform/audit.js';
import { AppError, badRequest } from '../../platform/errors.js';
import {
  DEFAULT_CONTENT_ITEMS,
  DEFAULT_PAPER_RULES,
  WINDOW_KEYS,
  WINDOW_LABELS_ZH,
  type TCycle,
  type TCycleContentInput,
  type TCycleRulesInput,
  type TCycleSettings,
  type TCycleTimesInput,
} from '../../../shared/schemas/cycle.js';

type CycleRow = typeof cycles.$inferSelect;

export function toCycleView(c: CycleRow): TCycle {
  return {
    id: c.id,
    name: c.name,
    periodStart: c.periodStart,
    periodEnd: c.periodEnd,
    windows: c.windows,
    contentItems: c.contentItems,
    passHumanities: c.passHumanities,
    passProfessionalPhysician: c.passProfessionalPhysician,
    passProfessionalAssistant: c.passProfessionalAssistant,
    paperRules: c.paperRules,
    procedureChoice: c.procedureChoice,
    updatedAt: c.updatedAt.toISOString(),
  };
}

const findCurrent = findCurrentCycle;

/** Statuses in which a physician has submitted something in the cycle's procedure mode. */
const SUBMITTED_STATUSES = ENROLMENT_STATUSES.filter((st) => !['not_opened', 'opened', 'withdrawn'].includes(st));

async function procedureChoiceLocked(db: DbOrTx, cycleId: number): Promise<boolean> {
  const [r] = await db
    .select({ one: sql<number>`1` })
    .from(enrolments)
    .where(and(eq(enrolments.cycleId, cycleId), inArray(enrolments.status, [...SUBMITTED_STATUSES])))
    .limit(1);
  return Boolean(r);
}

/** Any logged-in user of the province: the current cycle (dates shown on home pages). */
export async function getCurrent(deps: AppDeps, actor: Actor): Promise<TCycle | null> {
  const c = await findCurrent(deps.db, actor.provinceId);
  return c ? toCycleView(c) : null;
}

export async function getSettings(deps: AppDeps, actor: Actor): Promise<TCycleSettings> {
  requireProvinceAdmin(actor);
  const c = await findCurrent(deps.db, actor.provinceId);
  const [ps] = await deps.db.select().from(provinceSettings).where(eq(provinceSettings.provinceId, actor.provinceId));
  return {
    cycle: c ? toCycleView(c) : null,
    physicianInitialPassword: ps?.physicianInitialPassword ?? '666666',
    procedureChoiceLocked: c ? await procedureChoiceLocked(deps.db, c.id) : false,
    defaults: { contentItems: DEFAULT_CONTENT_ITEMS, paperRules: DEFAULT_PAPER_RULES },
  };
}

const fmt = (d: string) => d.replaceAll('-', '/');

/** Order rules of the windows; returns the first problem in Chinese or null. */
export function windowOrderError(input: TCycleTimesInput): string | null {
  if (input.periodStart >= input.periodEnd) return '考核周期的结束日期应晚于开始日期';
  const w = input.windows;
  for (const k of WINDOW_KEYS) {
    if (w[k].start > w[k].end) return `「${WINDOW_LABELS_ZH[k]}」的开始日期不能晚于结束日期`;
    if (w[k].start < input.periodStart || w[k].end > addYears(input.periodEnd, 1)) {
      return `「${WINDOW_LABELS_ZH[k]}」应在考核周期（${fmt(input.periodStart)} 至 ${fmt(input.periodEnd)}）内，或周期结束后一年内`;
    }
  }
  const rules: [boolean, string][] = [
    [w.exam.start >= w.registration.start, '「首轮考核时间」不能早于「报名时间」开始'],
    [w.deferral.end <= w.exam.end, '「延期考核申请时间」应在「首轮考核时间」结束前截止'],
    [w.grading.start >= w.exam.start, '「首轮成绩评定时间」不能早于「首轮考核时间」开始'],
    [w.grading.end >= w.exam.end, '「首轮成绩评定时间」不能早于「首轮考核时间」结束'],
    [w.reexam.start > w.exam.end, '「再次考核时间」应在「首轮考核时间」结束之后'],
    [w.reexam.start >= w.grading.start, '「再次考核时间」不能早于「首轮成绩评定时间」开始'],
    [w.reexamGrading.start >= w.reexam.start, '「再次考核评定时间」不能早于「再次考核时间」开始'],
    [w.reexamGrading.end >= w.reexam.end, '「再次考核评定时间」不能早于「再次考核时间」结束'],
  ];
  for (const [ok, msg] of rules) if (!ok) return msg;
  return null;
}

function addYears(d: string, n: number): string {
  return `${Number(d.slice(0, 4)) + n}${d.slice(4)}`;
}

/** 【保存时间设置】: creates the province's current cycle when there is none. */
export async function saveTimes(deps: AppDeps, actor: Actor, input: TCycleTimesInput): Promise<TCycle> {
  requireProvinceAdmin(actor);
  const err = windowOrderError(input);
  if (err) throw badRequest(err);
  return deps.db.transaction(async (tx) => {
    const cur = await findCurrent(tx, actor.provinceId, true);
    const now = deps.now();
    let row: CycleRow;
    if (!cur) {
      [row] = await tx
        .insert(cycles)
        .values({
          provinceId: actor.provinceId,
          name: input.name,
          periodStart: input.periodStart,
          periodEnd: input.periodEnd,
          windows: input.windows,
          contentItems: DEFAULT_CONTENT_ITEMS,
          paperRules: DEFAULT_PAPER_RULES,
          isCurrent: true,
          createdAt: now,
          updatedAt: now,
        })
        .returning();
    } else {
      [row] = await tx
        .update(cycles)
        .set({
          name: input.name,
          periodStart: input.periodStart,
          periodEnd: input.periodEnd,
          windows: input.windows,
          updatedAt: now,
        })
        .where(eq(cycles.id, cur.id))
        .returning();
    }
    await writeAudit(tx, actor, {
      targetType: 'cycle',
      targetId: row.id,
      action: cur ? '保存时间设置' : '创建考核周期',
      orgPath: actor.orgPath,
      provinceId: actor.provinceId,
      before: cur
        ? { name: cur.name, periodStart: cur.periodStart, periodEnd: cur.periodEnd, windows: cur.windows }
        : null,
      after: input,
    });
    return toCycleView(row);
  });
}

async function requireCurrentForUpdate(tx: DbOrTx, provinceId: number): Promise<CycleRow> {
  const cur = await findCurrent(tx, provinceId, true);
  if (!cur) throw new AppError('NO_CYCLE', '请先填写考核周期并【保存时间设置】', 409);
  return cur;
}

/** 【编辑考核内容】→【保存】 */
export async function saveContent(deps: AppDeps, actor: Actor, input: TCycleContentInput): Promise<TCycle> {
  requireProvinceAdmin(actor);
  return deps.db.transaction(async (tx) => {
    const cur = await requireCurrentForUpdate(tx, actor.provinceId);
    const [row] = await tx
      .update(cycles)
      .set({ contentItems: input, updatedAt: deps.now() })
      .where(eq(cycles.id, cur.id))
      .returning();
    await writeAudit(tx, actor, {
      targetType: 'cycle',
      targetId: cur.id,
      action: '编辑考核内容',
      orgPath: actor.orgPath,
      provinceId: actor.provinceId,
      before: cur.contentItems,
      after: input,
    });
    return toCycleView(row);
  });
}

/** 考核规则: pass lines, paper rules, the physician initial password, and the procedure mode. */
export async function saveRules(deps: AppDeps, actor: Actor, input: TCycleRulesInput): Promise<TCycle> {
  requireProvinceAdmin(actor);
  return deps.db.transaction(async (tx) => {
    const cur = await requireCurrentForUpdate(tx, actor.provinceId);
    if (cur.procedureChoice !== input.procedureChoice && (await procedureChoiceLocked(tx, cur.id))) {
      throw new AppError('LOCKED', '本周期已有医师按当前方式提交报名，不能再更改考核程序的选择方式', 409);
    }
    const [ps] = await tx
      .select()
      .from(provinceSettings)
      .where(eq(provinceSettings.provinceId, actor.provinceId))
      .for('update');
    const [row] = await tx
      .update(cycles)
      .set({
        passHumanities: input.passHumanities,
        passProfessionalPhysician: input.passProfessionalPhysician,
        passProfessionalAssistant: input.passProfessionalAssistant,
        paperRules: input.paperRules,
        procedureChoice: input.procedureChoice,
        updatedAt: deps.now(),
      })
      .where(eq(cycles.id, cur.id))
      .returning();
    await tx
      .insert(provinceSettings)
      .values({
        provinceId: actor.provinceId,
        physicianInitialPassword: input.physicianInitialPassword,
        updatedAt: deps.now(),
      })
      .onConflictDoUpdate({
        target: provinceSettings.provinceId,
        set: { physicianInitialPassword: input.physicianInitialPassword, updatedAt: deps.now() },
      });
    await writeAudit(tx, actor, {
      targetType: 'cycle',
      targetId: cur.id,
      action: '保存考核规则',
      orgPath: actor.orgPath,
      provinceId: actor.provinceId,
      before: {
        passHumanities: cur.passHumanities,
        passProfessionalPhysician: cur.passProfessionalPhysician,
        passProfessionalAssistant: cur.passProfessionalAssistant,
        paperRules: cur.paperRules,
        procedureChoice: cur.procedureChoice,
        physicianInitialPassword: ps?.physicianInitialPassword ?? '666666',
      },
      after: input,
    });
    return toCycleView(row);
  });
}
