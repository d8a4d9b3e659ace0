/** Kept for existing imports; the vocabulary lives in `src/shared/domain/`. */
export {
  ENROLMENT_STATUS_LABELS,
  ENROLMENT_STATUSES,
  type EnrolmentStatus,
} from './domain/enrolment.js';
export { PROCEDURE_LABELS, type Procedure } from './domain/procedure.js';
