import { z } from 'zod';

/** 考核程序: 一般程序 / 简易程序. */
export const PROCEDURES = ['general', 'simple'] as const;
export type Procedure = (typeof PROCEDURES)[number];
export const ZProcedure = z.enum(PROCEDURES, { message: '请选择考核程序' });

export const PROCEDURE_LABELS = { general: '一般程序', simple: '简易程序' } as const satisfies Record<
  Procedure,
  string
>;

/** Label for a procedure that may not be chosen yet. */
export function procedureLabel(p: Procedure | null | undefined): string {
  return p ? PROCEDURE_LABELS[p] : '未选择';
}

/** 报名时同时选择考核程序 / 报名审核通过后再选择考核程序 (本周期考核设置). */
export const PROCEDURE_CHOICES = ['with_registration', 'after_approval'] as const;
export type ProcedureChoice = (typeof PROCEDURE_CHOICES)[number];
export const ZProcedureChoice = z.enum(PROCEDURE_CHOICES);
export const PROCEDURE_CHOICE_LABELS = {
  with_registration: '报名时同时选择考核程序',
  after_approval: '报名审核通过后再选择考核程序',
} as const satisfies Record<ProcedureChoice, string>;

/** Papers (测评): 人文医学 and 业务水平. */
export const PAPER_TYPES = ['humanities', 'professional'] as const;
export type PaperType = (typeof PAPER_TYPES)[number];
export const PAPER_LABELS = { humanities: '人文医学测评', professional: '业务水平测评' } as const satisfies Record<
  PaperType,
  string
>;

/** What an approved 免考 exempts: general → 业务水平测评, simple → 人文医学测评. */
export const EXEMPTED_PAPER = { general: 'professional', simple: 'humanities' } as const satisfies Record<
  Procedure,
  PaperType
>;
