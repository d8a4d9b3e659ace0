import { and, count, eq } from 'drizzle-orm';
import { enrolments } from '../../db/schema/index.js';
import { registerTodoProvider } from '../../platform/todos.js';
import { enrolmentScope } from '../enrolment/enrolment.transition.js';

// 待评定 (institution, per procedure) and 待复核 (assessment body). Registered once per process.
registerTodoProvider(async (deps, actor) => {
  if (actor.role !== 'institution' && actor.role !== 'body') return [];
  const status = actor.role === 'institution' ? 'pending_evaluation' : 'pending_body_evaluation';
  const rows = await deps.db
    .select({ procedure: enrolments.procedure, n: count() })
    .from(enrolments)
    .where(and(enrolmentScope(actor), eq(enrolments.status, status)))
    .groupBy(enrolments.procedure);
  const n = (p: string) => rows.find((r) => r.procedure === p)?.n ?? 0;
  if (actor.role === 'institution') {
    return [
      { label: '简易程序待评定', count: n('simple'), path: '/procedure/evaluate/simple' },
      { label: '一般程序待评定', count: n('general'), path: '/procedure/evaluate/general' },
    ];
  }
  return [
    { label: '简易程序待复核', count: n('simple'), path: '/procedure/review/simple' },
    { label: '一般程序待复核', count: n('general'), path: '/procedure/review/general' },
  ];
});
