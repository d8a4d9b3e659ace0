import type { AppDeps } from '../../../app.js';
import type { Role } from '../../../platform/actor.js';
import { AppError } from '../../../platform/errors.js';
import { findOrgLogin } from '../account.repo.js';
import type { TOrgLoginInput } from '../../../../shared/schemas/account.js';
import { checkCaptcha } from './captcha.js';
import { checkPasswordWithLockout, finishLogin, type LoginResult } from './lockout.js';

/** 机构登录: account + password + captcha. Unactivated or deregistered organisations cannot log in. */
export async function loginOrganisation(
  deps: AppDeps,
  input: TOrgLoginInput,
  meta: { ip?: string; userAgent?: string },
): Promise<LoginResult> {
  await checkCaptcha(deps, input.captchaId, input.captcha);
  const row = await findOrgLogin(deps.db, input.login.trim());
  const acc = await checkPasswordWithLockout(deps, row?.acc, input.password, `org:${input.login.trim()}`);
  if (row.org.status === 'unactivated')
    throw new AppError('NOT_ACTIVATED', '账号尚未激活，请联系上级卫生行政机构激活', 403);
  if (row.org.status === 'deregistered') throw new AppError('DEREGISTERED', '账号已注销，无法登录', 403);
  const role: Role =
    row.org.kind === 'admin'
      ? 'admin'
      : row.org.kind === 'industry'
        ? row.org.isAssessmentBody
          ? 'body'
          : 'industry'
        : 'institution';
  return finishLogin(deps, acc, role, meta);
}
