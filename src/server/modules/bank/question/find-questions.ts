import type { AppDeps } from '../../../app.js';
import { requireProvinceAdmin, type Actor } from '../../../platform/actor.js';
import { notFound } from '../../../platform/errors.js';
import type {
  TQuestionDetail,
  TQuestionList,
  TQuestionListQuery,
  TQuestionVersion,
} from '../../../../shared/schemas/bank.js';
import * as repo from '../bank.repo.js';
import { toRow, toVersion } from '../bank.helpers.js';

export async function findQuestions(deps: AppDeps, actor: Actor, f: TQuestionListQuery): Promise<TQuestionList> {
  requireProvinceAdmin(actor);
  const { rows, total } = await repo.listQuestions(deps.db, actor.provinceId, f);
  return { items: rows.map(toRow), total, page: f.page, pageSize: f.pageSize };
}

export async function getQuestion(deps: AppDeps, actor: Actor, id: number): Promise<TQuestionDetail> {
  requireProvinceAdmin(actor);
  const q = await repo.findQuestion(deps.db, actor.provinceId, id);
  if (!q) throw notFound('试题');
  const versions = await repo.versionsOf(deps.db, q.id);
  const current = versions.find((v) => v.id === q.currentVersionId)!;
  return { ...toRow({ q, v: current }), versions: versions.map((v) => toVersion(v, q.currentVersionId)) };
}

/** Any version, including superseded ones (what an attempt or practice record froze). */
export async function getVersion(deps: AppDeps, actor: Actor, versionId: number): Promise<TQuestionVersion> {
  requireProvinceAdmin(actor);
  const row = await repo.findVersion(deps.db, actor.provinceId, versionId);
  if (!row) throw notFound('试题版本');
  return toVersion(row.v, row.q.currentVersionId);
}
