/**
 * 免考: settings (省级: reasons per procedure, open/close), the physician's application and
 * the two reviews (卫生机构 → 考核机构). Approval sets enrolments.professional_exempt
 * (一般程序: 业务水平) or humanities_exempt (简易程序: 人文医学).
 * One file per use case: settings/, apply/ (the physician) and review/; this barrel keeps the
 * routes' and exports' imports unchanged.
 */
export { EXEMPTION_APPLY_STATUSES } from './apply/apply.rules.js';
export { apply } from './apply/apply.js';
export { deleteFile, uploadFile } from './apply/files.js';
export { mine } from './apply/mine.js';
export { getApplication, listApplications } from './review/list-applications.js';
export { review } from './review/review-application.js';
export { getSettings } from './settings/get-settings.js';
export { addReason, deleteReason, updateReason } from './settings/reasons.js';
export { setSwitch } from './settings/set-switch.js';
