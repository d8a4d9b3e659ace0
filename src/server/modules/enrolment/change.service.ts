/**
 * 医师信息修改 (change requests after 报名成功). The edited steps 1–4 and photo are kept in the request's
 * `proposed` copy until the institution approves; approval merges them into the registration.
 * Scope: a physician their own; an institution its own physicians' requests; others 404.
 * One file per use case in change/ (reads in change/change.repo.ts); this barrel keeps the
 * routes', wizard's and to-dos' imports unchanged.
 */
export { countOpenChanges, latestChangeRequest } from './change/change.repo.js';
export { proposedPhotoOf, toChangeView } from './change/change.rules.js';
export { decideChange } from './change/decide-change.js';
export { listChanges } from './change/list-changes.js';
export { requestChange } from './change/request-change.js';
export { saveProposedPhoto, saveProposedStep } from './change/save-proposed.js';
export { submitChange } from './change/submit-change.js';
