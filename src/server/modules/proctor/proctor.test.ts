import fs from 'node:fs';
import path from 'node:path';
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildPhysician,
  buildProvince,
  countRows,
  createTestApp,
  sessionFor,
  type TestContext,
  type TestSession,
} from '../../../../tests/helpers.js';
import {
  cycles,
  enrolments,
  examBlueprints,
  messages,
  proctorFrames,
  proctorReferences,
  questions,
  questionVersions,
} from '../../db/schema/index.js';
import type { Actor } from '../../platform/actor.js';
import { runQueuedJobs } from '../../platform/jobs.js';
import { storeFile } from '../../platform/uploads.js';
import { closeFacePool } from './face.model.js';
import { queueWaitingFrames } from './proctor.repo.js';

const FIX = new URL('../../../../e2e/fixtures/proctor/', import.meta.url);
const fixture = (name: string) => fs.readFileSync(new URL(name, FIX));

let ctx: TestContext;
const NOW = new Date('2026-06-10T10:00:00+08:00');
beforeAll(async () => {
  ctx = await createTestApp();
  ctx.setNow(NOW);
});
afterAll(async () => {
  await ctx.close();
  await closeFacePool();
});

const WINDOWS = {
  registration: { start: '2026-03-01', end: '2026-05-31' },
  exam: { start: '2026-06-01', end: '2026-06-27' },
  grading: { start: '2026-06-30', end: '2026-07-09' },
  reexam: { start: '2026-11-01', end: '2026-11-28' },
  reexamGrading: { start: '2026-12-01', end: '2026-12-20' },
};

/** A province with a humanities paper of 9 questions and physicians ready for the test. */
async function world() {
  const p = await buildProvince(ctx.db);
  const [cycle] = await ctx.db
    .insert(cycles)
    .values({
      provinceId: p.province.id,
      name: '2025—2027 考核周期',
      periodStart: '2025-01-01',
      periodEnd: '2027-12-31',
      windows: WINDOWS,
    })
    .returning();
  for (let i = 0; i < 12; i++) {
    const [q] = await ctx.db
      .insert(questions)
      .values({ provinceId: p.province.id, bank: 'humanities', category: '法律法规' })
      .returning();
    const [v] = await ctx.db
      .insert(questionVersions)
      .values({
        questionId: q.id,
        version: 1,
        type: 'single',
        stem: `试题${i}`,
        options: ['A', 'B', 'C', 'D'].map((key) => ({ key, text: `选项${key}` })),
        answer: ['A'],
      })
      .returning();
    await ctx.db.update(questions).set({ currentVersionId: v.id }).where(eq(questions.id, q.id));
  }
  await ctx.db.insert(examBlueprints).values({
    cycleId: cycle.id,
    provinceId: p.province.id,
    paperType: 'humanities',
    durationMinutes: 60,
    questionCount: 9,
    attempts: 3,
    rules: [],
  });
  const sessions = {
    province: await sessionFor(ctx, p.province.accountId, 'admin'),
    districtA: await sessionFor(ctx, p.districtA.accountId, 'admin'),
    districtB: await sessionFor(ctx, p.districtB.accountId, 'admin'),
    hospitalA: await sessionFor(ctx, p.hospitalA.accountId, 'institution'),
    hospitalB: await sessionFor(ctx, p.hospitalB.accountId, 'institution'),
    body: await sessionFor(ctx, p.body.accountId, 'body'),
  };
  /** a physician with a standard photo (person-a.jpg) and an enrolment ready for the test */
  const doctor = async (hospital = p.hospitalA, photo = 'person-a.jpg') => {
    const doc = await buildPhysician(ctx.db, hospital);
    const actor = { accountId: doc.accountId, provinceId: p.province.id } as Actor;
    const fileId = await storeFile(
      ctx.db,
      ctx.deps.storage,
      actor,
      fixture(photo),
      { mime: 'image/jpeg', ext: 'jpg' },
      {
        purpose: 'photo',
        orgPath: hospital.path,
      },
    );
    const [e] = await ctx.db
      .insert(enrolments)
      .values({
        cycleId: cycle.id,
        provinceId: p.province.id,
        physicianId: doc.id,
        institutionId: hospital.id,
        orgPath: hospital.path,
        assessmentBodyId: p.body.id,
        status: 'ready_for_exam',
        procedure: 'simple',
        workResult: '合格',
        ethicsResult: '合格',
        photoFileId: fileId,
      })
      .returning();
    const s = await sessionFor(ctx, doc.accountId, 'physician');
    return { doc, e, s };
  };
  return { p, cycle, sessions, doctor };
}

async function startPaper(s: TestSession, consent = true): Promise<number> {
  if (consent) expect((await s.inject({ method: 'POST', url: '/api/exam/consent' })).statusCode).toBe(200);
  const r = await s.inject({ method: 'POST', url: '/api/exam/papers/humanities/start' });
  expect(r.statusCode, r.body).toBe(200);
  return r.json().attemptId;
}

type Moment = { seq: number; trigger: string; questionIndex: number | null; token: string | null; done: boolean };
async function schedule(s: TestSession, attemptId: number): Promise<Moment[]> {
  const r = await s.inject({ method: 'POST', url: `/api/proctoring/attempts/${attemptId}/schedule` });
  expect(r.statusCode, r.body).toBe(200);
  return r.json().moments;
}

function upload(s: TestSession, attemptId: number, token: string, body: Buffer, capturedAt = NOW.toISOString()) {
  return s.inject({
    method: 'POST',
    url: `/api/proctoring/attempts/${attemptId}/frames?token=${encodeURIComponent(token)}&capturedAt=${encodeURIComponent(capturedAt)}`,
    headers: { 'content-type': 'image/jpeg' },
    payload: body,
  });
}

/** what the worker does: its ticker queues the waiting frames, then the comparison jobs run */
async function compareQueued() {
  await queueWaitingFrames(ctx.db);
  await runQueuedJobs(ctx.deps, { tasks: ['proctor.compare'] });
}

describe('监考: capture, comparison, review, 违纪处理 and 申诉', () => {
  it('issues a schedule with a moment in each third plus 交卷, and re-issues tokens only for open moments', async () => {
    const w = await world();
    const d = await w.doctor();
    const attemptId = await startPaper(d.s);
    const m = await schedule(d.s, attemptId);
    const q = m.filter((x) => x.trigger === 'question').map((x) => x.questionIndex!);
    expect(q).toHaveLength(6);
    expect(m.filter((x) => x.trigger === 'submit')).toHaveLength(1);
    for (const [lo, hi] of [
      [0, 3],
      [3, 6],
      [6, 9],
    ])
      expect(q.some((i) => i >= lo && i < hi)).toBe(true);
    expect((await upload(d.s, attemptId, m[0].token!, fixture('frame-a.jpg'))).statusCode).toBe(200);
    const again = await schedule(d.s, attemptId);
    expect(again.map((x) => x.questionIndex)).toEqual(m.map((x) => x.questionIndex));
    expect(again[0]).toMatchObject({ done: true, token: null });
    // the old token of a re-issued moment no longer works
    const r = await upload(d.s, attemptId, m[1].token!, fixture('frame-a.jpg'));
    expect(r.statusCode).toBe(409);
    expect(r.json().message).toContain('抓拍凭证');
  });

  it('refuses bad frames with a clear message and stores nothing', async () => {
    const w = await world();
    const d = await w.doctor();
    const other = await w.doctor();
    const attemptId = await startPaper(d.s);
    const m = await schedule(d.s, attemptId);
    const files = () =>
      countRows(ctx.db, 'files', `owner_account_id = ${d.doc.accountId} AND purpose = 'proctor_frame'`);
    // forged token
    expect((await upload(d.s, attemptId, 'forged-token-forged-token', fixture('frame-a.jpg'))).statusCode).toBe(409);
    // another physician's attempt: 404, like a missing one
    expect((await upload(other.s, attemptId, m[0].token!, fixture('frame-a.jpg'))).statusCode).toBe(404);
    // not an image
    const pdf = Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF');
    const np = await upload(d.s, attemptId, m[0].token!, pdf);
    expect(np.statusCode).toBe(400);
    expect(np.json().message).toContain('jpg');
    // oversize
    const big = Buffer.concat([fixture('frame-a.jpg'), Buffer.alloc(500 * 1024)]);
    expect((await upload(d.s, attemptId, m[0].token!, big)).json().message).toContain('不能超过');
    // decompression bomb: a header that claims 60000×60000 pixels is refused unread
    const bombBytes = Buffer.from(fixture('frame-a.jpg'));
    const sof = bombBytes.indexOf(Buffer.from([0xff, 0xc0]));
    bombBytes.writeUInt16BE(60000, sof + 5);
    bombBytes.writeUInt16BE(60000, sof + 7);
    const bomb = await upload(d.s, attemptId, m[0].token!, bombBytes);
    expect(bomb.statusCode).toBe(400);
    expect(bomb.json().message).toContain('尺寸');
    // truncated (no end-of-image marker) and something appended after the image
    const whole = fixture('frame-a.jpg');
    for (const bad of [
      whole.subarray(0, whole.length - 200),
      Buffer.concat([whole, Buffer.from('<script>x()</script>')]),
    ]) {
      const r = await upload(d.s, attemptId, m[0].token!, bad);
      expect(r.statusCode).toBe(400);
      expect(r.json().message).toBe('监考照片须为完整的 jpg 图片，请重新拍摄');
    }
    expect(await files()).toBe(0);
    // the frames written before a refusing statement are gone from storage too
    const frameDir = path.join(ctx.deps.config.dataDir, 'files', String(w.p.province.id), 'proctor_frame');
    const stored = () =>
      fs.existsSync(frameDir)
        ? fs.readdirSync(frameDir, { recursive: true }).filter((f) => String(f).endsWith('.jpg'))
        : [];
    expect(stored()).toEqual([]);
    // the token is still usable after the refusals (nothing was claimed) — and only once
    expect((await upload(d.s, attemptId, m[0].token!, fixture('frame-a.jpg'))).statusCode).toBe(200);
    expect((await upload(d.s, attemptId, m[0].token!, fixture('frame-a.jpg'))).statusCode).toBe(409);
    expect(await files()).toBe(1);
    expect(stored()).toHaveLength(1);
  });

  it('refuses frames without consent, and after submission except frames taken before it (late, within the limit)', async () => {
    const w = await world();
    const d = await w.doctor();
    const attemptId = await startPaper(d.s);
    const m = await schedule(d.s, attemptId);
    await ctx.db.execute(`DELETE FROM exam_consents WHERE enrolment_id = ${d.e.id}`);
    const nc = await upload(d.s, attemptId, m[0].token!, fixture('frame-a.jpg'));
    expect(nc.statusCode).toBe(409);
    expect(nc.json().message).toContain('授权');
    await ctx.db.execute(
      `INSERT INTO exam_consents (enrolment_id, physician_id, consented_at) VALUES (${d.e.id}, ${d.doc.id}, now())`,
    );
    expect((await d.s.inject({ method: 'POST', url: `/api/exam/attempts/${attemptId}/submit` })).statusCode).toBe(200);
    const after = await upload(
      d.s,
      attemptId,
      m[0].token!,
      fixture('frame-a.jpg'),
      new Date(NOW.getTime() + 3600_000).toISOString(),
    );
    expect(after.statusCode).toBe(409);
    expect(after.json().message).toContain('交卷');
    const late = await upload(
      d.s,
      attemptId,
      m[1].token!,
      fixture('frame-a.jpg'),
      new Date(NOW.getTime() - 60_000).toISOString(),
    );
    expect(late.statusCode, late.body).toBe(200);
    expect(late.json().late).toBe(true);
    ctx.setNow(new Date(NOW.getTime() + 3 * 86_400_000));
    try {
      const tooLate = await upload(
        d.s,
        attemptId,
        m[2].token!,
        fixture('frame-a.jpg'),
        new Date(NOW.getTime() - 60_000).toISOString(),
      );
      expect(tooLate.statusCode).toBe(409);
      expect(tooLate.json().message).toContain('补传期限');
    } finally {
      ctx.setNow(NOW);
    }
  });

  it('compares frames with the standard photo in the worker; the review list is scoped and sorted by 最低相似度', async () => {
    const w = await world();
    const self = await w.doctor();
    const impostor = await w.doctor();
    const covered = await w.doctor();
    const neighbour = await w.doctor(w.p.hospitalB);
    const a1 = await startPaper(self.s);
    const a2 = await startPaper(impostor.s);
    const a3 = await startPaper(covered.s);
    await startPaper(neighbour.s);
    const m1 = await schedule(self.s, a1);
    const m2 = await schedule(impostor.s, a2);
    const m3 = await schedule(covered.s, a3);
    expect((await upload(self.s, a1, m1[0].token!, fixture('frame-a.jpg'))).statusCode).toBe(200);
    expect((await upload(impostor.s, a2, m2[0].token!, fixture('frame-b.jpg'))).statusCode).toBe(200);
    const black = fs.readFileSync(new URL('covered.mjpeg', FIX));
    const blackJpeg = black.subarray(0, black.indexOf(Buffer.from([0xff, 0xd9])) + 2);
    expect((await upload(covered.s, a3, m3[0].token!, blackJpeg)).statusCode).toBe(200);
    const ev = await covered.s.inject({
      method: 'POST',
      url: `/api/proctoring/attempts/${a3}/events`,
      payload: { kind: 'camera_lost', occurredAt: NOW.toISOString() },
    });
    expect(ev.statusCode).toBe(200);

    // before the worker ran: 比对中 (pending)
    const pending = (await w.sessions.hospitalA.inject({ method: 'GET', url: '/api/proctoring/review' })).json();
    expect(pending.rows.find((r: { attemptId: number }) => r.attemptId === a1).framesPending).toBe(1);

    await compareQueued();
    const [f1] = await ctx.db.select().from(proctorFrames).where(eq(proctorFrames.attemptId, a1));
    const [f2] = await ctx.db.select().from(proctorFrames).where(eq(proctorFrames.attemptId, a2));
    const [f3] = await ctx.db.select().from(proctorFrames).where(eq(proctorFrames.attemptId, a3));
    expect(f1).toMatchObject({ status: 'scored', faces: 1, threshold: 65, model: 'human-faceres' });
    expect(f1.similarity).toBeGreaterThanOrEqual(70);
    expect(f2.similarity).toBeLessThan(55);
    expect(f3).toMatchObject({ status: 'scored', faces: 0, similarity: null });
    expect(f1.modelVersion).toContain('human');
    const [ref] = await ctx.db
      .select()
      .from(proctorReferences)
      .where(eq(proctorReferences.fileId, self.e.photoFileId!));
    expect(ref.embedding).toHaveLength(1024);

    const list = (
      await w.sessions.districtA.inject({ method: 'GET', url: '/api/proctoring/review?sort=similarity' })
    ).json();
    expect(list.rows.map((r: { attemptId: number }) => r.attemptId).slice(0, 2)).toEqual([a2, a1]);
    const row3 = list.rows.find((r: { attemptId: number }) => r.attemptId === a3);
    expect(row3).toMatchObject({ noFace: 1, cameraLost: 1, minSimilarity: null, actions: ['flag', 'process'] });
    const below = (await w.sessions.body.inject({ method: 'GET', url: '/api/proctoring/review?below=55' })).json();
    expect(below.rows.map((r: { attemptId: number }) => r.attemptId)).toEqual([a2]);
    // a neighbour sees none of it
    const nb = (await w.sessions.hospitalB.inject({ method: 'GET', url: '/api/proctoring/review' })).json();
    expect(nb.rows.map((r: { attemptId: number }) => r.attemptId)).not.toContain(a1);
    expect(
      (await w.sessions.districtB.inject({ method: 'GET', url: `/api/proctoring/review/${a1}/frames` })).statusCode,
    ).toBe(404);

    // 【照片】 with short-lived authorised URLs bound to the viewer
    const view = (
      await w.sessions.hospitalA.inject({ method: 'GET', url: `/api/proctoring/review/${a1}/frames` })
    ).json();
    expect(view.frames[0]).toMatchObject({ similarity: f1.similarity, faces: 1 });
    const img = await w.sessions.hospitalA.inject({ method: 'GET', url: view.frames[0].url });
    expect(img.statusCode).toBe(200);
    expect(img.headers['content-type']).toBe('image/jpeg');
    expect((await w.sessions.hospitalA.inject({ method: 'GET', url: view.referenceUrl })).statusCode).toBe(200);
    expect((await w.sessions.hospitalB.inject({ method: 'GET', url: view.frames[0].url })).statusCode).toBe(404);
    expect((await w.sessions.hospitalA.inject({ method: 'GET', url: `${view.frames[0].url}x` })).statusCode).toBe(404);
    ctx.setNow(new Date(NOW.getTime() + 10 * 60_000));
    try {
      expect((await w.sessions.hospitalA.inject({ method: 'GET', url: view.frames[0].url })).statusCode).toBe(404);
    } finally {
      ctx.setNow(NOW);
    }
  }, 180_000);

  it('标记 / 撤销标记 / 处理 as the manuals give them; 申诉 once; the province revokes and the result is restored', async () => {
    const w = await world();
    const d = await w.doctor();
    const a = await startPaper(d.s);
    await schedule(d.s, a);
    expect((await d.s.inject({ method: 'POST', url: `/api/exam/attempts/${a}/submit` })).statusCode).toBe(200);
    const before = (await ctx.db.select().from(enrolments).where(eq(enrolments.id, d.e.id)))[0];
    const url = (what: string) => `/api/proctoring/enrolments/${d.e.id}/${what}`;
    // neighbours cannot touch it
    expect((await w.sessions.hospitalB.inject({ method: 'POST', url: url('flag') })).statusCode).toBe(404);
    expect((await w.sessions.body.inject({ method: 'POST', url: url('flag') })).statusCode).toBe(200);
    expect((await w.sessions.body.inject({ method: 'POST', url: url('flag') })).statusCode).toBe(409);
    // institutions and bodies cannot unmark; a neighbouring administration cannot either
    expect((await w.sessions.hospitalA.inject({ method: 'POST', url: url('unflag') })).statusCode).toBe(403);
    expect((await w.sessions.districtB.inject({ method: 'POST', url: url('unflag') })).statusCode).toBe(404);
    expect((await w.sessions.districtA.inject({ method: 'POST', url: url('unflag') })).statusCode).toBe(200);
    // 处理: administrations only, with a reason
    expect(
      (await w.sessions.hospitalA.inject({ method: 'POST', url: url('process'), payload: { reason: '替考' } }))
        .statusCode,
    ).toBe(403);
    const noReason = await w.sessions.districtA.inject({
      method: 'POST',
      url: url('process'),
      payload: { reason: '' },
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().message).toContain('理由');
    expect(
      (
        await w.sessions.districtA.inject({
          method: 'POST',
          url: url('process'),
          payload: { reason: '抓拍照片显示替考' },
        })
      ).statusCode,
    ).toBe(200);
    const processed = (await ctx.db.select().from(enrolments).where(eq(enrolments.id, d.e.id)))[0];
    expect(processed).toMatchObject({ status: 'disciplinary_failed', finalResult: '违纪不合格' });
    const msgs = await ctx.db.select().from(messages).where(eq(messages.accountId, d.doc.accountId));
    expect(msgs.some((m) => m.body.includes('违纪'))).toBe(true);
    expect(
      await countRows(ctx.db, 'sms_outbox', `content LIKE '%违纪%' AND province_id = ${w.p.province.id}`),
    ).toBeGreaterThan(0);
    // 违纪处理记录
    const cases = (await w.sessions.districtA.inject({ method: 'GET', url: '/api/proctoring/cases' })).json();
    expect(cases.rows).toHaveLength(1);
    expect(cases.rows[0]).toMatchObject({ status: 'processed', processReason: '抓拍照片显示替考', attemptIds: [a] });
    expect(
      (await w.sessions.districtB.inject({ method: 'GET', url: '/api/proctoring/cases' })).json().rows,
    ).toHaveLength(0);

    // the physician sees the decision and appeals once
    const mine = (await d.s.inject({ method: 'GET', url: '/api/proctoring/mine' })).json();
    expect(mine.case).toMatchObject({ status: 'processed', canAppeal: true });
    // how many photos were taken of this attempt (the page says 抓拍 N 张)
    const frames = await countRows(ctx.db, 'proctor_frames', `attempt_id = ${a}`);
    expect(mine.papers.find((p: { attemptId: number }) => p.attemptId === a).photos).toBe(frames);
    expect(mine.papers[0].deleteOn).toBe(new Date(Date.parse('2026-12-20') + 90 * 86_400_000).toISOString());
    const boundary = '----proctor';
    const body = `--${boundary}\r\nContent-Disposition: form-data; name="statement"\r\n\r\n照片中为本人，光线较暗导致误判\r\n--${boundary}--\r\n`;
    const appeal = () =>
      d.s.inject({
        method: 'POST',
        url: '/api/proctoring/mine/appeal',
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
        payload: body,
      });
    expect((await appeal()).statusCode).toBe(200);
    const twice = await appeal();
    expect(twice.statusCode).toBe(409);
    expect(twice.json().message).toContain('只能申诉一次');

    // only the province decides
    const decision = { decision: 'revoke', reason: '复查照片为本人' };
    const dUrl = `/api/proctoring/cases/${d.e.id}/decision`;
    expect((await w.sessions.districtA.inject({ method: 'POST', url: dUrl, payload: decision })).statusCode).toBe(403);
    expect((await w.sessions.province.inject({ method: 'POST', url: dUrl, payload: decision })).statusCode).toBe(200);
    const restored = (await ctx.db.select().from(enrolments).where(eq(enrolments.id, d.e.id)))[0];
    expect(restored.status).toBe(before.status);
    expect(restored.finalResult).toBe(before.finalResult);
    expect((await w.sessions.province.inject({ method: 'POST', url: dUrl, payload: decision })).statusCode).toBe(409);
    const audit = await countRows(
      ctx.db,
      'audit_log',
      `target_type = 'enrolment' AND target_id = '${d.e.id}' AND action IN ('标记疑似作弊','撤销疑似作弊标记','违纪处理','违纪处理申诉','撤销违纪处理')`,
    );
    expect(audit).toBe(5);
  });

  it('checks a standard photo: no face, several faces, too dark are refused with what to fix', async () => {
    const w = await world();
    const d = await w.doctor();
    const check = async (name: string) =>
      (
        await d.s.inject({
          method: 'POST',
          url: '/api/proctoring/photo-check',
          headers: { 'content-type': 'image/jpeg' },
          payload: fixture(name),
        })
      ).json().message as string | null;
    expect(await check('person-a.jpg')).toBeNull();
    expect(await check('group.jpg')).toContain('人脸');
    expect(await check('dark.jpg')).toContain('太暗');
    const covered = fs.readFileSync(new URL('covered.mjpeg', FIX));
    const black = covered.subarray(0, covered.indexOf(Buffer.from([0xff, 0xd9])) + 2);
    const r = await d.s.inject({
      method: 'POST',
      url: '/api/proctoring/photo-check',
      headers: { 'content-type': 'image/jpeg' },
      payload: black,
    });
    expect(r.json().message).toContain('未能识别出人脸');
  }, 120_000);

  it('an upload queues no job itself; the ticker queues each waiting frame exactly once, also when run twice at once', async () => {
    const w = await world();
    const docs = [await w.doctor(), await w.doctor(), await w.doctor()];
    const ids: number[] = [];
    for (const d of docs) {
      const a = await startPaper(d.s);
      const m = await schedule(d.s, a);
      for (const x of m.slice(0, 2)) {
        const r = await upload(d.s, a, x.token!, fixture('frame-a.jpg'));
        expect(r.statusCode).toBe(200);
        ids.push(r.json().frameId);
      }
    }
    const jobsFor = async () => {
      const r = await ctx.db.execute(
        // the queue's own table: its public view does not show payloads
        `SELECT f.id::bigint AS id FROM graphile_worker._private_jobs j
           JOIN graphile_worker._private_tasks t ON t.id = j.task_id,
                json_array_elements_text(j.payload->'frameIds') AS f(id)
          WHERE t.identifier = 'proctor.compare' AND f.id::bigint IN (${ids.join(',')})`,
      );
      return r.rows.map((x) => Number((x as { id: string }).id)).sort((p, q) => p - q);
    };
    expect(await jobsFor()).toEqual([]);
    // two worker processes ticking at the same moment share the frames between them
    await Promise.all([queueWaitingFrames(ctx.db), queueWaitingFrames(ctx.db)]);
    expect(await jobsFor()).toEqual([...ids].sort((p, q) => p - q));
    await queueWaitingFrames(ctx.db);
    expect(await jobsFor()).toHaveLength(ids.length);
    const frames = await ctx.db.select().from(proctorFrames).where(inArray(proctorFrames.id, ids));
    expect(frames.every((f) => f.queuedAt !== null)).toBe(true);
  });

  it('deletes frames after the retention period; scores and events remain', async () => {
    const w = await world();
    const d = await w.doctor();
    const a = await startPaper(d.s);
    const m = await schedule(d.s, a);
    expect((await upload(d.s, a, m[0].token!, fixture('frame-a.jpg'))).statusCode).toBe(200);
    await compareQueued();
    ctx.setNow(new Date(Date.parse('2026-12-20') + 91 * 86_400_000));
    try {
      await compareQueued();
      const { purgeExpiredFrames } = await import('./retention.service.js');
      await purgeExpiredFrames(ctx.deps);
    } finally {
      ctx.setNow(NOW);
    }
    const [f] = await ctx.db
      .select()
      .from(proctorFrames)
      .where(and(eq(proctorFrames.attemptId, a)));
    expect(f.fileId).toBeNull();
    expect(f.deletedAt).not.toBeNull();
    expect(f.similarity).not.toBeNull();
  }, 120_000);
});
