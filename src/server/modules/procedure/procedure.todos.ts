import type { TodoProvider } from '../../platform/todos.js';
import { countInStatusByProcedure } from './procedure.repo.js';

/** 评定…申请 (institution, per procedure, 【去评定】) and 复核…申请 (assessment body, 【去审核】). */
export const todos: TodoProvider = async (deps, actor) => {
  if (actor.role !== 'institution' && actor.role !== 'body') return [];
  const status = actor.role === 'institution' ? 'pending_evaluation' : 'pending_body_evaluation';
  const rows = await countInStatusByProcedure(deps.db, actor, status);
  const n = (p: string) => rows.find((r) => r.procedure === p)?.n ?? 0;
  if (actor.role === 'institution') {
    return [
      { label: '简易程序待评定', count: n('simple'), path: '/procedure/evaluate/simple', action: '去评定' },
      { label: '一般程序待评定', count: n('general'), path: '/procedure/evaluate/general', action: '去评定' },
    ];
  }
  return [
    { label: '简易程序待复核', count: n('simple'), path: '/procedure/review/simple', action: '去审核' },
    { label: '一般程序待复核', count: n('general'), path: '/procedure/review/general', action: '去审核' },
  ];
};
