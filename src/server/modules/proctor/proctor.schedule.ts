/**
 * The capture schedule of one paper: `framesPerPaper` question moments, at least one in each
 * third of the paper, the rest anywhere (distinct questions), plus one at 交卷. Pure: the
 * random source is passed in so tests can pin it.
 */
export interface PlannedMoment {
  trigger: 'question' | 'submit';
  questionIndex: number | null;
}

export function planSchedule(questionCount: number, framesPerPaper: number, rand: () => number): PlannedMoment[] {
  const n = Math.max(0, Math.floor(questionCount));
  const picked = new Set<number>();
  if (n > 0) {
    const parts = Math.min(3, n);
    for (let p = 0; p < parts; p++) {
      const lo = Math.floor((p * n) / parts);
      const hi = Math.floor(((p + 1) * n) / parts); // exclusive
      picked.add(lo + Math.floor(rand() * (hi - lo)));
    }
    const want = Math.min(n, Math.max(framesPerPaper, parts));
    while (picked.size < want) picked.add(Math.floor(rand() * n));
  }
  const moments: PlannedMoment[] = [...picked]
    .sort((a, b) => a - b)
    .map((questionIndex) => ({ trigger: 'question', questionIndex }));
  moments.push({ trigger: 'submit', questionIndex: null });
  return moments;
}
