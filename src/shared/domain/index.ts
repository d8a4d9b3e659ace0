/**
 * The product's vocabulary, shared by server and web: statuses, procedures, windows,
 * decisions and their Chinese labels, plus the one state-machine engine. See
 * docs/glossary.md for Chinese term → identifier.
 */
export * from './change.js';
export * from './decisions.js';
export * from './deferral.js';
export * from './enrolment.js';
export * from './exemption.js';
export * from './id-number.js';
export * from './machine.js';
export * from './procedure.js';
export * from './self-evaluation.js';
export * from './windows.js';
