/**
 * 学习 for physicians: 题库练习 (one question at a time, checked on the server), 模拟自测
 * (a mock paper drawn and scored with the real paper's blueprint, no consequence to the
 * enrolment), 错题收藏 (collected from both), 考前资料. Everything is scoped to the physician.
 */
// Barrel: one file per use case; routes and tests import from here.
export { overview } from './view/overview.js';
export { materials, material } from './view/materials.js';
export { nextPracticeQuestion } from './practice/next-practice-question.js';
export { answerPractice } from './practice/answer-practice.js';
export { mockPapers } from './mock/mock-papers.js';
export { startMock } from './mock/start-mock.js';
export { mockHistory, getMock } from './mock/view-mock.js';
export { answerMock } from './mock/answer-mock.js';
export { submitMock } from './mock/submit-mock.js';
export { wrongList } from './wrong/wrong-list.js';
export { removeWrong, clearWrong } from './wrong/remove-wrong.js';
