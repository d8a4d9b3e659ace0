import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { deferralApplications, enrolments, organisations } from '../../db/schema/index.js';
import type { DemoContext } from '../../seed/demo.js';
import { walk } from '../../seed/walk.js';
import { deferralMachine } from './deferral.machine.js';

export const order = 55;

/**
 * 延期考核申请: in every institution with demo enrolments one application waits for the
 * 卫生机构 and one (卫生机构同意) for the 卫生行政部门 — walked through the machine, audited.
 */
export async function seedDemo(tx: Tx, ctx: DemoContext): Promise<void> {
  const candidates = await tx
    .select({ e: enrolments, instName: organisations.name })
    .from(enrolments)
    .innerJoin(organisations, eq(organisations.id, enrolments.institutionId))
    .where(and(eq(enrolments.provinceId, ctx.provinceId), inArray(enrolments.status, ['pending_body'])))
    .orderBy(asc(enrolments.institutionId), asc(enrolments.id));
  const perInstitution = new Map<number, number>();
  let n = 0;
  for (const { e, instName } of candidates) {
    const k = perInstitution.get(e.institutionId) ?? 0;
    if (k >= 2) continue;
    perInstitution.set(e.institutionId, k + 1);
    const [a] = await tx
      .insert(deferralApplications)
      .values({
        enrolmentId: e.id,
        provinceId: e.provinceId,
        institutionId: e.institutionId,
        orgPath: e.orgPath,
        status: 'pending_institution',
        reason: '本人因参加援外医疗任务，首轮考核期间不在国内，申请延期考核。',
        submittedAt: new Date('2026-11-14T02:00:00Z'),
      })
      .returning();
    const target = { targetType: 'deferral_application', targetId: a.id, orgPath: e.orgPath, provinceId: e.provinceId };
    const steps: Parameters<typeof walk>[3] = [['SUBMIT', 'physician']];
    if (k === 1) steps.push(['INSTITUTION_APPROVE', 'institution']);
    const status = await walk(tx, deferralMachine, 'none', steps as never, target);
    await tx
      .update(deferralApplications)
      .set(
        k === 1
          ? {
              status,
              institutionAgree: '同意',
              institutionOpinion: '情况属实，同意延期',
              institutionName: instName,
              institutionAt: new Date('2026-11-15T02:00:00Z'),
            }
          : { status },
      )
      .where(eq(deferralApplications.id, a.id));
    n++;
  }
  ctx.log.info({ deferrals: n }, '演示延期考核申请已写入');
}
