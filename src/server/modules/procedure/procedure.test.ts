import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildOrg,
  countRows,
  createTestApp,
  sessionFor,
  type TestContext,
  type TestSession,
} from '../../../../tests/helpers.js';
import {
  buildEnrolment,
  buildWorld,
  enrolmentRow,
  multipart,
  PDF_BYTES,
  PNG_1PX,
  sessions,
} from './procedure.testkit.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(async () => ctx.close());

const simpleApp = (proofFileIds: string[], report = '本周期内认真履职。') => ({
  procedure: 'simple',
  conditions: [1],
  proofFileIds,
  report,
});

async function uploadProof(s: Pick<TestSession, 'inject'>, id: number, buf = PNG_1PX, name = 'proof.png') {
  return s.inject({
    method: 'POST',
    url: `/api/enrolments/${id}/proofs`,
    ...multipart(buf, name),
  });
}

describe('step 5 — procedure application', () => {
  it('saves a simple-procedure application with proofs and shows condition hints', async () => {
    const w = await buildWorld(ctx);
    const { e, session } = await buildEnrolment(ctx, w, 'registered', {
      selfEvaluation: { goodRecord: '有', badRecord: '无' },
      physician: { firstRegisteredAt: '2010-01-01' },
    });
    const up = await uploadProof(session, e.id);
    expect(up.statusCode).toBe(200);
    const fileId = up.json().id;
    const res = await session.inject({
      method: 'PUT',
      url: `/api/enrolments/${e.id}/procedure-application`,
      payload: simpleApp([fileId]),
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.procedure).toBe('simple');
    expect(body.proofs).toHaveLength(1);
    expect(body.yearsOfPractice).toBe(16);
    expect(body.hints.find((h: { id: number }) => h.id === 1).supported).toBe(true);
    expect(body.hints.find((h: { id: number }) => h.id === 2).supported).toBe(true);
    const row = await enrolmentRow(ctx, e.id);
    expect(row.procedure).toBe('simple');
    expect(row.procedureApplication).toMatchObject({ conditions: [1], proofFileIds: [fileId] });
    // the proof reads back for the physician, the institution and the body — not a neighbour
    const s = await sessions(ctx, w);
    expect(
      (await session.inject({ method: 'GET', url: `/api/enrolments/${e.id}/attachments/${fileId}` })).statusCode,
    ).toBe(200);
    const asInst = await s.instA.inject({ method: 'GET', url: `/api/enrolments/${e.id}/attachments/${fileId}` });
    expect(asInst.statusCode).toBe(200);
    expect(asInst.headers['content-type']).toBe('image/png');
    expect(
      (await s.body.inject({ method: 'GET', url: `/api/enrolments/${e.id}/attachments/${fileId}` })).statusCode,
    ).toBe(200);
    expect(
      (await s.instB.inject({ method: 'GET', url: `/api/enrolments/${e.id}/attachments/${fileId}` })).statusCode,
    ).toBe(404);
  });

  it('refuses bad uploads with Chinese errors and stores nothing', async () => {
    const w = await buildWorld(ctx);
    const { e, session } = await buildEnrolment(ctx, w, 'registered');
    const before = await countRows(ctx.db, 'files', `owner_account_id = ${session.accountId}`);
    const pdf = await uploadProof(session, e.id, PDF_BYTES, 'fake.jpg');
    expect(pdf.statusCode).toBe(400);
    expect(pdf.json().message).toContain('png/jpg/jpeg');
    const big = await uploadProof(session, e.id, Buffer.concat([PNG_1PX, Buffer.alloc(4 * 1024 * 1024)]), 'big.png');
    expect(big.statusCode).toBe(400);
    expect(big.json().message).toContain('3 MB');
    expect(await countRows(ctx.db, 'files', `owner_account_id = ${session.accountId}`)).toBe(before);
    for (let i = 0; i < 10; i++) expect((await uploadProof(session, e.id, PNG_1PX, `p${i}.png`)).statusCode).toBe(200);
    const eleventh = await uploadProof(session, e.id, PNG_1PX, 'p11.png');
    expect(eleventh.statusCode).toBe(400);
    expect(eleventh.json().message).toContain('最多上传 10 个');
    expect(await countRows(ctx.db, 'enrolment_attachments', `enrolment_id = ${e.id}`)).toBe(10);
  });

  it('removes a proof and drops it from the application', async () => {
    const w = await buildWorld(ctx);
    const { e, session } = await buildEnrolment(ctx, w, 'registered');
    const a = (await uploadProof(session, e.id)).json().id;
    const b = (await uploadProof(session, e.id)).json().id;
    await session.inject({
      method: 'PUT',
      url: `/api/enrolments/${e.id}/procedure-application`,
      payload: simpleApp([a, b]),
    });
    const del = await session.inject({ method: 'DELETE', url: `/api/enrolments/${e.id}/proofs/${a}` });
    expect(del.statusCode).toBe(200);
    const row = await enrolmentRow(ctx, e.id);
    expect(row.procedureApplication).toMatchObject({ proofFileIds: [b] });
    expect((await session.inject({ method: 'GET', url: `/api/enrolments/${e.id}/attachments/${a}` })).statusCode).toBe(
      404,
    );
  });

  it('refuses a 2001-character report and proof ids that are not the enrolment’s, unchanged', async () => {
    const w = await buildWorld(ctx);
    const { e, session } = await buildEnrolment(ctx, w, 'registered');
    const id = (await uploadProof(session, e.id)).json().id;
    const long = await session.inject({
      method: 'PUT',
      url: `/api/enrolments/${e.id}/procedure-application`,
      payload: simpleApp([id], '字'.repeat(2001)),
    });
    expect(long.statusCode).toBe(400);
    expect(long.json().message).toContain('2000');
    const ok2000 = await session.inject({
      method: 'PUT',
      url: `/api/enrolments/${e.id}/procedure-application`,
      payload: simpleApp([id], '字'.repeat(2000)),
    });
    expect(ok2000.statusCode).toBe(200);
    const other = await buildEnrolment(ctx, w, 'registered');
    const foreign = (await uploadProof(other.session, other.e.id)).json().id;
    const bad = await session.inject({
      method: 'PUT',
      url: `/api/enrolments/${e.id}/procedure-application`,
      payload: simpleApp([foreign], '短'),
    });
    expect(bad.statusCode).toBe(400);
    expect((await enrolmentRow(ctx, e.id)).procedureApplication).toMatchObject({ report: '字'.repeat(2000) });
  });

  it('another physician’s enrolment is 404 for read, save and upload', async () => {
    const w = await buildWorld(ctx);
    const { e } = await buildEnrolment(ctx, w, 'registered');
    const other = await buildEnrolment(ctx, w, 'registered');
    expect((await other.session.inject({ method: 'GET', url: `/api/enrolments/${e.id}/procedure` })).statusCode).toBe(
      404,
    );
    expect(
      (
        await other.session.inject({
          method: 'PUT',
          url: `/api/enrolments/${e.id}/procedure-application`,
          payload: { procedure: 'general' },
        })
      ).statusCode,
    ).toBe(404);
    expect((await uploadProof(other.session, e.id)).statusCode).toBe(404);
    expect((await enrolmentRow(ctx, e.id)).procedure).toBeNull();
  });

  it('editable statuses follow the cycle mode', async () => {
    const w1 = await buildWorld(ctx, { procedureChoice: 'with_registration' });
    const opened = await buildEnrolment(ctx, w1, 'opened');
    expect(
      (
        await opened.session.inject({
          method: 'PUT',
          url: `/api/enrolments/${opened.e.id}/procedure-application`,
          payload: { procedure: 'general' },
        })
      ).statusCode,
    ).toBe(200);
    const reg1 = await buildEnrolment(ctx, w1, 'registered');
    const r = await reg1.session.inject({
      method: 'PUT',
      url: `/api/enrolments/${reg1.e.id}/procedure-application`,
      payload: { procedure: 'general' },
    });
    expect(r.statusCode).toBe(409);
    const w2 = await buildWorld(ctx, { procedureChoice: 'after_approval' });
    const opened2 = await buildEnrolment(ctx, w2, 'opened');
    expect(
      (
        await opened2.session.inject({
          method: 'PUT',
          url: `/api/enrolments/${opened2.e.id}/procedure-application`,
          payload: { procedure: 'general' },
        })
      ).statusCode,
    ).toBe(409);
    const pe = await buildEnrolment(ctx, w2, 'pending_evaluation');
    expect(
      (
        await pe.session.inject({
          method: 'PUT',
          url: `/api/enrolments/${pe.e.id}/procedure-application`,
          payload: { procedure: 'general' },
        })
      ).statusCode,
    ).toBe(409);
  });

  it('a physician barred from the simple procedure can only choose general', async () => {
    const w = await buildWorld(ctx);
    const { e, session } = await buildEnrolment(ctx, w, 'procedure_rejected', { simpleDisallowed: true });
    const id = (await uploadProof(session, e.id)).json().id;
    const res = await session.inject({
      method: 'PUT',
      url: `/api/enrolments/${e.id}/procedure-application`,
      payload: simpleApp([id]),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('只能选择一般程序');
    expect(
      (
        await session.inject({
          method: 'PUT',
          url: `/api/enrolments/${e.id}/procedure-application`,
          payload: { procedure: 'general' },
        })
      ).statusCode,
    ).toBe(200);
  });
});

describe('选择考核程序 → 提交', () => {
  it('submits inside the registration window and refuses incomplete or late submissions', async () => {
    const w = await buildWorld(ctx);
    const { e, session } = await buildEnrolment(ctx, w, 'registered');
    const none = await session.inject({ method: 'POST', url: `/api/enrolments/${e.id}/procedure/submit` });
    expect(none.statusCode).toBe(400);
    expect(none.json().message).toContain('请选择考核程序');
    await session.inject({
      method: 'PUT',
      url: `/api/enrolments/${e.id}/procedure-application`,
      payload: { procedure: 'simple', conditions: [1], proofFileIds: [], report: '' },
    });
    const incomplete = await session.inject({ method: 'POST', url: `/api/enrolments/${e.id}/procedure/submit` });
    expect(incomplete.statusCode).toBe(400);
    expect(incomplete.json().message).toContain('证明材料');
    await session.inject({
      method: 'PUT',
      url: `/api/enrolments/${e.id}/procedure-application`,
      payload: { procedure: 'general' },
    });
    ctx.setNow(new Date('2026-08-01T04:00:00Z'));
    const late = await session.inject({ method: 'POST', url: `/api/enrolments/${e.id}/procedure/submit` });
    expect(late.statusCode).toBe(400);
    expect(late.json().message).toContain('报名时间');
    expect((await enrolmentRow(ctx, e.id)).status).toBe('registered');
    ctx.setNow(w.now);
    const ok = await session.inject({ method: 'POST', url: `/api/enrolments/${e.id}/procedure/submit` });
    expect(ok.statusCode).toBe(200);
    expect((await enrolmentRow(ctx, e.id)).status).toBe('pending_evaluation');
    const twice = await session.inject({ method: 'POST', url: `/api/enrolments/${e.id}/procedure/submit` });
    expect(twice.statusCode).toBe(409);
  });
});

const rating = {
  workResult: '合格',
  workOpinion: '工作量达标',
  ethicsResult: '合格',
  ethicsOpinion: '医德良好',
  otherOpinions: [],
};

describe('评定工作成绩、职业道德 and 复核', () => {
  it('institution evaluates, body confirms → 待参加测评; lists filter by procedure', async () => {
    const w = await buildWorld(ctx);
    const s = await sessions(ctx, w);
    const { e } = await buildEnrolment(ctx, w, 'pending_evaluation', { procedure: 'simple' });
    const g = await buildEnrolment(ctx, w, 'pending_evaluation', { procedure: 'general' });
    const simpleList = (
      await s.instA.inject({ method: 'GET', url: '/api/procedure/evaluations?procedure=simple' })
    ).json();
    expect(simpleList.rows.map((r: { enrolmentId: number }) => r.enrolmentId)).toEqual([e.id]);
    expect(simpleList.rows[0].actions).toEqual(['INSTITUTION_EVALUATE', 'INSTITUTION_REJECT_PROCEDURE']);
    const generalList = (
      await s.instA.inject({ method: 'GET', url: '/api/procedure/evaluations?procedure=general' })
    ).json();
    expect(generalList.rows.map((r: { enrolmentId: number }) => r.enrolmentId)).toEqual([g.e.id]);
    expect(
      (await s.instB.inject({ method: 'GET', url: '/api/procedure/evaluations?procedure=simple' })).json().total,
    ).toBe(0);

    const other = { institutionName: '南宁市第二人民医院', opinion: '多点执业期间表现良好', result: '合格' };
    const ev = await s.instA.inject({
      method: 'POST',
      url: `/api/procedure/evaluations/${e.id}/evaluate`,
      payload: { ...rating, otherOpinions: [other] },
    });
    expect(ev.statusCode).toBe(200);
    let row = await enrolmentRow(ctx, e.id);
    expect(row.status).toBe('pending_body_evaluation');
    expect(row.workResult).toBe('合格');
    expect((row.evaluation as { institution: { otherOpinions: unknown } }).institution.otherOpinions).toEqual([other]);
    const twice = await s.instA.inject({
      method: 'POST',
      url: `/api/procedure/evaluations/${e.id}/evaluate`,
      payload: rating,
    });
    expect(twice.statusCode).toBe(409);

    const bodyList = (
      await s.body.inject({ method: 'GET', url: '/api/procedure/evaluations?procedure=simple' })
    ).json();
    expect(bodyList.rows[0].actions).toEqual([
      'BODY_CONFIRM_EVALUATION',
      'BODY_REJECT_EVALUATION',
      'BODY_REJECT_SIMPLE',
    ]);
    const detail = (await s.body.inject({ method: 'GET', url: `/api/procedure/evaluations/${e.id}` })).json();
    expect(detail.evaluation.institution.workOpinion).toBe('工作量达标');
    const ok = await s.body.inject({ method: 'POST', url: `/api/procedure/evaluations/${e.id}/confirm` });
    expect(ok.statusCode).toBe(200);
    row = await enrolmentRow(ctx, e.id);
    expect(row.status).toBe('ready_for_exam');
    expect(
      (await s.body.inject({ method: 'POST', url: `/api/procedure/evaluations/${e.id}/confirm` })).statusCode,
    ).toBe(409);
  });

  it('an upheld 不合格 ends the cycle as 考核不合格 (evaluation)', async () => {
    const w = await buildWorld(ctx);
    const s = await sessions(ctx, w);
    const { e } = await buildEnrolment(ctx, w, 'pending_evaluation', { procedure: 'general' });
    await s.instA.inject({
      method: 'POST',
      url: `/api/procedure/evaluations/${e.id}/evaluate`,
      payload: { ...rating, ethicsResult: '不合格', ethicsOpinion: '有违规收受红包记录' },
    });
    await s.body.inject({ method: 'POST', url: `/api/procedure/evaluations/${e.id}/confirm` });
    const row = await enrolmentRow(ctx, e.id);
    expect(row).toMatchObject({ status: 'failed', failReason: 'evaluation', finalResult: '不合格' });
  });

  it('body 不同意 sends it back; the institution re-evaluates; body then agrees', async () => {
    const w = await buildWorld(ctx);
    const s = await sessions(ctx, w);
    const { e } = await buildEnrolment(ctx, w, 'pending_evaluation', { procedure: 'general' });
    await s.instA.inject({
      method: 'POST',
      url: `/api/procedure/evaluations/${e.id}/evaluate`,
      payload: { ...rating, workResult: '不合格' },
    });
    const noItem = await s.body.inject({
      method: 'POST',
      url: `/api/procedure/evaluations/${e.id}/body-reject`,
      payload: { workAgree: true, ethicsAgree: true, reason: 'x' },
    });
    expect(noItem.statusCode).toBe(400);
    const noReason = await s.body.inject({
      method: 'POST',
      url: `/api/procedure/evaluations/${e.id}/body-reject`,
      payload: { workAgree: false, ethicsAgree: true, reason: ' ' },
    });
    expect(noReason.statusCode).toBe(400);
    expect((await enrolmentRow(ctx, e.id)).status).toBe('pending_body_evaluation');
    const rej = await s.body.inject({
      method: 'POST',
      url: `/api/procedure/evaluations/${e.id}/body-reject`,
      payload: { workAgree: false, ethicsAgree: true, reason: '工作量统计有误，请核实' },
    });
    expect(rej.statusCode).toBe(200);
    let row = await enrolmentRow(ctx, e.id);
    expect(row.status).toBe('pending_evaluation');
    expect(row.lastReason).toBe('工作量统计有误，请核实');
    const detail = (await s.instA.inject({ method: 'GET', url: `/api/procedure/evaluations/${e.id}` })).json();
    expect(detail.evaluation.bodyReview).toMatchObject({ workAgree: false, ethicsAgree: true });
    await s.instA.inject({ method: 'POST', url: `/api/procedure/evaluations/${e.id}/evaluate`, payload: rating });
    await s.body.inject({ method: 'POST', url: `/api/procedure/evaluations/${e.id}/confirm` });
    row = await enrolmentRow(ctx, e.id);
    expect(row.status).toBe('ready_for_exam');
  });

  it('institution 驳回 lets the physician re-select; 驳回至一般程序 bars the simple procedure', async () => {
    const w = await buildWorld(ctx);
    const s = await sessions(ctx, w);
    const { e, session } = await buildEnrolment(ctx, w, 'pending_evaluation', { procedure: 'simple' });
    const noReason = await s.instA.inject({
      method: 'POST',
      url: `/api/procedure/evaluations/${e.id}/reject`,
      payload: { reason: '' },
    });
    expect(noReason.statusCode).toBe(400);
    expect(
      (
        await s.instA.inject({
          method: 'POST',
          url: `/api/procedure/evaluations/${e.id}/reject`,
          payload: { reason: '证明材料不清晰' },
        })
      ).statusCode,
    ).toBe(200);
    expect((await enrolmentRow(ctx, e.id)).status).toBe('procedure_rejected');
    const id = (await uploadProof(session, e.id)).json().id;
    await session.inject({
      method: 'PUT',
      url: `/api/enrolments/${e.id}/procedure-application`,
      payload: simpleApp([id]),
    });
    expect((await session.inject({ method: 'POST', url: `/api/enrolments/${e.id}/procedure/submit` })).statusCode).toBe(
      200,
    );
    await s.instA.inject({ method: 'POST', url: `/api/procedure/evaluations/${e.id}/evaluate`, payload: rating });
    const rs = await s.body.inject({
      method: 'POST',
      url: `/api/procedure/evaluations/${e.id}/reject-simple`,
      payload: { reason: '执业年限不足5年' },
    });
    expect(rs.statusCode).toBe(200);
    const row = await enrolmentRow(ctx, e.id);
    expect(row).toMatchObject({ status: 'procedure_rejected', simpleDisallowed: true, procedure: 'general' });
    const st = (await session.inject({ method: 'GET', url: `/api/enrolments/${e.id}/procedure` })).json();
    expect(st).toMatchObject({ simpleDisallowed: true, canSubmit: true, editable: true });
    expect((await session.inject({ method: 'POST', url: `/api/enrolments/${e.id}/procedure/submit` })).statusCode).toBe(
      200,
    );
    expect((await enrolmentRow(ctx, e.id)).procedure).toBe('general');
  });

  it('reject-simple is refused for a general-procedure applicant', async () => {
    const w = await buildWorld(ctx);
    const s = await sessions(ctx, w);
    const { e } = await buildEnrolment(ctx, w, 'pending_body_evaluation', {
      procedure: 'general',
      workResult: '合格',
      ethicsResult: '合格',
    });
    const r = await s.body.inject({
      method: 'POST',
      url: `/api/procedure/evaluations/${e.id}/reject-simple`,
      payload: { reason: '不符合' },
    });
    expect(r.statusCode).toBe(400);
    expect((await enrolmentRow(ctx, e.id)).status).toBe('pending_body_evaluation');
  });

  it('neighbours are refused: another institution, an unassigned body', async () => {
    const w = await buildWorld(ctx);
    const s = await sessions(ctx, w);
    const { e } = await buildEnrolment(ctx, w, 'pending_evaluation', { procedure: 'general' });
    expect((await s.instB.inject({ method: 'GET', url: `/api/procedure/evaluations/${e.id}` })).statusCode).toBe(404);
    expect(
      (await s.instB.inject({ method: 'POST', url: `/api/procedure/evaluations/${e.id}/evaluate`, payload: rating }))
        .statusCode,
    ).toBe(404);
    expect((await enrolmentRow(ctx, e.id)).status).toBe('pending_evaluation');
    await s.instA.inject({ method: 'POST', url: `/api/procedure/evaluations/${e.id}/evaluate`, payload: rating });
    const otherBody = await buildOrg(ctx.db, { kind: 'institution', parent: w.p.province, isAssessmentBody: true });
    const ob = await sessionFor(ctx, otherBody.accountId, 'body');
    expect((await ob.inject({ method: 'GET', url: `/api/procedure/evaluations/${e.id}` })).statusCode).toBe(404);
    expect((await ob.inject({ method: 'POST', url: `/api/procedure/evaluations/${e.id}/confirm` })).statusCode).toBe(
      404,
    );
    expect((await ob.inject({ method: 'GET', url: '/api/procedure/evaluations?procedure=general' })).json().total).toBe(
      0,
    );
    expect((await enrolmentRow(ctx, e.id)).status).toBe('pending_body_evaluation');
    // the physician cannot evaluate
    const phys = await buildEnrolment(ctx, w, 'registered');
    expect(
      (await phys.session.inject({ method: 'POST', url: `/api/procedure/evaluations/${e.id}/confirm` })).statusCode,
    ).toBe(403);
  });

  it('two reviewers at once: exactly one succeeds', async () => {
    const w = await buildWorld(ctx);
    const s = await sessions(ctx, w);
    const { e } = await buildEnrolment(ctx, w, 'pending_evaluation', { procedure: 'general' });
    const [a, b] = await Promise.all([
      s.instA.inject({ method: 'POST', url: `/api/procedure/evaluations/${e.id}/evaluate`, payload: rating }),
      s.instA.inject({
        method: 'POST',
        url: `/api/procedure/evaluations/${e.id}/reject`,
        payload: { reason: '材料不全' },
      }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    expect(await countRows(ctx.db, 'audit_log', `target_type = 'enrolment' AND target_id = '${e.id}'`)).toBe(1);
  });

  it('to-do counts per procedure', async () => {
    const w = await buildWorld(ctx);
    await buildEnrolment(ctx, w, 'pending_evaluation', { procedure: 'simple' });
    await buildEnrolment(ctx, w, 'pending_evaluation', { procedure: 'general' });
    await buildEnrolment(ctx, w, 'pending_evaluation', { procedure: 'general' });
    const s = await sessions(ctx, w);
    const res = await s.instA.inject({ method: 'GET', url: '/api/todos' });
    expect(res.statusCode).toBe(200);
    const todos: { label: string; count: number }[] = res.json().items;
    expect(todos.find((t) => t.label === '简易程序待评定')?.count).toBe(1);
    expect(todos.find((t) => t.label === '一般程序待评定')?.count).toBe(2);
  });
});
