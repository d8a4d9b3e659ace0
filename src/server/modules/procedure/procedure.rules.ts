/**
 * Which 简易程序 conditions the data the system already holds supports (domain.md §6.2.5).
 * Pure: no I/O. The physician still ticks the conditions and uploads proof; the hints show
 * reviewers (and the physician) what the registration data says.
 */
import { SIMPLE_CONDITIONS, type TConditionHint } from '../../../shared/schemas/procedure.js';

export interface RulesInput {
  /** 首次注册时间 YYYY-MM-DD */
  firstRegisteredAt: string | null;
  /** the cycle's period */
  periodStart: string;
  periodEnd: string;
  /** 良好执业行为记录 有/无 (self-evaluation) */
  goodRecord: boolean | null;
  /** 不良执业行为记录 有/无 (self-evaluation) */
  badRecord: boolean | null;
  /** 规培生 是/否 */
  resident: boolean | null;
  /** 规培结业/合格时间, when recorded */
  residencyCompletedAt: string | null;
  /** 职称取得时间 */
  titleObtainedAt: string | null;
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})/;

function parseDate(s: string | null | undefined): { y: number; m: number; d: number } | null {
  if (!s) return null;
  const m = DATE_RE.exec(String(s).replaceAll('/', '-'));
  if (!m) return null;
  return { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
}

const key = (p: { y: number; m: number; d: number }) => p.y * 10000 + p.m * 100 + p.d;

/** Whole years from `from` to `to` (a birthday-style count), or null when `from` is missing or later. */
export function fullYearsBetween(from: string | null, to: string): number | null {
  const a = parseDate(from);
  const b = parseDate(to);
  if (!a || !b) return null;
  if (key(a) > key(b)) return null;
  let years = b.y - a.y;
  if (b.m * 100 + b.d < a.m * 100 + a.d) years -= 1;
  return years;
}

function within(date: string | null, start: string, end: string): boolean | null {
  const d = parseDate(date);
  const s = parseDate(start);
  const e = parseDate(end);
  if (!d || !s || !e) return null;
  return key(d) >= key(s) && key(d) <= key(e);
}

const fmt = (s: string) => s.slice(0, 10).replaceAll('-', '/');

/** Years of practice at the end of the cycle (the reference date for conditions 1 and 2). */
export function yearsOfPractice(input: Pick<RulesInput, 'firstRegisteredAt' | 'periodEnd'>): number | null {
  return fullYearsBetween(input.firstRegisteredAt, input.periodEnd);
}

export function simpleConditionHints(input: RulesInput): TConditionHint[] {
  const years = yearsOfPractice(input);
  const yearsText =
    years === null
      ? '未登记首次注册时间，无法计算执业年限'
      : `自首次注册（${fmt(input.firstRegisteredAt!)}）至周期末执业满 ${years} 年`;
  const label = (id: number) => SIMPLE_CONDITIONS.find((c) => c.id === id)!.label;

  // (1) ≥ 5 years and a good-conduct record
  let c1: boolean | null;
  let b1: string;
  if (years !== null && years < 5) {
    c1 = false;
    b1 = `${yearsText}，不足 5 年`;
  } else if (input.goodRecord === false) {
    c1 = false;
    b1 = `${years === null ? `${yearsText}；` : `${yearsText}；`}自评无良好执业行为记录`;
  } else if (years !== null && input.goodRecord === true) {
    c1 = true;
    b1 = `${yearsText}；自评有良好执业行为记录`;
  } else {
    c1 = null;
    b1 = `${yearsText}；${input.goodRecord === null ? '自评未填写良好执业行为记录' : '自评有良好执业行为记录'}`;
  }

  // (2) ≥ 12 years and no bad-conduct record
  let c2: boolean | null;
  let b2: string;
  if (years !== null && years < 12) {
    c2 = false;
    b2 = `${yearsText}，不足 12 年`;
  } else if (input.badRecord === true) {
    c2 = false;
    b2 = `${yearsText}；自评有不良执业行为记录`;
  } else if (years !== null && input.badRecord === false) {
    c2 = true;
    b2 = `${yearsText}；自评无不良执业行为记录`;
  } else {
    c2 = null;
    b2 = `${yearsText}；${input.badRecord === null ? '自评未填写不良执业行为记录' : '自评无不良执业行为记录'}`;
  }

  // (3) passed 住院医师规范化培训 within the cycle
  let c3: boolean | null = null;
  let b3: string;
  const resIn = within(input.residencyCompletedAt, input.periodStart, input.periodEnd);
  if (resIn !== null) {
    c3 = resIn;
    b3 = `规培结业时间 ${fmt(input.residencyCompletedAt!)}${resIn ? '在' : '不在'}本考核周期内`;
  } else if (input.resident === true) {
    b3 = '登记为规培生，请上传本周期内规培合格证明';
  } else if (input.resident === false) {
    b3 = '登记为非规培生，如本周期内已通过规培请上传合格证明';
  } else {
    b3 = '未登记规培信息';
  }

  // (4) promoted to a higher title within the cycle
  let c4: boolean | null = null;
  let b4: string;
  const titleIn = within(input.titleObtainedAt, input.periodStart, input.periodEnd);
  if (titleIn !== null) {
    c4 = titleIn;
    b4 = `现职称取得时间 ${fmt(input.titleObtainedAt!)}${titleIn ? '在' : '不在'}本考核周期内`;
  } else {
    b4 = '未登记职称取得时间';
  }

  return [
    { id: 1, label: label(1), supported: c1, basis: b1 },
    { id: 2, label: label(2), supported: c2, basis: b2 },
    { id: 3, label: label(3), supported: c3, basis: b3 },
    { id: 4, label: label(4), supported: c4, basis: b4 },
  ];
}

/** 有/无, 是/否, true/false → boolean; anything else → null. */
export function yesNo(v: unknown): boolean | null {
  if (v === true || v === '有' || v === '是' || v === 'yes' || v === 'true') return true;
  if (v === false || v === '无' || v === '否' || v === 'no' || v === 'false') return false;
  return null;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);

/**
 * Read the rule inputs from the wizard's stored data — the layout of decision 0010:
 * `registration` holds steps 1–2 flat (firstRegisteredAt, isResident, titleDate,
 * residencyCompletedAt when recorded), `self_evaluation` holds step 4 (goodRecord /
 * badRecord as 有/无) — falling back to the physician master record for 首次注册时间.
 */
export function rulesInputFrom(args: {
  registration: Record<string, unknown>;
  selfEvaluation: Record<string, unknown>;
  physicianFirstRegisteredAt: string | null;
  periodStart: string;
  periodEnd: string;
}): RulesInput {
  const r = args.registration ?? {};
  const s = args.selfEvaluation ?? {};
  return {
    firstRegisteredAt: str(r.firstRegisteredAt) ?? args.physicianFirstRegisteredAt,
    periodStart: args.periodStart,
    periodEnd: args.periodEnd,
    goodRecord: yesNo(s.goodRecord),
    badRecord: yesNo(s.badRecord),
    resident: yesNo(r.isResident),
    residencyCompletedAt: str(r.residencyCompletedAt),
    titleObtainedAt: str(r.titleDate),
  };
}
