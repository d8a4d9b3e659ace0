/**
 * Account queries. Before login an account is found only by its login name (证件号码, 机构账号
 * or a verified 手机号); after login every read is the actor's own account or organisation.
 */
import { and, desc, eq, isNotNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { accounts, loginFailures, organisations, physicians, smsCodes } from '../../db/schema/index.js';
import type { Actor } from '../../platform/actor.js';

/** 机构登录: the organisation account with this login name, and its organisation. */
export async function findOrgLogin(db: DbOrTx, login: string) {
  const [row] = await db
    .select({ acc: accounts, org: organisations })
    .from(accounts)
    .innerJoin(organisations, eq(organisations.id, accounts.orgId))
    .where(and(eq(accounts.kind, 'org'), eq(accounts.login, login)));
  return row;
}

/** 医师登录 by a verified mobile number (at most two rows: a duplicate identifies no one). */
export function findPhysicianLoginsByMobile(db: DbOrTx, mobile: string) {
  return db
    .select({ acc: accounts, name: physicians.name })
    .from(accounts)
    .innerJoin(physicians, eq(physicians.id, accounts.physicianId))
    .where(and(eq(accounts.kind, 'physician'), eq(accounts.mobile, mobile), isNotNull(accounts.mobileVerifiedAt)))
    .limit(2);
}

/** 医师登录 by 证件号码 (already normalised). */
export function findPhysicianLoginsById(db: DbOrTx, login: string) {
  return db
    .select({ acc: accounts, name: physicians.name })
    .from(accounts)
    .innerJoin(physicians, eq(physicians.id, accounts.physicianId))
    .where(and(eq(accounts.kind, 'physician'), eq(accounts.login, login)));
}

/** When an account's lock-out ends (null: not locked). */
export async function findAccountLockedUntil(db: DbOrTx, accountId: number): Promise<Date | null> {
  const [acc] = await db.select({ lockedUntil: accounts.lockedUntil }).from(accounts).where(eq(accounts.id, accountId));
  return acc?.lockedUntil ?? null;
}

/** Where an account belongs: its organisation's path (a physician's: the institution's) and province. */
export async function findAccountScope(
  db: DbOrTx,
  accountId: number,
): Promise<{ orgPath: string; provinceId: number } | null> {
  const { rows } = await db.execute<{ path: string; province_id: number }>(sql`
    SELECT o.path, a.province_id
      FROM accounts a
      LEFT JOIN physicians p ON p.id = a.physician_id
      JOIN organisations o ON o.id = COALESCE(a.org_id, p.institution_id)
     WHERE a.id = ${accountId}`);
  const r = rows[0];
  return r ? { orgPath: r.path, provinceId: Number(r.province_id) } : null;
}

/** When the lock-out of an unknown login name ends (null: not locked). */
export async function findUnknownLoginLockedUntil(db: DbOrTx, loginKey: string): Promise<Date | null> {
  const [row] = await db
    .select({ lockedUntil: loginFailures.lockedUntil })
    .from(loginFailures)
    .where(eq(loginFailures.loginKey, loginKey));
  return row?.lockedUntil ?? null;
}

export async function findOwnAccount(db: DbOrTx, actor: Actor) {
  const [acc] = await db.select().from(accounts).where(eq(accounts.id, actor.accountId));
  return acc;
}

export async function findOwnOrg(db: DbOrTx, actor: Actor) {
  const [org] = await db.select().from(organisations).where(eq(organisations.id, actor.orgId));
  return org;
}

/** When the actor's last SMS code was sent (the one-a-minute rule). */
export async function findLastSmsCodeAt(db: DbOrTx, actor: Actor): Promise<Date | null> {
  const [recent] = await db
    .select({ createdAt: smsCodes.createdAt })
    .from(smsCodes)
    .where(eq(smsCodes.accountId, actor.accountId))
    .orderBy(desc(smsCodes.id))
    .limit(1);
  return recent?.createdAt ?? null;
}

/** Is this mobile bound to another physician's account? */
export async function isMobileTakenByOther(db: DbOrTx, actor: Actor, mobile: string): Promise<boolean> {
  const [taken] = await db
    .select({ id: accounts.id })
    .from(accounts)
    .where(and(eq(accounts.kind, 'physician'), eq(accounts.mobile, mobile), sql`${accounts.id} <> ${actor.accountId}`));
  return Boolean(taken);
}
