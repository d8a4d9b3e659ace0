/** 免考审核 list and detail (scoped by the repo). */
import type { AppDeps } from '../../../app.js';
import type { Actor } from '../../../platform/actor.js';
import { notFound } from '../../../platform/errors.js';
import { listAttachments } from '../../procedure/attachments.js';
import { findExemption, findExemptions } from '../exemption.repo.js';
import { toDto } from './to-dto.js';

type Deps = Pick<AppDeps, 'db' | 'sms' | 'now' | 'storage'>;
type Procedure = 'general' | 'simple';

export async function listApplications(
  deps: Deps,
  actor: Actor,
  q: { procedure?: Procedure; scope: 'pending' | 'all'; keyword?: string; page: number; pageSize: number },
) {
  const { total, rows } = await findExemptions(deps.db, actor, q);
  return { total, rows: rows.map((r) => toDto(actor, r)) };
}

export async function getApplication(deps: Deps, actor: Actor, id: number) {
  const r = await findExemption(deps.db, actor, id);
  if (!r) throw notFound('免考申请');
  return { ...toDto(actor, r), files: await listAttachments(deps.db, r.a.enrolmentId, 'exemption') };
}
