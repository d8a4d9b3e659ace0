/** Test world for statistics and exports: a province with a current cycle and enrolments in chosen states. */
import { cycles, enrolments } from '../../db/schema/index.js';
import type { EnrolmentStatus } from '../../../shared/domain/enrolment.js';
import { buildPhysician, buildProvince, sessionFor, type TestContext } from '../../../../tests/helpers.js';

type Org = Awaited<ReturnType<typeof buildProvince>>['hospitalA'];

export interface EnrolmentSpec {
  status: EnrolmentStatus;
  procedure?: 'general' | 'simple' | null;
  exempt?: boolean;
  deferred?: boolean;
  name?: string;
}

export async function buildStatsWorld(ctx: TestContext) {
  const w = await buildProvince(ctx.db);
  const today = new Date().toISOString().slice(0, 10);
  const [cycle] = await ctx.db
    .insert(cycles)
    .values({
      provinceId: w.province.id,
      name: '2024-2026年度考核周期',
      periodStart: '2024-01-01',
      periodEnd: '2026-12-31',
    })
    .returning();
  const enrol = async (inst: Org, specs: EnrolmentSpec[]) => {
    const out: { id: number; physicianId: number; name: string }[] = [];
    for (const s of specs) {
      const p = await buildPhysician(ctx.db, inst, { name: s.name ?? '测试医师' });
      const [e] = await ctx.db
        .insert(enrolments)
        .values({
          cycleId: cycle.id,
          provinceId: w.province.id,
          physicianId: p.id,
          institutionId: inst.id,
          orgPath: inst.path,
          status: s.status,
          procedure: s.procedure === undefined ? 'general' : s.procedure,
          humanitiesExempt: false,
          professionalExempt: s.exempt ?? false,
          deferralApproved: s.deferred ?? false,
          workResult: '合格',
          ethicsResult: '合格',
          humanitiesScore: s.status === 'passed' ? 80 : null,
          professionalScore: s.status === 'passed' ? 75 : null,
          finalResult: s.status === 'passed' ? '合格' : s.status === 'failed' ? '不合格' : null,
          registration: { basic: { gender: '男' } },
        })
        .returning({ id: enrolments.id });
      out.push({ id: e.id, physicianId: p.id, name: p.name });
    }
    return out;
  };
  const s = {
    province: await sessionFor(ctx, w.province.accountId, 'admin'),
    cityA: await sessionFor(ctx, w.cityA.accountId, 'admin'),
    cityB: await sessionFor(ctx, w.cityB.accountId, 'admin'),
    districtA: await sessionFor(ctx, w.districtA.accountId, 'admin'),
    hospitalA: await sessionFor(ctx, w.hospitalA.accountId, 'institution'),
    hospitalB: await sessionFor(ctx, w.hospitalB.accountId, 'institution'),
    body: await sessionFor(ctx, w.body.accountId, 'body'),
  };
  return { ...w, cycle, enrol, s, today };
}
