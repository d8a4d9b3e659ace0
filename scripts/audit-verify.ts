/**
 * npm run audit:verify — check the tamper-evident audit chains (decision 0064).
 * Exit code 0 when every chain is intact, 1 when a row was changed, deleted or inserted (the first
 * broken row of each partition is named), 2 when the check could not run.
 * Options: --province <id> to check one province; --json for machine-readable output.
 */
import { createDb, createPool } from '../src/server/db/client.js';
import { sealAuditChains, verifyAuditChains } from '../src/server/platform/audit.js';
import { connectForScript } from './db-connect.js';

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const pi = args.indexOf('--province');
  const provinceId = pi >= 0 ? Number(args[pi + 1]) : undefined;
  const conn = await connectForScript();
  const pool = createPool(conn.url, 2);
  try {
    const db = createDb(pool);
    // rows written since the job runner's last beat are linked first (decision 0121)
    const sealed = await sealAuditChains(db);
    const reports = await verifyAuditChains(db, { provinceId });
    if (args.includes('--json')) {
      process.stdout.write(`${JSON.stringify(reports, null, 2)}\n`);
    } else {
      if (sealed) process.stdout.write(`先将 ${sealed} 条尚未封存的记录接入哈希链。\n`);
      for (const r of reports) {
        const name = r.partition === 0 ? '（无省份）' : `省 ${r.partition}`;
        const head = r.lastHash ? `，链尾 id=${r.lastId} hash=${r.lastHash}` : '';
        if (r.broken) {
          process.stdout.write(
            `✗ ${name}：${r.rows} 行，第一处断裂在 audit_log.id=${r.broken.id}：${r.broken.reason}\n` +
              `  BROKEN partition ${r.partition}: first broken row audit_log.id=${r.broken.id}\n`,
          );
        } else {
          const pending = r.pending ? `，另有 ${r.pending} 行正在写入、尚未封存` : '';
          process.stdout.write(
            `✓ ${name}：${r.rows} 行完好（其中哈希链建立前的旧记录 ${r.legacy} 行${pending}）${head}\n`,
          );
        }
      }
      process.stdout.write(
        reports.some((r) => r.broken)
          ? '操作日志哈希链校验失败：上面列出的行被改动、删除或插入过。\n'
          : `操作日志哈希链校验通过（${reports.length} 个分区）。请把各分区的链尾哈希另行保存，以便日后发现末尾被截断。\n`,
      );
    }
    return reports.some((r) => r.broken) ? 1 : 0;
  } finally {
    await pool.end();
    await conn.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`校验无法进行 / verification could not run: ${err instanceof Error ? err.message : err}\n`);
    process.exit(2);
  },
);
