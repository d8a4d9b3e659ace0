/**
 * Queueing the paper draw ahead (issue 9, start-spike control) from outside the exam module.
 * Kept apart from `attempt/predraw.ts` so the enrolment transition can import it without pulling
 * in the bank and paper code (no import cycle between the two modules).
 */
import type { DbOrTx } from '../../db/client.js';
import { enqueueJob } from '../../platform/jobs.js';

/** The task that draws papers ahead (exam.jobs.ts); its payload may name the enrolments. */
export const PREDRAW_TASK = 'exam.predraw';

/** Statuses in which an enrolment waits for a test (待参加测评, 待再次考核). */
const WAITS_FOR_TEST = new Set<string>(['ready_for_exam', 'reexam_ready']);

/**
 * When an enrolment has just reached a status that waits for a test, queue its paper draw inside
 * the transaction that moved it (the job exists only if the move commits). The 10-minute
 * schedule stays as the safety net (bank short at that moment, 试卷设置 changed later …).
 */
export async function enqueuePredrawOnReady(tx: DbOrTx, status: string, enrolmentIds: number[]): Promise<void> {
  if (WAITS_FOR_TEST.has(status) && enrolmentIds.length) await enqueueJob(tx, PREDRAW_TASK, { enrolmentIds });
}
