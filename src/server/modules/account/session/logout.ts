/** 退出: the session is revoked. */
import type { AppDeps } from '../../../app.js';
import { revokeSession, type ResolvedSession } from '../../../platform/sessions.js';

export async function logout(deps: AppDeps, session: ResolvedSession): Promise<void> {
  await revokeSession(deps.db, session.actor.sessionId);
}
