import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { accounts, messages } from '../db/schema/index.js';
import type { SmsGateway } from './sms.js';

/**
 * Notify a physician (or any account): an in-app 站内消息 plus an SMS when a mobile is bound.
 * Runs inside the caller's transaction so a rolled-back change sends nothing.
 */
export async function notifyAccount(
  db: DbOrTx,
  sms: SmsGateway,
  accountId: number,
  n: { title: string; body: string; template: string },
): Promise<void> {
  const [acc] = await db
    .select({ provinceId: accounts.provinceId, mobile: accounts.mobile })
    .from(accounts)
    .where(eq(accounts.id, accountId));
  if (!acc) return;
  await db.insert(messages).values({ accountId, provinceId: acc.provinceId, title: n.title, body: n.body });
  if (acc.mobile)
    await sms.send(db, { mobile: acc.mobile, template: n.template, content: n.body, provinceId: acc.provinceId });
}

export async function notifyPhysician(
  db: DbOrTx,
  sms: SmsGateway,
  physicianId: number,
  n: { title: string; body: string; template: string },
): Promise<void> {
  const [acc] = await db.select({ id: accounts.id }).from(accounts).where(eq(accounts.physicianId, physicianId));
  if (acc) await notifyAccount(db, sms, acc.id, n);
}
