import { and, eq } from 'drizzle-orm';
import type { AppDeps } from '../../../app.js';
import { accounts, organisations } from '../../../db/schema/index.js';
import type { Actor } from '../../../platform/actor.js';
import { writeAudit } from '../../../platform/audit.js';
import { badRequest, conflict } from '../../../platform/errors.js';
import type { TSubordinate, TUpdateSubordinate } from '../../../../shared/schemas/org.js';
import { findSubordinates } from '../org.repo.js';
import { requireAdmin, toSubordinate, codeTaken, assertCodeFree, isUniqueViolation } from '../org.helpers.js';

/** 【修改】→【确认修改】, only while unactivated. */
export async function updateSubordinate(
  deps: AppDeps,
  actor: Actor,
  id: number,
  input: TUpdateSubordinate,
): Promise<TSubordinate> {
  requireAdmin(actor);
  try {
    return await deps.db.transaction(async (tx) => {
      const [org] = await findSubordinates(tx, actor, [id], true);
      if (org.status !== 'unactivated') throw badRequest('只有未激活的账号可以修改，已激活或已注销的账号不能修改');
      if (input.code !== org.code) await assertCodeFree(tx, input.code, org.id);
      const [after] = await tx
        .update(organisations)
        .set({ code: input.code, name: input.name, address: input.address, updatedAt: deps.now() })
        .where(and(eq(organisations.id, org.id), eq(organisations.status, 'unactivated')))
        .returning();
      if (!after) throw conflict();
      await tx.update(accounts).set({ login: input.code }).where(eq(accounts.orgId, org.id));
      await writeAudit(tx, actor, {
        targetType: 'organisation',
        targetId: org.id,
        action: '修改机构账号信息',
        orgPath: org.path,
        provinceId: org.provinceId,
        before: { code: org.code, name: org.name, address: org.address },
        after: { code: after.code, name: after.name, address: after.address },
      });
      return toSubordinate(after);
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw codeTaken(input.code);
    throw e;
  }
}
