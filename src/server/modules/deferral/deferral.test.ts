import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows, createTestApp, type TestContext } from '../../../../tests/helpers.js';
import {
  buildEnrolment,
  buildWorld,
  enrolmentRow,
  multipart,
  PDF_BYTES,
  sessions,
  applyDeferral as applyAs,
  firstApplicationId,
  reviewApplication,
} from '../procedure/procedure.testkit.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(async () => ctx.close());

describe('延期考核申请', () => {
  it('institution agrees, the district approves → deferral_approved; the PDF carries the form', async () => {
    const w = await buildWorld(ctx);
    const s = await sessions(ctx, w);
    const { e, session } = await buildEnrolment(ctx, w, 'registered', {
      physician: { name: '王延期', qualificationNo: 'ZG2001', licenseNo: 'ZY3001' },
    });
    const res = await applyAs(session, e.id);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ canApply: false, application: { status: 'pending_institution' } });
    const list = (await s.instA.inject({ method: 'GET', url: '/api/deferral/applications' })).json();
    expect(list.total).toBe(1);
    const id = list.rows[0].id;
    expect(list.rows[0].actions).toEqual(['INSTITUTION_APPROVE', 'INSTITUTION_REJECT']);
    expect((await reviewApplication(s.districtA, 'deferral', id, { agree: '同意' })).statusCode).toBe(409);
    expect((await reviewApplication(s.instB, 'deferral', id, { agree: '同意' })).statusCode).toBe(404);
    expect((await reviewApplication(s.instA, 'deferral', id, { agree: '同意', opinion: '情况属实' })).statusCode).toBe(
      200,
    );
    expect((await reviewApplication(s.instA, 'deferral', id, { agree: '同意' })).statusCode).toBe(409);
    // neighbour administrations do not see it; the district and its city do
    expect((await s.districtB.inject({ method: 'GET', url: '/api/deferral/applications' })).json().total).toBe(0);
    expect((await reviewApplication(s.cityB, 'deferral', id, { agree: '同意' })).statusCode).toBe(404);
    expect((await s.cityA.inject({ method: 'GET', url: '/api/deferral/applications' })).json().total).toBe(1);
    expect((await s.province.inject({ method: 'GET', url: '/api/deferral/applications' })).json().total).toBe(1);
    expect((await s.body.inject({ method: 'GET', url: '/api/deferral/applications' })).statusCode).toBe(403);
    expect(
      (await reviewApplication(s.districtA, 'deferral', id, { agree: '同意', opinion: '同意延期' })).statusCode,
    ).toBe(200);
    const row = await enrolmentRow(ctx, e.id);
    expect(row.deferralApproved).toBe(true);
    const detail = (await session.inject({ method: 'GET', url: `/api/deferral/applications/${id}` })).json();
    expect(detail).toMatchObject({
      status: 'approved',
      institutionAgree: '同意',
      adminAgree: '同意',
      adminOrgName: w.p.districtA.name,
    });
    const pdf = await session.inject({ method: 'GET', url: `/api/deferral/applications/${id}/form.pdf` });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(String(pdf.headers['content-disposition'])).toContain(encodeURIComponent('医师定期考核延期考核申请表'));
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.rawPayload.includes(Buffer.from('NotoSansSC'))).toBe(true);
    expect((await s.instB.inject({ method: 'GET', url: `/api/deferral/applications/${id}/form.pdf` })).statusCode).toBe(
      404,
    );
    const other = await buildEnrolment(ctx, w, 'registered');
    expect(
      (await other.session.inject({ method: 'GET', url: `/api/deferral/applications/${id}/form.pdf` })).statusCode,
    ).toBe(404);
    expect(
      await countRows(ctx.db, 'messages', `title LIKE '延期考核申请%' AND account_id = ${session.accountId}`),
    ).toBe(2);
  });

  it('refuses after the deferral deadline, naming the window; nothing stored', async () => {
    const w = await buildWorld(ctx);
    const { e, session } = await buildEnrolment(ctx, w, 'registered');
    ctx.setNow(new Date('2026-07-01T04:00:00Z'));
    const mine = (await session.inject({ method: 'GET', url: '/api/deferral/mine' })).json();
    expect(mine.canApply).toBe(false);
    expect(mine.blockedReason).toContain('延期考核申请时间');
    const r = await session.inject({
      method: 'POST',
      url: `/api/enrolments/${e.id}/deferral`,
      payload: { reason: '出国进修' },
    });
    expect(r.statusCode).toBe(400);
    expect(r.json().message).toContain('不在「延期考核申请时间」内');
    expect(await countRows(ctx.db, 'deferral_applications', `enrolment_id = ${e.id}`)).toBe(0);
    ctx.setNow(w.now);
  });

  it('disagreement returns it to the physician, who may apply again; bad input refused', async () => {
    const w = await buildWorld(ctx);
    const s = await sessions(ctx, w);
    const { e, session } = await buildEnrolment(ctx, w, 'ready_for_exam');
    const empty = await session.inject({
      method: 'POST',
      url: `/api/enrolments/${e.id}/deferral`,
      payload: { reason: '  ' },
    });
    expect(empty.statusCode).toBe(400);
    const tooLong = await session.inject({
      method: 'POST',
      url: `/api/enrolments/${e.id}/deferral`,
      payload: { reason: '因'.repeat(1001) },
    });
    expect(tooLong.statusCode).toBe(400);
    const pdf = await session.inject({
      method: 'POST',
      url: `/api/enrolments/${e.id}/deferral-files`,
      ...multipart(PDF_BYTES, 'a.jpg'),
    });
    expect(pdf.statusCode).toBe(400);
    await applyAs(session, e.id);
    const id = await firstApplicationId(s.instA, 'deferral');
    const noOpinion = await reviewApplication(s.instA, 'deferral', id, { agree: '不同意', opinion: '' });
    expect(noOpinion.statusCode).toBe(400);
    expect(
      (await reviewApplication(s.instA, 'deferral', id, { agree: '不同意', opinion: '理由不充分' })).statusCode,
    ).toBe(200);
    expect((await session.inject({ method: 'GET', url: '/api/deferral/mine' })).json()).toMatchObject({
      canApply: true,
      application: { status: 'rejected_institution' },
    });
    expect((await applyAs(session, e.id, '补充：援疆任务通知已下达')).statusCode).toBe(200);
    const again = (await session.inject({ method: 'GET', url: '/api/deferral/mine' })).json();
    expect(again.application).toMatchObject({ status: 'pending_institution', institutionAgree: null });
    expect(
      (await session.inject({ method: 'POST', url: `/api/enrolments/${e.id}/deferral`, payload: { reason: '再次' } }))
        .statusCode,
    ).toBe(409);
    expect((await enrolmentRow(ctx, e.id)).deferralApproved).toBe(false);
  });

  it('another physician’s enrolment is 404; two administrations at once — exactly one succeeds', async () => {
    const w = await buildWorld(ctx);
    const s = await sessions(ctx, w);
    const { e, session } = await buildEnrolment(ctx, w, 'registered');
    const other = await buildEnrolment(ctx, w, 'registered');
    expect(
      (
        await other.session.inject({
          method: 'POST',
          url: `/api/enrolments/${e.id}/deferral`,
          payload: { reason: 'x' },
        })
      ).statusCode,
    ).toBe(404);
    await applyAs(session, e.id);
    const id = await firstApplicationId(s.instA, 'deferral');
    await reviewApplication(s.instA, 'deferral', id, { agree: '同意' });
    const [a, b] = await Promise.all([
      reviewApplication(s.districtA, 'deferral', id, { agree: '同意' }),
      reviewApplication(s.cityA, 'deferral', id, { agree: '不同意', opinion: '不符合' }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    expect(await countRows(ctx.db, 'audit_log', `target_type = 'deferral_application' AND target_id = '${id}'`)).toBe(
      3,
    );
  });
});
