import pg from 'pg';

/**
 * Read-only access to the e2e database, for checking outcomes (a status, a stored frame, a
 * frozen paper's answer key, the SMS the gateway recorded). Specs never WRITE here to arrange
 * state: they arrange through the product's own API (e2e/arrange), so every step goes through
 * the state machine and the audit like a real one.
 */
export function e2eDb(): pg.Pool {
  const port = Number(process.env.E2E_PG_PORT ?? 54341);
  return new pg.Pool({ connectionString: `postgres://dingkao:dingkao@127.0.0.1:${port}/dingkao`, max: 2 });
}
