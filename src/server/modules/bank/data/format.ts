/**
 * The demo bank is written as compact fact lines, one fact per line, and expanded into
 * questions here. Formats (fields separated by `|`, lists by `;`, the leading digit is the
 * difficulty 1–5):
 *
 *   C3|stem that a correct option completes|correct|wrong|wrong|wrong|explanation
 *        → a 单选题, plus a 判断题 "stem + one option" (true or false, chosen by hash)
 *   S3|question stem|correct|wrong|wrong|wrong|explanation         → a 单选题
 *   M3|question stem|right;right[;right]|wrong[;wrong]|explanation → a 多选题 (; or ；)
 *   M3|question stem|right|right[|right…]|wrong[;wrong]|explanation   → the same
 *   J3|statement|对 or 错|explanation                              → a 判断题
 *
 * Option order is shuffled deterministically (by the stem), so the answer is not always A.
 */
export interface SeedQuestion {
  bank: 'humanities' | 'professional';
  category: string;
  practiceCategory: string | null;
  type: 'single' | 'multiple' | 'judge';
  stem: string;
  options: { key: string; text: string }[];
  answer: string[];
  explanation: string;
  difficulty: number;
}

const KEYS = 'ABCDEFGH';

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

function shuffled<T>(arr: T[], seed: string): T[] {
  const out = [...arr];
  let h = hash(seed);
  for (let i = out.length - 1; i > 0; i--) {
    h = Math.imul(h ^ (h >>> 13), 1274126177) >>> 0;
    const j = h % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

function choice(stem: string, right: string[], wrong: string[], type: 'single' | 'multiple') {
  const all = shuffled([...right.map((t) => ({ t, ok: true })), ...wrong.map((t) => ({ t, ok: false }))], stem);
  const options = all.map((o, i) => ({ key: KEYS[i], text: o.t }));
  const answer = all.flatMap((o, i) => (o.ok ? [KEYS[i]] : []));
  return { type, options, answer };
}

const JUDGE = [
  { key: 'A', text: '正确' },
  { key: 'B', text: '错误' },
];

function endSentence(s: string): string {
  return /[。！？]$/.test(s) ? s : `${s}。`;
}

/** Expand fact lines into questions of one category. */
export function expand(bank: 'humanities' | 'professional', category: string, practiceCategory: string | null, text: string): SeedQuestion[] {
  const out: SeedQuestion[] = [];
  const base = { bank, category, practiceCategory };
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const f = line.split('|').map((x) => x.trim());
    const kind = f[0][0];
    const difficulty = Number(f[0].slice(1));
    if (!(difficulty >= 1 && difficulty <= 5)) throw new Error(`bad difficulty: ${line}`);
    if (kind === 'C' || kind === 'S') {
      if (f.length < 5) throw new Error(`bad line: ${line}`);
      const [, stem, correct, ...rest] = f;
      const explanation = rest.pop()!;
      const wrong = rest;
      out.push({ ...base, ...choice(stem, [correct], wrong, 'single'), stem, explanation, difficulty });
      if (kind === 'C') {
        const truthy = hash(stem) % 2 === 0;
        const shown = truthy ? correct : wrong[hash(stem + '#') % wrong.length];
        out.push({
          ...base,
          type: 'judge',
          stem: endSentence(`${stem}${shown}`),
          options: JUDGE,
          answer: [truthy ? 'A' : 'B'],
          explanation: truthy ? explanation : `错误。正确的是：${correct}。${explanation}`,
          difficulty: Math.max(1, difficulty - 1),
        });
      }
    } else if (kind === 'M') {
      if (f.length < 5) throw new Error(`bad line: ${line}`);
      const split = (x: string) => x.split(/[;；]/).map((t) => t.trim()).filter(Boolean);
      const stem = f[1];
      const explanation = f[f.length - 1];
      // M|stem|right;right|wrong;wrong|expl, or M|stem|right|right|…|wrong;wrong|expl
      const right = f.length === 5 ? split(f[2]) : f.slice(2, -2);
      const wrong = split(f[f.length - 2]);
      out.push({ ...base, ...choice(stem, right, wrong, 'multiple'), stem, explanation, difficulty });
    } else if (kind === 'J') {
      if (f.length !== 4 || !['对', '错'].includes(f[2])) throw new Error(`bad line: ${line}`);
      out.push({ ...base, type: 'judge', stem: endSentence(f[1]), options: JUDGE, answer: [f[2] === '对' ? 'A' : 'B'], explanation: f[3], difficulty });
    } else {
      throw new Error(`unknown line kind: ${line}`);
    }
  }
  return out;
}

/**
 * Questions from a fact table: for each row, "stem(row)" with the row's value as the answer
 * and values of other rows (different from it) as distractors.
 */
export function fromTable(
  bank: 'humanities' | 'professional',
  category: string,
  practiceCategory: string | null,
  rows: [subject: string, value: string][],
  stem: (subject: string) => string,
  explanation: (subject: string, value: string) => string,
  difficulty: number,
): SeedQuestion[] {
  const values = [...new Set(rows.map((r) => r[1]))];
  return rows.map(([subject, value]) => {
    const pool = shuffled(
      values.filter((v) => v !== value),
      subject,
    ).slice(0, 3);
    const s = stem(subject);
    return { bank, category, practiceCategory, ...choice(s, [value], pool, 'single'), stem: s, explanation: explanation(subject, value), difficulty };
  });
}
