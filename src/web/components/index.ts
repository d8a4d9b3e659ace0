/**
 * Shared pieces of the organisation pages. A list page is: `useListState` + `FilterBar` +
 * `PagedTable`; a review is `ReviewDrawer` with `decisions`; every mutation runs through `useAction`.
 */
export { Attachments } from './Attachments';
export { type Decision, DecisionForm } from './DecisionForm';
export { FilterBar, KeywordFilter } from './FilterBar';
export { IdNumber } from './IdNumber';
export { PagedTable } from './PagedTable';
export { type ReasonAsk, useReasonPrompt } from './ReasonPrompt';
export { ReviewDrawer } from './ReviewDrawer';
export { StatusTag } from './StatusTag';
export { errorText, type SuccessText, useAction } from './useAction';
export { UploadImages } from './UploadImages';
export { type ListState, useListState } from './useListState';
export { Withheld } from './Withheld';
