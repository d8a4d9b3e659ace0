/**
 * Paper drawing and scoring — pure functions, no I/O. Used by the real tests (测评) and by
 * the learning module's 模拟自测, so their signatures are kept stable.
 *
 * A drawn paper is *frozen*: it stores question_version ids (versions are immutable), the
 * per-attempt option order with opaque option ids, the id → bank key map and the correct
 * ids. Editing or retiring a question in the bank never changes a drawn paper; a shared
 * answer key ("选 B") cannot work because ids differ on every attempt.
 */

export type QuestionType = 'single' | 'multiple' | 'judge';
export type PaperType = 'humanities' | 'professional';

/** One candidate question: the current version of an enabled bank question. */
export interface BankQuestion {
  questionId: number;
  versionId: number;
  type: QuestionType;
  category: string;
  /** 1 (easy) … 5 (hard) */
  difficulty: number;
  options: readonly { key: string; text: string }[];
  /** correct bank keys */
  answer: readonly string[];
}

/** A blueprint rule: draw `count` questions of this category and/or difficulty (null = any). */
export interface BlueprintRule {
  category?: string | null;
  difficulty?: number | null;
  count: number;
}

export interface PaperBlueprint {
  /** total questions; questions not covered by rules are drawn from the rest of the pool */
  questionCount: number;
  rules: readonly BlueprintRule[];
}

/** One item of a frozen paper (compact: stored with every attempt). */
export interface FrozenItem {
  /** question_versions.id */
  v: number;
  /** questions.id */
  q: number;
  t: QuestionType;
  c: string;
  d: number;
  /** opaque option ids in display order */
  o: string[];
  /** bank key of each displayed option (parallel to `o`) */
  k: string[];
  /** correct opaque ids, sorted */
  a: string[];
}

export interface FrozenPaper {
  items: FrozenItem[];
}

/** Answers: question index → chosen opaque option ids. */
export type AnswerSheet = Readonly<Record<number, readonly string[] | undefined>>;

export class PaperDrawError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PaperDrawError';
  }
}

// ---------------------------------------------------------------- random numbers

/** A seeded PRNG (mulberry32 over a 32-bit hash of the seed). Deterministic per seed. */
export function seededRandom(seed: string | number): () => number {
  let h = 1779033703 ^ String(seed).length;
  for (const ch of String(seed)) {
    h = Math.imul(h ^ ch.charCodeAt(0), 3432918353);
    h = (h << 13) | (h >>> 19);
  }
  let a = h >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle<T>(arr: T[], rnd: () => number): T[] {
  for (let i = arr.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [arr[i], arr[j]] = [arr[j], arr[i]];
  }
  return arr;
}

const ID_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';

function opaqueId(rnd: () => number): string {
  let s = '';
  for (let i = 0; i < 8; i++) s += ID_ALPHABET[Math.floor(rnd() * ID_ALPHABET.length)];
  return s;
}

// ---------------------------------------------------------------- drawing

/** Check a blueprint against itself (rule counts fit the question count). Returns an error message or null. */
export function blueprintError(bp: PaperBlueprint): string | null {
  if (!Number.isInteger(bp.questionCount) || bp.questionCount < 1) return '题量须为正整数';
  let sum = 0;
  for (const r of bp.rules) {
    if (!Number.isInteger(r.count) || r.count < 0) return '每条组卷规则的题数须为非负整数';
    sum += r.count;
  }
  if (sum > bp.questionCount) return `组卷规则合计 ${sum} 题，超过试卷题量 ${bp.questionCount} 题`;
  return null;
}

const matches = (q: BankQuestion, r: BlueprintRule) =>
  (r.category == null || r.category === '' || q.category === r.category) &&
  (r.difficulty == null || q.difficulty === r.difficulty);

/**
 * Draw a paper for one attempt: pick questions per blueprint rule, fill the rest at random,
 * shuffle question order and option order, and give every option an opaque id unique in
 * the paper. Same inputs and seed → same paper (the caller passes a random seed per attempt).
 * Throws PaperDrawError when the bank cannot satisfy the blueprint.
 */
export function drawPaper(
  questions: readonly BankQuestion[],
  blueprint: PaperBlueprint,
  seed: string | number,
): FrozenPaper {
  const err = blueprintError(blueprint);
  if (err) throw new PaperDrawError(err);
  const rnd = seededRandom(seed);
  // Stable base order so the draw depends only on the seed, not on query order.
  const pool = [...questions].sort((a, b) => a.questionId - b.questionId);
  const taken = new Set<number>();
  const picked: BankQuestion[] = [];
  for (const rule of blueprint.rules) {
    if (rule.count === 0) continue;
    const candidates = shuffle(
      pool.filter((q) => !taken.has(q.questionId) && matches(q, rule)),
      rnd,
    );
    if (candidates.length < rule.count) {
      const what =
        [rule.category || '', rule.difficulty != null ? `难度${rule.difficulty}` : ''].filter(Boolean).join('、') ||
        '任意';
      throw new PaperDrawError(
        `题库中「${what}」的可用试题只有 ${candidates.length} 道，组卷规则需要 ${rule.count} 道`,
      );
    }
    for (const q of candidates.slice(0, rule.count)) {
      taken.add(q.questionId);
      picked.push(q);
    }
  }
  const rest = blueprint.questionCount - picked.length;
  if (rest > 0) {
    const candidates = shuffle(
      pool.filter((q) => !taken.has(q.questionId)),
      rnd,
    );
    if (candidates.length < rest) {
      throw new PaperDrawError(
        `题库可用试题不足：试卷需要 ${blueprint.questionCount} 道，题库只能提供 ${picked.length + candidates.length} 道`,
      );
    }
    picked.push(...candidates.slice(0, rest));
  }
  shuffle(picked, rnd);
  const used = new Set<string>();
  const items = picked.map((q): FrozenItem => {
    const order = q.options.map((o) => o.key);
    // 判断题 keep 正确/错误 in their usual order; their ids are still opaque.
    if (q.type !== 'judge') shuffle(order, rnd);
    const ids = order.map(() => {
      let id = opaqueId(rnd);
      while (used.has(id)) id = opaqueId(rnd);
      used.add(id);
      return id;
    });
    const correct = ids.filter((_, i) => q.answer.includes(order[i])).sort();
    return { v: q.versionId, q: q.questionId, t: q.type, c: q.category, d: q.difficulty, o: ids, k: order, a: correct };
  });
  return { items };
}

// ---------------------------------------------------------------- answers

/** The canonical stored form of a choice: sorted ids joined with ','. */
export function choiceKey(choice: readonly string[]): string {
  return [...choice].sort().join(',');
}

/**
 * Validate a choice for item `index` of `paper`. Returns an error message (Chinese) or null.
 * An empty choice clears the answer.
 */
export function choiceError(paper: FrozenPaper, index: number, choice: readonly string[]): string | null {
  const item = paper.items[index];
  if (!item) return '该题不在本试卷中';
  if (new Set(choice).size !== choice.length) return '选项重复';
  for (const id of choice) if (!item.o.includes(id)) return '选项不属于本题，请刷新试卷后重试';
  if (item.t !== 'multiple' && choice.length > 1)
    return item.t === 'judge' ? '判断题只能选择一项' : '单选题只能选择一项';
  return null;
}

export interface ItemResult {
  index: number;
  correct: boolean;
  answered: boolean;
}

export interface PaperScore {
  /** integer 0–100: percentage of points (every question one point) */
  score: number;
  correct: number;
  total: number;
  items: ItemResult[];
}

/** round(100 · correct / total) with integer arithmetic (the SQL scorer uses the same formula). */
export function percent(correct: number, total: number): number {
  if (total <= 0) return 0;
  return Math.floor((200 * correct + total) / (2 * total));
}

/**
 * Score a paper. A question is correct only when the chosen set equals the correct set
 * (多选题 all-or-nothing). Choices with ids not in the item count as wrong.
 */
export function scorePaper(paper: FrozenPaper, answers: AnswerSheet): PaperScore {
  let correct = 0;
  const items = paper.items.map((item, index): ItemResult => {
    const choice = answers[index];
    const answered = !!choice && choice.length > 0;
    const ok = answered && choiceKey(choice!) === item.a.join(',');
    if (ok) correct++;
    return { index, correct: ok, answered };
  });
  return { score: percent(correct, paper.items.length), correct, total: paper.items.length, items };
}

/** Map chosen opaque ids of item `index` back to bank keys (for review and item analysis). */
export function bankKeysOf(item: FrozenItem, choice: readonly string[]): string[] {
  return choice
    .map((id) => item.k[item.o.indexOf(id)])
    .filter((k): k is string => !!k)
    .sort();
}

// ---------------------------------------------------------------- rendering

export interface VersionText {
  stem: string;
  options: readonly { key: string; text: string }[];
}

export interface RenderedItem {
  index: number;
  type: QuestionType;
  stem: string;
  options: { id: string; text: string }[];
}

/** What the candidate sees: stems and option texts under opaque ids; no keys, no answers. */
export function renderPaper(paper: FrozenPaper, versions: ReadonlyMap<number, VersionText>): RenderedItem[] {
  return paper.items.map((item, index) => {
    const v = versions.get(item.v);
    if (!v) throw new PaperDrawError(`试题版本 ${item.v} 不存在`);
    return {
      index,
      type: item.t,
      stem: v.stem,
      options: item.o.map((id, i) => ({ id, text: v.options.find((o) => o.key === item.k[i])?.text ?? '' })),
    };
  });
}

// ---------------------------------------------------------------- timing

/** Deadline of an attempt: started + duration, but never after the end of the window. */
export function deadlineFor(startedAt: Date, durationMinutes: number, windowEnd: Date | null): Date {
  const d = new Date(startedAt.getTime() + durationMinutes * 60_000);
  return windowEnd && windowEnd < d ? windowEnd : d;
}

/** Whole seconds left (0 when over). The server clock is the only clock. */
export function remainingSeconds(deadlineAt: Date, now: Date): number {
  return Math.max(0, Math.floor((deadlineAt.getTime() - now.getTime()) / 1000));
}

export function isTimedOut(deadlineAt: Date, now: Date): boolean {
  return now.getTime() >= deadlineAt.getTime();
}
