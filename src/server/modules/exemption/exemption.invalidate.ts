/**
 * A 免考申请 belongs to one procedure (一般程序 → 业务水平, 简易程序 → 人文医学). When the
 * enrolment's procedure changes (考核机构 驳回至一般程序, or the physician re-selects the
 * procedure), applications of the other procedure become 已失效 in the same transaction, and an
 * exemption they had granted is withdrawn. Kept apart from exemption.service so the procedure
 * module can call it without an import cycle.
 */
import { and, eq, ne } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { enrolments, exemptionApplications } from '../../db/schema/index.js';
import type { Actor } from '../../platform/actor.js';
import { writeAudit } from '../../platform/audit.js';
import { EXEMPTS_LABEL } from '../../../shared/schemas/exemption.js';
import { exemptedPaper, exemptionTransition, type ExemptionStatus } from './exemption.machine.js';

export async function invalidateOtherProcedureExemption(
  tx: DbOrTx,
  actor: Actor,
  e: { id: number; orgPath: string; provinceId: number },
  procedure: 'general' | 'simple',
  reason: string,
  now: Date,
  requestId?: string,
): Promise<number> {
  const rows = await tx
    .select()
    .from(exemptionApplications)
    .where(
      and(
        eq(exemptionApplications.enrolmentId, e.id),
        ne(exemptionApplications.procedure, procedure),
        ne(exemptionApplications.status, 'void'),
      ),
    )
    .for('update');
  let n = 0;
  for (const a of rows) {
    const r = exemptionTransition(a.status as ExemptionStatus, 'INVALIDATE', 'system', reason);
    if (!r.ok) continue;
    const entry = {
      by: actor.orgName || actor.displayName,
      role: '系统',
      decision: '已失效',
      opinion: reason,
      at: now.toISOString(),
    };
    await tx
      .update(exemptionApplications)
      .set({ status: r.to, reviews: [...a.reviews, entry], updatedAt: now })
      .where(and(eq(exemptionApplications.id, a.id), eq(exemptionApplications.status, a.status)));
    const paper = exemptedPaper(a.procedure);
    if (a.status === 'approved') {
      await tx
        .update(enrolments)
        .set(
          paper === 'professional'
            ? { professionalExempt: false, updatedAt: now }
            : { humanitiesExempt: false, updatedAt: now },
        )
        .where(eq(enrolments.id, e.id));
    }
    await writeAudit(
      tx,
      actor,
      {
        targetType: 'exemption_application',
        targetId: a.id,
        action: `${EXEMPTS_LABEL[a.procedure]}免考申请失效`,
        orgPath: e.orgPath,
        provinceId: e.provinceId,
        reason,
        before: { status: a.status, procedure: a.procedure },
        after: { status: r.to, ...(a.status === 'approved' ? { exemptWithdrawn: paper } : {}) },
      },
      requestId,
    );
    n++;
  }
  return n;
}
