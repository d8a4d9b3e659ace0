import { sql } from 'drizzle-orm';
import type { Actor } from '../../../platform/actor.js';
import { writeAuditMany } from '../../../platform/audit.js';
import { AppError, forbidden, notFound } from '../../../platform/errors.js';
import { notifyPhysiciansMany } from '../../messages/send-message.js';
import { findAssignedBody, findOwnPhysicians } from '../enrolment.repo.js';
import { currentCycle, type EnrolmentDeps } from '../enrolment.transition.js';

/**
 * 参加考核 (single or batch): creates the enrolment in the current cycle (or reopens a
 * cancelled one) for physicians of the actor's institution. One INSERT … ON CONFLICT for the
 * whole batch, one audit INSERT, one message INSERT. An institution without an assigned
 * assessment body is refused: nobody could 复核 its physicians.
 */
export async function openEnrolments(
  deps: EnrolmentDeps,
  actor: Actor,
  physicianIds: number[],
  requestId?: string,
): Promise<{ done: number }> {
  if (actor.role !== 'institution') throw forbidden();
  const ids = [...new Set(physicianIds)];
  return deps.db.transaction(async (tx) => {
    const cycle = await currentCycle(tx, actor.provinceId);
    const bodyOrgId = await findAssignedBody(tx, actor);
    if (bodyOrgId === null) {
      throw new AppError(
        'NO_ASSESSMENT_BODY',
        '本机构尚未被指定考核机构，暂不能参加考核。请联系上级卫生行政机构在「指定卫生机构」中为本机构指定考核机构',
        409,
      );
    }
    const found = await findOwnPhysicians(tx, actor, ids, cycle.id);
    if (found.length !== ids.length) throw notFound('医师');
    const now = deps.now();
    const res = await tx.execute<{ id: number; physician_id: number; org_path: string; province_id: number }>(sql`
      INSERT INTO enrolments (cycle_id, province_id, physician_id, institution_id, org_path, assessment_body_id, status, created_at, updated_at)
      SELECT ${cycle.id}, p.province_id, p.id, p.institution_id, p.org_path, ${bodyOrgId}, 'opened', ${now}, ${now}
        FROM physicians p
       WHERE p.id = ANY(${sql.param(ids)}::bigint[]) AND p.institution_id = ${actor.orgId}
      ON CONFLICT (cycle_id, physician_id) DO UPDATE
         SET status = 'opened', institution_id = EXCLUDED.institution_id, org_path = EXCLUDED.org_path,
             assessment_body_id = EXCLUDED.assessment_body_id, last_reason = NULL, updated_at = EXCLUDED.updated_at
       WHERE enrolments.status = 'not_opened'
      RETURNING id, physician_id, org_path, province_id`);
    if (res.rows.length !== ids.length) {
      const done = new Set(res.rows.map((r) => Number(r.physician_id)));
      const names = found.filter((p) => !done.has(p.id)).map((p) => p.name);
      throw new AppError(
        'INVALID_TRANSITION',
        `以下医师已参加本周期考核，不能重复操作：${names.slice(0, 10).join('、')}${names.length > 10 ? ` 等${names.length}人` : ''}`,
        409,
      );
    }
    await writeAuditMany(
      tx,
      actor,
      res.rows.map((r) => ({
        targetType: 'enrolment',
        targetId: Number(r.id),
        action: '参加考核',
        orgPath: r.org_path,
        provinceId: r.province_id,
        before: { status: 'not_opened' },
        after: { status: 'opened', cycleId: cycle.id, assessmentBodyId: bodyOrgId },
      })),
      requestId,
    );
    await notifyPhysiciansMany(
      tx,
      deps.sms,
      res.rows.map((r) => ({
        physicianId: Number(r.physician_id),
        title: '定期考核：参加考核',
        body: `您所在的卫生机构已为您开通「${cycle.name}」报名，请登录系统点击【我要报名】完成报名。`,
        template: 'ENROLMENT_OPEN',
      })),
    );
    return { done: res.rows.length };
  });
}
