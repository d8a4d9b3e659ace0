/**
 * What every exam use case receives: the app's deps plus this process's exam caches and its
 * answer-save queue (group commit, decision 0123). Built here, apart from the caches, so the
 * repository (which the queue calls) and the caches (which the repository uses) import no cycle.
 */
import type { AppDeps } from '../../app.js';
import type { Config } from '../../config.js';
import { createSaveQueue, type SaveQueue } from './attempt/save-queue.js';
import { createExamCaches, type ExamCaches } from './exam.caches.js';
import { type SessionSave, upsertAnswersWithSession, upsertAnswerWithSession } from './exam.repo.js';

type BaseDeps = Pick<AppDeps, 'db' | 'pool' | 'now' | 'sms' | 'logger'> & {
  config: Pick<Config, 'EXAM_SAVE_BATCH' | 'EXAM_SAVE_IN_FLIGHT'>;
};

export type ExamDeps = Pick<AppDeps, 'db' | 'pool' | 'now' | 'sms' | 'logger'> & {
  examCaches: ExamCaches;
  /** the process's answer saves, grouped into multi-row statements under load */
  saveQueue: SaveQueue<SessionSave>;
};

function createAnswerSaveQueue(deps: BaseDeps): SaveQueue<SessionSave> {
  return createSaveQueue<SessionSave>(
    (rows) => upsertAnswersWithSession(deps.pool, rows),
    (row) => upsertAnswerWithSession(deps.pool, row),
    (row) => row.attemptId,
    { maxBatch: deps.config.EXAM_SAVE_BATCH, maxInFlight: deps.config.EXAM_SAVE_IN_FLIGHT },
  );
}

const byDeps = new WeakMap<object, { caches: ExamCaches; saveQueue: SaveQueue<SessionSave> }>();

/**
 * The exam deps for an app's deps: one set of caches and one save queue per deps object, so the
 * routes and the jobs of one process share them (the sweeper's time-outs evict what the save
 * path cached).
 */
export function examDeps(deps: BaseDeps): ExamDeps {
  let own = byDeps.get(deps);
  if (!own) {
    own = { caches: createExamCaches(), saveQueue: createAnswerSaveQueue(deps) };
    byDeps.set(deps, own);
  }
  // a view over the same deps object: a clock swapped later (tests) is seen here too
  return Object.create(deps, { examCaches: { value: own.caches }, saveQueue: { value: own.saveQueue } }) as ExamDeps;
}
