/**
 * Bulk import of institutions and physicians — the stand-in for the sync from the
 * 医师电子化注册系统. All rows are validated first (format, check digits, duplicates in the
 * file and in the database, jurisdiction); if any row fails, nothing is imported and a
 * row-level error report is returned (and stored as .xlsx). Otherwise everything is inserted
 * in one transaction, in large set-based batches.
 */
// Barrel: one file per use case; routes and tests import from here.
export { MAX_IMPORT_ROWS, errorReport } from './imports.helpers.js';
export { importPhysicians } from './physicians/import-physicians.js';
export { importInstitutions } from './institutions/import-institutions.js';
export { readReport } from './report/read-report.js';
export { template } from './report/template.js';
