/** The signed-in user as the client sees it (GET /me). */
import { ROLE_LABELS, type Role } from '../../../platform/actor.js';
import type { ResolvedSession } from '../../../platform/sessions.js';
import type { TMe } from '../../../../shared/schemas/account.js';

export function describeSession(s: ResolvedSession): TMe {
  const a = s.actor;
  const switchable: Role[] =
    a.orgKind === 'institution' && a.isAssessmentBody && !a.physicianId
      ? a.role === 'body'
        ? ['institution']
        : ['body']
      : [];
  return {
    accountId: a.accountId,
    role: a.role,
    roleLabel: ROLE_LABELS[a.role],
    displayName: a.displayName,
    orgId: a.orgId,
    orgName: a.orgName,
    provinceId: a.provinceId,
    adminLevel: a.adminLevel,
    physicianId: a.physicianId,
    isAssessmentBody: a.isAssessmentBody,
    switchableRoles: switchable,
    mustChangePassword: s.mustChangePassword,
    mustBindMobile: a.role === 'physician' && !s.mobileBound,
    csrfToken: s.csrfToken,
  };
}
