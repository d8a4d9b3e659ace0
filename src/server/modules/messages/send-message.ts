/**
 * Sending a 站内消息 (plus an SMS when a mobile is bound) — the one place every module uses to
 * tell a physician or an account that something happened. Runs inside the caller's
 * transaction so a rolled-back change sends nothing.
 */
import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { accounts, messages } from '../../db/schema/index.js';
import type { SmsGateway } from '../../platform/sms.js';

export interface Notice {
  title: string;
  body: string;
  /** SMS template name */
  template: string;
}

/** Notify an account: an in-app 站内消息 plus an SMS when a mobile is bound. */
export async function notifyAccount(db: DbOrTx, sms: SmsGateway, accountId: number, n: Notice): Promise<void> {
  const [acc] = await db
    .select({ provinceId: accounts.provinceId, mobile: accounts.mobile })
    .from(accounts)
    .where(eq(accounts.id, accountId));
  if (!acc) return;
  await db.insert(messages).values({ accountId, provinceId: acc.provinceId, title: n.title, body: n.body });
  if (acc.mobile)
    await sms.send(db, { mobile: acc.mobile, template: n.template, content: n.body, provinceId: acc.provinceId });
}

/** Notify a physician through their account (nothing when the physician has none yet). */
export async function notifyPhysician(db: DbOrTx, sms: SmsGateway, physicianId: number, n: Notice): Promise<void> {
  const [acc] = await db.select({ id: accounts.id }).from(accounts).where(eq(accounts.physicianId, physicianId));
  if (acc) await notifyAccount(db, sms, acc.id, n);
}

/** Notify many physicians: one SELECT, one INSERT of 站内消息, then an SMS for each bound mobile. */
export async function notifyPhysiciansMany(
  tx: DbOrTx,
  sms: SmsGateway,
  notices: (Notice & { physicianId: number })[],
): Promise<void> {
  if (!notices.length) return;
  const accs = await tx
    .select({
      id: accounts.id,
      physicianId: accounts.physicianId,
      provinceId: accounts.provinceId,
      mobile: accounts.mobile,
    })
    .from(accounts)
    .where(sql`${accounts.physicianId} = ANY(${sql.param([...new Set(notices.map((n) => n.physicianId))])}::bigint[])`);
  const byPhysician = new Map(accs.map((a) => [a.physicianId, a]));
  const rows = notices.flatMap((n) => {
    const a = byPhysician.get(n.physicianId);
    return a ? [{ accountId: a.id, provinceId: a.provinceId, title: n.title, body: n.body }] : [];
  });
  for (let i = 0; i < rows.length; i += 2000) await tx.insert(messages).values(rows.slice(i, i + 2000));
  const texts = notices.flatMap((n) => {
    const a = byPhysician.get(n.physicianId);
    return a?.mobile ? [{ mobile: a.mobile, template: n.template, content: n.body, provinceId: a.provinceId }] : [];
  });
  if (sms.sendMany) await sms.sendMany(tx, texts);
  else for (const t of texts) await sms.send(tx, t);
}
