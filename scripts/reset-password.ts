/**
 * 平台运维: reset an institutional account (e.g. a province administration, which has no
 * superior in the system) to the initial password 666666 and end its sessions.
 *
 *   npm run admin:reset-password -- gx_wjw
 *
 * Uses DATABASE_URL, or the embedded PostgreSQL in DATA_DIR (started for the command when the
 * app is not running). Audited as a system action.
 */
import pino from 'pino';
import { and, eq } from 'drizzle-orm';
import { loadConfig } from '../src/server/config.js';
import { createDb, createPool } from '../src/server/db/client.js';
import { startEmbeddedPostgres } from '../src/server/db/embedded.js';
import { accounts, organisations } from '../src/server/db/schema/index.js';
import { writeAudit } from '../src/server/platform/audit.js';
import { hashPassword, INSTITUTION_INITIAL_PASSWORD } from '../src/server/platform/passwords.js';
import { revokeAccountSessions } from '../src/server/platform/sessions.js';

async function main() {
  const login = process.argv[2];
  if (!login) throw new Error('用法：npm run admin:reset-password -- <机构账号>');
  const config = loadConfig();
  const log = pino({ level: 'warn' });
  let url = config.DATABASE_URL;
  let stop: (() => Promise<void>) | null = null;
  if (!url) {
    url = `postgres://dingkao:dingkao@127.0.0.1:${config.EMBEDDED_PG_PORT}/dingkao`;
    const probe = createPool(url, 1);
    const running = await probe.query('SELECT 1').then(
      () => true,
      () => false,
    );
    await probe.end();
    if (!running) {
      const pg = await startEmbeddedPostgres(config.dataDir, config.EMBEDDED_PG_PORT, log);
      stop = pg.stop;
    }
  }
  const pool = createPool(url, 1);
  const db = createDb(pool);
  try {
    const [row] = await db
      .select({ accountId: accounts.id, org: organisations })
      .from(accounts)
      .innerJoin(organisations, eq(organisations.id, accounts.orgId))
      .where(and(eq(accounts.kind, 'org'), eq(accounts.login, login)));
    if (!row) throw new Error(`机构账号 ${login} 不存在`);
    const hash = await hashPassword(INSTITUTION_INITIAL_PASSWORD);
    await db.transaction(async (tx) => {
      await tx
        .update(accounts)
        .set({ passwordHash: hash, mustChangePassword: true, failedLogins: 0, lockedUntil: null })
        .where(eq(accounts.id, row.accountId));
      await revokeAccountSessions(tx, row.accountId);
      await writeAudit(tx, null, {
        targetType: 'account',
        targetId: row.accountId,
        action: '平台运维重置密码',
        orgPath: row.org.path,
        provinceId: row.org.provinceId,
      });
    });
    process.stdout.write(`已将 ${row.org.name}（${login}）的密码重置为初始密码，首次登录须修改。\n`);
  } finally {
    await pool.end();
    if (stop) await stop();
  }
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).message}\n`);
  process.exit(1);
});
