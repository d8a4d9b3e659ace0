import { z } from 'zod';

/** 题库: 人文医学 (humanities) and 业务水平 (professional). */
export const BANK_VALUES = ['humanities', 'professional'] as const;
export const ZBank = z.enum(BANK_VALUES, { message: '题库只能是人文医学或业务水平' });
export type TBank = z.infer<typeof ZBank>;
export const BANK_LABELS: Record<TBank, string> = { humanities: '人文医学', professional: '业务水平' };

export const QUESTION_TYPES = ['single', 'multiple', 'judge'] as const;
export const ZQuestionType = z.enum(QUESTION_TYPES, { message: '题型只能是单选、多选或判断' });
export type TQuestionType = z.infer<typeof ZQuestionType>;
export const QUESTION_TYPE_LABELS: Record<TQuestionType, string> = {
  single: '单选题',
  multiple: '多选题',
  judge: '判断题',
};

export const QUESTION_STATUS_LABELS = { enabled: '启用', retired: '停用' } as const;
export const ZQuestionStatus = z.enum(['enabled', 'retired']);

/** 人文医学 chapters. */
export const HUMANITIES_CHAPTERS = ['法律法规', '医学伦理', '医患沟通', '心理学', '卫生管理', '人文素养'] as const;

/** 执业类别 and their 专业 (业务水平 categories). */
export const PRACTICE_CATEGORIES = ['临床', '中医', '口腔', '公共卫生'] as const;
export type TPracticeCategory = (typeof PRACTICE_CATEGORIES)[number];
export const PROFESSIONAL_SPECIALTIES: Record<TPracticeCategory, readonly string[]> = {
  临床: ['内科', '外科', '妇产科', '儿科', '急诊', '全科医学'],
  中医: ['中医基础', '中药方剂', '中医内科', '针灸'],
  口腔: ['口腔内科', '口腔颌面外科', '口腔修复', '口腔预防'],
  公共卫生: ['流行病学', '卫生统计', '传染病防制', '营养与食品卫生', '职业与环境卫生'],
};

/** Option keys in order; a question has 2–8 options. */
export const OPTION_KEYS = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'] as const;
export const JUDGE_OPTIONS = [
  { key: 'A', text: '正确' },
  { key: 'B', text: '错误' },
] as const;

export const ZOption = z.object({
  key: z.string().regex(/^[A-H]$/, '选项标识只能是 A 至 H'),
  text: z.string().trim().min(1, '选项内容不能为空').max(500, '选项内容不能超过500字'),
});
export type TOption = z.infer<typeof ZOption>;

/** The content of a question (one immutable version). Rules beyond shape are in `questionContentErrors`. */
export const ZQuestionContent = z.object({
  type: ZQuestionType,
  stem: z.string().trim().min(2, '题干不能少于2个字').max(2000, '题干不能超过2000字'),
  options: z.array(ZOption).max(8, '选项不能超过8个'),
  answer: z.array(z.string()).max(8),
  explanation: z.string().trim().max(2000, '解析不能超过2000字').default(''),
  difficulty: z.number().int().min(1, '难度为1至5').max(5, '难度为1至5'),
});
export type TQuestionContent = z.infer<typeof ZQuestionContent>;

export const ZQuestionClassification = z.object({
  bank: ZBank,
  category: z.string().trim().min(1, '请选择分类').max(40),
  practiceCategory: z.string().trim().max(20).nullable().optional(),
});

export const ZQuestionInput = ZQuestionClassification.extend(ZQuestionContent.shape);
export type TQuestionInput = z.infer<typeof ZQuestionInput>;

/** Edit = a new version; the client sends the version it edited (compare-and-set). */
export const ZQuestionEditInput = ZQuestionContent.extend({
  category: z.string().trim().min(1, '请选择分类').max(40),
  practiceCategory: z.string().trim().max(20).nullable().optional(),
  baseVersionId: z.number().int().positive(),
});
export type TQuestionEditInput = z.infer<typeof ZQuestionEditInput>;

export const ZQuestionListQuery = z.object({
  bank: ZBank.optional(),
  category: z.string().max(40).optional(),
  practiceCategory: z.string().max(20).optional(),
  type: ZQuestionType.optional(),
  difficulty: z.coerce.number().int().min(1).max(5).optional(),
  status: ZQuestionStatus.optional(),
  keyword: z.string().trim().max(100).optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type TQuestionListQuery = z.infer<typeof ZQuestionListQuery>;

export const ZQuestionAction = z.enum(['edit', 'retire', 'enable', 'history']);

export const ZQuestionRow = z.object({
  id: z.number(),
  bank: ZBank,
  category: z.string(),
  practiceCategory: z.string().nullable(),
  status: ZQuestionStatus,
  currentVersionId: z.number(),
  version: z.number(),
  type: ZQuestionType,
  stem: z.string(),
  options: z.array(ZOption),
  answer: z.array(z.string()),
  explanation: z.string(),
  difficulty: z.number(),
  updatedAt: z.string(),
  actions: z.array(ZQuestionAction),
});
export type TQuestionRow = z.infer<typeof ZQuestionRow>;

export const ZQuestionList = z.object({
  items: z.array(ZQuestionRow),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});
export type TQuestionList = z.infer<typeof ZQuestionList>;

export const ZQuestionVersion = z.object({
  id: z.number(),
  questionId: z.number(),
  version: z.number(),
  type: ZQuestionType,
  stem: z.string(),
  options: z.array(ZOption),
  answer: z.array(z.string()),
  explanation: z.string(),
  difficulty: z.number(),
  createdAt: z.string(),
  current: z.boolean(),
});
export type TQuestionVersion = z.infer<typeof ZQuestionVersion>;

export const ZQuestionDetail = ZQuestionRow.extend({ versions: z.array(ZQuestionVersion) });
export type TQuestionDetail = z.infer<typeof ZQuestionDetail>;

export const ZImportError = z.object({ row: z.number(), column: z.string(), message: z.string() });
export type TImportError = z.infer<typeof ZImportError>;
export const ZImportResult = z.object({
  importId: z.number(),
  status: z.enum(['imported', 'rejected']),
  total: z.number(),
  imported: z.number(),
  errors: z.array(ZImportError),
});
export type TImportResult = z.infer<typeof ZImportResult>;

/** Column headers of the import template and the export, in order. */
export const IMPORT_COLUMNS = [
  '题库',
  '分类',
  '执业类别',
  '题型',
  '题干',
  '选项A',
  '选项B',
  '选项C',
  '选项D',
  '选项E',
  '选项F',
  '选项G',
  '选项H',
  '答案',
  '解析',
  '难度',
] as const;

/** Validation beyond shape: answers vs options, judge options, category lists. Returns Chinese messages. */
export function questionContentErrors(c: {
  type: TQuestionType;
  options: { key: string; text: string }[];
  answer: string[];
}): string[] {
  const errs: string[] = [];
  const keys = c.options.map((o) => o.key);
  if (c.options.length < 2) errs.push('选项不能少于2个');
  if (c.options.length > 8) errs.push('选项不能超过8个');
  if (new Set(keys).size !== keys.length) errs.push('选项标识不能重复');
  const expected = OPTION_KEYS.slice(0, c.options.length);
  if (keys.some((k, i) => k !== expected[i])) errs.push('选项须从 A 开始按顺序连续排列');
  const answer = [...new Set(c.answer)];
  if (answer.length !== c.answer.length) errs.push('答案不能重复');
  const missing = answer.filter((a) => !keys.includes(a));
  if (missing.length) errs.push(`答案 ${missing.join('、')} 不在选项中`);
  if (c.type === 'single' && answer.length !== 1) errs.push('单选题必须有且只有一个正确答案');
  if (c.type === 'multiple' && answer.length < 2) errs.push('多选题至少要有两个正确答案');
  if (c.type === 'judge') {
    const ok = c.options.length === 2 && c.options[0].text === '正确' && c.options[1].text === '错误';
    if (!ok) errs.push('判断题的选项必须是 A 正确、B 错误');
    if (answer.length !== 1) errs.push('判断题必须有且只有一个正确答案');
  }
  return errs;
}

export function classificationErrors(c: { bank: TBank; category: string; practiceCategory?: string | null }): string[] {
  if (c.bank === 'humanities') {
    const errs: string[] = [];
    if (!(HUMANITIES_CHAPTERS as readonly string[]).includes(c.category))
      errs.push(`人文医学分类须为：${HUMANITIES_CHAPTERS.join('、')}`);
    if (c.practiceCategory) errs.push('人文医学题目不填执业类别');
    return errs;
  }
  if (!c.practiceCategory || !(PRACTICE_CATEGORIES as readonly string[]).includes(c.practiceCategory)) {
    return [`业务水平题目须填写执业类别（${PRACTICE_CATEGORIES.join('、')}）`];
  }
  const list = PROFESSIONAL_SPECIALTIES[c.practiceCategory as TPracticeCategory];
  if (!list.includes(c.category)) return [`${c.practiceCategory}类别的专业须为：${list.join('、')}`];
  return [];
}

/** 考前资料 */
export const ZMaterialInput = z.object({
  title: z.string().trim().min(1, '请填写标题').max(100, '标题不能超过100字'),
  summary: z.string().trim().max(300, '摘要不能超过300字').default(''),
  content: z.string().trim().max(20000, '正文不能超过20000字').default(''),
  fileId: z.string().uuid().nullable().optional(),
  published: z.boolean().default(true),
});
export type TMaterialInput = z.infer<typeof ZMaterialInput>;

export const ZMaterial = z.object({
  id: z.number(),
  title: z.string(),
  summary: z.string(),
  content: z.string(),
  fileId: z.string().nullable(),
  fileName: z.string().nullable(),
  published: z.boolean(),
  updatedAt: z.string(),
});
export type TMaterial = z.infer<typeof ZMaterial>;
export const ZMaterialList = z.object({ items: z.array(ZMaterial) });
export const ZFileRef = z.object({ fileId: z.string(), fileName: z.string() });

export const ZIdParam = z.object({ id: z.coerce.number().int().positive() });
