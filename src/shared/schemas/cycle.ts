import { z } from 'zod';

import { WINDOW_KEYS, WINDOW_LABELS, type WindowKey } from '../domain/windows.js';

import { PROCEDURE_CHOICE_LABELS, ZProcedureChoice } from '../domain/procedure.js';

export { PROCEDURE_CHOICE_LABELS, WINDOW_KEYS, ZProcedureChoice };
export type TWindowKey = WindowKey;
/** @deprecated use WINDOW_LABELS from src/shared/domain */
export const WINDOW_LABELS_ZH = WINDOW_LABELS;

const ZDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
export const ZWindow = z.object({ start: ZDate, end: ZDate });

/** 【保存时间设置】: name, period and the six windows. Order rules are checked in the service. */
export const ZCycleTimesInput = z.object({
  name: z.string().trim().min(2, '请填写考核周期名称').max(60),
  periodStart: ZDate,
  periodEnd: ZDate,
  windows: z.object({
    registration: ZWindow,
    deferral: ZWindow,
    exam: ZWindow,
    grading: ZWindow,
    reexam: ZWindow,
    reexamGrading: ZWindow,
  }),
});
export type TCycleTimesInput = z.infer<typeof ZCycleTimesInput>;

export const CONTENT_KEYS = ['work', 'ethics', 'professional'] as const;
export const CONTENT_LABELS = { work: '工作成绩', ethics: '职业道德', professional: '业务水平' } as const;

const ZItems = z
  .array(z.string().trim().min(1, '考核项目不能为空').max(100, '考核项目不能超过100字'))
  .max(30, '每类最多30项');
/** 【编辑考核内容】→【保存】 */
export const ZCycleContentInput = z.object({ work: ZItems, ethics: ZItems, professional: ZItems });
export type TCycleContentInput = z.infer<typeof ZCycleContentInput>;

export const ZPaperRule = z.object({
  durationMinutes: z.number().int().min(10, '考试时长不少于10分钟').max(300, '考试时长不超过300分钟'),
  questionCount: z.number().int().min(5, '题量不少于5题').max(300, '题量不超过300题'),
  attempts: z.number().int().min(1, '答题次数至少1次').max(20, '答题次数不超过20次'),
});

/** 考核规则: pass lines, paper rules, initial password rule, procedure choice mode. */
export const ZCycleRulesInput = z.object({
  passHumanities: z.number().int().min(1).max(100),
  passProfessionalPhysician: z.number().int().min(1).max(100),
  passProfessionalAssistant: z.number().int().min(1).max(100),
  paperRules: z.object({ humanities: ZPaperRule, professional: ZPaperRule }),
  physicianInitialPassword: z.enum(['666666', 'id_last6']),
  procedureChoice: ZProcedureChoice,
});
export type TCycleRulesInput = z.infer<typeof ZCycleRulesInput>;

export const ZCycle = z.object({
  id: z.number(),
  name: z.string(),
  periodStart: z.string(),
  periodEnd: z.string(),
  windows: z.record(z.string(), ZWindow),
  contentItems: z.record(z.string(), z.array(z.string())),
  passHumanities: z.number(),
  passProfessionalPhysician: z.number(),
  passProfessionalAssistant: z.number(),
  paperRules: z.record(z.string(), ZPaperRule),
  procedureChoice: ZProcedureChoice,
  updatedAt: z.string(),
});
export type TCycle = z.infer<typeof ZCycle>;

export const ZCycleSettings = z.object({
  cycle: ZCycle.nullable(),
  physicianInitialPassword: z.enum(['666666', 'id_last6']),
  /** the procedure mode can no longer change once physicians submitted in it */
  procedureChoiceLocked: z.boolean(),
  defaults: z.object({
    contentItems: z.record(z.string(), z.array(z.string())),
    paperRules: z.record(z.string(), ZPaperRule),
  }),
});
export type TCycleSettings = z.infer<typeof ZCycleSettings>;

export const ZCurrentCycle = z.object({ cycle: ZCycle.nullable() });

/** Defaults from the seeds (domain.md §6.7). */
export const DEFAULT_PAPER_RULES = {
  humanities: { durationMinutes: 60, questionCount: 50, attempts: 10 },
  professional: { durationMinutes: 60, questionCount: 100, attempts: 1 },
};
export const DEFAULT_CONTENT_ITEMS: Record<(typeof CONTENT_KEYS)[number], string[]> = {
  work: ['完成工作数量', '完成工作质量', '完成政府指令性工作情况', '良好执业行为记录', '不良执业行为记录'],
  ethics: ['医德医风', '遵纪守法、廉洁行医', '尊重患者权利、保守医疗秘密', '团结协作、和谐共事'],
  professional: ['人文医学知识', '专业知识与技能', '卫生法律法规'],
};
