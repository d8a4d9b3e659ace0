import { eq } from 'drizzle-orm';
import type { AppDeps } from '../../../app.js';
import { organisations } from '../../../db/schema/index.js';
import type { Actor } from '../../../platform/actor.js';
import { writeAudit } from '../../../platform/audit.js';
import { badRequest, forbidden, notFound } from '../../../platform/errors.js';
import { ORG_KIND_LABELS, PROFILE_FORMS, type ProfileFormKey, type TMyOrg } from '../../../../shared/schemas/org.js';
import { getMyOrg } from './get-my-org.js';

/** Save one 本机构信息 form; the institution/industry form's 地址 is the organisation's address. */
export async function saveProfileForm(
  deps: AppDeps,
  actor: Actor,
  form: ProfileFormKey,
  body: unknown,
): Promise<TMyOrg> {
  const def = PROFILE_FORMS[form];
  if (!(def.kinds as readonly string[]).includes(actor.orgKind)) throw forbidden(`本机构不能填写“${def.label}”`);
  const parsed = def.schema.safeParse(body);
  if (!parsed.success) throw badRequest(`提交的数据有误：${parsed.error.issues[0]?.message ?? '格式不正确'}`);
  await deps.db.transaction(async (tx) => {
    const [org] = await tx.select().from(organisations).where(eq(organisations.id, actor.orgId)).for('update');
    if (!org) throw notFound('机构');
    const before = org.profile[form] ?? {};
    const value = parsed.data as Record<string, unknown>;
    const address =
      (form === 'institution' || form === 'industry') && typeof value.address === 'string'
        ? value.address
        : org.address;
    await tx
      .update(organisations)
      .set({ profile: { ...org.profile, [form]: value }, address, updatedAt: deps.now() })
      .where(eq(organisations.id, org.id));
    await writeAudit(tx, actor, {
      targetType: 'organisation',
      targetId: org.id,
      action: `保存本机构信息（${def.label === '本机构信息' ? ORG_KIND_LABELS[org.kind] : def.label}）`,
      orgPath: org.path,
      provinceId: org.provinceId,
      before,
      after: value,
    });
  });
  return getMyOrg(deps, actor);
}
