/** Stored rows → what a statistics page shows (pure; shared by the pages and the exports). */
import { RESULT_BUCKETS } from '../../../shared/schemas/stats.js';
import type { TStatsRow } from '../../../shared/schemas/stats.js';
import type { Actor } from '../../platform/actor.js';
import type { StoredStatsRow } from './stats.repo.js';

const emptyResult = () => Object.fromEntries(RESULT_BUCKETS.map((b) => [b, 0])) as Record<string, number>;

export function presentRow(actor: Actor, r: StoredStatsRow): TStatsRow {
  const total = Object.values(r.progress).reduce((a, b) => a + b, 0);
  return {
    orgId: r.orgId,
    name: r.name,
    kind: r.kind,
    level: r.level,
    drillable: actor.role === 'admin' && r.kind === 'admin' && r.orgId !== actor.orgId,
    total,
    progress: r.progress,
    result: { general: { ...emptyResult(), ...r.result.general }, simple: { ...emptyResult(), ...r.result.simple } },
  };
}

/** The sum of several rows (an assessment body's total over its assigned institutions). */
export function sumRows(name: string, orgId: number, rows: TStatsRow[]): TStatsRow {
  const progress: Record<string, number> = {};
  const general = emptyResult();
  const simple = emptyResult();
  for (const r of rows) {
    for (const [k, v] of Object.entries(r.progress)) progress[k] = (progress[k] ?? 0) + v;
    for (const b of RESULT_BUCKETS) {
      general[b] += r.result.general[b] ?? 0;
      simple[b] += r.result.simple[b] ?? 0;
    }
  }
  return {
    orgId,
    name,
    kind: 'institution',
    level: null,
    drillable: false,
    total: rows.reduce((a, r) => a + r.total, 0),
    progress,
    result: { general, simple },
  };
}
