import { eq } from 'drizzle-orm';
import type { AppDeps } from '../../../app.js';
import { organisations } from '../../../db/schema/index.js';
import type { Actor } from '../../../platform/actor.js';
import { PROFILE_FORMS, type ProfileFormKey, type TMyOrg } from '../../../../shared/schemas/org.js';
import { ownOrg, type OrgRow } from '../org.repo.js';

function formsOfKind(kind: OrgRow['kind']): ProfileFormKey[] {
  return (Object.keys(PROFILE_FORMS) as ProfileFormKey[]).filter((k) =>
    (PROFILE_FORMS[k].kinds as readonly string[]).includes(kind),
  );
}

export async function getMyOrg(deps: AppDeps, actor: Actor): Promise<TMyOrg> {
  const org = await ownOrg(deps.db, actor);
  const [parent] = org.parentId
    ? await deps.db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, org.parentId))
    : [];
  const forms: Record<string, Record<string, unknown>> = {};
  for (const k of formsOfKind(org.kind)) forms[k] = org.profile[k] ?? {};
  return {
    id: org.id,
    code: org.code,
    name: org.name,
    kind: org.kind,
    level: org.level,
    address: org.address,
    parentName: parent?.name ?? null,
    canApplyAssessment: org.canApplyAssessment,
    isAssessmentBody: org.isAssessmentBody,
    forms,
  };
}
