import { eq } from 'drizzle-orm';
import type { AppDeps } from '../../../app.js';
import { assessmentApplications } from '../../../db/schema/index.js';
import type { Actor } from '../../../platform/actor.js';
import type { TMyApplication } from '../../../../shared/schemas/org.js';
import { ownOrg } from '../org.repo.js';
import { iso, editable } from './application.helpers.js';

export async function getMyApplication(deps: AppDeps, actor: Actor): Promise<TMyApplication> {
  const org = await ownOrg(deps.db, actor);
  const [app] = await deps.db
    .select()
    .from(assessmentApplications)
    .where(eq(assessmentApplications.institutionId, org.id));
  return {
    canApply: org.canApplyAssessment,
    isAssessmentBody: org.isAssessmentBody,
    application: app
      ? {
          id: app.id,
          status: app.status,
          materials: app.materials,
          submittedAt: iso(app.submittedAt),
          decidedAt: iso(app.decidedAt),
          rejectReason: app.rejectReason,
        }
      : null,
    editable: org.canApplyAssessment && !org.isAssessmentBody && editable(app),
  };
}
