import { createHash } from 'node:crypto';
import pg from 'pg';

/**
 * Statements the product runs again and again are prepared once per connection (decision 0122).
 *
 * drizzle sends every query as an unnamed statement, so PostgreSQL parses, analyses and plans it
 * on every call; on exam day that planning was about a fifth of PostgreSQL's statement time. A
 * parameterised statement text seen `threshold` times gets a name derived from its text, and
 * node-postgres then prepares it once per connection (as pgJDBC does after five executions).
 * PostgreSQL still plans the first five executions of a prepared statement with their values and
 * keeps a generic plan only when it is not estimated to cost more.
 *
 * Bounded: at most `maxNames` distinct texts are ever named in a process (a statement stays
 * prepared for the connection's life), texts longer than `maxTextLength` never are, and neither
 * are texts without parameters (those may hold several commands, which a prepared statement
 * cannot). Counting stops for new texts once `maxTracked` are counted.
 */
export class StatementNamer {
  private readonly seen = new Map<string, number>();
  private readonly names = new Map<string, string>();

  constructor(private readonly opts = { threshold: 3, maxNames: 400, maxTracked: 5000, maxTextLength: 8000 }) {}

  /** The name to prepare `text` under, or undefined to send it unnamed this time. */
  nameFor(text: string): string | undefined {
    const named = this.names.get(text);
    if (named) return named;
    if (text.length > this.opts.maxTextLength || this.names.size >= this.opts.maxNames) return undefined;
    const n = (this.seen.get(text) ?? 0) + 1;
    if (n === 1 && this.seen.size >= this.opts.maxTracked) return undefined;
    if (n < this.opts.threshold) {
      this.seen.set(text, n);
      return undefined;
    }
    this.seen.delete(text);
    const name = `dk_auto_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    this.names.set(text, name);
    return name;
  }

  get size(): number {
    return this.names.size;
  }
}

const namer = new StatementNamer();

type QueryConfigLike = { text?: unknown; name?: unknown; values?: unknown[]; submit?: unknown };

/** Adds a name to a parameterised, unnamed query config the namer has seen often enough. */
export function withAutoName<T>(config: T, values: unknown, n: StatementNamer = namer): T {
  if (!config || typeof config !== 'object') return config;
  const c = config as QueryConfigLike;
  // a Query/Cursor object (has submit) or an already named statement goes as it is
  if (c.submit || c.name || typeof c.text !== 'string') return config;
  const params = Array.isArray(values) ? values : c.values;
  if (!params?.length) return config;
  const name = n.nameFor(c.text);
  return name ? ({ ...c, name } as T) : config;
}

/** The pool's client: every query passes `withAutoName` first. */
export class AutoPreparingClient extends pg.Client {
  // biome-ignore lint/suspicious/noExplicitAny: pg.Client.query has a dozen overloads; this forwards all of them
  override query(config: any, values?: any, callback?: any): any {
    return super.query(withAutoName(config, values), values, callback);
  }
}
