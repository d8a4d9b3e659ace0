/**
 * 站内消息 queries. Every read and write is scoped to the actor's own account: another
 * account's message is "not found", the same as a missing one.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { messages } from '../../db/schema/index.js';
import type { Actor } from '../../platform/actor.js';

const own = (actor: Pick<Actor, 'accountId'>) => eq(messages.accountId, actor.accountId);
const unread = sql`${messages.readAt} IS NULL`;

/** The actor's messages, newest first, keyset by id (one more row than `limit` tells "more"). */
export async function findOwnMessages(
  db: DbOrTx,
  actor: Pick<Actor, 'accountId'>,
  cursor: number | undefined,
  limit: number,
) {
  return db
    .select()
    .from(messages)
    .where(and(own(actor), cursor ? sql`${messages.id} < ${cursor}` : undefined))
    .orderBy(sql`${messages.id} DESC`)
    .limit(limit);
}

export async function countUnreadMessages(db: DbOrTx, actor: Pick<Actor, 'accountId'>): Promise<number> {
  const [u] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(messages)
    .where(and(own(actor), unread));
  return u?.n ?? 0;
}

/** Marks one own message read (keeps the first read time); false when it is not the actor's. */
export async function markOwnMessageRead(
  db: DbOrTx,
  actor: Pick<Actor, 'accountId'>,
  id: number,
  now: Date,
): Promise<boolean> {
  const r = await db
    .update(messages)
    .set({ readAt: sql`COALESCE(${messages.readAt}, ${now})` })
    .where(and(eq(messages.id, id), own(actor)))
    .returning({ id: messages.id });
  return r.length > 0;
}

export async function markAllOwnMessagesRead(db: DbOrTx, actor: Pick<Actor, 'accountId'>, now: Date): Promise<void> {
  await db
    .update(messages)
    .set({ readAt: now })
    .where(and(own(actor), unread));
}
