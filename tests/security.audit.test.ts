/**
 * Issue 10 item 9: each province's audit rows form a hash chain; `npm run audit:verify` names the
 * first broken row after a row is edited or deleted directly in SQL.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Actor } from '../src/server/platform/actor.js';
import { sealAuditChains, verifyAuditChains, writeAudit, writeAuditMany } from '../src/server/platform/audit.js';
import { tickers } from '../src/server/modules/housekeeping/housekeeping.jobs.js';
import { buildProvince, createTestApp, type TestContext } from './helpers.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(async () => ctx.close());

const actorOf = (p: Awaited<ReturnType<typeof buildProvince>>): Actor => ({
  accountId: p.province.accountId,
  sessionId: 'x',
  role: 'admin',
  provinceId: p.province.id,
  orgId: p.province.id,
  orgPath: p.province.path,
  orgName: p.province.name,
  orgKind: 'admin',
  adminLevel: 'province',
  physicianId: null,
  displayName: p.province.name,
  isAssessmentBody: false,
});

async function writeSome(p: Awaited<ReturnType<typeof buildProvince>>, n: number) {
  const actor = actorOf(p);
  for (let i = 0; i < n; i++) {
    await writeAudit(ctx.db, actor, {
      targetType: 'organisation',
      targetId: p.hospitalA.id,
      action: `测试操作${i}`,
      orgPath: p.hospitalA.path,
      provinceId: p.province.id,
      reason: i % 2 ? '理由' : null,
      before: { z: 1, a: { y: [1, 2, { b: '中文' }], x: null }, when: new Date('2026-01-02T03:04:05.678Z') },
      after: { n: 0.1 + i, skipped: undefined },
    });
  }
  await sealAuditChains(ctx.db);
  const { rows } = await ctx.db.execute<{ id: number }>(
    sql`SELECT id FROM audit_log WHERE province_id = ${p.province.id} ORDER BY id`,
  );
  return rows.map((r) => Number(r.id));
}

describe('tamper-evident audit chain (issue 10 item 9)', () => {
  it('an untouched chain verifies', async () => {
    const p = await buildProvince(ctx.db);
    const ids = await writeSome(p, 5);
    const [rep] = await verifyAuditChains(ctx.db, { provinceId: p.province.id });
    expect(rep).toMatchObject({ rows: ids.length, legacy: 0, broken: null, lastId: ids.at(-1) });
  });

  it('a row edited in SQL is named as the first broken row, by the function and by npm run audit:verify', async () => {
    const p = await buildProvince(ctx.db);
    const ids = await writeSome(p, 5);
    await ctx.db.execute(sql`UPDATE audit_log SET reason = '事后改写' WHERE id = ${ids[2]}`);
    const [rep] = await verifyAuditChains(ctx.db, { provinceId: p.province.id });
    expect(rep.broken).toMatchObject({ id: ids[2] });
    expect(rep.broken!.reason).toContain('被改动');
    const run = await promisify(execFile)(
      'npx',
      ['tsx', 'scripts/audit-verify.ts', '--province', String(p.province.id)],
      { env: { ...process.env, DATABASE_URL: inject('databaseUrl') } },
    ).catch((e: { code: number; stdout: string }) => e);
    expect((run as { code?: number }).code).toBe(1);
    expect(run.stdout).toContain(`audit_log.id=${ids[2]}`);
  }, 60_000);

  it('a deleted row breaks the chain at the row after it; a JSON edit is caught too', async () => {
    const p = await buildProvince(ctx.db);
    const ids = await writeSome(p, 4);
    await ctx.db.execute(sql`DELETE FROM audit_log WHERE id = ${ids[1]}`);
    const [rep] = await verifyAuditChains(ctx.db, { provinceId: p.province.id });
    expect(rep.broken).toMatchObject({ id: ids[2] });
    const q = await buildProvince(ctx.db);
    const qids = await writeSome(q, 3);
    await ctx.db.execute(sql`UPDATE audit_log SET after = jsonb_set(after, '{n}', '99') WHERE id = ${qids[0]}`);
    const [rep2] = await verifyAuditChains(ctx.db, { provinceId: q.province.id });
    expect(rep2.broken).toMatchObject({ id: qids[0] });
  });

  it('concurrent writers of one province keep one unbroken chain (batches included)', async () => {
    const p = await buildProvince(ctx.db);
    const actor = actorOf(p);
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        ctx.db.transaction(async (tx) => {
          await writeAuditMany(
            tx,
            actor,
            [0, 1, 2].map((k) => ({
              targetType: 'enrolment',
              targetId: i * 10 + k,
              action: '并发',
              orgPath: p.hospitalB.path,
              provinceId: p.province.id,
            })),
          );
          await writeAudit(tx, actor, {
            targetType: 'enrolment',
            targetId: i,
            action: '并发单条',
            orgPath: p.hospitalB.path,
            provinceId: p.province.id,
          });
        }),
      ),
    );
    await sealAuditChains(ctx.db);
    const [rep] = await verifyAuditChains(ctx.db, { provinceId: p.province.id });
    expect(rep).toMatchObject({ rows: 80, pending: 0, broken: null });
  });

  it('rows wait unsealed until the sealer links them, and are never refused or broken meanwhile', async () => {
    const p = await buildProvince(ctx.db);
    await writeAudit(ctx.db, actorOf(p), {
      targetType: 'organisation',
      targetId: p.hospitalA.id,
      action: '待封存',
      orgPath: p.hospitalA.path,
      provinceId: p.province.id,
    });
    const [before] = await verifyAuditChains(ctx.db, { provinceId: p.province.id });
    expect(before).toMatchObject({ rows: 0, pending: 1, broken: null });
    // the job runner's ticker is what seals in production
    const ticker = tickers.find((t) => t.name === 'housekeeping.seal-audit')!;
    expect(await ticker.run(ctx.deps)).toBeGreaterThanOrEqual(1);
    const [after] = await verifyAuditChains(ctx.db, { provinceId: p.province.id });
    expect(after).toMatchObject({ rows: 1, pending: 0, broken: null });
    expect(after.lastHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('a row committed after a later id was sealed is chained after it (chain order = sealing order)', async () => {
    const p = await buildProvince(ctx.db);
    const actor = actorOf(p);
    const entry = (action: string) => ({
      targetType: 'organisation',
      targetId: p.hospitalA.id,
      action,
      orgPath: p.hospitalA.path,
      provinceId: p.province.id,
    });
    // the slow transaction draws the lower id, the fast one commits and is sealed first
    let releaseSlow!: () => void;
    const slowHolds = new Promise<void>((r) => {
      releaseSlow = r;
    });
    let slowWrote!: () => void;
    const slowHasWritten = new Promise<void>((r) => {
      slowWrote = r;
    });
    const slow = ctx.db.transaction(async (tx) => {
      await writeAudit(tx, actor, entry('先写后提交'));
      slowWrote();
      await slowHolds;
    });
    await slowHasWritten;
    await writeAudit(ctx.db, actor, entry('后写先提交'));
    await sealAuditChains(ctx.db);
    releaseSlow();
    await slow;
    const [mid] = await verifyAuditChains(ctx.db, { provinceId: p.province.id });
    expect(mid).toMatchObject({ rows: 1, pending: 1, broken: null });
    await sealAuditChains(ctx.db);
    const { rows } = await ctx.db.execute<{ action: string }>(
      sql`SELECT action FROM audit_log WHERE province_id = ${p.province.id} ORDER BY chain_seq`,
    );
    expect(rows.map((r) => r.action)).toEqual(['后写先提交', '先写后提交']);
    const [rep] = await verifyAuditChains(ctx.db, { provinceId: p.province.id });
    expect(rep).toMatchObject({ rows: 2, pending: 0, broken: null });
  });

  it('several sealers at once seal every row exactly once into one unbroken chain', async () => {
    const p = await buildProvince(ctx.db);
    const actor = actorOf(p);
    await writeAuditMany(
      ctx.db,
      actor,
      Array.from({ length: 300 }, (_, k) => ({
        targetType: 'enrolment',
        targetId: k,
        action: '批量',
        orgPath: p.hospitalB.path,
        provinceId: p.province.id,
      })),
    );
    // small batches so the sealers really interleave
    await Promise.all(Array.from({ length: 4 }, () => sealAuditChains(ctx.db, { batch: 50 })));
    for (;;) if (!(await sealAuditChains(ctx.db, { batch: 50 }))) break;
    const { rows } = await ctx.db.execute<{ n: number; d: number }>(
      sql`SELECT count(*)::int AS n, count(DISTINCT chain_seq)::int AS d FROM audit_log WHERE province_id = ${p.province.id}`,
    );
    expect(rows[0]).toEqual({ n: 300, d: 300 });
    const [rep] = await verifyAuditChains(ctx.db, { provinceId: p.province.id });
    expect(rep).toMatchObject({ rows: 300, pending: 0, broken: null });
  });
});
