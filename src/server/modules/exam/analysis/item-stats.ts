/**
 * Item analysis (试题分析) — pure functions. Classical test theory:
 * - difficulty p = share of candidates answering the item correctly;
 * - discrimination D = p(upper 27 %) − p(lower 27 %), groups by total score;
 * - option choice frequencies by bank key (opaque ids are mapped back when loading).
 * The repository aggregates responses in SQL into `ItemCount` rows; `itemStats` turns
 * them into statistics. `analyseResponses` is the same computation from raw responses
 * (used by tests to check the SQL and by small in-memory callers).
 */

export type Group = 'U' | 'M' | 'L';

/** Sizes of the upper and lower groups for n ranked candidates (27 %, at least 1 each when n ≥ 2). */
export function groupSize(n: number): number {
  if (n < 2) return 0;
  return Math.max(1, Math.round(n * 0.27));
}

/** Group of the candidate ranked `rank` (1 = highest score) among n. */
export function groupOf(rank: number, n: number): Group {
  const g = groupSize(n);
  if (rank <= g) return 'U';
  if (rank > n - g) return 'L';
  return 'M';
}

/** Aggregated responses: how many candidates of `group` gave `keys` (bank keys joined, '' = unanswered) on item `versionId`. */
export interface ItemCount {
  versionId: number;
  group: Group;
  correct: boolean;
  keys: string;
  count: number;
}

export interface ItemStat {
  versionId: number;
  responses: number;
  /** share correct, 0–1 */
  pValue: number;
  /** p(upper) − p(lower), −1…1; null when the groups are empty */
  discrimination: number | null;
  /** per bank key: how many chose it (multiple choice counts each key) */
  optionCounts: Record<string, number>;
  unanswered: number;
  flagged: boolean;
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

export function itemStats(rows: readonly ItemCount[]): ItemStat[] {
  const by = new Map<
    number,
    {
      n: number;
      ok: number;
      u: number;
      uOk: number;
      l: number;
      lOk: number;
      opts: Record<string, number>;
      blank: number;
    }
  >();
  for (const r of rows) {
    let s = by.get(r.versionId);
    if (!s) {
      s = { n: 0, ok: 0, u: 0, uOk: 0, l: 0, lOk: 0, opts: {}, blank: 0 };
      by.set(r.versionId, s);
    }
    s.n += r.count;
    if (r.correct) s.ok += r.count;
    if (r.group === 'U') {
      s.u += r.count;
      if (r.correct) s.uOk += r.count;
    } else if (r.group === 'L') {
      s.l += r.count;
      if (r.correct) s.lOk += r.count;
    }
    if (!r.keys) s.blank += r.count;
    else for (const k of r.keys.split(',')) s.opts[k] = (s.opts[k] ?? 0) + r.count;
  }
  return [...by.entries()]
    .map(([versionId, s]) => {
      const discrimination = s.u > 0 && s.l > 0 ? round3(s.uOk / s.u - s.lOk / s.l) : null;
      return {
        versionId,
        responses: s.n,
        pValue: s.n ? round3(s.ok / s.n) : 0,
        discrimination,
        optionCounts: s.opts,
        unanswered: s.blank,
        flagged: discrimination !== null && discrimination < 0,
      };
    })
    .sort((a, b) => a.versionId - b.versionId);
}

/** One candidate's paper for the in-memory computation. */
export interface CandidateResponses {
  attemptId: number;
  score: number;
  items: { versionId: number; keys: string[]; correct: boolean }[];
}

/** Rank candidates by score (desc, then attempt id asc — same tie-break as the SQL) and aggregate. */
export function analyseResponses(candidates: readonly CandidateResponses[]): ItemStat[] {
  const ranked = [...candidates].sort((a, b) => b.score - a.score || a.attemptId - b.attemptId);
  const n = ranked.length;
  const counts = new Map<string, ItemCount>();
  ranked.forEach((c, i) => {
    const group = groupOf(i + 1, n);
    for (const it of c.items) {
      const keys = [...it.keys].sort().join(',');
      const id = `${it.versionId}|${group}|${it.correct}|${keys}`;
      const row = counts.get(id);
      if (row) row.count++;
      else counts.set(id, { versionId: it.versionId, group, correct: it.correct, keys, count: 1 });
    }
  });
  return itemStats([...counts.values()]);
}
