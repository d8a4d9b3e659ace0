import { eq } from 'drizzle-orm';
import type { AppDeps } from '../../../app.js';
import { assessmentApplications, files, organisations } from '../../../db/schema/index.js';
import type { Actor } from '../../../platform/actor.js';
import { badRequest, forbidden } from '../../../platform/errors.js';

type AppRow = typeof assessmentApplications.$inferSelect;

export const PURPOSE = 'assessment_application';

export const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function editable(app: AppRow | undefined): boolean {
  return !app || app.status === 'draft' || app.status === 'rejected';
}

/** The institution may change its application now (permission granted, not yet a body, not pending). */
export async function lockOwnApplication(
  tx: Parameters<Parameters<AppDeps['db']['transaction']>[0]>[0],
  _deps: AppDeps,
  actor: Actor,
) {
  const [org] = await tx.select().from(organisations).where(eq(organisations.id, actor.orgId)).for('update');
  if (org?.kind !== 'institution') throw forbidden();
  if (org.isAssessmentBody) throw badRequest('本机构已是考核机构，无需再次申请');
  if (!org.canApplyAssessment) throw forbidden('本机构暂未获得申请考核机构的权限，请联系当地卫生行政部门');
  let [app] = await tx
    .select()
    .from(assessmentApplications)
    .where(eq(assessmentApplications.institutionId, org.id))
    .for('update');
  if (!app) {
    [app] = await tx
      .insert(assessmentApplications)
      .values({ provinceId: org.provinceId, institutionId: org.id, orgPath: org.path, status: 'draft' })
      .returning();
  }
  if (app.status === 'pending') throw badRequest('申请已提交，正在等待审批，不能修改申请材料');
  if (app.status === 'approved') throw badRequest('申请已通过，不能修改申请材料');
  return { org, app };
}

export const EXT_MIME: Record<string, string> = {
  pdf: 'application/pdf',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
};

export async function removeStored(deps: AppDeps, fileId: string) {
  const [f] = await deps.db.select().from(files).where(eq(files.id, fileId));
  if (f) await deps.storage.delete(f.storageKey);
}
