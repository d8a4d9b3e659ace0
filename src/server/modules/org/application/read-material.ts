import { and, eq, sql } from 'drizzle-orm';
import type { AppDeps } from '../../../app.js';
import { assessmentApplications, files } from '../../../db/schema/index.js';
import { inSubtree, type Actor } from '../../../platform/actor.js';
import { notFound } from '../../../platform/errors.js';
import { PURPOSE } from './application.helpers.js';

/**
 * 【查看】 a material: the institution itself, or an administration whose subtree holds the
 * application. Anyone else gets 404.
 */
export async function readMaterial(
  deps: AppDeps,
  actor: Actor,
  fileId: string,
): Promise<{ body: Buffer; mime: string; name: string }> {
  if (!/^[0-9a-f-]{36}$/i.test(fileId)) throw notFound('申请材料');
  const scope =
    actor.role === 'admin'
      ? inSubtree(assessmentApplications.orgPath, actor.orgPath)
      : actor.role === 'institution'
        ? eq(assessmentApplications.institutionId, actor.orgId)
        : sql`false`;
  const [app] = await deps.db
    .select({ id: assessmentApplications.id })
    .from(assessmentApplications)
    .where(and(scope, sql`${assessmentApplications.materials} @> ${JSON.stringify([{ fileId }])}::jsonb`));
  if (!app) throw notFound('申请材料');
  const [f] = await deps.db
    .select()
    .from(files)
    .where(and(eq(files.id, fileId), eq(files.purpose, PURPOSE)));
  if (!f) throw notFound('申请材料');
  return {
    body: await deps.storage.get(f.storageKey),
    mime: f.mime,
    name: f.originalName || `申请材料.${f.mime.split('/')[1]}`,
  };
}
