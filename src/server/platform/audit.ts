import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client.js';
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
 * Batched variant for bulk operations (one INSERT for many rows), in the caller's transaction.
 * The rows are written unsealed: `sealAuditChains` (a ticker of the job runner, every 500 ms)
 * links them into their province's hash chain (decision 0121). Sealing at write time took a
 * per-province lock to the end of every audited transaction, so on exam day a whole province's
 * logins and 开始答题 queued behind each other on that lock.
 */
export async function writeAuditMany(
  db: DbOrTx,
  actor: Actor | null,
  entries: AuditEntry[],
  requestId?: string,
): Promise<void> {
  if (!entries.length) return;
  const at = new Date();
  await db.insert(auditLog).values(
    entries.map((e) => ({
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
      before: (e.before ?? null) as never,
      after: (e.after ?? null) as never,
      requestId: requestId ?? null,
    })),
  );
}

const HASHED_COLUMNS = sql.raw(
  'id, at, actor_account_id, actor_role, actor_name, province_id, org_path, target_type, target_id, action, reason, before, after, request_id',
);

/** A stored row's hashed fields, as the database gives them back (the sealer and the verifier read the same). */
function hashedOf(r: Record<string, unknown>): AuditHashed {
  return {
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
  };
}

const inPartition = (p: number) => (p === 0 ? sql`province_id IS NULL` : sql`province_id = ${p}`);

/**
 * Links committed, unsealed rows into their province's chain, in the order they became visible
 * (rows still uncommitted wait for the next call). Each partition is sealed under a per-partition
 * advisory lock that only sealers take, so any number of worker processes may call this at once:
 * a partition another sealer holds is skipped. Returns the number of rows sealed.
 */
export async function sealAuditChains(db: Db, opts: { batch?: number; maxBatches?: number } = {}): Promise<number> {
  const batch = opts.batch ?? 2000;
  const { rows: parts } = await db.execute<{ p: number }>(
    sql`SELECT DISTINCT coalesce(province_id, 0) AS p FROM audit_log WHERE chain_seq IS NULL`,
  );
  let sealed = 0;
  for (const { p } of parts) {
    // a bulk write (an import, a batch of notices) is sealed in several batches in one call
    for (let k = 0; k < (opts.maxBatches ?? 20); k++) {
      const n = await sealPartition(db, Number(p), batch);
      sealed += n;
      if (n < batch) break;
    }
  }
  return sealed;
}

/** One batch of one partition: 0 when another sealer holds the partition or nothing waits. */
function sealPartition(db: Db, p: number, batch: number): Promise<number> {
  return db.transaction(async (tx) => {
    const { rows: lock } = await tx.execute<{ ok: boolean }>(
      sql`SELECT pg_try_advisory_xact_lock(${AUDIT_LOCK_CLASS}, ${p}) AS ok`,
    );
    if (!lock[0].ok) return 0;
    const { rows: head } = await tx.execute<{ hash: string }>(
      sql`SELECT hash FROM audit_log WHERE ${inPartition(p)} AND chain_seq > 0 ORDER BY chain_seq DESC LIMIT 1`,
    );
    let prev = head[0]?.hash ?? '';
    const { rows } = await tx.execute<Record<string, unknown>>(
      sql`SELECT ${HASHED_COLUMNS} FROM audit_log WHERE ${inPartition(p)} AND chain_seq IS NULL ORDER BY id LIMIT ${batch}`,
    );
    if (!rows.length) return 0;
    const { rows: seqs } = await tx.execute<{ s: string }>(
      sql`SELECT nextval('audit_chain_seq') AS s FROM generate_series(1, ${rows.length})`,
    );
    const order = seqs.map((x) => Number(x.s)).sort((a, b) => a - b);
    const ids: number[] = [];
    const prevs: string[] = [];
    const hashes: string[] = [];
    for (const r of rows) {
      const hash = auditRowHash(prev, hashedOf(r));
      ids.push(Number(r.id));
      prevs.push(prev);
      hashes.push(hash);
      prev = hash;
    }
    await tx.execute(sql`
      UPDATE audit_log a SET prev_hash = v.prev, hash = v.hash, chain_seq = v.seq
        FROM (SELECT unnest(${sql.param(ids)}::bigint[]) AS id, unnest(${sql.param(prevs)}::text[]) AS prev,
                     unnest(${sql.param(hashes)}::text[]) AS hash, unnest(${sql.param(order)}::bigint[]) AS seq) v
       WHERE a.id = v.id`);
    return rows.length;
  });
}

export interface ChainReport {
  partition: number;
  /** rows in the chain (legacy included), not counting those waiting to be sealed */
  rows: number;
  /** rows written before the chain existed (no hash), at the start of the partition */
  legacy: number;
  /** rows written but not yet sealed into the chain (the sealer runs every 500 ms) */
  pending: number;
  lastId: number | null;
  lastHash: string | null;
  broken: { id: number; reason: string } | null;
}

/**
 * Walk every partition's chain in chain order and name the first row whose hash does not follow
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
    const part = inPartition(Number(p));
    const { rows: pend } = await db.execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM audit_log WHERE ${part} AND chain_seq IS NULL`,
    );
    const rep: ChainReport = {
      partition: Number(p),
      rows: 0,
      legacy: 0,
      pending: pend[0].n,
      lastId: null,
      lastHash: null,
      broken: null,
    };
    let prev = '';
    let after: number = Number.MIN_SAFE_INTEGER;
    for (;;) {
      const { rows } = await db.execute<Record<string, unknown>>(sql`
        SELECT ${HASHED_COLUMNS}, prev_hash, hash, chain_seq
          FROM audit_log
         WHERE ${part} AND chain_seq > ${after}
         ORDER BY chain_seq LIMIT 5000`);
      if (!rows.length) break;
      for (const r of rows) {
        const id = Number(r.id);
        after = Number(r.chain_seq);
        rep.rows++;
        rep.lastId = id;
        if (rep.broken) continue;
        const hash = r.hash as string | null;
        if (after < 0 && hash === null) {
          rep.legacy++;
          continue;
        }
        if (hash === null) rep.broken = { id, reason: '缺少哈希值（该行在哈希链建立后被改写或插入）' };
        else if (r.prev_hash !== prev)
          rep.broken = { id, reason: '与上一行的哈希值不衔接（前面的行被删除、插入或改动）' };
        else if (auditRowHash(prev, hashedOf(r)) !== hash)
          rep.broken = { id, reason: '该行内容与其哈希值不符（该行被改动）' };
        prev = hash ?? '';
        rep.lastHash = hash;
      }
    }
    out.push(rep);
  }
  return out;
}
