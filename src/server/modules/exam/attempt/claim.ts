import type { Actor } from '../../../platform/actor.js';
import { writeAudit } from '../../../platform/audit.js';
import type { TClaimResult } from '../../../../shared/schemas/exam.js';
import type { ExamDeps } from '../exam.caches.js';
import { closedError } from '../exam.context.js';
import * as repo from '../exam.repo.js';
import { remainingSeconds } from '../paper.js';
import { ensureOpen, ownAttempt } from './own-attempt.js';

/**
 * The test page opening an attempt on a device: that device's journal becomes the one the
 * server accepts saves from (a physician who moves to a second phone continues there; the
 * first phone's later saves are refused with DEVICE_REPLACED and its page says so). Returns
 * the highest stored sequence number so the device numbers new entries above it.
 */
export async function claimAttempt(
  deps: ExamDeps,
  actor: Actor,
  id: number,
  deviceId: string,
  requestId?: string,
): Promise<TClaimResult> {
  const m = await ownAttempt(deps, actor, id);
  await ensureOpen(deps, m);
  return deps.db.transaction(async (tx) => {
    const r = await repo.claimAttempt(tx, { attemptId: id, physicianId: actor.physicianId!, deviceId });
    if (!r) throw closedError();
    if (r.previous && r.previous !== deviceId) {
      await writeAudit(
        tx,
        actor,
        {
          targetType: 'exam_attempt',
          targetId: id,
          action: '在另一台设备上继续答题',
          orgPath: actor.orgPath,
          provinceId: actor.provinceId,
          before: { device: r.previous.slice(0, 8) },
          after: { device: deviceId.slice(0, 8) },
        },
        requestId,
      );
    }
    return {
      seqBase: r.seqBase,
      tookOver: !!r.previous && r.previous !== deviceId,
      remainingSeconds: remainingSeconds(m.deadlineAt, deps.now()),
    };
  });
}
