import type { Actor } from '../../../platform/actor.js';
import type { ExamDeps } from '../exam.caches.js';
import * as repo from '../exam.repo.js';
import { renderPaper } from '../paper.js';
import { ensureOpen, ownAttempt } from './own-attempt.js';

/** The rendered paper of a started attempt, pre-serialised (cached per attempt). */
export async function paperJson(deps: ExamDeps, actor: Actor, id: number): Promise<string> {
  const m = await ownAttempt(deps, actor, id);
  await ensureOpen(deps, m);
  if (!m.paperJson) {
    const versions = await repo.versionTexts(
      deps.db,
      m.paper.items.map((i) => i.v),
    );
    m.paperJson = JSON.stringify({ attemptId: m.id, paperType: m.paperType, items: renderPaper(m.paper, versions) });
  }
  return m.paperJson;
}
