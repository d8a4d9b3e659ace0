/**
 * Pure rules of the question bank: validating a question, and turning one spreadsheet row
 * into a question (import). No I/O.
 */
import {
  BANK_LABELS,
  classificationErrors,
  type IMPORT_COLUMNS,
  JUDGE_OPTIONS,
  OPTION_KEYS,
  QUESTION_TYPE_LABELS,
  questionContentErrors,
  ZQuestionInput,
  type TBank,
  type TImportError,
  type TQuestionInput,
  type TQuestionType,
} from '../../../shared/schemas/bank.js';

/** All errors of a question (shape, classification, answer/options rules), in Chinese. */
export function validateQuestion(input: TQuestionInput): string[] {
  const parsed = ZQuestionInput.safeParse(input);
  if (!parsed.success) return parsed.error.issues.map((i) => i.message);
  return [...classificationErrors(parsed.data), ...questionContentErrors(parsed.data)];
}

/** The same content? (an edit that changes nothing does not create a version) */
export function sameContent(
  a: {
    type: string;
    stem: string;
    options: { key: string; text: string }[];
    answer: string[];
    explanation: string;
    difficulty: number;
  },
  b: {
    type: string;
    stem: string;
    options: { key: string; text: string }[];
    answer: string[];
    explanation: string;
    difficulty: number;
  },
): boolean {
  return (
    a.type === b.type &&
    a.stem === b.stem &&
    a.explanation === b.explanation &&
    a.difficulty === b.difficulty &&
    JSON.stringify(a.options) === JSON.stringify(b.options) &&
    JSON.stringify([...a.answer].sort()) === JSON.stringify([...b.answer].sort())
  );
}

const BANK_BY_LABEL: Record<string, TBank> = { 人文医学: 'humanities', 业务水平: 'professional' };
const TYPE_BY_LABEL: Record<string, TQuestionType> = {
  单选题: 'single',
  单选: 'single',
  多选题: 'multiple',
  多选: 'multiple',
  判断题: 'judge',
  判断: 'judge',
};

export type ImportColumn = (typeof IMPORT_COLUMNS)[number];
export type RowCells = Partial<Record<ImportColumn, string>>;

/** Parse the 答案 cell: "A", "ACD", "A,C,D", "A、C" — or 正确/错误 (对/错, √/×) for 判断题. */
export function parseAnswerCell(raw: string, type: TQuestionType | undefined): string[] {
  const s = raw.trim().toUpperCase();
  if (type === 'judge') {
    if (['正确', '对', '√', 'A', 'T', 'TRUE', '是'].includes(s)) return ['A'];
    if (['错误', '错', '×', 'B', 'F', 'FALSE', '否'].includes(s)) return ['B'];
  }
  return s.split(/[\s,，、;；]*/).filter(Boolean);
}

/**
 * One spreadsheet row → a question input, or the row's errors (each naming its column).
 * `rowNo` is the spreadsheet row number shown to the user.
 */
export function parseImportRow(cells: RowCells, rowNo: number): { input?: TQuestionInput; errors: TImportError[] } {
  const errors: TImportError[] = [];
  const err = (column: string, message: string) => errors.push({ row: rowNo, column, message });
  const get = (c: ImportColumn) => (cells[c] ?? '').trim();

  const bank = BANK_BY_LABEL[get('题库')];
  if (!bank) err('题库', get('题库') ? `题库「${get('题库')}」无效，须为人文医学或业务水平` : '题库不能为空');
  const type = TYPE_BY_LABEL[get('题型')];
  if (!type) err('题型', get('题型') ? `题型「${get('题型')}」无效，须为单选题、多选题或判断题` : '题型不能为空');
  const stem = get('题干');
  if (stem.length < 2) err('题干', '题干不能为空');
  else if (stem.length > 2000) err('题干', '题干不能超过2000字');

  // options: contiguous from 选项A; a gap (B empty but C filled) is an error
  const optionTexts = OPTION_KEYS.map((k) => get(`选项${k}` as ImportColumn));
  let options = [] as { key: string; text: string }[];
  let lastFilled = -1;
  optionTexts.forEach((t, i) => {
    if (t) lastFilled = i;
  });
  for (let i = 0; i <= lastFilled; i++) {
    if (!optionTexts[i]) err(`选项${OPTION_KEYS[i]}`, `选项${OPTION_KEYS[i]}为空，选项须从A开始连续填写`);
    else if (optionTexts[i].length > 500) err(`选项${OPTION_KEYS[i]}`, '选项内容不能超过500字');
    options.push({ key: OPTION_KEYS[i], text: optionTexts[i] });
  }
  if (type === 'judge' && options.length === 0) options = JUDGE_OPTIONS.map((o) => ({ ...o }));

  const answerRaw = get('答案');
  const answer = parseAnswerCell(answerRaw, type);
  if (!answerRaw) err('答案', '答案不能为空');

  const diffRaw = get('难度');
  const difficulty = diffRaw === '' ? 3 : Number(diffRaw);
  if (!Number.isInteger(difficulty) || difficulty < 1 || difficulty > 5)
    err('难度', `难度「${diffRaw}」无效，须为1至5的整数`);

  const explanation = get('解析');
  if (explanation.length > 2000) err('解析', '解析不能超过2000字');

  const category = get('分类');
  const practiceCategory = get('执业类别') || null;
  if (bank) {
    for (const m of classificationErrors({ bank, category, practiceCategory })) {
      err(m.includes('执业类别') && !m.includes('专业') ? '执业类别' : '分类', m);
    }
  }
  if (type && options.length > 0 && answerRaw) {
    for (const m of questionContentErrors({ type, options, answer })) {
      err(m.includes('答案') ? '答案' : '选项', m);
    }
  } else if (type && options.length === 0) {
    err('选项', '选项不能少于2个');
  }
  if (errors.length) return { errors };
  return {
    input: {
      bank: bank!,
      category,
      practiceCategory: bank === 'humanities' ? null : practiceCategory,
      type: type!,
      stem,
      options,
      answer,
      explanation,
      difficulty,
    },
    errors,
  };
}

/** A question as a spreadsheet row (export uses the import layout, so an export re-imports). */
export function questionToCells(q: {
  bank: TBank;
  category: string;
  practiceCategory: string | null;
  type: TQuestionType;
  stem: string;
  options: { key: string; text: string }[];
  answer: string[];
  explanation: string;
  difficulty: number;
}): string[] {
  const opts = OPTION_KEYS.map((k) => q.options.find((o) => o.key === k)?.text ?? '');
  const answer = q.type === 'judge' ? (q.answer[0] === 'A' ? '正确' : '错误') : [...q.answer].sort().join('');
  return [
    BANK_LABELS[q.bank],
    q.category,
    q.practiceCategory ?? '',
    QUESTION_TYPE_LABELS[q.type],
    q.stem,
    ...opts,
    answer,
    q.explanation,
    String(q.difficulty),
  ];
}
