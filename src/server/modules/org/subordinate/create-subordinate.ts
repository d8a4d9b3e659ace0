import { eq } from 'drizzle-orm';
import type { AppDeps } from '../../../app.js';
import { accounts, organisations } from '../../../db/schema/index.js';
import type { Actor } from '../../../platform/actor.js';
import { writeAudit } from '../../../platform/audit.js';
import { badRequest } from '../../../platform/errors.js';
import { hashPassword, INSTITUTION_INITIAL_PASSWORD } from '../../../platform/passwords.js';
import { ORG_KIND_LABELS, type TCreateSubordinate, type TSubordinate } from '../../../../shared/schemas/org.js';
import type { OrgRow } from '../org.repo.js';
import {
  requireAdmin,
  toSubordinate,
  NEXT_LEVEL,
  codeTaken,
  assertCodeFree,
  isUniqueViolation,
} from '../org.helpers.js';

/** 【新增】→【确认新增】: an unactivated organisation with an account whose password is 666666. */
export async function createSubordinate(deps: AppDeps, actor: Actor, input: TCreateSubordinate): Promise<TSubordinate> {
  requireAdmin(actor);
  let level: OrgRow['level'] = null;
  if (input.kind === 'admin') {
    if (!actor.adminLevel || actor.adminLevel === 'district')
      throw badRequest('区县级卫生行政机构没有下级卫生行政机构，不能新增地方卫健委');
    level = NEXT_LEVEL[actor.adminLevel];
  }
  const passwordHash = await hashPassword(INSTITUTION_INITIAL_PASSWORD);
  try {
    return await deps.db.transaction(async (tx) => {
      await assertCodeFree(tx, input.code);
      const [row] = await tx
        .insert(organisations)
        .values({
          provinceId: actor.provinceId,
          parentId: actor.orgId,
          kind: input.kind,
          level,
          name: input.name,
          code: input.code,
          address: input.address,
          path: actor.orgPath,
          status: 'unactivated',
        })
        .returning();
      const [org] = await tx
        .update(organisations)
        .set({ path: `${actor.orgPath}${row.id}/` })
        .where(eq(organisations.id, row.id))
        .returning();
      await tx.insert(accounts).values({
        kind: 'org',
        orgId: org.id,
        provinceId: actor.provinceId,
        login: org.code,
        passwordHash,
        mustChangePassword: true,
      });
      await writeAudit(tx, actor, {
        targetType: 'organisation',
        targetId: org.id,
        action: `新增${input.kind === 'admin' ? '地方卫健委' : ORG_KIND_LABELS[input.kind]}账号`,
        orgPath: org.path,
        provinceId: org.provinceId,
        after: { code: org.code, name: org.name, address: org.address, kind: org.kind, level: org.level },
      });
      return toSubordinate(org);
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw codeTaken(input.code);
    throw e;
  }
}
