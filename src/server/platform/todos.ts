import type { AppDeps } from '../app.js';
import type { Actor } from './actor.js';

export interface TodoItem {
  label: string;
  count: number;
  /** web path of the page where the items are handled */
  path: string;
}

type TodoProvider = (deps: AppDeps, actor: Actor) => Promise<TodoItem[]>;
const providers: TodoProvider[] = [];

/** Feature modules register their to-do counts (待审核 n) for the reviewer home pages. */
export function registerTodoProvider(p: TodoProvider): void {
  providers.push(p);
}

export async function collectTodos(deps: AppDeps, actor: Actor): Promise<TodoItem[]> {
  const lists = await Promise.all(providers.map((p) => p(deps, actor)));
  return lists.flat();
}
