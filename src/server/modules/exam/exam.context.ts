/**
 * What the use cases of a physician's tests share: the physician's enrolment in the current
 * cycle (scoped to the logged-in physician), the round and window it is in, the paper rules,
 * pass lines and the module's typed errors.
 */
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { enrolments, organisations, physicians } from '../../db/schema/index.js';
import type { Actor } from '../../platform/actor.js';
import { AppError, notFound } from '../../platform/errors.js';
import { type Cycle, currentCycle, type Enrolment } from '../enrolment/enrolment.transition.js';
import type { WindowKey } from '../enrolment/enrolment.machine.js';
import { type EffectiveBlueprint, effectiveBlueprint } from './blueprint/effective.js';
import * as repo from './exam.repo.js';
import { paperStates } from './exam.rules.js';
import type { PaperType } from './paper.js';

export interface ExamContext {
  cycle: Cycle;
  enrolment: Enrolment;
  physician: { name: string; idNumber: string; level: string; practiceCategory: string; institution: string };
  round: 'first' | 'reexam' | null;
  windowKey: WindowKey | null;
}

/** The round an enrolment takes tests in, or null when its status is not a test stage. */
export function roundOf(
  e: Pick<Enrolment, 'status' | 'deferralApproved'>,
): { round: 'first' | 'reexam'; windowKey: WindowKey } | null {
  if (e.status === 'ready_for_exam') return { round: 'first', windowKey: e.deferralApproved ? 'reexam' : 'exam' };
  if (e.status === 'reexam_ready') return { round: 'reexam', windowKey: 'reexam' };
  return null;
}

/** The logged-in physician's enrolment in the current cycle (FOR UPDATE when deciding). */
export async function examContext(db: DbOrTx, actor: Actor, forUpdate = false): Promise<ExamContext | null> {
  if (actor.role !== 'physician' || !actor.physicianId) throw notFound('考核记录');
  const cycle = await currentCycle(db, actor.provinceId);
  const q = db
    .select({
      e: enrolments,
      p: {
        name: physicians.name,
        idNumber: physicians.idNumber,
        level: physicians.level,
        practiceCategory: physicians.practiceCategory,
      },
      org: organisations.name,
    })
    .from(enrolments)
    .innerJoin(physicians, eq(physicians.id, enrolments.physicianId))
    .innerJoin(organisations, eq(organisations.id, enrolments.institutionId))
    .where(and(eq(enrolments.physicianId, actor.physicianId), eq(enrolments.cycleId, cycle.id)));
  const [row] = forUpdate ? await q.for('update', { of: enrolments }) : await q;
  if (!row) return null;
  const r = roundOf(row.e);
  return {
    cycle,
    enrolment: row.e,
    physician: { ...row.p, institution: row.org },
    round: r?.round ?? null,
    windowKey: r?.windowKey ?? null,
  };
}

export function passLineOf(cycle: Cycle, paperType: PaperType, level: string): number {
  if (paperType === 'humanities') return cycle.passHumanities;
  return level === '执业助理医师' ? cycle.passProfessionalAssistant : cycle.passProfessionalPhysician;
}

/** Which papers the physician must take / may enter now (pure rules over the stored attempts). */
export async function rulesFor(
  db: DbOrTx,
  ctx: ExamContext,
  round: 'first' | 'reexam',
  bps?: Record<PaperType, EffectiveBlueprint>,
) {
  const attempts = await repo.attemptsOfEnrolment(db, ctx.enrolment.id);
  const bp = bps ?? {
    humanities: await effectiveBlueprint(db, ctx.cycle, 'humanities'),
    professional: await effectiveBlueprint(db, ctx.cycle, 'professional'),
  };
  const e = ctx.enrolment;
  const result = paperStates({
    procedure: e.procedure,
    humanitiesExempt: e.humanitiesExempt,
    professionalExempt: e.professionalExempt,
    round,
    firstRoundScores: { humanities: e.humanitiesScore, professional: e.professionalScore },
    passLines: {
      humanities: passLineOf(ctx.cycle, 'humanities', ctx.physician.level),
      professional: passLineOf(ctx.cycle, 'professional', ctx.physician.level),
    },
    attemptsAllowed: { humanities: bp.humanities.attempts, professional: 1 },
    attempts,
  });
  return { result, attempts, bp };
}

/** A window's last moment (Beijing time). */
export const windowEnd = (w: { end: string }) => new Date(`${w.end}T23:59:59.999+08:00`);

export const closedError = () => new AppError('ATTEMPT_CLOSED', '本次测评已交卷，不能再作答', 409);
export const timeUpError = () => new AppError('TIME_UP', '考试时间已到，试卷已自动交卷', 409);
export const deviceReplacedError = () =>
  new AppError(
    'DEVICE_REPLACED',
    '本次测评已在另一台设备上继续作答，本设备不再保存答案。请在新设备上继续作答，本设备上尚未保存的答案不会被采用。',
    409,
  );
