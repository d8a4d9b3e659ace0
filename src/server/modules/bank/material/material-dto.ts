import { and, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client.js';
import { files, type studyMaterials } from '../../../db/schema/index.js';
import type { Actor } from '../../../platform/actor.js';
import { badRequest } from '../../../platform/errors.js';
import type { TMaterial } from '../../../../shared/schemas/bank.js';

type MaterialRow = typeof studyMaterials.$inferSelect;

export async function materialDto(db: DbOrTx, rows: MaterialRow[]): Promise<TMaterial[]> {
  const ids = rows.map((r) => r.fileId).filter((x): x is string => !!x);
  const names = new Map<string, string>();
  if (ids.length) {
    const fr = await db.select({ id: files.id, name: files.originalName }).from(files).where(inArray(files.id, ids));
    for (const f of fr) names.set(f.id, f.name || '附件');
  }
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    summary: r.summary,
    content: r.content,
    fileId: r.fileId,
    fileName: r.fileId ? (names.get(r.fileId) ?? '附件') : null,
    published: r.published,
    updatedAt: r.updatedAt.toISOString(),
  }));
}

export async function checkMaterialFile(db: DbOrTx, actor: Actor, fileId: string | null | undefined): Promise<void> {
  if (!fileId) return;
  const [f] = await db
    .select({ id: files.id })
    .from(files)
    .where(and(eq(files.id, fileId), eq(files.provinceId, actor.provinceId), eq(files.purpose, 'study_material')));
  if (!f) throw badRequest('附件不存在，请重新上传');
}
