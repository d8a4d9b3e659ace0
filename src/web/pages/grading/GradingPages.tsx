/** 成绩评定 and 确认再次考核名单; one page per file. */
export { GradingPage } from './GradingPage';
export { ReexamConfirmPage } from './ReexamConfirmPage';
