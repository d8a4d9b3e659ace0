import { eq } from 'drizzle-orm';
import { enrolments } from '../../db/schema/index.js';
import type { TodoItem, TodoProvider } from '../../platform/todos.js';
import { countInScope } from './grading.repo.js';

/**
 * 评定简易程序测评结果 / 评定一般程序成绩结果 (assessment body), 评定…再次考核 (administration) and
 * 确认再次考核名单 (province), each opening its own page.
 */
export const todos: TodoProvider = async (deps, actor) => {
  if (actor.role === 'body') {
    const [simple, general] = await Promise.all([
      countInScope(deps.db, actor, ['pending_grading'], eq(enrolments.procedure, 'simple')),
      countInScope(deps.db, actor, ['pending_grading'], eq(enrolments.procedure, 'general')),
    ]);
    return [
      { label: '评定简易程序测评结果', count: simple, path: '/grading/simple', action: '去审核' },
      { label: '评定一般程序成绩结果', count: general, path: '/grading/general', action: '去审核' },
    ];
  }
  if (actor.role !== 'admin') return [];
  const [simple, general] = await Promise.all([
    countInScope(deps.db, actor, ['pending_reexam_grading'], eq(enrolments.procedure, 'simple')),
    countInScope(deps.db, actor, ['pending_reexam_grading'], eq(enrolments.procedure, 'general')),
  ]);
  const items: TodoItem[] = [
    { label: '评定简易程序再次考核', count: simple, path: '/reexam/grade-simple', action: '去评定' },
    { label: '评定一般程序再次考核', count: general, path: '/reexam/grade-general', action: '去评定' },
  ];
  if (actor.adminLevel === 'province') {
    items.push({
      label: '待确认再次考核名单',
      count: await countInScope(deps.db, actor, ['failed'], eq(enrolments.failReason, 'exam')),
      path: '/reexam/confirm',
      action: '去确认',
    });
  }
  return items;
};
