export * from './platform.js';
export * from './org.js';
export * from './physician.js';
export * from './enrolment.js';
export * from './exam.js';
export * from './orgext.js';
