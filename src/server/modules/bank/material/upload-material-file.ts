import type { AppDeps } from '../../../app.js';
import { requireProvinceAdmin, type Actor } from '../../../platform/actor.js';
import { checkUpload, storeFile } from '../../../platform/uploads.js';

export async function uploadMaterialFile(
  deps: AppDeps,
  actor: Actor,
  buf: Buffer,
  fileName: string,
): Promise<{ fileId: string; fileName: string }> {
  requireProvinceAdmin(actor);
  const checked = await checkUpload(buf, 'document', { maxBytes: 20 * 1024 * 1024 });
  const fileId = await storeFile(deps.db, deps.storage, actor, buf, checked, {
    purpose: 'study_material',
    orgPath: actor.orgPath,
    originalName: fileName,
  });
  return { fileId, fileName };
}
