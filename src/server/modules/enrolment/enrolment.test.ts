import { readFileSync } from 'node:fs';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assessmentAssignments, enrolmentChangeRequests, messages, physicians } from '../../db/schema/index.js';
import { countRows, createTestApp, sessionFor, type TestContext } from '../../../../tests/helpers.js';
import { buildEnrolmentWorld, enrolmentOf, fillWizard, multipart, tinyJpeg } from './enrolment.testkit.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(async () => ctx?.close());

type World = Awaited<ReturnType<typeof buildEnrolmentWorld>>;

async function open(w: World, physicianId = w.doc.id) {
  const r = await w.s.hospitalA.inject({
    method: 'POST',
    url: '/api/enrolments/open',
    payload: { physicianIds: [physicianId] },
  });
  expect(r.statusCode, r.body).toBe(200);
  return enrolmentOf(ctx, physicianId);
}

async function submitted(w: World) {
  const e = await open(w);
  await fillWizard(ctx, w.s.doc, w.dept.id, e.id);
  const r = await w.s.doc.inject({ method: 'POST', url: '/api/enrolments/mine/submit' });
  expect(r.statusCode, r.body).toBe(200);
  return e;
}

describe('参加考核 / 取消参加考核', () => {
  it('opens in the current cycle with institution, path and assessment body; audits and notifies', async () => {
    const w = await buildEnrolmentWorld(ctx);
    const e = await open(w);
    expect(e).toMatchObject({
      status: 'opened',
      cycleId: w.cycle.id,
      institutionId: w.hospitalA.id,
      orgPath: w.hospitalA.path,
      assessmentBodyId: w.body.id,
    });
    expect(
      await countRows(
        ctx.db,
        'audit_log',
        `target_type = 'enrolment' AND target_id = '${e.id}' AND action = '参加考核'`,
      ),
    ).toBe(1);
    expect(await countRows(ctx.db, 'messages', `account_id = ${w.doc.accountId}`)).toBe(1);
    const mine = await w.s.doc.inject({ method: 'GET', url: '/api/enrolments/mine' });
    expect(mine.json()).toMatchObject({
      statusLabel: '已开通报名',
      actions: ['SUBMIT_REGISTRATION'],
      unreadMessages: 1,
    });
  });

  it('refuses a second 参加考核 (409, nothing changed) and another institution’s physician (404)', async () => {
    const w = await buildEnrolmentWorld(ctx);
    await open(w);
    const again = await w.s.hospitalA.inject({
      method: 'POST',
      url: '/api/enrolments/open',
      payload: { physicianIds: [w.doc.id] },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toContain('张三');
    const neighbour = await w.s.hospitalA.inject({
      method: 'POST',
      url: '/api/enrolments/open',
      payload: { physicianIds: [w.docB.id] },
    });
    expect(neighbour.statusCode).toBe(404);
    expect(await countRows(ctx.db, 'enrolments', `physician_id = ${w.docB.id}`)).toBe(0);
    const cancelNeighbour = await w.s.hospitalB.inject({
      method: 'POST',
      url: '/api/enrolments/cancel',
      payload: { physicianIds: [w.doc.id] },
    });
    expect(cancelNeighbour.statusCode).toBe(404);
    expect((await enrolmentOf(ctx, w.doc.id)).status).toBe('opened');
  });

  it('refuses an institution without an assigned assessment body', async () => {
    const w = await buildEnrolmentWorld(ctx);
    await ctx.db.delete(assessmentAssignments).where(eq(assessmentAssignments.institutionId, w.hospitalA.id));
    const r = await w.s.hospitalA.inject({
      method: 'POST',
      url: '/api/enrolments/open',
      payload: { physicianIds: [w.doc.id] },
    });
    expect(r.statusCode).toBe(409);
    expect(r.json().message).toContain('指定考核机构');
    expect(await countRows(ctx.db, 'enrolments', `physician_id = ${w.doc.id}`)).toBe(0);
  });

  it('cancels before submission and reopens; physicians and other roles cannot', async () => {
    const w = await buildEnrolmentWorld(ctx);
    await open(w);
    expect(
      (await w.s.doc.inject({ method: 'POST', url: '/api/enrolments/cancel', payload: { physicianIds: [w.doc.id] } }))
        .statusCode,
    ).toBe(403);
    const c = await w.s.hospitalA.inject({
      method: 'POST',
      url: '/api/enrolments/cancel',
      payload: { physicianIds: [w.doc.id] },
    });
    expect(c.json()).toEqual({ done: 1 });
    expect((await enrolmentOf(ctx, w.doc.id)).status).toBe('not_opened');
    const c2 = await w.s.hospitalA.inject({
      method: 'POST',
      url: '/api/enrolments/cancel',
      payload: { physicianIds: [w.doc.id] },
    });
    expect(c2.statusCode).toBe(409);
    await open(w);
    expect((await enrolmentOf(ctx, w.doc.id)).status).toBe('opened');
  });

  it('batch of 1,000 in one transaction: audited and notified each (speed: bench/enrolment-batch.bench.ts)', async () => {
    const w = await buildEnrolmentWorld(ctx);
    const ins = await ctx.db.execute<{ id: number }>(sql`
      INSERT INTO physicians (province_id, institution_id, org_path, name, id_number, gender, level, practice_category)
      SELECT ${w.hospitalA.provinceId}, ${w.hospitalA.id}, ${w.hospitalA.path}, '批量' || g, 'B' || ${w.hospitalA.id} || '_' || g, '女', '执业医师', '临床'
        FROM generate_series(1, 1000) g RETURNING id`);
    const ids = ins.rows.map((r) => Number(r.id));
    await ctx.db.execute(sql`INSERT INTO accounts (kind, physician_id, province_id, login, password_hash, mobile)
      SELECT 'physician', p.id, p.province_id, p.id_number, 'x', '138' || lpad((p.id % 100000000)::text, 8, '0') FROM physicians p WHERE p.id = ANY(${sql.param(ids)}::bigint[])`);
    const r = await w.s.hospitalA.inject({
      method: 'POST',
      url: '/api/enrolments/open',
      payload: { physicianIds: ids },
    });
    expect(r.json()).toEqual({ done: 1000 });
    expect(
      await countRows(
        ctx.db,
        'audit_log',
        `action = '参加考核' AND target_type = 'enrolment' AND org_path = '${w.hospitalA.path}'`,
      ),
    ).toBe(1000);
    expect(
      await countRows(
        ctx.db,
        'messages m JOIN accounts a ON a.id = m.account_id',
        `a.physician_id = ANY(ARRAY[${ids.join(',')}]::bigint[])`,
      ),
    ).toBe(1000);
    const c = await w.s.hospitalA.inject({
      method: 'POST',
      url: '/api/enrolments/cancel',
      payload: { physicianIds: ids },
    });
    expect(c.json()).toEqual({ done: 1000 });
  });
});

describe('报名 wizard', () => {
  it('saves partially, never changes name or ID, and refuses an incomplete submit naming the step', async () => {
    const w = await buildEnrolmentWorld(ctx);
    const e = await open(w);
    const r = await w.s.doc.inject({
      method: 'PUT',
      url: '/api/enrolments/mine/steps/basic',
      payload: { gender: '女', name: '改名', idNumber: 'X' },
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().enrolment.registration).toEqual({ gender: '女' });
    expect(r.json().prefill.name).toBe('张三');
    const bad = await w.s.doc.inject({
      method: 'PUT',
      url: '/api/enrolments/mine/steps/basic',
      payload: { email: 'not-an-email' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('电子邮件');
    const sub = await w.s.doc.inject({ method: 'POST', url: '/api/enrolments/mine/submit' });
    expect(sub.statusCode).toBe(400);
    expect(sub.json().message).toMatch(/第1步「基本信息」/);
    const after = await enrolmentOf(ctx, w.doc.id);
    expect(after.status).toBe('opened');
    expect(after.registration).toEqual({ gender: '女' });
    expect(after.id).toBe(e.id);
  });

  it('refuses a department of another institution and a PDF renamed .jpg', async () => {
    const w = await buildEnrolmentWorld(ctx);
    await open(w);
    const dep = await w.s.doc.inject({
      method: 'PUT',
      url: '/api/enrolments/mine/steps/practice',
      payload: { departmentId: w.deptB.id },
    });
    expect(dep.statusCode).toBe(400);
    const pdf = Buffer.concat([
      Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\n'),
      Buffer.alloc(200, 32),
      Buffer.from('%%EOF'),
    ]);
    const mp = multipart(pdf, 'photo.jpg', 'image/jpeg');
    const up = await w.s.doc.inject({
      method: 'POST',
      url: '/api/enrolments/mine/photo',
      payload: mp.payload,
      headers: mp.headers,
    });
    expect(up.statusCode).toBe(400);
    expect(up.json().message).toContain('jpg');
    const wide = multipart(tinyJpeg(600, 300), 'w.jpg', 'image/jpeg');
    expect(
      (
        await w.s.doc.inject({
          method: 'POST',
          url: '/api/enrolments/mine/photo',
          payload: wide.payload,
          headers: wide.headers,
        })
      ).statusCode,
    ).toBe(400);
    expect((await enrolmentOf(ctx, w.doc.id)).photoFileId).toBeNull();
    expect(await countRows(ctx.db, 'files', `owner_account_id = ${w.doc.accountId}`)).toBe(0);
  });

  it('submits a complete wizard; the photo is served only within the jurisdiction', async () => {
    const w = await buildEnrolmentWorld(ctx);
    const e = await submitted(w);
    const row = await enrolmentOf(ctx, w.doc.id);
    expect(row).toMatchObject({ status: 'pending_institution', procedure: 'general' });
    expect(row.registration).toMatchObject({ departmentName: '内科', qualificationNo: 'Q123456' });
    expect((await w.s.hospitalA.inject({ method: 'GET', url: `/api/enrolments/${e.id}/photo` })).statusCode).toBe(200);
    expect(
      (await w.s.doc.inject({ method: 'GET', url: `/api/enrolments/${e.id}/photo` })).headers['content-type'],
    ).toBe('image/jpeg');
    for (const other of [w.s.hospitalB, w.s.docB, w.s.districtB]) {
      expect((await other.inject({ method: 'GET', url: `/api/enrolments/${e.id}/photo` })).statusCode).toBe(404);
      expect((await other.inject({ method: 'GET', url: `/api/enrolments/${e.id}` })).statusCode).toBe(404);
    }
    // editing after submission is refused
    const edit = await w.s.doc.inject({
      method: 'PUT',
      url: '/api/enrolments/mine/steps/basic',
      payload: { gender: '女' },
    });
    expect(edit.statusCode).toBe(409);
  });

  it('refuses to submit outside the registration window, naming it', async () => {
    const w = await buildEnrolmentWorld(ctx);
    const e = await open(w);
    await fillWizard(ctx, w.s.doc, w.dept.id, e.id);
    ctx.setNow(new Date(Date.now() + 45 * 86_400_000));
    const r = await w.s.doc.inject({ method: 'POST', url: '/api/enrolments/mine/submit' });
    ctx.setNow(new Date());
    expect(r.statusCode).toBe(400);
    expect(r.json().message).toContain('报名时间');
    expect((await enrolmentOf(ctx, w.doc.id)).status).toBe('opened');
  });

  it('requires step 5 when the procedure is chosen with the registration', async () => {
    const w = await buildEnrolmentWorld(ctx);
    const e = await open(w);
    await fillWizard(ctx, w.s.doc, w.dept.id, e.id, false);
    const r = await w.s.doc.inject({ method: 'POST', url: '/api/enrolments/mine/submit' });
    expect(r.statusCode).toBe(400);
    expect(r.json().message).toContain('第5步');
  });

  it('after_approval: submits without step 5 and the body approval makes it 报名成功', async () => {
    const w = await buildEnrolmentWorld(ctx, { procedureChoice: 'after_approval' });
    const e = await open(w);
    await fillWizard(ctx, w.s.doc, w.dept.id, e.id, false);
    expect((await w.s.doc.inject({ method: 'POST', url: '/api/enrolments/mine/submit' })).statusCode).toBe(200);
    await w.s.hospitalA.inject({ method: 'POST', url: `/api/enrolments/${e.id}/institution-approve` });
    const b = await w.s.body.inject({ method: 'POST', url: `/api/enrolments/${e.id}/body-approve` });
    expect(b.statusCode, b.body).toBe(200);
    expect((await enrolmentOf(ctx, w.doc.id)).status).toBe('registered');
  });
});

describe('上报考核名单 / 确认考核医师名单', () => {
  it('institution approves → body approves → 待卫生机构评定 (procedure chosen with registration)', async () => {
    const w = await buildEnrolmentWorld(ctx);
    const e = await submitted(w);
    const list = await w.s.hospitalA.inject({ method: 'GET', url: '/api/enrolments?status=pending_institution' });
    expect(list.json().items).toHaveLength(1);
    expect(list.json().items[0]).toMatchObject({
      id: e.id,
      name: '张三',
      actions: ['INSTITUTION_APPROVE', 'INSTITUTION_REJECT'],
    });
    expect(
      (await w.s.hospitalB.inject({ method: 'POST', url: `/api/enrolments/${e.id}/institution-approve` })).statusCode,
    ).toBe(404);
    expect((await w.s.body.inject({ method: 'POST', url: `/api/enrolments/${e.id}/body-approve` })).statusCode).toBe(
      409,
    );
    expect(
      (await w.s.hospitalA.inject({ method: 'POST', url: `/api/enrolments/${e.id}/institution-approve` })).statusCode,
    ).toBe(200);
    expect(
      (await w.s.hospitalA.inject({ method: 'POST', url: `/api/enrolments/${e.id}/institution-approve` })).statusCode,
    ).toBe(409);
    const bl = await w.s.body.inject({ method: 'GET', url: '/api/enrolments?status=pending_body' });
    expect(bl.json().items.map((i: { id: number }) => i.id)).toEqual([e.id]);
    expect(bl.json().items[0].actions).toEqual(['BODY_APPROVE', 'BODY_REJECT']);
    const todos = await w.s.body.inject({ method: 'GET', url: '/api/todos' });
    expect(todos.json().items).toContainEqual({
      label: '确认考核医师名单（待复核）',
      count: 1,
      path: '/enrolment/confirm',
      action: '去审核',
    });
    expect((await w.s.body.inject({ method: 'POST', url: `/api/enrolments/${e.id}/body-approve` })).statusCode).toBe(
      200,
    );
    expect((await enrolmentOf(ctx, w.doc.id)).status).toBe('pending_evaluation');
    const mine = await w.s.doc.inject({ method: 'GET', url: '/api/enrolments/mine' });
    expect(mine.json().statusLabel).toBe('待卫生机构评定');
  });

  it('a body not assigned to the institution sees nothing and cannot act', async () => {
    const w = await buildEnrolmentWorld(ctx);
    const e = await submitted(w);
    await w.s.hospitalA.inject({ method: 'POST', url: `/api/enrolments/${e.id}/institution-approve` });
    // hospitalB acting as an assessment body: nothing is assigned to it
    const s2 = await sessionFor(ctx, w.hospitalB.accountId, 'body');
    expect((await s2.inject({ method: 'POST', url: `/api/enrolments/${e.id}/body-approve` })).statusCode).toBe(404);
    expect((await s2.inject({ method: 'GET', url: '/api/enrolments?status=pending_body' })).json().items).toEqual([]);
    expect((await enrolmentOf(ctx, w.doc.id)).status).toBe('pending_body');
  });

  it('two reviewers at the same moment: exactly one succeeds', async () => {
    const w = await buildEnrolmentWorld(ctx);
    const e = await submitted(w);
    const rs = await Promise.all([
      w.s.hospitalA.inject({ method: 'POST', url: `/api/enrolments/${e.id}/institution-approve` }),
      w.s.hospitalA.inject({ method: 'POST', url: `/api/enrolments/${e.id}/institution-approve` }),
    ]);
    expect(rs.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(
      await countRows(
        ctx.db,
        'audit_log',
        `target_id = '${e.id}' AND target_type = 'enrolment' AND action = '审核通过'`,
      ),
    ).toBe(1);
  });

  it('rejections need a reason, go back with it, and the physician resubmits', async () => {
    const w = await buildEnrolmentWorld(ctx);
    const e = await submitted(w);
    expect(
      (
        await w.s.hospitalA.inject({
          method: 'POST',
          url: `/api/enrolments/${e.id}/institution-reject`,
          payload: { reason: ' ' },
        })
      ).statusCode,
    ).toBe(400);
    expect((await enrolmentOf(ctx, w.doc.id)).status).toBe('pending_institution');
    const r = await w.s.hospitalA.inject({
      method: 'POST',
      url: `/api/enrolments/${e.id}/institution-reject`,
      payload: { reason: '科室填写有误' },
    });
    expect(r.statusCode).toBe(200);
    const mine = (await w.s.doc.inject({ method: 'GET', url: '/api/enrolments/mine' })).json();
    expect(mine).toMatchObject({
      statusLabel: '卫生机构已驳回',
      enrolment: { lastReason: '科室填写有误', editable: true },
    });
    expect(
      (
        await w.s.doc.inject({
          method: 'PUT',
          url: '/api/enrolments/mine/steps/basic',
          payload: { education: '硕士研究生' },
        })
      ).statusCode,
    ).toBe(200);
    expect((await w.s.doc.inject({ method: 'POST', url: '/api/enrolments/mine/submit' })).statusCode).toBe(200);
    await w.s.hospitalA.inject({ method: 'POST', url: `/api/enrolments/${e.id}/institution-approve` });
    const br = await w.s.body.inject({
      method: 'POST',
      url: `/api/enrolments/${e.id}/body-reject`,
      payload: { reason: '不在本周期考核范围' },
    });
    expect(br.statusCode).toBe(200);
    expect(await enrolmentOf(ctx, w.doc.id)).toMatchObject({
      status: 'pending_institution',
      lastReason: '不在本周期考核范围',
    });
  });

  it('批量通过 of 1,000 in one transaction, all or nothing', async () => {
    const w = await buildEnrolmentWorld(ctx);
    const ins = await ctx.db.execute<{ id: number }>(sql`
      INSERT INTO physicians (province_id, institution_id, org_path, name, id_number, gender, level, practice_category)
      SELECT ${w.hospitalA.provinceId}, ${w.hospitalA.id}, ${w.hospitalA.path}, '批量' || g, 'C' || ${w.hospitalA.id} || '_' || g, '男', '执业医师', '临床'
        FROM generate_series(1, 1000) g RETURNING id`);
    const pids = ins.rows.map((r) => Number(r.id));
    const es = await ctx.db.execute<{ id: number }>(sql`
      INSERT INTO enrolments (cycle_id, province_id, physician_id, institution_id, org_path, assessment_body_id, status, procedure)
      SELECT ${w.cycle.id}, province_id, id, institution_id, org_path, ${w.body.id}, 'pending_body', 'general' FROM physicians WHERE id = ANY(${sql.param(pids)}::bigint[]) RETURNING id`);
    const ids = es.rows.map((r) => Number(r.id));
    // one foreign id spoils the batch: 404 and nothing changed
    const e = await submitted(w);
    const spoiled = await w.s.body.inject({
      method: 'POST',
      url: '/api/enrolments/body-approve-batch',
      payload: { ids: [...ids.slice(0, 5), e.id] },
    });
    expect(spoiled.statusCode).toBe(409);
    expect(
      await countRows(ctx.db, 'enrolments', `id = ANY(ARRAY[${ids.join(',')}]::bigint[]) AND status = 'pending_body'`),
    ).toBe(1000);
    const r = await w.s.body.inject({ method: 'POST', url: '/api/enrolments/body-approve-batch', payload: { ids } });
    expect(r.json()).toEqual({ done: 1000 });
    expect(
      await countRows(
        ctx.db,
        'enrolments',
        `id = ANY(ARRAY[${ids.join(',')}]::bigint[]) AND status = 'pending_evaluation'`,
      ),
    ).toBe(1000);
    expect(
      await countRows(
        ctx.db,
        'audit_log',
        `target_type = 'enrolment' AND action = '复核通过' AND target_id = ANY(ARRAY[${ids.map((i) => `'${i}'`).join(',')}])`,
      ),
    ).toBe(1000);
    const again = await w.s.body.inject({
      method: 'POST',
      url: '/api/enrolments/body-approve-batch',
      payload: { ids: ids.slice(0, 2) },
    });
    expect(again.statusCode).toBe(409);
  });
});

describe('考核进度', () => {
  it('is scoped, filterable, keyset-paginated; administration 驳回 with the two modes', async () => {
    const w = await buildEnrolmentWorld(ctx);
    const e = await submitted(w);
    await w.s.hospitalB.inject({ method: 'POST', url: '/api/enrolments/open', payload: { physicianIds: [w.docB.id] } });
    const p = (s: typeof w.s.province, qs = '') =>
      s
        .inject({ method: 'GET', url: `/api/enrolments${qs}` })
        .then((r) => r.json().items.map((i: { name: string }) => i.name));
    expect(await p(w.s.province)).toEqual(['李四', '张三']);
    expect(await p(w.s.cityA)).toEqual(['张三']);
    expect(await p(w.s.districtB)).toEqual(['李四']);
    expect(await p(w.s.province, '?status=pending_institution')).toEqual(['张三']);
    expect(await p(w.s.province, `?q=${encodeURIComponent('李四')}`)).toEqual(['李四']);
    expect(await p(w.s.province, `?q=${w.doc.idNumber.toLowerCase()}`)).toEqual(['张三']);
    expect(await p(w.s.province, '?procedure=none')).toEqual(['李四']);
    const page1 = (await w.s.province.inject({ method: 'GET', url: '/api/enrolments?limit=1' })).json();
    expect(page1.items).toHaveLength(1);
    const page2 = (
      await w.s.province.inject({ method: 'GET', url: `/api/enrolments?limit=1&cursor=${page1.nextCursor}` })
    ).json();
    expect(page2.items[0].name).toBe('张三');
    expect(page2.nextCursor).toBeNull();
    // detail
    const d = (await w.s.cityA.inject({ method: 'GET', url: `/api/enrolments/${e.id}` })).json();
    expect(d).toMatchObject({
      statusLabel: '待卫生机构审核',
      departmentName: '内科',
      hasPhoto: true,
      physician: { name: '张三' },
    });
    expect(d.history.map((h: { action: string }) => h.action)).toContain('提交信息');
    // another district cannot 驳回
    expect(
      (
        await w.s.districtB.inject({
          method: 'POST',
          url: `/api/enrolments/${e.id}/admin-reject`,
          payload: { mode: 'exit', reason: '误报名' },
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (
        await w.s.hospitalA.inject({
          method: 'POST',
          url: `/api/enrolments/${e.id}/admin-reject`,
          payload: { mode: 'exit', reason: '误报名' },
        })
      ).statusCode,
    ).toBe(403);
    // reselect is not possible before 报名成功
    expect(
      (
        await w.s.districtA.inject({
          method: 'POST',
          url: `/api/enrolments/${e.id}/admin-reject`,
          payload: { mode: 'reselect', reason: '程序有误' },
        })
      ).statusCode,
    ).toBe(409);
    const ok = await w.s.districtA.inject({
      method: 'POST',
      url: `/api/enrolments/${e.id}/admin-reject`,
      payload: { mode: 'exit', reason: '误报名' },
    });
    expect(ok.statusCode).toBe(200);
    expect((await enrolmentOf(ctx, w.doc.id)).status).toBe('withdrawn');
  });
});

describe('医师信息修改', () => {
  async function registered(w: World) {
    const e = await submitted(w);
    await w.s.hospitalA.inject({ method: 'POST', url: `/api/enrolments/${e.id}/institution-approve` });
    await w.s.body.inject({ method: 'POST', url: `/api/enrolments/${e.id}/body-approve` });
    return e;
  }

  it('申请修改 → 允许修改 → edit steps 1–4 and the photo → 提交 → 通过 applies; name/ID never change', async () => {
    const w = await buildEnrolmentWorld(ctx);
    const early = await open(w);
    expect(
      (
        await w.s.doc.inject({
          method: 'POST',
          url: '/api/enrolments/mine/change-requests',
          payload: { reason: '科室有误' },
        })
      ).statusCode,
    ).toBe(409);
    await fillWizard(ctx, w.s.doc, w.dept.id, early.id);
    await w.s.doc.inject({ method: 'POST', url: '/api/enrolments/mine/submit' });
    await w.s.hospitalA.inject({ method: 'POST', url: `/api/enrolments/${early.id}/institution-approve` });
    await w.s.body.inject({ method: 'POST', url: `/api/enrolments/${early.id}/body-approve` });
    // editing without an allowed request is refused
    expect(
      (
        await w.s.doc.inject({
          method: 'PUT',
          url: '/api/enrolments/mine/steps/basic',
          payload: { email: 'new@example.cn' },
        })
      ).statusCode,
    ).toBe(409);
    const cr = await w.s.doc.inject({
      method: 'POST',
      url: '/api/enrolments/mine/change-requests',
      payload: { reason: '邮箱填写有误' },
    });
    expect(cr.statusCode, cr.body).toBe(200);
    expect(
      (
        await w.s.doc.inject({
          method: 'POST',
          url: '/api/enrolments/mine/change-requests',
          payload: { reason: '再来一次' },
        })
      ).statusCode,
    ).toBe(409);
    const id = cr.json().id;
    const list = (await w.s.hospitalA.inject({ method: 'GET', url: '/api/change-requests' })).json();
    expect(list.items[0]).toMatchObject({
      id,
      name: '张三',
      stateLabel: '待卫生机构处理',
      actions: ['ALLOW', 'REFUSE'],
    });
    expect((await w.s.hospitalB.inject({ method: 'POST', url: `/api/change-requests/${id}/allow` })).statusCode).toBe(
      404,
    );
    expect((await w.s.hospitalB.inject({ method: 'GET', url: '/api/change-requests' })).json().items).toEqual([]);
    expect((await w.s.hospitalA.inject({ method: 'POST', url: `/api/change-requests/${id}/allow` })).statusCode).toBe(
      200,
    );
    expect((await w.s.hospitalA.inject({ method: 'POST', url: `/api/change-requests/${id}/allow` })).statusCode).toBe(
      409,
    );
    const save = await w.s.doc.inject({
      method: 'PUT',
      url: '/api/enrolments/mine/steps/basic',
      payload: { email: 'new@example.cn', name: '改名' },
    });
    expect(save.statusCode, save.body).toBe(200);
    expect((await enrolmentOf(ctx, w.doc.id)).registration.email).toBe('a@example.cn');
    // step 4 and the photo are part of the change too (issue 12 item 10), kept in the request's copy
    const selfSave = await w.s.doc.inject({
      method: 'PUT',
      url: '/api/enrolments/mine/steps/self',
      payload: { ethicsSelf: '优秀' },
    });
    expect(selfSave.statusCode, selfSave.body).toBe(200);
    const oldPhoto = (await enrolmentOf(ctx, w.doc.id)).photoFileId;
    const face = readFileSync(new URL('../../../../e2e/fixtures/proctor/person-b.jpg', import.meta.url));
    const ph = await w.s.doc.inject({
      method: 'POST',
      url: '/api/enrolments/mine/photo',
      ...multipart(face, 'new.jpg', 'image/jpeg'),
    });
    expect(ph.statusCode, ph.body).toBe(200);
    expect((await enrolmentOf(ctx, w.doc.id)).photoFileId).toBe(oldPhoto);
    const eid = (await enrolmentOf(ctx, w.doc.id)).id;
    expect((await w.s.doc.inject({ method: 'GET', url: `/api/enrolments/${eid}/photo?proposed=1` })).statusCode).toBe(
      200,
    );
    expect(
      (await w.s.hospitalB.inject({ method: 'GET', url: `/api/enrolments/${eid}/photo?proposed=1` })).statusCode,
    ).toBe(404);
    expect(
      (await w.s.doc.inject({ method: 'POST', url: '/api/enrolments/mine/change-requests/submit' })).statusCode,
    ).toBe(200);
    const ap = await w.s.hospitalA.inject({ method: 'POST', url: `/api/change-requests/${id}/approve` });
    expect(ap.statusCode, ap.body).toBe(200);
    const e = await enrolmentOf(ctx, w.doc.id);
    expect(e.registration.email).toBe('new@example.cn');
    expect(e.registration.name).toBeUndefined();
    expect(e.registration.selfEvaluation).toBeUndefined();
    expect(e.selfEvaluation.ethicsSelf).toBe('优秀');
    expect(e.photoFileId).toBe(ph.json().fileId);
    expect(e.status).toBe('pending_evaluation');
    const [p] = await ctx.db.select().from(physicians).where(eq(physicians.id, w.doc.id));
    expect(p.name).toBe('张三');
    expect(await countRows(ctx.db, 'audit_log', `target_type = 'enrolment_change' AND target_id = '${id}'`)).toBe(7);
    const msgs = await ctx.db.select().from(messages).where(eq(messages.accountId, w.doc.accountId));
    expect(msgs.some((m) => m.title.includes('允许修改'))).toBe(true);
  });

  it('不允许修改 and 驳回 need reasons; a refused physician may apply again', async () => {
    const w = await buildEnrolmentWorld(ctx);
    await registered(w);
    const id = (
      await w.s.doc.inject({
        method: 'POST',
        url: '/api/enrolments/mine/change-requests',
        payload: { reason: '职称变更' },
      })
    ).json().id;
    expect(
      (
        await w.s.hospitalA.inject({
          method: 'POST',
          url: `/api/change-requests/${id}/refuse`,
          payload: { reason: '' },
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (
        await w.s.hospitalA.inject({
          method: 'POST',
          url: `/api/change-requests/${id}/refuse`,
          payload: { reason: '无需修改' },
        })
      ).statusCode,
    ).toBe(200);
    const [c] = await ctx.db.select().from(enrolmentChangeRequests).where(eq(enrolmentChangeRequests.id, id));
    expect(c).toMatchObject({ state: 'refused', replyReason: '无需修改' });
    const again = await w.s.doc.inject({
      method: 'POST',
      url: '/api/enrolments/mine/change-requests',
      payload: { reason: '职称变更' },
    });
    expect(again.statusCode).toBe(200);
  });
});

describe('考核设置', () => {
  it('province only; validates window order; creates the cycle if none; everyone reads the current cycle', async () => {
    const w = await buildEnrolmentWorld(ctx);
    await ctx.db.execute(sql`UPDATE cycles SET is_current = false WHERE id = ${w.cycle.id}`);
    expect((await w.s.hospitalA.inject({ method: 'GET', url: '/api/cycles/current' })).json()).toEqual({ cycle: null });
    expect((await w.s.cityA.inject({ method: 'GET', url: '/api/cycle-settings' })).statusCode).toBe(403);
    const times = {
      name: '2025—2027年度',
      periodStart: '2025-01-01',
      periodEnd: '2027-12-31',
      windows: {
        registration: { start: '2026-09-01', end: '2027-01-31' },
        deferral: { start: '2026-09-01', end: '2027-01-15' },
        exam: { start: '2026-10-01', end: '2027-01-31' },
        grading: { start: '2026-10-01', end: '2027-02-28' },
        reexam: { start: '2027-03-01', end: '2027-04-30' },
        reexamGrading: { start: '2027-03-01', end: '2027-05-31' },
      },
    };
    expect(
      (await w.s.cityA.inject({ method: 'PUT', url: '/api/cycle-settings/times', payload: times })).statusCode,
    ).toBe(403);
    const bad = await w.s.province.inject({
      method: 'PUT',
      url: '/api/cycle-settings/times',
      payload: { ...times, windows: { ...times.windows, reexam: { start: '2027-01-10', end: '2027-04-30' } } },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('再次考核时间');
    expect(await countRows(ctx.db, 'cycles', `province_id = ${w.province.id} AND is_current`)).toBe(0);
    const rules = {
      passHumanities: 60,
      passProfessionalPhysician: 60,
      passProfessionalAssistant: 55,
      paperRules: {
        humanities: { durationMinutes: 60, questionCount: 50, attempts: 10 },
        professional: { durationMinutes: 60, questionCount: 100, attempts: 1 },
      },
      physicianInitialPassword: 'id_last6',
      procedureChoice: 'after_approval',
    };
    expect(
      (await w.s.province.inject({ method: 'PUT', url: '/api/cycle-settings/rules', payload: rules })).statusCode,
    ).toBe(409);
    const ok = await w.s.province.inject({ method: 'PUT', url: '/api/cycle-settings/times', payload: times });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().paperRules.humanities).toEqual({ durationMinutes: 60, questionCount: 50, attempts: 10 });
    expect(
      (
        await w.s.province.inject({
          method: 'PUT',
          url: '/api/cycle-settings/content',
          payload: { work: ['完成工作数量'], ethics: ['医德医风'], professional: ['专业知识'] },
        })
      ).statusCode,
    ).toBe(200);
    const r = await w.s.province.inject({ method: 'PUT', url: '/api/cycle-settings/rules', payload: rules });
    expect(r.statusCode, r.body).toBe(200);
    const s = (await w.s.province.inject({ method: 'GET', url: '/api/cycle-settings' })).json();
    expect(s).toMatchObject({
      physicianInitialPassword: 'id_last6',
      cycle: { name: '2025—2027年度', procedureChoice: 'after_approval', contentItems: { work: ['完成工作数量'] } },
    });
    const cur = (await w.s.doc.inject({ method: 'GET', url: '/api/cycles/current' })).json();
    expect(cur.cycle.windows.exam).toEqual({ start: '2026-10-01', end: '2027-01-31' });
    expect(await countRows(ctx.db, 'audit_log', `target_type = 'cycle' AND target_id = '${s.cycle.id}'`)).toBe(3);
  });

  it('the procedure mode is locked once physicians submitted in it', async () => {
    const w = await buildEnrolmentWorld(ctx);
    await submitted(w);
    const s = (await w.s.province.inject({ method: 'GET', url: '/api/cycle-settings' })).json();
    expect(s.procedureChoiceLocked).toBe(true);
    const r = await w.s.province.inject({
      method: 'PUT',
      url: '/api/cycle-settings/rules',
      payload: {
        passHumanities: 60,
        passProfessionalPhysician: 60,
        passProfessionalAssistant: 55,
        paperRules: s.defaults.paperRules,
        physicianInitialPassword: '666666',
        procedureChoice: 'after_approval',
      },
    });
    expect(r.statusCode).toBe(409);
    const [c] = await ctx.db
      .execute<{ procedure_choice: string }>(sql`SELECT procedure_choice FROM cycles WHERE id = ${w.cycle.id}`)
      .then((x) => x.rows);
    expect(c.procedure_choice).toBe('with_registration');
  });
});
