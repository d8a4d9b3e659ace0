import { createHash, randomBytes } from 'node:crypto';
import { and, eq, isNull, type SQL, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client.js';
import { sessions } from '../db/schema/index.js';
import type { Actor, Role } from './actor.js';

export const SESSION_COOKIE = 'dk_session';

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** The stored id of a session cookie's token (for statements that check the session themselves). */
export const sessionIdOf = hashToken;

/**
 * A new session: its tokens and the INSERT that stores it, so a caller can run the insert in one
 * statement with other work (a login resets its lock-out counter in the same commit).
 */
export function newSession(
  accountId: number,
  role: Role,
  ttlHours: number,
  meta: { ip?: string; userAgent?: string },
): { token: string; csrfToken: string; insert: SQL } {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const expiresAt = new Date(Date.now() + ttlHours * 3600_000);
  const insert = sql`INSERT INTO sessions (id, account_id, role, csrf_token, ip, user_agent, expires_at)
    VALUES (${hashToken(token)}, ${accountId}, ${role}, ${csrfToken}, ${meta.ip ?? null},
            ${meta.userAgent?.slice(0, 300) ?? null}, ${expiresAt})`;
  return { token, csrfToken, insert };
}

export async function createSession(
  db: DbOrTx,
  accountId: number,
  role: Role,
  ttlHours: number,
  meta: { ip?: string; userAgent?: string },
): Promise<{ token: string; csrfToken: string }> {
  const { token, csrfToken, insert } = newSession(accountId, role, ttlHours, meta);
  await db.execute(insert);
  return { token, csrfToken };
}

export interface ResolvedSession {
  actor: Actor;
  csrfToken: string;
  mustChangePassword: boolean;
  mobileBound: boolean;
}

/**
 * No in-process cache: every request reads its session from PostgreSQL (one indexed join), so a
 * revocation (logout, password change or reset, deactivation, role switch) takes effect at once
 * in every API process. Decision 0061 has the measurement that made this affordable.
 */
export function clearSessionCache(): void {}

export async function resolveSession(db: Db, token: string): Promise<ResolvedSession | null> {
  const id = hashToken(token);
  // a named statement: parsed and planned once per connection
  const { rows } = await db.$client.query({
    name: 'dk_resolve_session',
    text: `SELECT s.id, s.role, s.csrf_token, a.id AS account_id, a.kind, a.must_change_password, a.mobile_verified_at,
            a.province_id, a.physician_id,
            o.id AS org_id, o.kind AS org_kind, o.path, o.name AS org_name, o.level, o.status AS org_status, o.is_assessment_body,
            p.name AS physician_name
       FROM sessions s
       JOIN accounts a ON a.id = s.account_id
       LEFT JOIN physicians p ON p.id = a.physician_id
       JOIN organisations o ON o.id = COALESCE(a.org_id, p.institution_id)
      WHERE s.id = $1 AND s.revoked_at IS NULL AND s.expires_at > now()`,
    values: [id],
  });
  const r = rows[0];
  if (!r) return null;
  if (r.kind === 'org' && r.org_status !== 'active') return null;
  const value: ResolvedSession = {
    actor: {
      accountId: r.account_id,
      sessionId: r.id,
      role: r.role,
      provinceId: r.province_id,
      orgId: r.org_id,
      orgPath: r.path,
      orgName: r.org_name,
      orgKind: r.org_kind,
      adminLevel: r.level ?? null,
      physicianId: r.physician_id ?? null,
      displayName: r.kind === 'physician' ? r.physician_name : r.org_name,
      isAssessmentBody: r.is_assessment_body,
    },
    csrfToken: r.csrf_token,
    mustChangePassword: r.must_change_password,
    mobileBound: Boolean(r.mobile_verified_at),
  };
  return value;
}

export async function revokeSession(db: DbOrTx, sessionId: string): Promise<void> {
  await db.update(sessions).set({ revokedAt: new Date() }).where(eq(sessions.id, sessionId));
}

/** End every session of an account (password reset, deregistration). */
export async function revokeAccountSessions(db: DbOrTx, accountId: number): Promise<void> {
  await db
    .update(sessions)
    .set({ revokedAt: new Date() })
    .where(and(eq(sessions.accountId, accountId), isNull(sessions.revokedAt)));
}

export async function setSessionRole(db: DbOrTx, sessionId: string, role: Role): Promise<void> {
  await db.update(sessions).set({ role }).where(eq(sessions.id, sessionId));
}

export async function purgeExpiredSessions(db: DbOrTx): Promise<void> {
  await db.delete(sessions).where(sql`${sessions.expiresAt} < now() - interval '7 days'`);
}

/** Kept for callers written against the former cache: sessions are always read fresh now. */
export function forgetSession(_sessionId: string): void {}
