import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { auditLog } from '../db/schema/index.js';
import type { Actor } from './actor.js';

export interface AuditEntry {
  targetType: string;
  targetId: string | number;
  action: string;
  /** path of the organisation the target belongs to (who may read this entry) */
  orgPath: string;
  provinceId: number;
  reason?: string | null;
  before?: unknown;
  after?: unknown;
}

/** Advisory-lock class of the audit chains (the second key is the partition = province id, 0 for none). */
const AUDIT_LOCK_CLASS = 0x6175_6474; // 'audt'

/** The fields a row's hash covers, as stored (dates as ISO strings, JSON as parsed back). */
export interface AuditHashed {
  at: Date;
  actorAccountId: number | null;
  actorRole: string;
  actorName: string;
  provinceId: number | null;
  orgPath: string | null;
  targetType: string;
  targetId: string;
  action: string;
  reason: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
}

/** JSON with object keys sorted at every level: the same value always gives the same text. */
export function canonicalJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v ?? null);
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`)
    .join(',')}}`;
}

/** hash = SHA-256(prev hash ‖ canonical row): editing, deleting or reordering a row breaks the chain after it. */
export function auditRowHash(prevHash: string, r: AuditHashed): string {
  // JSON values as they come back from jsonb (Dates become strings, undefined keys vanish)
  const json = (x: unknown) => (x === undefined || x === null ? null : JSON.parse(JSON.stringify(x)));
  const body = canonicalJson([
    r.at.toISOString(),
    r.actorAccountId,
    r.actorRole,
    r.actorName,
    r.provinceId,
    r.orgPath,
    r.targetType,
    r.targetId,
    r.action,
    r.reason,
    json(r.before),
    json(r.after),
    r.requestId,
  ]);
  return createHash('sha256').update(prevHash).update('\n').update(body).digest('hex');
}

/** Record a state change (who, when, what, why, before/after) in the same transaction. */
export async function writeAudit(db: DbOrTx, actor: Actor | null, e: AuditEntry, requestId?: string): Promise<void> {
  await writeAuditMany(db, actor, [e], requestId);
}

/**
 * Batched variant for bulk operations (one INSERT for many rows). Each province's rows form a
 * hash chain (decision 0064): the chain head is read under a per-province advisory lock held to
 * the end of the caller's transaction, so concurrent writers of one province take turns and
 * writers of different provinces do not wait for each other.
 */
export async function writeAuditMany(
  db: DbOrTx,
  actor: Actor | null,
  entries: AuditEntry[],
  requestId?: string,
): Promise<void> {
  if (!entries.length) return;
  const at = new Date();
  const rows: AuditHashed[] = entries.map((e) => ({
    at,
    actorAccountId: actor?.accountId ?? null,
    actorRole: actor?.role ?? 'system',
    actorName: actor?.displayName ?? '系统',
    provinceId: e.provinceId ?? null,
    orgPath: e.orgPath ?? null,
    targetType: e.targetType,
    targetId: String(e.targetId),
    action: e.action,
    reason: e.reason ?? null,
    before: e.before ?? null,
    after: e.after ?? null,
    requestId: requestId ?? null,
  }));
  const partitions = [...new Set(rows.map((r) => r.provinceId ?? 0))].sort((a, b) => a - b);
  // a savepoint when called inside a transaction; a transaction of its own otherwise (the lock
  // must live until the rows are committed)
  await db.transaction(async (tx) => {
    const heads = new Map<number, string>();
    for (const p of partitions) {
      await tx.execute(sql`SELECT pg_advisory_xact_lock(${AUDIT_LOCK_CLASS}, ${p})`);
      const { rows: head } = await tx.execute<{ hash: string }>(
        p === 0
          ? sql`SELECT hash FROM audit_log WHERE province_id IS NULL AND hash IS NOT NULL ORDER BY id DESC LIMIT 1`
          : sql`SELECT hash FROM audit_log WHERE province_id = ${p} AND hash IS NOT NULL ORDER BY id DESC LIMIT 1`,
      );
      heads.set(p, head[0]?.hash ?? '');
    }
    const values = rows.map((r) => {
      const p = r.provinceId ?? 0;
      const prevHash = heads.get(p)!;
      const hash = auditRowHash(prevHash, r);
      heads.set(p, hash);
      return {
        ...r,
        before: r.before as never,
        after: r.after as never,
        prevHash,
        hash,
      };
    });
    // one statement: ids are drawn in VALUES order, so the chain order is the id order
    await tx.insert(auditLog).values(values);
  });
}

export interface ChainReport {
  partition: number;
  rows: number;
  /** rows written before the chain existed (no hash), at the start of the partition */
  legacy: number;
  lastId: number | null;
  lastHash: string | null;
  broken: { id: number; reason: string } | null;
}

/**
 * Walk every partition's chain in id order and name the first row whose hash does not follow
 * (`npm run audit:verify`). Reads in keyset batches, so any size of log is checked in bounded memory.
 */
export async function verifyAuditChains(db: DbOrTx, opts: { provinceId?: number } = {}): Promise<ChainReport[]> {
  const { rows: parts } = await db.execute<{ p: number }>(
    opts.provinceId === undefined
      ? sql`SELECT DISTINCT coalesce(province_id, 0) AS p FROM audit_log ORDER BY 1`
      : sql`SELECT ${opts.provinceId}::int AS p`,
  );
  const out: ChainReport[] = [];
  for (const { p } of parts) {
    const rep: ChainReport = { partition: Number(p), rows: 0, legacy: 0, lastId: null, lastHash: null, broken: null };
    let prev: string | null = null; // null until the first hashed row
    let after = 0;
    for (;;) {
      const { rows } = await db.execute<Record<string, unknown>>(sql`
        SELECT id, at, actor_account_id, actor_role, actor_name, province_id, org_path, target_type, target_id,
               action, reason, before, after, request_id, prev_hash, hash
          FROM audit_log
         WHERE ${Number(p) === 0 ? sql`province_id IS NULL` : sql`province_id = ${p}`} AND id > ${after}
         ORDER BY id LIMIT 5000`);
      if (!rows.length) break;
      for (const r of rows) {
        const id = Number(r.id);
        after = id;
        rep.rows++;
        rep.lastId = id;
        if (rep.broken) continue;
        const hash = r.hash as string | null;
        if (prev === null && hash === null) {
          rep.legacy++;
          continue;
        }
        const expectPrev = prev ?? '';
        const computed = auditRowHash(expectPrev, {
          at: r.at instanceof Date ? r.at : new Date(String(r.at)),
          actorAccountId: (r.actor_account_id as number | null) ?? null,
          actorRole: r.actor_role as string,
          actorName: r.actor_name as string,
          provinceId: (r.province_id as number | null) ?? null,
          orgPath: (r.org_path as string | null) ?? null,
          targetType: r.target_type as string,
          targetId: r.target_id as string,
          action: r.action as string,
          reason: (r.reason as string | null) ?? null,
          before: r.before,
          after: r.after,
          requestId: (r.request_id as string | null) ?? null,
        });
        if (hash === null) rep.broken = { id, reason: '缺少哈希值（该行在哈希链建立后被改写或插入）' };
        else if (r.prev_hash !== expectPrev)
          rep.broken = { id, reason: '与上一行的哈希值不衔接（前面的行被删除、插入或改动）' };
        else if (computed !== hash) rep.broken = { id, reason: '该行内容与其哈希值不符（该行被改动）' };
        prev = hash;
        rep.lastHash = hash;
      }
    }
    out.push(rep);
  }
  return out;
}
