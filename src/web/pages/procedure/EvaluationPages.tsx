/** 评定工作成绩、职业道德 (卫生机构) and 复核…程序申请 (考核机构); one page per file. */
export { BodyReviewPage } from './BodyReviewPage';
export { InstitutionEvaluatePage } from './InstitutionEvaluatePage';
export { SubmissionView } from './SubmissionView';
