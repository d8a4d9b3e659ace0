/** 评定/复核 drawer: the physician, self-evaluation, application, proofs and the evaluation so far. */
import { maskIdNumber } from '../../../../shared/domain/id-number.js';
import type { AppDeps } from '../../../app.js';
import type { Actor } from '../../../platform/actor.js';
import { notFound } from '../../../platform/errors.js';
import type { TEvaluationDetail } from '../../../../shared/schemas/procedure.js';
import { cycleById, findEnrolmentForActor } from '../../enrolment/enrolment.transition.js';
import { listAttachments } from '../attachments.js';
import { findPhysicianOf } from '../procedure.repo.js';
import { hintsFor, readApplication } from '../choice/choice.rules.js';
import { readEvaluation, toRow } from './evaluation.rules.js';

type Deps = Pick<AppDeps, 'db' | 'sms' | 'now' | 'storage'>;

export async function evaluationDetail(deps: Deps, actor: Actor, id: number): Promise<TEvaluationDetail> {
  const e = await findEnrolmentForActor(deps.db, actor, id);
  const r = await findPhysicianOf(deps.db, e);
  if (!r) throw notFound('考核记录');
  const cycle = await cycleById(deps.db, e.cycleId);
  const { hints, yearsOfPractice } = await hintsFor(deps.db, e, cycle);
  return {
    row: toRow(actor, {
      e,
      name: r.p.name,
      idNumber: r.p.idNumber,
      level: r.p.level,
      practiceCategory: r.p.practiceCategory,
      institutionName: r.institutionName,
    }),
    physician: {
      name: r.p.name,
      gender: r.p.gender,
      idNumber: maskIdNumber(r.p.idNumber),
      level: r.p.level,
      practiceCategory: r.p.practiceCategory,
      title: r.p.title,
      firstRegisteredAt: r.p.firstRegisteredAt,
    },
    selfEvaluation: e.selfEvaluation ?? {},
    application: readApplication(e),
    proofs: await listAttachments(deps.db, e.id, 'proof'),
    hints,
    yearsOfPractice,
    evaluation: readEvaluation(e),
    lastReason: e.lastReason,
  };
}
