import { type Refusal, refusalStatus } from '../../shared/domain/machine.js';
import { AppError } from './errors.js';

/**
 * The one mapping from a state machine's refusal to an error: a role that may not act 403,
 * a stale state 409 (someone else acted first), a missing reason or a rule 400.
 */
export function refusalError(r: Refusal): AppError {
  return new AppError(r.code, r.message, refusalStatus(r.code));
}
