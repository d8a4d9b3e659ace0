import type { AppDeps } from '../../../app.js';
import type { Actor } from '../../../platform/actor.js';
import type { TEvaluationRow } from '../../../../shared/schemas/procedure.js';
import { findEvaluations } from '../procedure.repo.js';
import { REVIEW_STATUS, reviewerOf, toRow } from './evaluation.rules.js';

type Deps = Pick<AppDeps, 'db' | 'sms' | 'now' | 'storage'>;

/** 待卫生机构评定 (institution) / 待复核 (body), by procedure. */
export async function listEvaluations(
  deps: Deps,
  actor: Actor,
  q: { procedure: 'general' | 'simple'; keyword?: string; page: number; pageSize: number },
): Promise<{ total: number; rows: TEvaluationRow[] }> {
  const { total, rows } = await findEvaluations(deps.db, actor, REVIEW_STATUS[reviewerOf(actor)], q);
  return { total, rows: rows.map((r) => toRow(actor, r)) };
}
