import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { enrolments, exemptionApplications, exemptionReasons, exemptionSwitches } from '../../db/schema/index.js';
import type { DemoContext } from '../../seed/demo.js';
import { walk } from '../../seed/walk.js';
import { exemptionMachine } from './exemption.machine.js';

export const order = 50;

const REASONS = {
  general: ['在本考核周期内获得省级以上卫生健康行政部门表彰'],
  simple: ['本考核周期内年满60周岁', '传统医学师承或确有专长人员（卫医发〔2006〕125号 第十条）'],
};

/**
 * 免考: the province opens both procedures with reasons, and in every institution with demo
 * enrolments one application waits for 卫生机构审核 and one for 考核机构复核 (walked through the
 * machine, audited), so both review pages have someone waiting.
 */
export async function seedDemo(tx: Tx, ctx: DemoContext): Promise<void> {
  for (const procedure of ['general', 'simple'] as const) {
    await tx.insert(exemptionSwitches).values({ provinceId: ctx.provinceId, procedure, open: true });
    for (const reason of REASONS[procedure])
      await tx.insert(exemptionReasons).values({ provinceId: ctx.provinceId, procedure, reason });
  }
  const reasons = await tx.select().from(exemptionReasons).where(eq(exemptionReasons.provinceId, ctx.provinceId));
  const candidates = await tx
    .select()
    .from(enrolments)
    .where(
      and(
        eq(enrolments.provinceId, ctx.provinceId),
        inArray(enrolments.status, ['pending_evaluation', 'pending_body_evaluation']),
      ),
    )
    .orderBy(asc(enrolments.institutionId), asc(enrolments.id));
  const perInstitution = new Map<number, number>();
  let n = 0;
  for (const e of candidates) {
    const k = perInstitution.get(e.institutionId) ?? 0;
    if (k >= 2 || !e.procedure) continue;
    perInstitution.set(e.institutionId, k + 1);
    const procedure = e.procedure;
    const reason = reasons.find((r) => r.procedure === procedure);
    if (!reason) continue;
    const [a] = await tx
      .insert(exemptionApplications)
      .values({
        enrolmentId: e.id,
        provinceId: e.provinceId,
        institutionId: e.institutionId,
        orgPath: e.orgPath,
        procedure,
        status: 'pending_institution',
        reasons: [{ id: reason.id, reason: reason.reason }],
        note: '演示申请：证明材料请以实际上传为准',
        submittedAt: new Date('2026-11-12T02:00:00Z'),
      })
      .returning();
    const target = {
      targetType: 'exemption_application',
      targetId: a.id,
      orgPath: e.orgPath,
      provinceId: e.provinceId,
    };
    const steps: Parameters<typeof walk>[3] = [['SUBMIT', 'physician']];
    if (k === 1) steps.push(['INSTITUTION_APPROVE', 'institution']);
    const status = await walk(tx, exemptionMachine, 'none', steps as never, target);
    await tx
      .update(exemptionApplications)
      .set({
        status,
        reviews:
          k === 1
            ? [{ by: '演示卫生机构', role: '卫生机构', decision: '提交', opinion: '', at: '2026-11-13T02:00:00.000Z' }]
            : [],
      })
      .where(eq(exemptionApplications.id, a.id));
    n++;
  }
  ctx.log.info({ exemptions: n }, '演示免考申请已写入');
}
