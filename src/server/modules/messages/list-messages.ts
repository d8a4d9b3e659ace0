import type { AppDeps } from '../../app.js';
import type { Actor } from '../../platform/actor.js';
import type { TMessageList } from '../../../shared/schemas/enrolment.js';
import { countUnreadMessages, findOwnMessages } from './messages.repo.js';

/** 我的站内消息: one page (newest first) and the unread count. */
export async function listMessages(
  deps: Pick<AppDeps, 'db'>,
  actor: Actor,
  cursor: number | undefined,
  limit: number,
): Promise<TMessageList> {
  const rows = await findOwnMessages(deps.db, actor, cursor, limit + 1);
  const unread = await countUnreadMessages(deps.db, actor);
  const more = rows.length > limit;
  const page = more ? rows.slice(0, limit) : rows;
  return {
    items: page.map((m) => ({
      id: m.id,
      title: m.title,
      body: m.body,
      createdAt: m.createdAt.toISOString(),
      read: m.readAt !== null,
    })),
    unread,
    nextCursor: more ? page[page.length - 1].id : null,
  };
}
