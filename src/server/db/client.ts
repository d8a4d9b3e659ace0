import pg from 'pg';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { AutoPreparingClient } from './prepared.js';
import * as schema from './schema/index.js';

export type Db = NodePgDatabase<typeof schema> & { $client: pg.Pool };
/** A transaction handle; repositories accept either. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

// Dates stay strings ('YYYY-MM-DD'); bigint ids as numbers (ids stay far below 2^53).
pg.types.setTypeParser(1082, (v) => v);
pg.types.setTypeParser(20, (v) => Number(v));

export function createPool(url: string, max = 20): pg.Pool {
  // statements run again and again are prepared once per connection (decision 0122); DB_AUTO_PREPARE=0
  // turns that off, e.g. behind a pooler in transaction mode that cannot keep prepared statements
  const Client = process.env.DB_AUTO_PREPARE === '0' ? pg.Client : AutoPreparingClient;
  const pool = new pg.Pool({ connectionString: url, max, idleTimeoutMillis: 30_000, Client });
  // A connection that breaks while idle (database restart, network) must not crash the process:
  // the next query gets a fresh connection. Errors during a query still reach the caller.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  return pool;
}

export function createDb(pool: pg.Pool): Db {
  return drizzle(pool, { schema });
}
