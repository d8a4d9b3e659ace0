import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runQueuedJobs } from '../../platform/jobs.js';
import type { TStatsView } from '../../../shared/schemas/stats.js';
import {
  buildOrg,
  countRows,
  createTestApp,
  sessionFor,
  type TestContext,
  type TestSession,
} from '../../../../tests/helpers.js';
import { buildStatsWorld } from './stats.testkit.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(async () => ctx?.close());

const run = () => runQueuedJobs(ctx.deps, { tasks: ['stats.snapshot'] });

async function world() {
  const w = await buildStatsWorld(ctx);
  // hospitalA (district A, city A): 2 passed general (1 exempt), 1 failed general, 1 ready_for_exam simple (deferred),
  //   1 disciplinary simple, 1 withdrawn general
  await w.enrol(w.hospitalA, [
    { status: 'passed' },
    { status: 'passed', exempt: true },
    { status: 'failed' },
    { status: 'ready_for_exam', procedure: 'simple', deferred: true },
    { status: 'disciplinary_failed', procedure: 'simple' },
    { status: 'withdrawn' },
  ]);
  // hospitalB (district B, city B): 1 passed simple, 1 pending_institution without procedure, 1 not_opened
  await w.enrol(w.hospitalB, [
    { status: 'passed', procedure: 'simple' },
    { status: 'pending_institution', procedure: null },
    { status: 'not_opened', procedure: null },
  ]);
  return w;
}

const view = async (s: TestSession, orgId?: number) => {
  const r = await s.inject({ method: 'GET', url: `/api/stats${orgId ? `?orgId=${orgId}` : ''}` });
  return { status: r.statusCode, body: r.json() as TStatsView & { message?: string } };
};

describe('statistics snapshots', () => {
  it('重新统计 queues one snapshot; the job stores rolled-up counts stamped with 统计时间', async () => {
    const w = await world();
    const before = await view(w.s.province);
    expect(before.status).toBe(200);
    expect(before.body.snapshot).toBeNull();

    const r1 = await w.s.province.inject({ method: 'POST', url: '/api/stats/refresh' });
    expect(r1.statusCode).toBe(200);
    // a second click while queued joins the same snapshot
    const r2 = await w.s.cityA.inject({ method: 'POST', url: '/api/stats/refresh' });
    expect(r2.json().snapshotId).toBe(r1.json().snapshotId);
    expect((await view(w.s.province)).body.pending).toBe(true);
    await run();

    const v = (await view(w.s.province)).body;
    expect(v.pending).toBe(false);
    expect(v.snapshot?.id).toBe(r1.json().snapshotId);
    expect(Date.parse(v.snapshot!.computedAt)).toBeGreaterThan(Date.now() - 120_000);
    // province total: everything enrolled except not_opened
    expect(v.node?.total).toBe(8);
    expect(v.node?.progress).toEqual({
      passed: 3,
      failed: 1,
      ready_for_exam: 1,
      disciplinary_failed: 1,
      withdrawn: 1,
      pending_institution: 1,
    });
    expect(v.node?.result.general).toEqual({
      passed: 2,
      failed: 1,
      disciplinary: 0,
      unfinished: 0,
      exempt: 1,
      deferred: 0,
    });
    expect(v.node?.result.simple).toEqual({
      passed: 1,
      failed: 0,
      disciplinary: 1,
      unfinished: 1,
      exempt: 0,
      deferred: 1,
    });
    // children: the two cities (administrations first), then the institutions directly under the province
    const names = v.rows.map((r) => r.orgId);
    expect(names.slice(0, 2).sort()).toEqual([w.cityA.id, w.cityB.id].sort());
    expect(v.rows.find((r) => r.orgId === w.cityA.id)?.total).toBe(6);
    expect(v.rows.find((r) => r.orgId === w.cityB.id)?.total).toBe(2);
    expect(v.rows.find((r) => r.orgId === w.cityA.id)?.drillable).toBe(true);
    expect(
      await countRows(
        ctx.db,
        'audit_log',
        `target_type = 'stats_snapshot' AND action = '重新统计' AND province_id = ${w.province.id}`,
      ),
    ).toBe(1);
  });

  it('drills down province → city → district → institution with a breadcrumb', async () => {
    const w = await world();
    await w.s.province.inject({ method: 'POST', url: '/api/stats/refresh' });
    await run();
    const city = (await view(w.s.province, w.cityA.id)).body;
    expect(city.trail.map((t) => t.orgId)).toEqual([w.province.id, w.cityA.id]);
    expect(city.rows.map((r) => r.orgId)).toEqual([w.districtA.id]);
    const district = (await view(w.s.province, w.districtA.id)).body;
    expect(district.rows.map((r) => r.orgId)).toEqual([w.hospitalA.id]);
    expect(district.rows[0].drillable).toBe(false);
    expect(district.rows[0].progress.passed).toBe(2);
    // the city's own view starts at the city
    const own = (await view(w.s.cityA)).body;
    expect(own.node?.orgId).toBe(w.cityA.id);
    expect(own.trail.map((t) => t.orgId)).toEqual([w.cityA.id]);
  });

  it('pages the subordinate units: each page a slice of the whole list, with the total count', async () => {
    const w = await world();
    await w.s.province.inject({ method: 'POST', url: '/api/stats/refresh' });
    await run();
    const paged = async (s: TestSession, page: number, orgId?: number) => {
      const r = await s.inject({
        method: 'GET',
        url: `/api/stats?page=${page}&pageSize=1${orgId ? `&orgId=${orgId}` : ''}`,
      });
      expect(r.statusCode).toBe(200);
      return r.json() as TStatsView;
    };
    // the province's children: its cities, then the institutions directly under it
    const all = (await view(w.s.province)).body;
    const n = all.rows.length;
    expect(n).toBeGreaterThanOrEqual(2);
    expect(all.rowsTotal).toBe(n);
    const pages = [];
    for (let p = 1; p <= n + 1; p++) pages.push(await paged(w.s.province, p));
    expect(pages.flatMap((p) => p.rows.map((r) => r.orgId))).toEqual(all.rows.map((r) => r.orgId));
    expect(pages.map((p) => p.rowsTotal)).toEqual(pages.map(() => n));
    expect(pages[n].rows).toEqual([]);
    const p2 = pages[1];
    // every page carries the same 合计 and breadcrumb
    expect(p2.node).toEqual(all.node);
    expect(p2.trail).toEqual(all.trail);
    // an assessment body's assigned institutions page the same way; the 合计 stays over all of them
    const b2 = await paged(w.s.body, 2);
    expect(b2.rows).toHaveLength(1);
    expect(b2.rowsTotal).toBe(2);
    expect(b2.node?.total).toBe(8);
    // a page of a unit outside the jurisdiction is still refused
    const r = await w.s.cityA.inject({ method: 'GET', url: `/api/stats?orgId=${w.cityB.id}&page=2&pageSize=1` });
    expect(r.statusCode).toBe(404);
    // a page size beyond the limit is refused in Chinese
    const big = await w.s.province.inject({ method: 'GET', url: '/api/stats?pageSize=5000' });
    expect(big.statusCode).toBe(400);
    expect(big.json().message).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('an institution sees its own row; an assessment body its assigned institutions', async () => {
    const w = await world();
    await w.s.hospitalA.inject({ method: 'POST', url: '/api/stats/refresh' });
    await run();
    const inst = (await view(w.s.hospitalA)).body;
    expect(inst.node?.orgId).toBe(w.hospitalA.id);
    expect(inst.node?.total).toBe(6);
    expect(inst.rows).toEqual([]);
    const body = (await view(w.s.body)).body;
    expect(body.rows.map((r) => r.orgId).sort()).toEqual([w.hospitalA.id, w.hospitalB.id].sort());
    expect(body.node?.total).toBe(8);
  });

  it('refuses a unit outside the jurisdiction with the same 404 as a missing one', async () => {
    const w = await world();
    const other = await buildStatsWorld(ctx);
    await w.s.province.inject({ method: 'POST', url: '/api/stats/refresh' });
    await run();
    const cases: [ReturnType<typeof view>, string][] = [
      [view(w.s.cityA, w.cityB.id), 'sibling city'],
      [view(w.s.districtA, w.cityA.id), 'parent'],
      [view(w.s.province, other.province.id), 'other province'],
      [view(w.s.province, 999_999_999), 'missing'],
      [view(w.s.hospitalA, w.hospitalB.id), 'institution asks for another'],
      [view(w.s.body, w.hospitalA.id), 'body drills'],
    ];
    for (const [p, what] of cases) {
      const r = await p;
      expect(r.status, what).toBe(404);
      expect(r.body.message, what).toBe('统计单位不存在或不在您的管辖范围内');
    }
    // an industry organisation and a physician have no statistics
    const industry = await sessionFor(ctx, w.industry.accountId, 'industry');
    expect((await industry.inject({ method: 'GET', url: '/api/stats' })).statusCode).toBe(403);
    expect((await industry.inject({ method: 'POST', url: '/api/stats/refresh' })).statusCode).toBe(403);
  });

  it('a new snapshot replaces the old one and counts the change; old snapshots are pruned', async () => {
    const w = await world();
    await w.s.province.inject({ method: 'POST', url: '/api/stats/refresh' });
    await run();
    const first = (await view(w.s.province)).body;
    await w.enrol(w.hospitalB, [{ status: 'passed' }]);
    // still the stored figures until 重新统计
    expect((await view(w.s.province)).body.node?.total).toBe(8);
    for (let i = 0; i < 3; i++) {
      await w.s.province.inject({ method: 'POST', url: '/api/stats/refresh' });
      await run();
    }
    const last = (await view(w.s.province)).body;
    expect(last.node?.total).toBe(9);
    expect(last.snapshot!.id).toBeGreaterThan(first.snapshot!.id);
    expect(await countRows(ctx.db, 'stats_snapshots', `province_id = ${w.province.id}`)).toBe(2);
  });

  it('a new unit without enrolments shows with zeros', async () => {
    const w = await world();
    const fresh = await buildOrg(ctx.db, { kind: 'institution', parent: w.districtA });
    await w.s.province.inject({ method: 'POST', url: '/api/stats/refresh' });
    await run();
    const d = (await view(w.s.province, w.districtA.id)).body;
    const row = d.rows.find((r) => r.orgId === fresh.id);
    expect(row?.total).toBe(0);
    expect(row?.result.general.passed).toBe(0);
  });
});
