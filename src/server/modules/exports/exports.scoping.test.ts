/**
 * What the in-request export routes (/api/physicians/export, /api/org/subordinates/export,
 * /api/exemption/applications/export, /api/deferral/applications/export — removed, every page
 * exports through the job flow) asserted, now asserted on the export jobs: each role's scope,
 * a neighbour's rows never present, masked ID numbers, the filters, refused roles.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TExportJob } from '../../../shared/schemas/exports.js';
import {
  buildOrg,
  buildPhysician,
  buildProvince,
  createTestApp,
  sessionFor,
  type TestContext,
  type TestSession,
} from '../../../../tests/helpers.js';
import { runQueuedJobs } from '../../platform/jobs.js';
import {
  applyDeferral,
  applyExemption,
  buildEnrolment,
  buildWorld,
  openExemption,
  sessions,
} from '../procedure/procedure.testkit.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(async () => ctx?.close());

type Injector = Pick<TestSession, 'inject'>;

/** 申请导出 → job → 下载: the rows (header first) and the download's headers; or the refusal's status. */
async function exportRows(s: Injector, kind: string, params: Record<string, unknown> = {}) {
  const r = await s.inject({ method: 'POST', url: '/api/exports', payload: { kind, params } });
  if (r.statusCode !== 200) return { status: r.statusCode, rows: [] as string[][], headers: {} };
  await runQueuedJobs(ctx.deps, { tasks: ['exports.run'] });
  const id = (r.json() as TExportJob).id;
  const job = (await s.inject({ method: 'GET', url: `/api/exports/${id}` })).json() as TExportJob;
  expect(job.status, job.error ?? '').toBe('done');
  const dl = await s.inject({ method: 'GET', url: `/api/exports/${id}/download` });
  expect(dl.statusCode).toBe(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(dl.rawPayload as never);
  const rows: string[][] = [];
  wb.worksheets[0].eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
  return { status: 200, rows, headers: dl.headers };
}
const names = (rows: string[][], col = 0) => rows.slice(1).map((r) => r[col]);

describe('export jobs keep the scoping of the removed in-request exports', () => {
  it('医师信息: an institution exports only its own physicians, ID numbers masked, file name in Chinese', async () => {
    const p = await buildProvince(ctx.db);
    const b1 = await buildPhysician(ctx.db, p.hospitalB, { name: '乙邻居' });
    const a1 = await buildPhysician(ctx.db, p.hospitalA, { name: '甲本院' });
    const s = await sessionFor(ctx, p.hospitalA.accountId, 'institution');
    const r = await exportRows(s, 'physicians');
    expect(String(r.headers['content-disposition'])).toContain(`filename*=UTF-8''${encodeURIComponent('医师信息')}`);
    expect(r.rows[0].slice(0, 3)).toEqual(['姓名', '证件类型', '证件号码']);
    expect(names(r.rows)).toEqual(['甲本院']);
    expect(r.rows.flat().join()).not.toContain(b1.idNumber);
    expect(r.rows.flat().join()).not.toContain(a1.idNumber);
  });

  it('所辖机构账号: a district exports only its own institutions', async () => {
    const p = await buildProvince(ctx.db);
    const district = await sessionFor(ctx, p.districtA.accountId, 'admin');
    const extra = await buildOrg(ctx.db, {
      kind: 'institution',
      parent: p.districtA,
      status: 'unactivated',
      name: '导出测试医院',
    });
    const r = await exportRows(district, 'subordinates', { kind: 'institution' });
    expect(r.rows[0][1]).toBe('机构名称');
    expect(names(r.rows).sort()).toEqual([p.hospitalA.code, extra.code].sort());
    expect(names(r.rows, 1)).toContain('导出测试医院');
    expect(names(r.rows, 1)).not.toContain(p.hospitalB.name);
  });

  it('免考申请: each reviewer exports its own scope and filter; a neighbour’s rows never appear', async () => {
    const w = await buildWorld(ctx);
    const s = await sessions(ctx, w);
    const { generalReason } = await openExemption(w, s);
    const a = await buildEnrolment(ctx, w, 'registered', { procedure: 'general', physician: { name: '甲免考' } });
    const b = await buildEnrolment(ctx, w, 'registered', {
      procedure: 'general',
      institution: 'B',
      physician: { name: '乙免考' },
    });
    expect((await applyExemption(a.session, a.e.id, generalReason)).statusCode).toBe(200);
    expect((await applyExemption(b.session, b.e.id, generalReason)).statusCode).toBe(200);
    const ra = await exportRows(s.instA, 'exemptions', { scope: 'all' });
    expect(ra.rows[0].slice(0, 5)).toEqual(['姓名', '证件号码', '卫生机构', '考核程序', '免考项目']);
    expect(names(ra.rows)).toEqual(['甲免考']);
    expect(ra.rows[1]).toContain('考核周期内获得省级以上科技奖励');
    expect(ra.rows.flat().join()).not.toContain(b.doc.idNumber);
    expect(ra.rows.flat().join()).not.toContain(a.doc.idNumber);
    expect(names((await exportRows(s.instB, 'exemptions', { scope: 'all' })).rows)).toEqual(['乙免考']);
    // the body sees both assigned institutions, but only what awaits it under 待复核
    expect(names((await exportRows(s.body, 'exemptions', { scope: 'all' })).rows).sort()).toEqual(['乙免考', '甲免考']);
    expect((await exportRows(s.body, 'exemptions', { scope: 'pending' })).rows.length).toBe(1);
    expect(names((await exportRows(s.districtA, 'exemptions', { scope: 'all' })).rows)).toEqual(['甲免考']);
    // a body of another province sees nothing; a physician may not export
    const s2 = await sessions(ctx, await buildWorld(ctx));
    expect((await exportRows(s2.body, 'exemptions', { scope: 'all' })).rows.length).toBe(1);
    expect((await exportRows(a.session, 'exemptions', { scope: 'all' })).status).toBe(403);
  });

  it('延期考核申请: each reviewer exports its own scope and filter; a neighbour’s rows never appear', async () => {
    const w = await buildWorld(ctx);
    const s = await sessions(ctx, w);
    const a = await buildEnrolment(ctx, w, 'registered', { physician: { name: '甲延期' } });
    const b = await buildEnrolment(ctx, w, 'registered', { institution: 'B', physician: { name: '乙延期' } });
    expect((await applyDeferral(a.session, a.e.id)).statusCode).toBe(200);
    expect((await applyDeferral(b.session, b.e.id, '因公派出国进修')).statusCode).toBe(200);
    const all = { scope: 'all' };
    const ra = await exportRows(s.instA, 'deferrals', all);
    expect(ra.rows[0].slice(0, 5)).toEqual(['姓名', '性别', '证件号码', '所在执业卫生机构', '申请延期考核原因']);
    expect(names(ra.rows)).toEqual(['甲延期']);
    expect(ra.rows.flat().join()).not.toContain('因公派出国进修');
    expect(ra.rows.flat().join()).not.toContain(a.doc.idNumber);
    expect(names((await exportRows(s.instB, 'deferrals', all)).rows)).toEqual(['乙延期']);
    expect(names((await exportRows(s.districtB, 'deferrals', all)).rows)).toEqual(['乙延期']);
    expect(names((await exportRows(s.province, 'deferrals', all)).rows).sort()).toEqual(['乙延期', '甲延期']);
    // 待审批 for an administration: nothing has been agreed by an institution yet
    expect((await exportRows(s.province, 'deferrals', { scope: 'pending' })).rows.length).toBe(1);
    expect((await exportRows(s.instA, 'deferrals', { scope: 'all', keyword: '乙延期' })).rows.length).toBe(1);
    expect((await exportRows(s.body, 'deferrals', all)).status).toBe(403);
    expect((await exportRows(a.session, 'deferrals', all)).status).toBe(403);
  });
});
