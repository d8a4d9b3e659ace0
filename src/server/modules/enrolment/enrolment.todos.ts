import type { TodoProvider } from '../../platform/todos.js';
import { countOpenChanges } from './change.service.js';
import { countInStatus } from './enrolment.repo.js';

/** 上报考核名单 (待审核), 医师信息修改 (待处理) for institutions; 确认考核医师名单 (待复核) for bodies. */
export const todos: TodoProvider = async (deps, actor) => {
  if (actor.role === 'institution') {
    const [review, changes] = await Promise.all([
      countInStatus(deps.db, actor, 'pending_institution'),
      countOpenChanges(deps.db, actor),
    ]);
    return [
      { label: '上报考核名单（待审核）', count: review, path: '/enrolment/review', action: '去审核' },
      { label: '医师信息修改（待处理）', count: changes, path: '/enrolment/changes', action: '去处理' },
    ];
  }
  if (actor.role === 'body') {
    return [
      {
        label: '确认考核医师名单（待复核）',
        count: await countInStatus(deps.db, actor, 'pending_body'),
        path: '/enrolment/confirm',
        action: '去审核',
      },
    ];
  }
  return [];
};
