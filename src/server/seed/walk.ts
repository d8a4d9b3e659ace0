/**
 * Demo applications are walked through their own state machine, step by step, and each step
 * is written to the audit trail — so demo data never holds a state the product could not
 * reach, and the 操作日志 shows how it got there.
 */
import type { Tx } from '../db/client.js';
import { writeAuditMany } from '../platform/audit.js';
import type { Machine } from '../../shared/domain/machine.js';

export interface WalkTarget {
  targetType: string;
  targetId: number;
  orgPath: string;
  provinceId: number;
}

/** Fire `steps` from `start`; returns the final state (throws if the machine refuses a step). */
export async function walk<S extends string, A extends string, E extends string>(
  tx: Tx,
  machine: Machine<S, A, E, object, never>,
  start: S,
  steps: [E, A, string?][],
  target: WalkTarget,
): Promise<S> {
  let state = start;
  const entries = [];
  for (const [event, actor, reason] of steps) {
    const r = machine.fire(state, event, actor, {}, reason ?? null);
    if (!r.ok) throw new Error(`demo walk refused: ${r.message}`);
    entries.push({
      ...target,
      action: `${r.label}（演示数据）`,
      reason: reason ?? null,
      before: { status: state },
      after: { status: r.to },
    });
    state = r.to;
  }
  if (entries.length) await writeAuditMany(tx, null, entries);
  return state;
}
