/**
 * Login throughput: argon2id verify + session creation, through HTTP against a running server.
 *
 *   PORT=3202 EMBEDDED_PG_PORT=55202 DATA_DIR=/tmp/phys-scale CAPTCHA_DISABLED=1 LOG_LEVEL=warn npx tsx src/server/main.ts &
 *   BASE_URL=http://127.0.0.1:3202 DATABASE_URL=postgres://dingkao:dingkao@127.0.0.1:55202/dingkao \
 *     npx tsx bench/login.bench.ts [--duration 20] [--connections 16]
 *
 * The login rate limit is per client IP + login name (20/min), so every request uses another
 * physician account of the scale data set (password SCALE_PASSWORD); each account is used once.
 */
// @ts-expect-error autocannon ships no type declarations
import autocannon from 'autocannon';
import pg from 'pg';
import { SCALE_PASSWORD } from '../scripts/seed-scale.js';

const arg = (k: string, d: number) => {
  const i = process.argv.indexOf(`--${k}`);
  return i >= 0 ? Number(process.argv[i + 1]) : d;
};
const duration = arg('duration', 20);
const connections = arg('connections', 16);
const base = process.env.BASE_URL ?? 'http://127.0.0.1:3202';
const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL is required');

async function main() {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  // enough distinct accounts for 600 logins/s over the run
  const need = Math.max(2000, duration * 600);
  const { rows } = await c.query<{ login: string; name: string }>(
    `SELECT a.login, p.name FROM accounts a JOIN physicians p ON p.id = a.physician_id
      JOIN organisations o ON o.id = p.institution_id WHERE a.kind = 'physician' AND o.code LIKE 'sc%'
      ORDER BY a.id DESC LIMIT $1`,
    [need],
  );
  await c.end();
  if (rows.length < need) throw new Error(`only ${rows.length} scale accounts; run npm run seed:scale first`);
  let i = 0;
  const result = await autocannon({
    url: base,
    connections,
    duration,
    requests: [
      {
        method: 'POST',
        path: '/api/auth/physician-login',
        headers: { 'content-type': 'application/json' },
        setupRequest: (req: Record<string, unknown>) => {
          const a = rows[i++ % rows.length];
          return { ...req, body: JSON.stringify({ idNumber: a.login, name: a.name, password: SCALE_PASSWORD }) };
        },
      },
    ],
  });
  const summary = {
    duration,
    connections,
    requests: result.requests.total,
    loginsPerSecond: +(result['2xx'] / duration).toFixed(1),
    ok2xx: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    latencyMs: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max },
    target: 200,
    pass: result['2xx'] / duration >= 200 && result.non2xx === 0,
    cpus: (await import('node:os')).cpus().length,
    loadavg: (await import('node:os')).loadavg().map((x) => +x.toFixed(2)),
  };
  process.stdout.write(`${JSON.stringify(summary, null, 1)}\n`);
}

main().catch((e) => {
  process.stderr.write(`${e?.stack ?? e}\n`);
  process.exit(1);
});
