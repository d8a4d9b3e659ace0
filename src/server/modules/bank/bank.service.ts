/** Barrel: the use cases live in the files below; routes and tests import from here. */
export { findQuestions, getQuestion, getVersion } from './question/find-questions.js';
export { createQuestion } from './question/create-question.js';
export { editQuestion } from './question/edit-question.js';
export { setQuestionStatus } from './question/set-question-status.js';
export { importQuestions } from './transfer/import-questions.js';
export { importTemplate } from './transfer/import-template.js';
export { importReport } from './transfer/import-report.js';
export { exportQuestions } from './transfer/export-questions.js';
export { materialDto } from './material/material-dto.js';
export { listMaterialsAdmin, materialFile } from './material/list-materials.js';
export { uploadMaterialFile } from './material/upload-material-file.js';
export { createMaterial, updateMaterial, deleteMaterial } from './material/save-material.js';
