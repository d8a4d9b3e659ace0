import type { TodoProvider } from '../../platform/todos.js';
import { countPendingDeferrals } from './deferral.repo.js';

/** 延期申请待审核 (institution) / 待审批 (administration of the institution's jurisdiction). */
export const todos: TodoProvider = async (deps, actor) => {
  if (actor.role !== 'institution' && actor.role !== 'admin') return [];
  const count = await countPendingDeferrals(deps.db, actor);
  return actor.role === 'admin'
    ? [{ label: '延期申请待审批', count, path: '/deferral/approve', action: '去审核' }]
    : [{ label: '延期申请待审核', count, path: '/deferral/audit', action: '去审核' }];
};
