import type { AppDeps } from '../../../app.js';
import type { Actor } from '../../../platform/actor.js';
import { forbidden } from '../../../platform/errors.js';
import { setSessionRole } from '../../../platform/sessions.js';
import { findOwnOrg } from '../account.repo.js';

/** 角色切换 between 卫生机构 and 考核机构 for an approved institution. */
export async function switchRole(deps: AppDeps, actor: Actor, role: 'institution' | 'body'): Promise<void> {
  const org = await findOwnOrg(deps.db, actor);
  if (!org || actor.orgKind !== 'institution' || actor.physicianId) throw forbidden('仅卫生机构账号可以切换角色');
  if (role === 'body' && !org.isAssessmentBody) throw forbidden('本机构尚未获批为考核机构，不能切换到考核机构角色');
  await setSessionRole(deps.db, actor.sessionId, role);
}
