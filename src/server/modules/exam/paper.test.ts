import { describe, expect, it } from 'vitest';
import {
  bankKeysOf,
  choiceError,
  deadlineFor,
  drawPaper,
  isTimedOut,
  PaperDrawError,
  percent,
  remainingSeconds,
  renderPaper,
  scorePaper,
  type BankQuestion,
  type FrozenPaper,
} from './paper.js';
import { analyseResponses, groupOf, groupSize, itemStats } from './analysis/item-stats.js';

function bank(n: number, over: (i: number) => Partial<BankQuestion> = () => ({})): BankQuestion[] {
  return Array.from({ length: n }, (_, i) => ({
    questionId: i + 1,
    versionId: 1000 + i,
    type: 'single' as const,
    category: ['法律法规', '医学伦理', '医患沟通'][i % 3],
    difficulty: (i % 5) + 1,
    options: ['A', 'B', 'C', 'D'].map((key) => ({ key, text: `选项${key}${i}` })),
    answer: ['B'],
    ...over(i),
  }));
}

describe('drawPaper', () => {
  const questions = bank(60);

  it('draws the blueprint: counts per category/difficulty and the total', () => {
    const p = drawPaper(
      questions,
      {
        questionCount: 20,
        rules: [
          { category: '法律法规', count: 5 },
          { category: '医学伦理', difficulty: 2, count: 2 },
        ],
      },
      'seed-1',
    );
    expect(p.items).toHaveLength(20);
    expect(p.items.filter((i) => i.c === '法律法规').length).toBeGreaterThanOrEqual(5);
    expect(p.items.filter((i) => i.c === '医学伦理' && i.d === 2).length).toBeGreaterThanOrEqual(2);
    expect(new Set(p.items.map((i) => i.q)).size).toBe(20);
  });

  it('shuffles questions and options and uses opaque ids that differ per attempt', () => {
    const bp = { questionCount: 30, rules: [] };
    const a = drawPaper(questions, bp, 'attempt-a');
    const b = drawPaper(questions, bp, 'attempt-b');
    expect(a.items.map((i) => i.q)).not.toEqual(b.items.map((i) => i.q));
    // option order is shuffled (not always A,B,C,D)
    expect(a.items.some((i) => i.k.join('') !== 'ABCD')).toBe(true);
    const idsA = new Set(a.items.flatMap((i) => i.o));
    const idsB = new Set(b.items.flatMap((i) => i.o));
    expect(idsA.size).toBe(30 * 4);
    for (const id of idsA) {
      expect(id).toMatch(/^[A-Za-z0-9]{8}$/);
      expect(['A', 'B', 'C', 'D']).not.toContain(id);
      expect(idsB.has(id)).toBe(false);
    }
    // the correct ids point at bank key B
    for (const it of a.items) expect(bankKeysOf(it, it.a)).toEqual(['B']);
  });

  it('is deterministic for one seed', () => {
    const bp = { questionCount: 10, rules: [{ category: '医患沟通', count: 3 }] };
    expect(drawPaper(questions, bp, 42)).toEqual(drawPaper(questions, bp, 42));
  });

  it('a shared answer key from another attempt does not score', () => {
    const bp = { questionCount: 20, rules: [] };
    const a = drawPaper(questions, bp, 'x1');
    const b = drawPaper(questions, bp, 'x2');
    const keyOfA = Object.fromEntries(a.items.map((it, i) => [i, it.a]));
    expect(scorePaper(a, keyOfA).score).toBe(100);
    expect(scorePaper(b, keyOfA).score).toBe(0);
  });

  it('refuses a blueprint the bank cannot satisfy, and an inconsistent blueprint', () => {
    expect(() => drawPaper(questions, { questionCount: 61, rules: [] }, 1)).toThrow(PaperDrawError);
    expect(() =>
      drawPaper(questions, { questionCount: 10, rules: [{ category: '法律法规', difficulty: 9, count: 1 }] }, 1),
    ).toThrow(/只有 0 道/);
    expect(() => drawPaper(questions, { questionCount: 5, rules: [{ category: '法律法规', count: 6 }] }, 1)).toThrow(
      /超过试卷题量/,
    );
  });

  it('the frozen paper is unaffected by later bank edits (versions are referenced, texts immutable)', () => {
    const qs = bank(10);
    const paper = drawPaper(qs, { questionCount: 10, rules: [] }, 's');
    const snapshot = JSON.parse(JSON.stringify(paper)) as FrozenPaper;
    // the bank edits question 1 (new version, answer changes) and retires question 2
    qs[0] = { ...qs[0], versionId: 5000, answer: ['C'] };
    qs.splice(1, 1);
    expect(paper).toEqual(snapshot);
    const versions = new Map(bank(10).map((q) => [q.versionId, { stem: `题干${q.questionId}`, options: q.options }]));
    const rendered = renderPaper(paper, versions);
    expect(rendered).toHaveLength(10);
    const it0 = paper.items[0];
    expect(rendered[0].options.map((o) => o.id)).toEqual(it0.o);
    expect(rendered[0].options[0].text).toBe(`选项${it0.k[0]}${it0.q - 1}`);
    expect(JSON.stringify(rendered)).not.toContain('"a"');
  });
});

describe('scorePaper', () => {
  const qs = bank(4, (i) =>
    i === 1
      ? { type: 'multiple', answer: ['A', 'C'] }
      : i === 2
        ? {
            type: 'judge',
            options: [
              { key: 'A', text: '正确' },
              { key: 'B', text: '错误' },
            ],
            answer: ['A'],
          }
        : {},
  );
  const paper = drawPaper(qs, { questionCount: 4, rules: [] }, 'score');
  const idx = (q: number) => paper.items.findIndex((i) => i.q === q);
  const idOf = (q: number, key: string) => {
    const it = paper.items[idx(q)];
    return it.o[it.k.indexOf(key)];
  };

  it('multiple choice is all-or-nothing', () => {
    const full = scorePaper(paper, { [idx(2)]: [idOf(2, 'C'), idOf(2, 'A')] });
    expect(full.correct).toBe(1);
    expect(scorePaper(paper, { [idx(2)]: [idOf(2, 'A')] }).correct).toBe(0);
    expect(scorePaper(paper, { [idx(2)]: [idOf(2, 'A'), idOf(2, 'C'), idOf(2, 'D')] }).correct).toBe(0);
  });

  it('scores percentage of points, rounded, unanswered = wrong', () => {
    const all = {
      [idx(1)]: [idOf(1, 'B')],
      [idx(2)]: [idOf(2, 'A'), idOf(2, 'C')],
      [idx(3)]: [idOf(3, 'A')],
      [idx(4)]: [idOf(4, 'B')],
    };
    expect(scorePaper(paper, all).score).toBe(100);
    const three = { ...all, [idx(4)]: [idOf(4, 'A')] };
    expect(scorePaper(paper, three)).toMatchObject({ score: 75, correct: 3, total: 4 });
    expect(scorePaper(paper, {}).score).toBe(0);
    expect(scorePaper(paper, { [idx(1)]: ['bogus123'] }).correct).toBe(0);
    expect(percent(2, 3)).toBe(67);
    expect(percent(1, 3)).toBe(33);
    expect(percent(1, 8)).toBe(13); // 12.5 rounds half up
  });

  it('validates choices: ids of the item only, one choice for 单选/判断', () => {
    expect(choiceError(paper, 99, [])).toMatch(/不在本试卷/);
    expect(choiceError(paper, idx(1), [idOf(2, 'A')])).toMatch(/不属于本题/);
    expect(choiceError(paper, idx(1), [idOf(1, 'A'), idOf(1, 'B')])).toMatch(/单选题只能选择一项/);
    expect(choiceError(paper, idx(3), [idOf(3, 'A'), idOf(3, 'B')])).toMatch(/判断题/);
    expect(choiceError(paper, idx(2), [idOf(2, 'A'), idOf(2, 'A')])).toMatch(/重复/);
    expect(choiceError(paper, idx(2), [idOf(2, 'A'), idOf(2, 'B')])).toBeNull();
    expect(choiceError(paper, idx(1), [])).toBeNull();
  });
});

describe('time', () => {
  const start = new Date('2026-06-01T10:00:00+08:00');
  it('deadline = start + duration, capped at the window end', () => {
    expect(deadlineFor(start, 60, null).toISOString()).toBe('2026-06-01T03:00:00.000Z');
    const windowEnd = new Date('2026-06-01T10:30:00+08:00');
    expect(deadlineFor(start, 60, windowEnd)).toEqual(windowEnd);
  });
  it('remaining seconds and time-out come from the given (server) clock', () => {
    const deadline = deadlineFor(start, 1, null);
    expect(remainingSeconds(deadline, new Date(start.getTime() + 10_500))).toBe(49);
    expect(isTimedOut(deadline, new Date(start.getTime() + 59_999))).toBe(false);
    expect(isTimedOut(deadline, new Date(start.getTime() + 60_000))).toBe(true);
    expect(remainingSeconds(deadline, new Date(start.getTime() + 120_000))).toBe(0);
  });
});

describe('item analysis', () => {
  it('group sizes are 27 % of the ranked candidates', () => {
    expect(groupSize(100)).toBe(27);
    expect(groupSize(10)).toBe(3);
    expect(groupSize(1)).toBe(0);
    expect(groupOf(3, 10)).toBe('U');
    expect(groupOf(4, 10)).toBe('M');
    expect(groupOf(8, 10)).toBe('L');
  });

  it('computes p-value, discrimination and option frequencies; flags negative discrimination', () => {
    // 10 candidates, scores 100..10. Item 1 is answered right by the top 5 (good item),
    // item 2 right only by the bottom 3 (bad item: negative discrimination).
    const cands = Array.from({ length: 10 }, (_, i) => ({
      attemptId: i + 1,
      score: 100 - i * 10,
      items: [
        { versionId: 1, keys: i < 5 ? ['B'] : ['A'], correct: i < 5 },
        { versionId: 2, keys: i >= 7 ? ['C'] : i === 0 ? [] : ['D'], correct: i >= 7 },
      ],
    }));
    const [s1, s2] = analyseResponses(cands);
    expect(s1).toMatchObject({
      versionId: 1,
      responses: 10,
      pValue: 0.5,
      discrimination: 1,
      flagged: false,
      optionCounts: { B: 5, A: 5 },
    });
    expect(s2).toMatchObject({
      versionId: 2,
      pValue: 0.3,
      discrimination: -1,
      flagged: true,
      unanswered: 1,
      optionCounts: { C: 3, D: 6 },
    });
  });

  it('multiple-choice frequencies count each chosen key', () => {
    const s = itemStats([
      { versionId: 7, group: 'U', correct: true, keys: 'A,C', count: 4 },
      { versionId: 7, group: 'L', correct: false, keys: 'A', count: 2 },
      { versionId: 7, group: 'M', correct: false, keys: '', count: 1 },
    ]);
    expect(s[0]).toMatchObject({
      responses: 7,
      optionCounts: { A: 6, C: 4 },
      unanswered: 1,
      discrimination: 1,
      pValue: 0.571,
    });
  });
});
