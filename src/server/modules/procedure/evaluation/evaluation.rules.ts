/** 评定/复核: which list each reviewer sees, the list row, the stored evaluation and its history. */
import { maskIdNumber } from '../../../../shared/domain/id-number.js';
import type { Actor } from '../../../platform/actor.js';
import { ENROLMENT_STATUS_LABELS, type EnrolmentStatus } from '../../../../shared/enrolment-status.js';
import type { TEvaluationDetail, TEvaluationRow } from '../../../../shared/schemas/procedure.js';
import { actionsFor, type Enrolment } from '../../enrolment/enrolment.transition.js';

export const REVIEW_STATUS: Record<'institution' | 'body', EnrolmentStatus> = {
  institution: 'pending_evaluation',
  body: 'pending_body_evaluation',
};

export function reviewerOf(actor: Actor): 'institution' | 'body' {
  return actor.role === 'body' ? 'body' : 'institution';
}

export function toRow(
  actor: Actor,
  r: { e: Enrolment; name: string; idNumber: string; level: string; practiceCategory: string; institutionName: string },
): TEvaluationRow {
  return {
    enrolmentId: r.e.id,
    physicianName: r.name,
    idNumber: maskIdNumber(r.idNumber),
    institutionName: r.institutionName,
    level: r.level,
    practiceCategory: r.practiceCategory,
    procedure: (r.e.procedure ?? 'general') as 'general' | 'simple',
    status: r.e.status,
    statusLabel: ENROLMENT_STATUS_LABELS[r.e.status],
    workResult: r.e.workResult,
    ethicsResult: r.e.ethicsResult,
    updatedAt: r.e.updatedAt.toISOString(),
    actions: actionsFor(actor, r.e).filter(
      (a) =>
        [
          'INSTITUTION_EVALUATE',
          'INSTITUTION_REJECT_PROCEDURE',
          'BODY_CONFIRM_EVALUATION',
          'BODY_REJECT_EVALUATION',
          'BODY_REJECT_SIMPLE',
        ].includes(a) &&
        (a !== 'BODY_REJECT_SIMPLE' || r.e.procedure === 'simple'),
    ),
  };
}

export function readEvaluation(e: Enrolment): TEvaluationDetail['evaluation'] {
  const ev = (e.evaluation ?? {}) as Record<string, unknown>;
  return {
    institution: (ev.institution as TEvaluationDetail['evaluation']['institution']) ?? null,
    bodyReview: (ev.bodyReview as TEvaluationDetail['evaluation']['bodyReview']) ?? null,
  };
}

export function historyOf(e: Enrolment): unknown[] {
  const h = (e.evaluation as Record<string, unknown> | null)?.history;
  return Array.isArray(h) ? h : [];
}
