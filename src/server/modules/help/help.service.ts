/**
 * 联系客服: one contact (phone, service hours) per province. The province administration sets
 * it; everyone may read it, because the people who need it most are those who cannot log in.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { AppDeps } from '../../app.js';
import { helpContacts, organisations } from '../../db/schema/index.js';
import { type Actor, requireProvinceAdmin } from '../../platform/actor.js';
import { writeAudit } from '../../platform/audit.js';
import type { THelpContactInput, THelpContactSetting, THelpContacts } from '../../../shared/schemas/help.js';

type Deps = Pick<AppDeps, 'db' | 'now'>;

/** Public: every province's contact that has been set, named by its province administration. */
export async function listContacts(deps: Deps, provinceId?: number): Promise<THelpContacts> {
  const rows = await deps.db
    .select({ provinceName: organisations.name, phone: helpContacts.phone, hours: helpContacts.hours })
    .from(helpContacts)
    .innerJoin(
      organisations,
      and(eq(organisations.id, helpContacts.provinceId), sql`${organisations.parentId} IS NULL`),
    )
    .where(provinceId ? eq(helpContacts.provinceId, provinceId) : undefined)
    .orderBy(helpContacts.provinceId);
  return { items: rows };
}

/** The province administration's own setting (empty until set). */
export async function getSetting(deps: Deps, actor: Actor): Promise<THelpContactSetting> {
  requireProvinceAdmin(actor);
  const [row] = await deps.db.select().from(helpContacts).where(eq(helpContacts.provinceId, actor.provinceId));
  return { phone: row?.phone ?? '', hours: row?.hours ?? '', updatedAt: row?.updatedAt.toISOString() ?? null };
}

/** 【保存】 the contact (province administration only; audited). */
export async function saveSetting(
  deps: Deps,
  actor: Actor,
  input: THelpContactInput,
  requestId?: string,
): Promise<THelpContactSetting> {
  requireProvinceAdmin(actor);
  return deps.db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(helpContacts)
      .where(eq(helpContacts.provinceId, actor.provinceId))
      .for('update');
    const now = deps.now();
    const [row] = await tx
      .insert(helpContacts)
      .values({ provinceId: actor.provinceId, phone: input.phone, hours: input.hours, updatedAt: now })
      .onConflictDoUpdate({
        target: helpContacts.provinceId,
        set: { phone: input.phone, hours: input.hours, updatedAt: now },
      })
      .returning();
    await writeAudit(
      tx,
      actor,
      {
        targetType: 'help_contact',
        targetId: actor.provinceId,
        action: '保存联系客服',
        orgPath: `/${actor.provinceId}/`,
        provinceId: actor.provinceId,
        before: before ? { phone: before.phone, hours: before.hours } : null,
        after: { phone: row.phone, hours: row.hours },
      },
      requestId,
    );
    return { phone: row.phone, hours: row.hours, updatedAt: row.updatedAt.toISOString() };
  });
}
