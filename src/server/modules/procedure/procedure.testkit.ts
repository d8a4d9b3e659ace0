/** Test support shared by the procedure, exemption and deferral tests (not a test file itself). */
import { eq } from 'drizzle-orm';
import { cycles, enrolments } from '../../db/schema/index.js';
import type { EnrolmentStatus } from '../../../shared/enrolment-status.js';
import type { InjectOptions } from 'fastify';
import {
  buildPhysician,
  buildProvince,
  sessionFor,
  type TestContext,
  type TestSession,
} from '../../../../tests/helpers.js';

/** A real 1×1 PNG. */
export const PNG_1PX = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
/** A real one-page PDF: uploads are parsed, not sniffed. */
export const PDF_BYTES = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 10 10]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

/** multipart/form-data body with one file field. */
export function multipart(buf: Buffer, filename: string, field = 'file') {
  const boundary = `----dingkao${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    payload: Buffer.concat([head, buf, tail]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

const day = (d: Date, off: number) => new Date(d.getTime() + off * 86400_000).toISOString().slice(0, 10);

export interface World {
  p: Awaited<ReturnType<typeof buildProvince>>;
  cycleId: number;
  now: Date;
}

/** A province with a current cycle whose registration and deferral windows contain `now`. */
export async function buildWorld(
  ctx: TestContext,
  opts: {
    procedureChoice?: 'with_registration' | 'after_approval';
    windows?: Record<string, { start: string; end: string }>;
  } = {},
): Promise<World> {
  const p = await buildProvince(ctx.db);
  const now = new Date('2026-06-15T04:00:00Z');
  ctx.setNow(now);
  const [c] = await ctx.db
    .insert(cycles)
    .values({
      provinceId: p.province.provinceId,
      name: '2024—2026年度',
      periodStart: '2024-01-01',
      periodEnd: '2026-12-31',
      procedureChoice: opts.procedureChoice ?? 'after_approval',
      windows: opts.windows ?? {
        registration: { start: day(now, -30), end: day(now, 30) },
        deferral: { start: day(now, -30), end: day(now, 10) },
        exam: { start: day(now, 40), end: day(now, 60) },
      },
    })
    .returning();
  return { p, cycleId: c.id, now };
}

export async function buildEnrolment(
  ctx: TestContext,
  w: World,
  status: EnrolmentStatus,
  over: Partial<typeof enrolments.$inferInsert> & {
    institution?: 'A' | 'B';
    physician?: Parameters<typeof buildPhysician>[2];
  } = {},
) {
  const { institution = 'A', physician: pOver, ...rest } = over;
  const inst = institution === 'A' ? w.p.hospitalA : w.p.hospitalB;
  const doc = await buildPhysician(ctx.db, inst, pOver);
  const [e] = await ctx.db
    .insert(enrolments)
    .values({
      cycleId: w.cycleId,
      provinceId: inst.provinceId,
      physicianId: doc.id,
      institutionId: inst.id,
      orgPath: inst.path,
      assessmentBodyId: w.p.body.id,
      status,
      ...rest,
    })
    .returning();
  return { e, doc, session: await sessionFor(ctx, doc.accountId, 'physician') };
}

export async function enrolmentRow(ctx: TestContext, id: number) {
  const [r] = await ctx.db.select().from(enrolments).where(eq(enrolments.id, id));
  return r;
}

export async function sessions(ctx: TestContext, w: World) {
  return {
    instA: await sessionFor(ctx, w.p.hospitalA.accountId, 'institution'),
    instB: await sessionFor(ctx, w.p.hospitalB.accountId, 'institution'),
    body: await sessionFor(ctx, w.p.body.accountId, 'body'),
    province: await sessionFor(ctx, w.p.province.accountId, 'admin'),
    cityA: await sessionFor(ctx, w.p.cityA.accountId, 'admin'),
    cityB: await sessionFor(ctx, w.p.cityB.accountId, 'admin'),
    districtA: await sessionFor(ctx, w.p.districtA.accountId, 'admin'),
    districtB: await sessionFor(ctx, w.p.districtB.accountId, 'admin'),
  };
}

type Sessions = Awaited<ReturnType<typeof sessions>>;
type Injector = Pick<TestSession, 'inject'>;

/** 免考设置 by the province: one reason per procedure, applications opened as asked. */
export async function openExemption(
  _w: World,
  s: Sessions,
  open: Partial<Record<'general' | 'simple', boolean>> = { general: true, simple: true },
) {
  const g = (
    await s.province.inject({
      method: 'POST',
      url: '/api/exemption/reasons',
      payload: { procedure: 'general', reason: '考核周期内获得省级以上科技奖励' },
    })
  ).json();
  const sm = (
    await s.province.inject({
      method: 'POST',
      url: '/api/exemption/reasons',
      payload: { procedure: 'simple', reason: '考核周期内年满60周岁及以上' },
    })
  ).json();
  for (const [p, o] of Object.entries(open))
    await s.province.inject({ method: 'PUT', url: '/api/exemption/switches', payload: { procedure: p, open: o } });
  return { generalReason: g.general.reasons[0].id as number, simpleReason: sm.simple.reasons[0].id as number };
}

async function uploadProof(session: Injector, url: string, name: string): Promise<string> {
  const f = await session.inject({ method: 'POST', url, ...multipart(PNG_1PX, name) } as InjectOptions);
  if (f.statusCode !== 200) throw new Error(`upload refused: ${f.body}`);
  return f.json().id;
}

/** The physician applies for 免考 with one proof (the answer of the apply call). */
export async function applyExemption(session: Injector, enrolmentId: number, reasonId: number) {
  const fileId = await uploadProof(session, `/api/enrolments/${enrolmentId}/exemption-files`, '获奖证书.png');
  return session.inject({
    method: 'POST',
    url: `/api/enrolments/${enrolmentId}/exemption`,
    payload: { reasonIds: [reasonId], note: '附获奖证书', fileIds: [fileId] },
  } as InjectOptions);
}

/** The physician applies for 延期考核 with one attachment (the answer of the apply call). */
export async function applyDeferral(session: Injector, id: number, reason = '因援疆医疗任务无法参加首轮考核') {
  const fileId = await uploadProof(session, `/api/enrolments/${id}/deferral-files`, '援疆通知.png');
  return session.inject({
    method: 'POST',
    url: `/api/enrolments/${id}/deferral`,
    payload: { reason, fileIds: [fileId] },
  } as InjectOptions);
}

export type ApplicationKind = 'exemption' | 'deferral';

/** A reviewer's decision on a 免考 / 延期 application (the raw answer). */
export function reviewApplication(s: Injector, kind: ApplicationKind, id: number, payload: object) {
  return s.inject({ method: 'POST', url: `/api/${kind}/applications/${id}/review`, payload } as InjectOptions);
}

/** The newest application in the reviewer's list. */
export async function firstApplicationId(s: Injector, kind: ApplicationKind): Promise<number> {
  return (await s.inject({ method: 'GET', url: `/api/${kind}/applications` } as InjectOptions)).json().rows[0].id;
}
