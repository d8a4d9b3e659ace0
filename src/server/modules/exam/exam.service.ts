/**
 * The exam module's use cases, one per file (documenso style) — this file only lists them so
 * routes, jobs and other modules import one place:
 *
 *   blueprint/   effective.ts (试卷设置 or defaults), get-blueprints.ts, save-blueprint.ts, start-limit.ts
 *   overview/    overview.ts (考核详情 + 试卷列表), consent.ts (人脸信息采集授权)
 *   attempt/     start.ts (去考试) with start-gate.ts (province start rate, waiting queue) and
 *                predraw.ts (papers drawn ahead), claim.ts (this device answers), paper.ts, state.ts,
 *                save-answer.ts (the hot path, journal seq guard), submit.ts (交卷),
 *                finalize.ts (close + score + compact + move the enrolment on), sweep.ts (time-outs)
 *   window/      close-window.ts (关闭首轮考核 / 关闭再次考核)
 *   analysis/    item-analysis.ts (试题分析) over item-stats.ts (pure)
 *
 * The server clock (deps.now) is the only clock: deadline_at = started_at + duration (never
 * after the window's end); the client is only told the remaining seconds. Use cases take
 * `ExamDeps` (the app's deps + this process's caches, see exam.caches.ts).
 */
export { itemAnalysis } from './analysis/item-analysis.js';
export { claimAttempt } from './attempt/claim.js';
export { completeIfDone, finalizeAttempt } from './attempt/finalize.js';
export { paperJson } from './attempt/paper.js';
export { predrawPapers } from './attempt/predraw.js';
export { saveAnswer, saveAnswerInOneStatement } from './attempt/save-answer.js';
export { startAttempt } from './attempt/start.js';
export { attemptState } from './attempt/state.js';
export { submitAttempt } from './attempt/submit.js';
export { compactClosedAttempts, sweepTimedOut } from './attempt/sweep.js';
export { type EffectiveBlueprint, effectiveBlueprint } from './blueprint/effective.js';
export { getBlueprints } from './blueprint/get-blueprints.js';
export { saveBlueprint } from './blueprint/save-blueprint.js';
export { saveStartLimit } from './blueprint/start-limit.js';
export { type ExamDeps, examDeps } from './exam.deps.js';
export { consent } from './overview/consent.js';
export { overview } from './overview/overview.js';
export { closeCurrentWindow, closeExamWindow } from './window/close-window.js';
