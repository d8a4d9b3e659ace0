import type { AppDeps } from '../../../app.js';
import { requireProvinceAdmin, type Actor } from '../../../platform/actor.js';
import { notFound } from '../../../platform/errors.js';
import type { TMaterial } from '../../../../shared/schemas/bank.js';
import { findMaterialFile, findMaterials } from '../bank.repo.js';
import { materialDto } from './material-dto.js';

export async function listMaterialsAdmin(deps: AppDeps, actor: Actor): Promise<TMaterial[]> {
  requireProvinceAdmin(actor);
  const rows = await findMaterials(deps.db, actor.provinceId);
  return materialDto(deps.db, rows);
}

/** The attachment of a material, for the province admin or a physician of the province (published only). */
export async function materialFile(
  deps: AppDeps,
  actor: Actor,
  id: number,
): Promise<{ buf: Buffer; mime: string; name: string }> {
  const physician = actor.role === 'physician';
  if (!physician) requireProvinceAdmin(actor);
  const row = await findMaterialFile(deps.db, actor.provinceId, id, physician);
  if (!row) throw notFound('附件');
  return { buf: await deps.storage.get(row.storageKey), mime: row.mime, name: row.name || '附件' };
}
