/**
 * Arranging data for the browser specs through the product's own API, as the people of the
 * manuals would (no SQL writes, no shared pool): every spec creates its own physicians and walks
 * them to the state it needs, so it passes alone, in any order and in a shard.
 *
 * - api.ts        `orgApi` (demo organisation account, optionally as 考核机构), `call`, `refused`
 * - physician.ts  `arrangePhysician` (医师导入 + 参加考核 + first login and mobile binding),
 *                 `fillStepsThroughApi` (wizard steps 1–4 + standard photo upload), `facePhoto`
 * - enrolment.ts  `arrangeRegistered` (报名成功), `arrangeReadyForExam` (待参加测评), `doctorApi`
 * - exam.ts       `setBlueprint` (试卷设置), `takePaper` / `takeBothPapers` (exam API), `gradeFirstRound`
 * - cycle.ts      `withWindows` (本周期考核设置 time travel, restored after), `reexamOpenToday`
 */
export * from './api';
export * from './cycle';
export * from './enrolment';
export * from './exam';
export * from './physician';
