/** 医师信息修改: when it may be requested, the request as the client sees it, the proposed copy. */

import { CHANGE_STATE_LABELS, type TChangeRequestView } from '../../../../shared/schemas/enrolment.js';
import type { ChangeRow } from './change.repo.js';

export const CHANGEABLE = [
  'registered',
  'pending_evaluation',
  'procedure_rejected',
  'pending_body_evaluation',
  'ready_for_exam',
];

export function toChangeView(c: ChangeRow): TChangeRequestView {
  return {
    id: c.id,
    state: c.state,
    stateLabel: CHANGE_STATE_LABELS[c.state],
    reason: c.reason,
    replyReason: c.replyReason,
    proposed: c.proposed,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

/**
 * The request's `proposed` copy holds registration fields (steps 1–3) plus, under their own keys,
 * the step-4 self-evaluation and a new photo.
 */
export function splitProposed(proposed: Record<string, unknown>) {
  const { selfEvaluation, photoFileId, ...registration } = proposed;
  return {
    registration,
    selfEvaluation: selfEvaluation as Record<string, unknown> | undefined,
    photoFileId: typeof photoFileId === 'string' ? photoFileId : undefined,
  };
}

export const proposedPhotoOf = (c: ChangeRow | null) => (c ? (splitProposed(c.proposed).photoFileId ?? null) : null);

export function mergedRegistration(current: Record<string, unknown>, proposed: Record<string, unknown>) {
  return { ...current, ...splitProposed(proposed).registration };
}
