/** 延期考核审核 list and detail (scoped by the repo). */
import type { AppDeps } from '../../../app.js';
import type { Actor } from '../../../platform/actor.js';
import { notFound } from '../../../platform/errors.js';
import { listAttachments } from '../../procedure/attachments.js';
import { findDeferral, findDeferrals } from '../deferral.repo.js';
import { toDto } from './to-dto.js';

type Deps = Pick<AppDeps, 'db' | 'sms' | 'now' | 'storage'>;

export async function listApplications(
  deps: Deps,
  actor: Actor,
  q: { scope: 'pending' | 'all'; keyword?: string; page: number; pageSize: number },
) {
  const { total, rows } = await findDeferrals(deps.db, actor, q);
  return { total, rows: rows.map((r) => toDto(actor, r)) };
}

export async function getApplication(deps: Pick<Deps, 'db'>, actor: Actor, id: number) {
  const r = await findDeferral(deps.db, actor, id);
  if (!r) throw notFound('延期考核申请');
  return { ...toDto(actor, r), files: await listAttachments(deps.db, r.a.enrolmentId, 'deferral') };
}
