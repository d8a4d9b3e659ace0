/**
 * 申请考核机构 (institution), 考核机构管理 (administration: list, 审批, 指定卫生机构) and
 * 已指定卫生机构列表 (assessment body).
 */
// Barrel: one file per use case; routes and tests import from here.
export { getMyApplication } from './application/get-my-application.js';
export { uploadMaterial } from './application/upload-material.js';
export { removeMaterial } from './application/remove-material.js';
export { submitApplication } from './application/submit-application.js';
export { listApplications } from './application/list-applications.js';
export { approveApplication, rejectApplication } from './application/decide-application.js';
export { readMaterial } from './application/read-material.js';
export { listBodies } from './body/list-bodies.js';
export { listAssignedForAdmin, listMyAssigned } from './body/list-assigned.js';
export { listCandidates } from './body/list-candidates.js';
export { assignInstitutions, unassignInstitutions } from './body/assign-institutions.js';
