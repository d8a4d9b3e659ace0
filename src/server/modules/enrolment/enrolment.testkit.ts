/** Test helpers for the registration half of the enrolment lifecycle (reusable by other modules' tests). */
import { readFileSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import { cycles, departments, enrolments } from '../../db/schema/index.js';
import { DISQUALIFYING_SITUATIONS } from '../../../shared/schemas/enrolment.js';
import {
  buildPhysician,
  buildProvince,
  sessionFor,
  type TestContext,
  type TestSession,
} from '../../../../tests/helpers.js';

/** A standard photo with one real face (built from face-api's demo samples, e2e/fixtures/proctor). */
export const FACE_PHOTO = new URL('../../../../e2e/fixtures/proctor/person-a.jpg', import.meta.url);

export const day = (d: Date, n: number) => new Date(d.getTime() + n * 86_400_000).toISOString().slice(0, 10);

/** A minimal but well-formed baseline JPEG header (SOI, JFIF APP0, SOF0 with the size, EOI). */
export function tinyJpeg(width = 300, height = 400): Buffer {
  const app0 = Buffer.from([
    0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00,
  ]);
  const sof = Buffer.from([
    0xff,
    0xc0,
    0x00,
    0x11,
    0x08,
    height >> 8,
    height & 0xff,
    width >> 8,
    width & 0xff,
    0x03,
    0x01,
    0x22,
    0x00,
    0x02,
    0x11,
    0x01,
    0x03,
    0x11,
    0x01,
  ]);
  return Buffer.concat([Buffer.from([0xff, 0xd8]), app0, sof, Buffer.alloc(64, 0), Buffer.from([0xff, 0xd9])]);
}

export function multipart(buf: Buffer, filename: string, mime: string) {
  const boundary = `----dktest${Math.random().toString(16).slice(2)}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${mime}\r\n\r\n`,
    ),
    buf,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

export async function buildEnrolmentWorld(
  ctx: TestContext,
  opts: {
    procedureChoice?: 'with_registration' | 'after_approval';
    windows?: Record<string, { start: string; end: string }>;
  } = {},
) {
  const now = new Date();
  ctx.setNow(now);
  const w = await buildProvince(ctx.db);
  const [cycle] = await ctx.db
    .insert(cycles)
    .values({
      provinceId: w.province.id,
      name: '测试周期',
      periodStart: day(now, -400),
      periodEnd: day(now, 600),
      windows: opts.windows ?? {
        registration: { start: day(now, -30), end: day(now, 30) },
        deferral: { start: day(now, -30), end: day(now, 20) },
        exam: { start: day(now, -10), end: day(now, 40) },
        grading: { start: day(now, -10), end: day(now, 60) },
        reexam: { start: day(now, 100), end: day(now, 130) },
        reexamGrading: { start: day(now, 100), end: day(now, 160) },
      },
      procedureChoice: opts.procedureChoice ?? 'with_registration',
    })
    .returning();
  const [dept] = await ctx.db.insert(departments).values({ orgId: w.hospitalA.id, level: 1, name: '内科' }).returning();
  const [deptB] = await ctx.db
    .insert(departments)
    .values({ orgId: w.hospitalB.id, level: 1, name: '外科' })
    .returning();
  const doc = await buildPhysician(ctx.db, w.hospitalA, { name: '张三', qualificationNo: 'Q123456' });
  const docB = await buildPhysician(ctx.db, w.hospitalB, { name: '李四' });
  const s = {
    province: await sessionFor(ctx, w.province.accountId, 'admin'),
    cityA: await sessionFor(ctx, w.cityA.accountId, 'admin'),
    districtA: await sessionFor(ctx, w.districtA.accountId, 'admin'),
    districtB: await sessionFor(ctx, w.districtB.accountId, 'admin'),
    hospitalA: await sessionFor(ctx, w.hospitalA.accountId, 'institution'),
    hospitalB: await sessionFor(ctx, w.hospitalB.accountId, 'institution'),
    body: await sessionFor(ctx, w.body.accountId, 'body'),
    doc: await sessionFor(ctx, doc.accountId, 'physician'),
    docB: await sessionFor(ctx, docB.accountId, 'physician'),
  };
  return { ...w, cycle, dept, deptB, doc, docB, s, now };
}

export const BASIC = {
  gender: '男',
  ethnicity: '汉族',
  birthDate: '1980-05-01',
  education: '本科',
  email: 'a@example.cn',
  mobile: '13912345678',
};
export const practiceFor = (deptId: number) => ({
  departmentId: deptId,
  specialties: ['心血管内科专业'],
  title: '中级（主治/主管）',
  level: '执业医师',
  isResident: false,
  category: '临床',
  scope: '内科专业',
  employment: '在职',
  qualificationNo: 'Q123456',
});
export const SELF = {
  goodRecord: '无',
  badRecord: '无',
  workQuantity: '合格',
  workQuality: '合格',
  governmentTasks: '合格',
  disqualifying: DISQUALIFYING_SITUATIONS.map(() => '无'),
  ethicsSelf: '良好',
};

/** Fill every step through the API (and step 5 as 一般程序 when chosen with the registration). */
export async function fillWizard(
  _ctx: TestContext,
  doc: TestSession,
  deptId: number,
  enrolmentId: number,
  withProcedure = true,
) {
  const put = (step: string, payload: unknown) =>
    doc.inject({ method: 'PUT', url: `/api/enrolments/mine/steps/${step}`, payload: payload as object });
  for (const [step, body] of [
    ['basic', BASIC],
    ['practice', practiceFor(deptId)],
    ['experience', { education: [{ degree: '本科', school: '广西医科大学', major: '临床医学' }] }],
    ['self', SELF],
  ] as const) {
    const r = await put(step, body);
    if (r.statusCode !== 200) throw new Error(`${step}: ${r.body}`);
  }
  // a real face: the standard photo is the 监考 face reference and is checked by the face model
  const mp = multipart(readFileSync(FACE_PHOTO), 'photo.jpg', 'image/jpeg');
  const ph = await doc.inject({
    method: 'POST',
    url: '/api/enrolments/mine/photo',
    payload: mp.payload,
    headers: mp.headers,
  });
  if (ph.statusCode !== 200) throw new Error(`photo: ${ph.body}`);
  if (withProcedure) {
    const r = await doc.inject({
      method: 'PUT',
      url: `/api/enrolments/${enrolmentId}/procedure-application`,
      payload: { procedure: 'general' },
    });
    if (r.statusCode !== 200) throw new Error(`procedure: ${r.body}`);
  }
}

export async function enrolmentOf(ctx: TestContext, physicianId: number) {
  const [e] = await ctx.db.select().from(enrolments).where(eq(enrolments.physicianId, physicianId));
  return e;
}
