import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captchas, sessions, smsCodes } from '../db/schema/index.js';
import { createTestApp, type TestContext } from '../../../tests/helpers.js';
import { enqueueJob, loadJobDefinitions, runQueuedJobs, startTicker } from './jobs.js';

let t: TestContext;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const TASK = 'housekeeping.purge-expired';
const pending = async (key: string) =>
  (
    await t.db.execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE task_identifier = ${TASK} AND key = ${key}`,
    )
  ).rows[0].n;

describe('job queue', () => {
  it('discovers module job files and their schedules', async () => {
    const { jobs, schedules } = await loadJobDefinitions();
    expect(Object.keys(jobs)).toContain(TASK);
    expect(schedules.map((s) => s.task)).toContain(TASK);
  });

  it('discovers tickers; a ticker never overlaps itself, survives a failure and stops cleanly', async () => {
    const { tickers } = await loadJobDefinitions();
    expect(tickers.map((x) => x.name)).toContain('proctor.queue-frames');
    let runs = 0;
    let inFlight = 0;
    let most = 0;
    let release: () => void = () => undefined;
    const stop = startTicker(t.deps, {
      name: 'test.slow',
      everyMs: 5,
      run: async () => {
        runs++;
        inFlight++;
        most = Math.max(most, inFlight);
        // the first run fails, the second waits to be released: ticks meanwhile are skipped
        if (runs === 1) {
          inFlight--;
          throw new Error('first run fails');
        }
        await new Promise<void>((r) => {
          release = r;
        });
        inFlight--;
      },
    });
    await expect.poll(() => runs, { timeout: 5000 }).toBe(2);
    await new Promise((r) => setTimeout(r, 50)); // ten periods while the second run waits
    expect(runs).toBe(2);
    const stopped = stop();
    release();
    await stopped;
    expect(most).toBe(1);
    await new Promise((r) => setTimeout(r, 30));
    expect(runs).toBe(2);
  });

  it('adds a job only when the enclosing transaction commits', async () => {
    const key = `t-${process.pid}-${Date.now()}`;
    await t.db
      .transaction(async (tx) => {
        await enqueueJob(tx, TASK, {}, { jobKey: key });
        throw new Error('rollback');
      })
      .catch(() => undefined);
    expect(await pending(key)).toBe(0);
    await t.db.transaction((tx) => enqueueJob(tx, TASK, {}, { jobKey: key }));
    expect(await pending(key)).toBe(1);
    await runQueuedJobs(t.deps, { tasks: [TASK] });
    expect(await pending(key)).toBe(0);
  });

  it('refuses to run an unknown task', async () => {
    await expect(runQueuedJobs(t.deps, { tasks: ['nobody.nothing'] })).rejects.toThrow(/unknown job task/);
  });

  it('purges spent rows past their grace time and keeps the rest', async () => {
    // the real clock: a clock moved years ahead would purge the live sessions of the test files
    // running beside this one on the same database (proctor.test got 401s)
    const now = new Date();
    t.setNow(now);
    const h = (n: number) => new Date(now.getTime() + n * 3600_000);
    const [oldCaptcha, freshCaptcha] = await t.db
      .insert(captchas)
      .values([
        { answer: 'a', expiresAt: h(-25) },
        { answer: 'b', expiresAt: h(-23) },
      ])
      .returning({ id: captchas.id });
    const codes = await t.db
      .insert(smsCodes)
      .values([
        { accountId: 1, mobile: '13800000000', purpose: 'bind', codeHash: 'x', expiresAt: h(-8 * 24) },
        { accountId: 1, mobile: '13800000000', purpose: 'bind', codeHash: 'x', expiresAt: h(-6 * 24) },
      ])
      .returning({ id: smsCodes.id });
    const sid = `purge-${process.pid}-${Date.now()}`;
    await t.db.insert(sessions).values([
      { id: `${sid}-old`, accountId: 1, role: 'admin', csrfToken: 'c', expiresAt: h(-31 * 24) },
      {
        id: `${sid}-revoked-recently`,
        accountId: 1,
        role: 'admin',
        csrfToken: 'c',
        expiresAt: h(-40 * 24),
        revokedAt: h(-24),
      },
      { id: `${sid}-live`, accountId: 1, role: 'admin', csrfToken: 'c', expiresAt: h(5) },
    ]);
    await t.db.transaction((tx) => enqueueJob(tx, TASK, {}));
    await runQueuedJobs(t.deps, { tasks: [TASK] });

    const ids = async (q: ReturnType<typeof sql>) =>
      (await t.db.execute<{ id: string }>(q)).rows.map((r) => String(r.id));
    expect(await ids(sql`SELECT id FROM captchas WHERE id IN (${oldCaptcha.id}, ${freshCaptcha.id})`)).toEqual([
      freshCaptcha.id,
    ]);
    expect(await ids(sql`SELECT id FROM sms_codes WHERE id IN (${codes[0].id}, ${codes[1].id})`)).toEqual([
      String(codes[1].id),
    ]);
    expect((await ids(sql`SELECT id FROM sessions WHERE id LIKE ${`${sid}%`} ORDER BY id`)).sort()).toEqual(
      [`${sid}-live`, `${sid}-revoked-recently`].sort(),
    );
  });
});
