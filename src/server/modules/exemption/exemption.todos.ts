import type { TodoProvider } from '../../platform/todos.js';
import { countPendingExemptions } from './exemption.repo.js';

/** 审核免考申请 (institution, 【去评定】 as in seed 003) / 复核免考申请 (assessment body, 【去审核】). */
export const todos: TodoProvider = async (deps, actor) => {
  if (actor.role !== 'institution' && actor.role !== 'body') return [];
  const count = await countPendingExemptions(deps.db, actor);
  return actor.role === 'body'
    ? [{ label: '免考申请待复核', count, path: '/exemption/review', action: '去审核' }]
    : [{ label: '免考申请待审核', count, path: '/exemption/audit', action: '去评定' }];
};
