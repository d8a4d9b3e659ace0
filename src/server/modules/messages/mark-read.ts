import type { AppDeps } from '../../app.js';
import type { Actor } from '../../platform/actor.js';
import { notFound } from '../../platform/errors.js';
import { markAllOwnMessagesRead, markOwnMessageRead } from './messages.repo.js';

/** Mark one (or, without id, all) of the actor's own messages read. Another account's id → 404. */
export async function markRead(deps: Pick<AppDeps, 'db' | 'now'>, actor: Actor, id: number | null): Promise<void> {
  if (id === null) {
    await markAllOwnMessagesRead(deps.db, actor, deps.now());
    return;
  }
  if (!(await markOwnMessageRead(deps.db, actor, id, deps.now()))) throw notFound('消息');
}
