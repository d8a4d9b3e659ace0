import type { AppDeps } from '../../../app.js';
import type { Actor } from '../../../platform/actor.js';
import { badRequest } from '../../../platform/errors.js';
import { INSTITUTION_INITIAL_PASSWORD } from '../../../platform/passwords.js';
import { resetAccountPassword } from '../../account/account.service.js';
import { accountOfOrg, findSubordinates } from '../org.repo.js';
import { requireAdmin } from '../org.helpers.js';

/** 【重置密码】 → 666666 (forced change at next login); the account's sessions end. */
export async function resetSubordinatePassword(deps: AppDeps, actor: Actor, id: number): Promise<void> {
  requireAdmin(actor);
  await deps.db.transaction(async (tx) => {
    const [org] = await findSubordinates(tx, actor, [id], true);
    if (org.status !== 'active') throw badRequest('只有已激活的账号可以重置密码');
    const acc = await accountOfOrg(tx, org.id);
    await resetAccountPassword(tx, actor, {
      accountId: acc.id,
      initialPassword: INSTITUTION_INITIAL_PASSWORD,
      orgPath: org.path,
      provinceId: org.provinceId,
      label: org.name,
    });
  });
}
