import type { Actor } from '../../../platform/actor.js';
import { notFound } from '../../../platform/errors.js';
import { latestChangeRequest, proposedPhotoOf } from '../change.service.js';
import { findFile } from '../enrolment.repo.js';
import { type EnrolmentDeps, findEnrolmentForActor } from '../enrolment.transition.js';

/** The photo, only to those who may see the enrolment. */
export async function readPhoto(
  deps: Pick<EnrolmentDeps, 'db' | 'storage'>,
  actor: Actor,
  enrolmentId: number,
  proposed = false,
): Promise<{ mime: string; body: Buffer }> {
  const row = await findEnrolmentForActor(deps.db, actor, enrolmentId);
  // `proposed`: the photo of the open 医师信息修改 (physician and reviewers of this enrolment)
  const fileId = proposed ? proposedPhotoOf(await latestChangeRequest(deps.db, row.id)) : row.photoFileId;
  if (!fileId) throw notFound('照片');
  const f = await findFile(deps.db, fileId);
  if (!f) throw notFound('照片');
  return { mime: f.mime, body: await deps.storage.get(f.storageKey) };
}
