import { sql } from 'drizzle-orm';
import type { AppDeps } from '../../../app.js';
import { files } from '../../../db/schema/index.js';
import type { Actor } from '../../../platform/actor.js';
import { notFound } from '../../../platform/errors.js';

/** Read back an error report: only the account that ran the import may. */
export async function readReport(deps: AppDeps, actor: Actor, id: string): Promise<Buffer> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound('错误报告');
  const r = await deps.db.execute(
    sql`SELECT storage_key FROM ${files} WHERE id = ${id} AND purpose = 'import-report' AND owner_account_id = ${actor.accountId}`,
  );
  const row = r.rows[0] as { storage_key: string } | undefined;
  if (!row) throw notFound('错误报告');
  return deps.storage.get(row.storage_key);
}
