/**
 * To-do cards (待办) on the reviewers' home pages. Convention: a module that has work waiting
 * for a role declares it in `modules/<m>/<m>.todos.ts` as `export const todos: TodoProvider`;
 * providers are discovered like routes and jobs, so adding one never edits another file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { AppDeps } from '../app.js';
import type { Actor } from './actor.js';

export interface TodoItem {
  /** the manual's name for the work, e.g. 复核一般程序申请 */
  label: string;
  count: number;
  /** web path of the page where the items are handled (the card opens it) */
  path: string;
  /** the manual's button on the card: 去审核 / 去评定 / 去确认 / 去处理 */
  action: string;
}

export type TodoProvider = (deps: AppDeps, actor: Actor) => Promise<TodoItem[]>;

const MODULES_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'modules');
const registered: TodoProvider[] = [];
let discovered: Promise<TodoProvider[]> | null = null;

async function discover(): Promise<TodoProvider[]> {
  const out: TodoProvider[] = [];
  for (const dir of fs.readdirSync(MODULES_DIR).sort()) {
    for (const ext of ['.ts', '.js']) {
      const file = path.join(MODULES_DIR, dir, `${dir}.todos${ext}`);
      if (!fs.existsSync(file)) continue;
      const mod = (await import(pathToFileURL(file).href)) as { todos?: TodoProvider };
      if (mod.todos) out.push(mod.todos);
      break;
    }
  }
  return out;
}

/** @deprecated declare `export const todos` in `<m>.todos.ts` instead (discovered). */
export function registerTodoProvider(p: TodoProvider): void {
  registered.push(p);
}

export async function collectTodos(deps: AppDeps, actor: Actor): Promise<TodoItem[]> {
  discovered ??= discover();
  const providers = [...(await discovered), ...registered];
  const lists = await Promise.all(providers.map((p) => p(deps, actor)));
  return lists.flat();
}
