import type { AppDeps } from '../../../app.js';
import { AppError, badRequest } from '../../../platform/errors.js';
import { normaliseDocument } from '../../../../shared/idcard.js';
import { findPhysicianLoginsById, findPhysicianLoginsByMobile } from '../account.repo.js';
import type { TPhysicianLoginInput } from '../../../../shared/schemas/account.js';
import { type AccountRow, checkPasswordWithLockout, finishLogin, type LoginResult } from './lockout.js';

/** A bound mobile number is an alternative login name for a physician (seed 004: 手机号 + 密码). */
const MOBILE_LOGIN = /^1[3-9]\d{9}$/;

/**
 * 医师登录: 证件号码 (or the bound 手机号) + 姓名 + 密码. A legacy 15-digit ID matches its 18-digit
 * form. The same lock-out counts guesses whichever login name is used.
 */
export async function loginPhysician(
  deps: AppDeps,
  input: TPhysicianLoginInput,
  meta: { ip?: string; userAgent?: string },
): Promise<LoginResult> {
  const raw = input.idNumber.trim();
  let rows: { acc: AccountRow; name: string }[];
  let key: string;
  if (MOBILE_LOGIN.test(raw)) {
    key = `physician:${raw}`;
    rows = await findPhysicianLoginsByMobile(deps.db, raw);
    // a number bound to two accounts (only possible through an old race) identifies no one
    if (rows.length > 1) rows = [];
  } else {
    const looksLikeId = /^\d{15}$|^\d{17}[\dxX]$/.test(raw);
    const norm = looksLikeId ? normaliseDocument('居民身份证', raw, deps.now()) : { ok: true as const, value: raw };
    if (!norm.ok) throw badRequest(norm.message);
    key = `physician:${norm.value}`;
    rows = await findPhysicianLoginsById(deps.db, norm.value);
  }
  const row = rows[0];
  const acc = await checkPasswordWithLockout(deps, row?.acc, input.password, key);
  if (row.name !== input.name.trim()) throw new AppError('LOGIN_FAILED', '证件号码（手机号）与姓名不匹配', 401);
  return finishLogin(deps, acc, 'physician', meta);
}
