/**
 * One masking rule for 证件号码 (issue 12 item 7): masked in every list and export; the full
 * number only in a detail view to a reviewer of that physician, on request, audited. And
 * 【变更卫生机构】 withheld with its reason for a physician already in the cycle (item 4).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditLog } from '../../db/schema/index.js';
import { maskIdNumber } from '../../../shared/domain/id-number.js';
import { createTestApp, sessionFor, type TestContext } from '../../../../tests/helpers.js';
import { buildEnrolment, buildWorld, sessions } from '../procedure/procedure.testkit.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(async () => ctx.close());

const reveals = (physicianId: number) =>
  ctx.db
    .select()
    .from(auditLog)
    .where(
      and(
        eq(auditLog.targetType, 'physician'),
        eq(auditLog.targetId, String(physicianId)),
        eq(auditLog.action, '查看完整证件号码'),
      ),
    );

describe('证件号码 masked in lists, revealed on request to a reviewer', () => {
  it('上报考核名单 / 考核进度 lists and the detail are masked; 【查看完整证件号码】 shows it and is audited', async () => {
    const w = await buildWorld(ctx);
    const s = await sessions(ctx, w);
    const { e, doc } = await buildEnrolment(ctx, w, 'pending_institution');
    const masked = maskIdNumber(doc.idNumber);
    expect(masked).toBe(`${doc.idNumber.slice(0, 4)}**********${doc.idNumber.slice(-4)}`);

    for (const who of [s.instA, s.cityA, s.province]) {
      const list = await who.inject({ method: 'GET', url: '/api/enrolments' });
      expect(list.statusCode).toBe(200);
      expect(list.body).not.toContain(doc.idNumber);
      expect(list.json().items.find((r: { id: number }) => r.id === e.id).idNumber).toBe(masked);
    }
    const detail = await s.instA.inject({ method: 'GET', url: `/api/enrolments/${e.id}` });
    expect(detail.body).not.toContain(doc.idNumber);
    expect(detail.json()).toMatchObject({ canRevealIdNumber: true, physician: { idNumber: masked } });

    expect(await reveals(doc.id)).toHaveLength(0);
    const shown = await s.instA.inject({ method: 'POST', url: `/api/enrolments/${e.id}/reveal-id-number` });
    expect(shown.statusCode).toBe(200);
    expect(shown.json()).toEqual({ idNumber: doc.idNumber });
    expect(await reveals(doc.id)).toHaveLength(1);
  });

  it('a neighbour institution or district cannot reveal (404) and nothing is audited; a physician cannot use it', async () => {
    const w = await buildWorld(ctx);
    const s = await sessions(ctx, w);
    const { e, doc, session } = await buildEnrolment(ctx, w, 'pending_institution');
    for (const who of [s.instB, s.districtB, s.cityB]) {
      const r = await who.inject({ method: 'POST', url: `/api/enrolments/${e.id}/reveal-id-number` });
      expect(r.statusCode).toBe(404);
    }
    const bySelf = await session.inject({ method: 'POST', url: `/api/enrolments/${e.id}/reveal-id-number` });
    expect(bySelf.statusCode).toBe(403);
    expect(await reveals(doc.id)).toHaveLength(0);
  });

  it('医师管理: rows masked; the detail offers the reveal to the administration in jurisdiction only', async () => {
    const w = await buildWorld(ctx);
    const s = await sessions(ctx, w);
    const { doc } = await buildEnrolment(ctx, w, 'registered');
    const list = await s.districtA.inject({ method: 'GET', url: '/api/physicians' });
    expect(list.body).not.toContain(doc.idNumber);
    const detail = await s.districtA.inject({ method: 'GET', url: `/api/physicians/${doc.id}` });
    expect(detail.json().actions).toContain('revealIdNumber');
    const shown = await s.districtA.inject({ method: 'POST', url: `/api/physicians/${doc.id}/reveal-id-number` });
    expect(shown.json()).toEqual({ idNumber: doc.idNumber });
    const neighbour = await s.districtB.inject({ method: 'POST', url: `/api/physicians/${doc.id}/reveal-id-number` });
    expect(neighbour.statusCode).toBe(404);
    expect(await reveals(doc.id)).toHaveLength(1);
  });
});

describe('【变更卫生机构】 withheld with its reason', () => {
  it('a physician in the current cycle shows why; one not taking part can be moved', async () => {
    const w = await buildWorld(ctx);
    const s = await sessions(ctx, w);
    const { doc: inCycle } = await buildEnrolment(ctx, w, 'pending_institution');
    const { doc: out } = await buildEnrolment(ctx, w, 'withdrawn');
    const rows = (await s.districtA.inject({ method: 'GET', url: '/api/physicians' })).json().items as {
      id: number;
      actions: string[];
      withheld: { transfer?: string };
    }[];
    const a = rows.find((r) => r.id === inCycle.id);
    expect(a?.actions).not.toContain('transfer');
    expect(a?.withheld.transfer).toBe(
      '该医师已参加本周期考核（待卫生机构审核），不能变更卫生机构；如确需变更，须先在考核进度中【驳回】到退出当前周期',
    );
    const b = rows.find((r) => r.id === out.id);
    expect(b?.actions).toContain('transfer');
    expect(b?.withheld).toEqual({});
    const inst = await sessionFor(ctx, w.p.hospitalA.accountId, 'institution');
    const instRows = (await inst.inject({ method: 'GET', url: '/api/physicians' })).json().items;
    expect(instRows.every((r: { withheld: object }) => Object.keys(r.withheld).length === 0)).toBe(true);
  });
});
