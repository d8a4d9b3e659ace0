import type { Actor } from '../../../platform/actor.js';
import { notFound } from '../../../platform/errors.js';
import type { TMaterial } from '../../../../shared/schemas/bank.js';
import { materialDto } from '../../bank/bank.service.js';
import { findPublishedMaterial, findPublishedMaterials } from '../learning.repo.js';
import type { Deps } from '../learning.helpers.js';

export async function materials(deps: Deps, actor: Actor): Promise<TMaterial[]> {
  const rows = await findPublishedMaterials(deps.db, actor);
  return materialDto(deps.db, rows);
}

export async function material(deps: Deps, actor: Actor, id: number): Promise<TMaterial> {
  const row = await findPublishedMaterial(deps.db, actor, id);
  if (!row) throw notFound('考前资料');
  return (await materialDto(deps.db, [row]))[0];
}
