import { and, desc, eq } from 'drizzle-orm';
import type { AppDeps } from '../../../app.js';
import { files, studyMaterials } from '../../../db/schema/index.js';
import { requireProvinceAdmin, type Actor } from '../../../platform/actor.js';
import { notFound } from '../../../platform/errors.js';
import type { TMaterial } from '../../../../shared/schemas/bank.js';
import { materialDto } from './material-dto.js';

export async function listMaterialsAdmin(deps: AppDeps, actor: Actor): Promise<TMaterial[]> {
  requireProvinceAdmin(actor);
  const rows = await deps.db
    .select()
    .from(studyMaterials)
    .where(eq(studyMaterials.provinceId, actor.provinceId))
    .orderBy(desc(studyMaterials.id))
    .limit(500);
  return materialDto(deps.db, rows);
}

/** The attachment of a material, for the province admin or a physician of the province (published only). */
export async function materialFile(
  deps: AppDeps,
  actor: Actor,
  id: number,
): Promise<{ buf: Buffer; mime: string; name: string }> {
  const conds = [eq(studyMaterials.id, id), eq(studyMaterials.provinceId, actor.provinceId)];
  if (actor.role === 'physician') conds.push(eq(studyMaterials.published, true));
  else requireProvinceAdmin(actor);
  const [row] = await deps.db
    .select({ storageKey: files.storageKey, mime: files.mime, name: files.originalName })
    .from(studyMaterials)
    .innerJoin(files, eq(files.id, studyMaterials.fileId))
    .where(and(...conds));
  if (!row) throw notFound('附件');
  return { buf: await deps.storage.get(row.storageKey), mime: row.mime, name: row.name || '附件' };
}
