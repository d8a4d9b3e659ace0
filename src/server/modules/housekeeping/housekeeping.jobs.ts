import { sql } from 'drizzle-orm';
import { sealAuditChains } from '../../platform/audit.js';
import type { JobDefinitions, JobSchedule, JobTicker } from '../../platform/jobs.js';

/** How long spent rows stay for inspection before they are purged. */
export const PURGE_AFTER = { captchasHours: 24, smsCodesDays: 7, sessionsDays: 30 } as const;

export const jobs: JobDefinitions = {
  /** Deletes expired captchas, SMS codes and sessions (revoked or expired) past their grace time. */
  'housekeeping.purge-expired': async (_payload, { deps, logger }) => {
    const now = deps.now().toISOString();
    const res = await deps.db.transaction(async (tx) => {
      const c = await tx.execute(
        sql`DELETE FROM captchas WHERE expires_at < ${now}::timestamptz - make_interval(hours => ${PURGE_AFTER.captchasHours})`,
      );
      const s = await tx.execute(
        sql`DELETE FROM sms_codes WHERE expires_at < ${now}::timestamptz - make_interval(days => ${PURGE_AFTER.smsCodesDays})`,
      );
      const e = await tx.execute(
        sql`DELETE FROM sessions WHERE coalesce(revoked_at, expires_at) < ${now}::timestamptz - make_interval(days => ${PURGE_AFTER.sessionsDays})`,
      );
      return { captchas: c.rowCount ?? 0, smsCodes: s.rowCount ?? 0, sessions: e.rowCount ?? 0 };
    });
    logger.info(res, '已清理过期的验证码、短信验证码和会话');
  },
};

export const schedules: JobSchedule[] = [{ task: 'housekeeping.purge-expired', cron: '17 * * * *' }];

/**
 * Seal the audit rows written since the last beat into their province's hash chain (decision
 * 0121): audited requests write their row without waiting for the chain.
 */
export const tickers: JobTicker[] = [
  { name: 'housekeeping.seal-audit', everyMs: 500, run: (deps) => sealAuditChains(deps.db) },
];
