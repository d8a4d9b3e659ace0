// Barrel: one file per use case; routes and tests import from here.
export { getMyOrg } from './profile/get-my-org.js';
export { saveProfileForm } from './profile/save-profile-form.js';
export { listSubordinates } from './subordinate/list-subordinates.js';
export { createSubordinate } from './subordinate/create-subordinate.js';
export { updateSubordinate } from './subordinate/update-subordinate.js';
export { activateSubordinates } from './subordinate/activate-subordinates.js';
export { deleteSubordinate } from './subordinate/delete-subordinate.js';
export { resetSubordinatePassword } from './subordinate/reset-subordinate-password.js';
export { deregisterSubordinate } from './subordinate/deregister-subordinate.js';
export { setApplyPermission } from './subordinate/set-apply-permission.js';
export { setIndustryBodyRole } from './subordinate/set-industry-body-role.js';
export { listInstitutions } from './institution/list-institutions.js';
export { getInstitution } from './institution/get-institution.js';
