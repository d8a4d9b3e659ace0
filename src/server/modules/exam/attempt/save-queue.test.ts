import { describe, expect, it } from 'vitest';
import { createSaveQueue } from './save-queue.js';

/** A save in these tests: the attempt and a label. */
interface Row {
  attempt: number;
  label: string;
}

/**
 * A fake database: every statement waits until the test releases it, and the log records what
 * was sent as one statement ('one:' or 'batch:' and the labels), so the batches can be compared
 * with a table written by hand.
 */
function fakeDb(outcome: (r: Row) => boolean | 'error' = () => true) {
  const log: string[] = [];
  const pending: (() => void)[] = [];
  const wait = () => new Promise<void>((r) => pending.push(r));
  const runOne = async (r: Row) => {
    log.push(`one:${r.label}`);
    await wait();
    const o = outcome(r);
    if (o === 'error') throw new Error(`bad ${r.label}`);
    return o;
  };
  const runBatch = async (rows: Row[]) => {
    log.push(`batch:${rows.map((r) => r.label).join(',')}`);
    await wait();
    if (rows.some((r) => outcome(r) === 'error')) throw new Error('statement failed');
    return rows.map((r) => outcome(r) === true);
  };
  /** let every statement sent so far finish, then give the queue a turn to send the next ones */
  const release = async () => {
    for (const r of pending.splice(0)) r();
    for (let i = 0; i < 5; i++) await Promise.resolve();
    await new Promise((r) => setImmediate(r));
  };
  return { log, runOne, runBatch, release };
}

const row = (attempt: number, label: string): Row => ({ attempt, label });

describe('answer-save queue (group commit)', () => {
  it('an idle queue sends a save at once, alone; saves arriving meanwhile go together in the next statement', async () => {
    const db = fakeDb();
    const q = createSaveQueue<Row>(db.runBatch, db.runOne, (r) => r.attempt, { maxBatch: 10, maxInFlight: 1 });
    const results = [q.save(row(1, 'a')), q.save(row(2, 'b')), q.save(row(3, 'c')), q.save(row(4, 'd'))];
    expect(db.log).toEqual(['one:a']);
    expect(q.waiting).toBe(3);
    await db.release();
    expect(db.log).toEqual(['one:a', 'batch:b,c,d']);
    await db.release();
    expect(await Promise.all(results)).toEqual([true, true, true, true]);
    expect(q.waiting).toBe(0);
  });

  it('one save per attempt per statement, in arrival order; at most maxBatch rows; maxInFlight statements at once', async () => {
    const db = fakeDb();
    const q = createSaveQueue<Row>(db.runBatch, db.runOne, (r) => r.attempt, { maxBatch: 3, maxInFlight: 2 });
    const all = [
      q.save(row(1, 'a1')),
      q.save(row(2, 'b1')),
      // these wait: two statements are already out
      q.save(row(1, 'a2')),
      q.save(row(1, 'a3')),
      q.save(row(3, 'c1')),
      q.save(row(4, 'd1')),
      q.save(row(5, 'e1')),
      q.save(row(3, 'c2')),
    ];
    expect(db.log).toEqual(['one:a1', 'one:b1']);
    await db.release();
    await db.release();
    await db.release();
    expect(db.log).toEqual([
      'one:a1',
      'one:b1',
      // the first two free slots: a2 with c1 and d1 (3 rows, e1 left for later), then a3 with e1 and c2
      'batch:a2,c1,d1',
      'batch:a3,e1,c2',
    ]);
    expect(await Promise.all(all)).toEqual(Array(8).fill(true));
  });

  it('each caller gets its own row’s outcome', async () => {
    const db = fakeDb((r) => r.label !== 'stale');
    const q = createSaveQueue<Row>(db.runBatch, db.runOne, (r) => r.attempt, { maxBatch: 10, maxInFlight: 1 });
    const all = [q.save(row(1, 'first')), q.save(row(2, 'ok')), q.save(row(3, 'stale')), q.save(row(4, 'ok2'))];
    await db.release();
    await db.release();
    expect(db.log).toEqual(['one:first', 'batch:ok,stale,ok2']);
    expect(await Promise.all(all)).toEqual([true, true, false, true]);
  });

  it('a statement that fails as a whole is retried save by save: only the bad save fails', async () => {
    const db = fakeDb((r) => (r.label === 'bad' ? 'error' : true));
    const q = createSaveQueue<Row>(db.runBatch, db.runOne, (r) => r.attempt, { maxBatch: 10, maxInFlight: 1 });
    const all = [q.save(row(1, 'x')), q.save(row(2, 'y')), q.save(row(3, 'bad')), q.save(row(4, 'z'))].map((p) =>
      p.then(
        (v) => String(v),
        (e: Error) => e.message,
      ),
    );
    await db.release();
    await db.release();
    await db.release();
    expect(db.log).toEqual(['one:x', 'batch:y,bad,z', 'one:y', 'one:bad', 'one:z']);
    expect(await Promise.all(all)).toEqual(['true', 'true', 'bad bad', 'true']);
    // the queue goes on afterwards
    const later = q.save(row(5, 'w'));
    await db.release();
    expect(await later).toBe(true);
  });

  it('maxBatch 1 is one statement per save (grouping off)', async () => {
    const db = fakeDb();
    const q = createSaveQueue<Row>(db.runBatch, db.runOne, (r) => r.attempt, { maxBatch: 1, maxInFlight: 1 });
    const all = [q.save(row(1, 'a')), q.save(row(2, 'b')), q.save(row(3, 'c'))];
    await db.release();
    await db.release();
    await db.release();
    expect(db.log).toEqual(['one:a', 'one:b', 'one:c']);
    expect(await Promise.all(all)).toEqual([true, true, true]);
  });
});
