import type { Actor } from '../../platform/actor.js';
import { type AppError, badRequest } from '../../platform/errors.js';
import type { TQuestionRow, TQuestionVersion } from '../../../shared/schemas/bank.js';
import type * as repo from './bank.repo.js';

export function toRow({ q, v }: repo.QuestionWithVersion): TQuestionRow {
  return {
    id: q.id,
    bank: q.bank,
    category: q.category,
    practiceCategory: q.practiceCategory,
    status: q.status,
    currentVersionId: v.id,
    version: v.version,
    type: v.type,
    stem: v.stem,
    options: v.options,
    answer: v.answer,
    explanation: v.explanation,
    difficulty: v.difficulty,
    updatedAt: q.updatedAt.toISOString(),
    actions: ['edit', 'history', q.status === 'enabled' ? 'retire' : 'enable'],
  };
}

export function toVersion(v: repo.VersionRow, currentId: number | null): TQuestionVersion {
  return {
    id: v.id,
    questionId: v.questionId,
    version: v.version,
    type: v.type,
    stem: v.stem,
    options: v.options,
    answer: v.answer,
    explanation: v.explanation,
    difficulty: v.difficulty,
    createdAt: v.createdAt.toISOString(),
    current: v.id === currentId,
  };
}

export function provinceScope(actor: Actor) {
  return { provinceId: actor.provinceId, orgPath: actor.orgPath };
}

export function invalid(errors: string[]): AppError {
  return badRequest(errors.join('；'), errors);
}
