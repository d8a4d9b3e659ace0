import pg from 'pg';

/** Direct access to the e2e database for arranging states the spec is not about. */
export function e2eDb(): pg.Pool {
  const port = Number(process.env.E2E_PG_PORT ?? 54341);
  return new pg.Pool({ connectionString: `postgres://dingkao:dingkao@127.0.0.1:${port}/dingkao`, max: 2 });
}
