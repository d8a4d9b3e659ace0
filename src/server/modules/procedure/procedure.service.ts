/**
 * 考核程序: the physician's step 5 (一般程序 / 简易程序 application), 【选择考核程序】 →
 * 【提交】, the institution's 评定工作成绩、职业道德 and the assessment body's 复核.
 * Every status change goes through applyTransition (scope, machine, window, CAS, audit, notify).
 * One file per use case: choice/ (the physician's step 5) and evaluation/ (评定 and 复核);
 * this barrel keeps the routes' and other modules' imports unchanged.
 */
export { procedureEditable, procedureSubmittable } from './choice/choice.rules.js';
export { getState, myEnrolmentId } from './choice/get-state.js';
export { deleteProof, uploadProof } from './choice/proofs.js';
export { saveApplication } from './choice/save-application.js';
export { submitProcedure, validateStoredApplication } from './choice/submit-procedure.js';
export { bodyConfirm, bodyReject, bodyRejectSimple } from './evaluation/body-review.js';
export { evaluationDetail } from './evaluation/evaluation-detail.js';
export { institutionEvaluate, institutionReject } from './evaluation/institution-evaluate.js';
export { listEvaluations } from './evaluation/list-evaluations.js';
