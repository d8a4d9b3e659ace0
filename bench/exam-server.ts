/**
 * A server process for the exam benchmarks.
 * BENCH_MODE=app  — the real application (buildApp, all modules, real sessions) on DATABASE_URL.
 * BENCH_MODE=bare — the baselines: bare Fastify + pg, one statement per request, no hooks, no
 *                   validation. `/bare` is a plain single-row UPSERT (the ceiling of any save on
 *                   this machine); `/same` is the real save's own guarded statement (so the
 *                   application's own cost is app ÷ same).
 */
import Fastify from 'fastify';
import pino from 'pino';
import { buildApp } from '../src/server/app.js';
import { loadConfig } from '../src/server/config.js';
import { createDb, createPool } from '../src/server/db/client.js';
import { OutboxSmsGateway } from '../src/server/platform/sms.js';
import { createStorage } from '../src/server/platform/storage.js';

const mode = process.env.BENCH_MODE ?? 'app';
const port = Number(process.env.PORT ?? 3205);
const url = process.env.DATABASE_URL!;
const poolSize = Number(process.env.BENCH_POOL ?? 20);

async function main() {
  const pool = createPool(url, poolSize);
  if (mode === 'bare') {
    await pool.query(
      `CREATE TABLE IF NOT EXISTS bench_bare_answers (attempt_id bigint NOT NULL, question_index smallint NOT NULL, choice text NOT NULL, saved_at timestamptz NOT NULL, PRIMARY KEY (attempt_id, question_index))`,
    );
    const app = Fastify({ logger: false });
    app.get('/ready', async () => ({ ok: true }));
    app.put<{ Params: { id: string; index: string }; Body: { choice: string[] } }>('/bare/:id/:index', async (req) => {
      await pool.query({
        name: 'bare_upsert',
        text: `INSERT INTO bench_bare_answers (attempt_id, question_index, choice, saved_at) VALUES ($1, $2, $3, now())
               ON CONFLICT (attempt_id, question_index) DO UPDATE SET choice = EXCLUDED.choice, saved_at = EXCLUDED.saved_at`,
        values: [Number(req.params.id), Number(req.params.index), req.body.choice.join(',')],
      });
      return { ok: true };
    });
    // the real save's own statement (session, CSRF, ownership and journal guards in one UPSERT) in
    // bare Fastify: no hooks, no validation, no serialiser — app ÷ this = the application's own cost
    const { upsertAnswerWithSession } = await import('../src/server/modules/exam/exam.repo.js');
    const { sessionIdOf } = await import('../src/server/platform/sessions.js');
    app.put<{ Params: { id: string; index: string }; Body: { choice: string[]; seq: number; deviceId: string } }>(
      '/same/:id/:index',
      async (req, reply) => {
        const token = /dk_session=([^;]+)/.exec(req.headers.cookie ?? '')?.[1] ?? '';
        const ok = await upsertAnswerWithSession(pool, {
          attemptId: Number(req.params.id),
          index: Number(req.params.index),
          choice: req.body.choice.join(','),
          marked: null,
          now: new Date(),
          seq: req.body.seq,
          deviceId: req.body.deviceId,
          sessionId: sessionIdOf(token),
          csrfToken: String(req.headers['x-csrf-token']),
        });
        if (!ok) return reply.status(409).send({ ok: false });
        return { ok: true, applied: true, seq: req.body.seq };
      },
    );
    await app.listen({ port, host: '127.0.0.1' });
  } else {
    const config = loadConfig({ ...process.env, DATA_DIR: '/tmp/h-exam-bench-files' });
    const logger = pino({ level: config.LOG_LEVEL });
    const app = await buildApp({
      config,
      db: createDb(pool),
      pool,
      // the product's layout (DATA_DIR/files): a separate `worker.ts` with the same DATA_DIR reads the same files
      storage: createStorage(config),
      sms: new OutboxSmsGateway(),
      logger,
      now: () => new Date(),
    });
    app.get('/ready', async () => ({ ok: true }));
    await app.listen({ port, host: '127.0.0.1' });
  }
  process.on('SIGTERM', () => process.exit(0));
}

main().catch((err) => {
  process.stderr.write(`${String(err?.stack ?? err)}\n`);
  process.exit(1);
});
