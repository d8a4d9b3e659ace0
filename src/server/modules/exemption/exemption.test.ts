import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrolments } from '../../db/schema/index.js';
import { buildOrg, countRows, createTestApp, sessionFor, type TestContext } from '../../../../tests/helpers.js';
import {
  buildEnrolment,
  buildWorld,
  enrolmentRow,
  multipart,
  PDF_BYTES,
  sessions,
  applyExemption as applyAs,
  openExemption as setup,
  firstApplicationId,
  reviewApplication,
} from '../procedure/procedure.testkit.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(async () => ctx.close());

describe('免考设置', () => {
  it('province adds, edits, deletes reasons and opens/closes; lower levels cannot', async () => {
    const w = await buildWorld(ctx);
    const s = await sessions(ctx, w);
    const refused = await s.province.inject({
      method: 'PUT',
      url: '/api/exemption/switches',
      payload: { procedure: 'general', open: true },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().message).toContain('请先添加免考理由');
    const added = (
      await s.province.inject({
        method: 'POST',
        url: '/api/exemption/reasons',
        payload: { procedure: 'general', reason: '理由一' },
      })
    ).json();
    const id = added.general.reasons[0].id;
    const edited = (
      await s.province.inject({
        method: 'PUT',
        url: `/api/exemption/reasons/${id}`,
        payload: { reason: '理由一（修改）' },
      })
    ).json();
    expect(edited.general.reasons[0].reason).toBe('理由一（修改）');
    expect(
      (
        await s.province.inject({
          method: 'PUT',
          url: '/api/exemption/switches',
          payload: { procedure: 'general', open: true },
        })
      ).json().general.open,
    ).toBe(true);
    expect(
      (
        await s.cityA.inject({
          method: 'POST',
          url: '/api/exemption/reasons',
          payload: { procedure: 'general', reason: 'x' },
        })
      ).statusCode,
    ).toBe(403);
    expect((await s.instA.inject({ method: 'GET', url: '/api/exemption/settings' })).statusCode).toBe(403);
    const empty = await s.province.inject({
      method: 'POST',
      url: '/api/exemption/reasons',
      payload: { procedure: 'general', reason: '  ' },
    });
    expect(empty.statusCode).toBe(400);
    // another province cannot edit this province's reason
    const w2 = await buildWorld(ctx);
    const s2 = await sessions(ctx, w2);
    expect(
      (await s2.province.inject({ method: 'PUT', url: `/api/exemption/reasons/${id}`, payload: { reason: 'hack' } }))
        .statusCode,
    ).toBe(404);
    expect((await s2.province.inject({ method: 'DELETE', url: `/api/exemption/reasons/${id}` })).statusCode).toBe(404);
    const del = (await s.province.inject({ method: 'DELETE', url: `/api/exemption/reasons/${id}` })).json();
    expect(del.general.reasons).toEqual([]);
  });
});

describe('免考申请 and reviews', () => {
  it('general exemption through institution and body → professional_exempt', async () => {
    const w = await buildWorld(ctx);
    const s = await sessions(ctx, w);
    const { generalReason } = await setup(w, s);
    const { e, session } = await buildEnrolment(ctx, w, 'ready_for_exam', { procedure: 'general' });
    const mine = (await session.inject({ method: 'GET', url: '/api/exemption/mine' })).json();
    expect(mine).toMatchObject({
      enrolmentId: e.id,
      procedure: 'general',
      exempts: '业务水平测评',
      open: true,
      canApply: true,
    });
    const res = await applyAs(session, e.id, generalReason);
    expect(res.statusCode).toBe(200);
    expect(res.json().application.status).toBe('pending_institution');
    const list = (await s.instA.inject({ method: 'GET', url: '/api/exemption/applications?procedure=general' })).json();
    expect(list.total).toBe(1);
    const appId = list.rows[0].id;
    expect(list.rows[0].actions).toEqual([
      'INSTITUTION_PASS',
      'INSTITUTION_REJECT_SUPPLEMENT',
      'INSTITUTION_REJECT_FINAL',
    ]);
    expect((await s.instB.inject({ method: 'GET', url: '/api/exemption/applications' })).json().total).toBe(0);
    expect((await reviewApplication(s.instB, 'exemption', appId, { decision: 'pass' })).statusCode).toBe(404);
    expect((await reviewApplication(s.body, 'exemption', appId, { decision: 'pass' })).statusCode).toBe(409);
    expect(
      (await reviewApplication(s.instA, 'exemption', appId, { decision: 'pass', opinion: '材料属实' })).statusCode,
    ).toBe(200);
    expect((await reviewApplication(s.instA, 'exemption', appId, { decision: 'pass' })).statusCode).toBe(409);
    const otherBody = await buildOrg(ctx.db, { kind: 'institution', parent: w.p.province, isAssessmentBody: true });
    const ob = await sessionFor(ctx, otherBody.accountId, 'body');
    expect((await reviewApplication(ob, 'exemption', appId, { decision: 'pass' })).statusCode).toBe(404);
    expect((await ob.inject({ method: 'GET', url: `/api/exemption/applications/${appId}` })).statusCode).toBe(404);
    const detail = (await s.body.inject({ method: 'GET', url: `/api/exemption/applications/${appId}` })).json();
    expect(detail.files).toHaveLength(1);
    expect(
      (await s.body.inject({ method: 'GET', url: `/api/enrolments/${e.id}/attachments/${detail.files[0].id}` }))
        .statusCode,
    ).toBe(200);
    expect((await reviewApplication(s.body, 'exemption', appId, { decision: 'pass' })).statusCode).toBe(200);
    const row = await enrolmentRow(ctx, e.id);
    expect(row.professionalExempt).toBe(true);
    expect(row.humanitiesExempt).toBe(false);
    expect(await countRows(ctx.db, 'messages', `title LIKE '免考申请%' AND account_id = ${session.accountId}`)).toBe(2);
    expect((await session.inject({ method: 'GET', url: '/api/exemption/mine' })).json()).toMatchObject({
      canApply: false,
      application: { status: 'approved' },
    });
  });

  it('simple exemption approval sets humanities_exempt', async () => {
    const w = await buildWorld(ctx);
    const s = await sessions(ctx, w);
    const { simpleReason, generalReason } = await setup(w, s);
    const { e, session } = await buildEnrolment(ctx, w, 'registered', { procedure: 'simple' });
    const wrong = await applyAs(session, e.id, generalReason);
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().message).toContain('不适用');
    expect(await countRows(ctx.db, 'exemption_applications', `enrolment_id = ${e.id}`)).toBe(0);
    expect((await applyAs(session, e.id, simpleReason)).statusCode).toBe(200);
    const appId = (await s.instA.inject({ method: 'GET', url: '/api/exemption/applications?procedure=simple' })).json()
      .rows[0].id;
    await reviewApplication(s.instA, 'exemption', appId, { decision: 'pass' });
    await reviewApplication(s.body, 'exemption', appId, { decision: 'pass' });
    expect((await enrolmentRow(ctx, e.id)).humanitiesExempt).toBe(true);
  });

  it('驳回补充材料 allows a new application; 驳回禁止再次申请 does not', async () => {
    const w = await buildWorld(ctx);
    const s = await sessions(ctx, w);
    const { generalReason } = await setup(w, s);
    const { e, session } = await buildEnrolment(ctx, w, 'registered', { procedure: 'general' });
    await applyAs(session, e.id, generalReason);
    const appId = await firstApplicationId(s.instA, 'exemption');
    const noReason = await reviewApplication(s.instA, 'exemption', appId, {
      decision: 'reject_supplement',
      opinion: '',
    });
    expect(noReason.statusCode).toBe(400);
    expect(
      (await reviewApplication(s.instA, 'exemption', appId, { decision: 'reject_supplement', opinion: '证书不清晰' }))
        .statusCode,
    ).toBe(200);
    expect((await session.inject({ method: 'GET', url: '/api/exemption/mine' })).json()).toMatchObject({
      canApply: true,
      application: { status: 'rejected_supplement' },
    });
    expect((await applyAs(session, e.id, generalReason)).statusCode).toBe(200);
    await reviewApplication(s.instA, 'exemption', appId, { decision: 'pass' });
    expect(
      (await reviewApplication(s.body, 'exemption', appId, { decision: 'reject_final', opinion: '不符合免考条件' }))
        .statusCode,
    ).toBe(200);
    const again = await applyAs(session, e.id, generalReason);
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toContain('禁止再次申请');
    expect((await enrolmentRow(ctx, e.id)).professionalExempt).toBe(false);
  });

  it('refuses when closed, before approval, without procedure; bad files; another physician', async () => {
    const w = await buildWorld(ctx);
    const s = await sessions(ctx, w);
    const { generalReason } = await setup(w, s, { general: false });
    const closed = await buildEnrolment(ctx, w, 'registered', { procedure: 'general' });
    const r1 = await applyAs(closed.session, closed.e.id, generalReason);
    expect(r1.statusCode).toBe(400);
    expect(r1.json().message).toContain('免考申请未开启');
    await s.province.inject({
      method: 'PUT',
      url: '/api/exemption/switches',
      payload: { procedure: 'general', open: true },
    });
    const early = await buildEnrolment(ctx, w, 'pending_institution', { procedure: 'general' });
    const r2 = await applyAs(early.session, early.e.id, generalReason);
    expect(r2.statusCode).toBe(400);
    expect(r2.json().message).toContain('报名审核通过后');
    const noProc = await buildEnrolment(ctx, w, 'registered');
    expect((await applyAs(noProc.session, noProc.e.id, generalReason)).json().message).toContain('请先选择考核程序');
    const pdf = await closed.session.inject({
      method: 'POST',
      url: `/api/enrolments/${closed.e.id}/exemption-files`,
      ...multipart(PDF_BYTES, 'x.jpg'),
    });
    expect(pdf.statusCode).toBe(400);
    const other = await buildEnrolment(ctx, w, 'registered', { procedure: 'general' });
    expect(
      (
        await other.session.inject({
          method: 'POST',
          url: `/api/enrolments/${closed.e.id}/exemption`,
          payload: { reasonIds: [generalReason], fileIds: ['00000000-0000-4000-8000-000000000000'] },
        })
      ).statusCode,
    ).toBe(404);
    const noFiles = await closed.session.inject({
      method: 'POST',
      url: `/api/enrolments/${closed.e.id}/exemption`,
      payload: { reasonIds: [generalReason], fileIds: [] },
    });
    expect(noFiles.statusCode).toBe(400);
    expect(
      await countRows(
        ctx.db,
        'exemption_applications',
        `enrolment_id IN (${closed.e.id}, ${early.e.id}, ${noProc.e.id})`,
      ),
    ).toBe(0);
  });

  it('two reviewers at once: exactly one succeeds', async () => {
    const w = await buildWorld(ctx);
    const s = await sessions(ctx, w);
    const { generalReason } = await setup(w, s);
    const { e, session } = await buildEnrolment(ctx, w, 'registered', { procedure: 'general' });
    await applyAs(session, e.id, generalReason);
    const appId = await firstApplicationId(s.instA, 'exemption');
    const [a, b] = await Promise.all([
      reviewApplication(s.instA, 'exemption', appId, { decision: 'pass' }),
      reviewApplication(s.instA, 'exemption', appId, { decision: 'reject_final', opinion: '不符合' }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    expect(
      await countRows(ctx.db, 'audit_log', `target_type = 'exemption_application' AND target_id = '${appId}'`),
    ).toBe(2);
  });
});

describe('免考申请 follows the procedure', () => {
  it('驳回至一般程序 marks an approved 简易程序 exemption 已失效 (audited) and withdraws humanities_exempt; a general exemption may then be applied for', async () => {
    const w = await buildWorld(ctx);
    const s = await sessions(ctx, w);
    const { simpleReason, generalReason } = await setup(w, s);
    const { e, session } = await buildEnrolment(ctx, w, 'registered', { procedure: 'simple' });
    expect((await applyAs(session, e.id, simpleReason)).statusCode).toBe(200);
    const appId = (await s.instA.inject({ method: 'GET', url: '/api/exemption/applications?procedure=simple' })).json()
      .rows[0].id;
    await reviewApplication(s.instA, 'exemption', appId, { decision: 'pass' });
    await reviewApplication(s.body, 'exemption', appId, { decision: 'pass' });
    expect((await enrolmentRow(ctx, e.id)).humanitiesExempt).toBe(true);
    // the simple procedure itself reaches the body, which finds the conditions unmet
    await ctx.db
      .update(enrolments)
      .set({ status: 'pending_body_evaluation', workResult: '合格', ethicsResult: '合格' })
      .where(eq(enrolments.id, e.id));
    const rs = await s.body.inject({
      method: 'POST',
      url: `/api/procedure/evaluations/${e.id}/reject-simple`,
      payload: { reason: '执业年限不足5年' },
    });
    expect(rs.statusCode).toBe(200);
    const row = await enrolmentRow(ctx, e.id);
    expect(row).toMatchObject({ status: 'procedure_rejected', procedure: 'general', humanitiesExempt: false });
    const detail = (await s.body.inject({ method: 'GET', url: `/api/exemption/applications/${appId}` })).json();
    expect(detail).toMatchObject({ status: 'void', statusLabel: '已失效', actions: [] });
    expect(detail.reviews.at(-1)).toMatchObject({
      decision: '已失效',
      opinion: '考核机构驳回至一般程序：执业年限不足5年',
    });
    expect(
      await countRows(
        ctx.db,
        'audit_log',
        `target_type = 'exemption_application' AND target_id = '${appId}' AND action = '人文医学测评免考申请失效'`,
      ),
    ).toBe(1);
    const mine = (await session.inject({ method: 'GET', url: '/api/exemption/mine' })).json();
    expect(mine).toMatchObject({
      procedure: 'general',
      exempts: '业务水平测评',
      canApply: true,
      application: { status: 'void', statusLabel: '已失效' },
    });
    const again = await applyAs(session, e.id, generalReason);
    expect(again.statusCode).toBe(200);
    expect(again.json().application).toMatchObject({ id: appId, procedure: 'general', status: 'pending_institution' });
  });

  it('re-selecting the procedure voids a pending exemption of the other procedure; the same procedure keeps it', async () => {
    const w = await buildWorld(ctx);
    const s = await sessions(ctx, w);
    const { generalReason } = await setup(w, s);
    const { e, session } = await buildEnrolment(ctx, w, 'registered', { procedure: 'general' });
    await applyAs(session, e.id, generalReason);
    const same = await session.inject({
      method: 'PUT',
      url: `/api/enrolments/${e.id}/procedure-application`,
      payload: { procedure: 'general', conditions: [], proofFileIds: [], report: '' },
    });
    expect(same.statusCode).toBe(200);
    expect((await session.inject({ method: 'GET', url: '/api/exemption/mine' })).json().application.status).toBe(
      'pending_institution',
    );
    const sw = await session.inject({
      method: 'PUT',
      url: `/api/enrolments/${e.id}/procedure-application`,
      payload: { procedure: 'simple', conditions: [], proofFileIds: [], report: '' },
    });
    expect(sw.statusCode).toBe(200);
    const mine = (await session.inject({ method: 'GET', url: '/api/exemption/mine' })).json();
    expect(mine.application).toMatchObject({ status: 'void', procedure: 'general' });
    expect((await s.instA.inject({ method: 'GET', url: '/api/exemption/applications' })).json().total).toBe(0);
  });
});
