/**
 * 延期考核申请: the physician applies before the deferral deadline (cycle.windows.deferral),
 * the institution gives its opinion, then an administration whose subtree contains the
 * institution (its own district/city/province) decides. Approval sets
 * enrolments.deferral_approved (the first exam is then taken in the re-exam window).
 * One file per use case: apply/ (the physician) and review/; this barrel keeps the routes'
 * and exports' imports unchanged.
 */
export { DEFERRAL_APPLY_STATUSES } from './apply/apply.rules.js';
export { apply } from './apply/apply.js';
export { deleteFile, uploadFile } from './apply/files.js';
export { mine } from './apply/mine.js';
export { formPdf } from './review/form-pdf.js';
export { getApplication, listApplications } from './review/list-applications.js';
export { review } from './review/review-application.js';
