import { and, eq } from 'drizzle-orm';
import type { AppDeps } from '../../../app.js';
import { studyMaterials } from '../../../db/schema/index.js';
import { requireProvinceAdmin, type Actor } from '../../../platform/actor.js';
import { writeAudit } from '../../../platform/audit.js';
import { badRequest, notFound } from '../../../platform/errors.js';
import type { TMaterial, TMaterialInput } from '../../../../shared/schemas/bank.js';
import { provinceScope } from '../bank.helpers.js';
import { materialDto, checkMaterialFile } from './material-dto.js';

export async function createMaterial(
  deps: AppDeps,
  actor: Actor,
  input: TMaterialInput,
  requestId?: string,
): Promise<TMaterial> {
  requireProvinceAdmin(actor);
  if (!input.content && !input.fileId) throw badRequest('请填写正文或上传附件');
  return deps.db.transaction(async (tx) => {
    await checkMaterialFile(tx, actor, input.fileId);
    const [row] = await tx
      .insert(studyMaterials)
      .values({
        provinceId: actor.provinceId,
        title: input.title,
        summary: input.summary,
        content: input.content,
        fileId: input.fileId ?? null,
        published: input.published,
        createdBy: actor.accountId,
      })
      .returning();
    await writeAudit(
      tx,
      actor,
      {
        targetType: 'study_material',
        targetId: row.id,
        action: '新增考前资料',
        ...provinceScope(actor),
        after: { title: row.title },
      },
      requestId,
    );
    return (await materialDto(tx, [row]))[0];
  });
}

export async function updateMaterial(
  deps: AppDeps,
  actor: Actor,
  id: number,
  input: TMaterialInput,
  requestId?: string,
): Promise<TMaterial> {
  requireProvinceAdmin(actor);
  if (!input.content && !input.fileId) throw badRequest('请填写正文或上传附件');
  return deps.db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(studyMaterials)
      .where(and(eq(studyMaterials.id, id), eq(studyMaterials.provinceId, actor.provinceId)))
      .for('update');
    if (!before) throw notFound('考前资料');
    await checkMaterialFile(tx, actor, input.fileId);
    const [row] = await tx
      .update(studyMaterials)
      .set({
        title: input.title,
        summary: input.summary,
        content: input.content,
        fileId: input.fileId ?? null,
        published: input.published,
        updatedAt: deps.now(),
      })
      .where(eq(studyMaterials.id, id))
      .returning();
    await writeAudit(
      tx,
      actor,
      {
        targetType: 'study_material',
        targetId: id,
        action: '修改考前资料',
        ...provinceScope(actor),
        before: { title: before.title, published: before.published },
        after: { title: row.title, published: row.published },
      },
      requestId,
    );
    return (await materialDto(tx, [row]))[0];
  });
}

export async function deleteMaterial(deps: AppDeps, actor: Actor, id: number, requestId?: string): Promise<void> {
  requireProvinceAdmin(actor);
  await deps.db.transaction(async (tx) => {
    const [row] = await tx
      .delete(studyMaterials)
      .where(and(eq(studyMaterials.id, id), eq(studyMaterials.provinceId, actor.provinceId)))
      .returning();
    if (!row) throw notFound('考前资料');
    await writeAudit(
      tx,
      actor,
      {
        targetType: 'study_material',
        targetId: id,
        action: '删除考前资料',
        ...provinceScope(actor),
        before: { title: row.title },
      },
      requestId,
    );
  });
}
