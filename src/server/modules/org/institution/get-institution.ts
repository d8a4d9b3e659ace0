import { count, eq } from 'drizzle-orm';
import type { AppDeps } from '../../../app.js';
import { departments, organisations } from '../../../db/schema/index.js';
import type { Actor } from '../../../platform/actor.js';
import type { TInstitutionDetail } from '../../../../shared/schemas/org.js';
import { findInstitutionsInSubtree } from '../org.repo.js';
import { requireAdmin } from '../org.helpers.js';
import { institutionColumns } from './list-institutions.js';

export async function getInstitution(deps: AppDeps, actor: Actor, id: number): Promise<TInstitutionDetail> {
  requireAdmin(actor);
  const [org] = await findInstitutionsInSubtree(deps.db, actor, [id]);
  const [row] = await deps.db.select(institutionColumns).from(organisations).where(eq(organisations.id, org.id));
  const [{ n }] = await deps.db.select({ n: count() }).from(departments).where(eq(departments.orgId, org.id));
  return {
    ...row,
    profile: org.profile.institution ?? {},
    canApplyAssessment: org.canApplyAssessment,
    departmentCount: n,
    createdAt: org.createdAt.toISOString(),
  };
}
