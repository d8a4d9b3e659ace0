/**
 * Group commit for answer saves (decision 0123).
 *
 * At an exam peak thousands of phones save at once, and a save's own statement is tiny: what
 * PostgreSQL spends on it is mostly per statement (bind, executor start, commit, WAL flush),
 * not per row. So the saves a process receives while its earlier saves are still in the database
 * go together as one multi-row statement ("natural batching": an idle queue sends a save at
 * once, alone, with no added wait; only saves that would have queued for a connection anyway
 * are grouped).
 *
 * Rules the queue keeps, whatever the load:
 * - a batch holds at most one save per attempt (one phone's saves keep their order, and no
 *   batch ever writes the same answer row twice); a second save of the same attempt waits for
 *   the next batch, in arrival order;
 * - at most `maxInFlight` batches are in the database at a time, each at most `maxBatch` rows;
 * - a batch that fails as a whole (any error) is retried save by save, so one bad save can
 *   only fail itself;
 * - each caller learns exactly whether its own save was applied.
 */

export interface QueueOptions {
  /** rows per statement, at most; 1 = every save is its own statement (no grouping) */
  maxBatch: number;
  /** statements in the database at a time, at most */
  maxInFlight: number;
}

export interface SaveQueue<T> {
  /** resolves true when the save was applied, false when the statement wrote nothing for it */
  save(row: T): Promise<boolean>;
  /** saves waiting for a batch (not yet sent) */
  readonly waiting: number;
}

interface Entry<T> {
  row: T;
  resolve: (applied: boolean) => void;
  reject: (err: unknown) => void;
}

/**
 * @param runBatch writes ≥ 2 rows in one statement; returns, per row (same order), whether it was applied
 * @param runOne   writes one row alone
 * @param attemptOf the attempt a row belongs to (one per batch)
 */
export function createSaveQueue<T>(
  runBatch: (rows: T[]) => Promise<boolean[]>,
  runOne: (row: T) => Promise<boolean>,
  attemptOf: (row: T) => number,
  opts: QueueOptions,
): SaveQueue<T> {
  let queue: Entry<T>[] = [];
  let inFlight = 0;

  const settleOne = (e: Entry<T>) => runOne(e.row).then(e.resolve, e.reject);

  async function send(batch: Entry<T>[]): Promise<void> {
    if (batch.length === 1) return settleOne(batch[0]);
    let applied: boolean[];
    try {
      applied = await runBatch(batch.map((e) => e.row));
    } catch {
      // one save may have made the whole statement fail: each save on its own, so only it fails
      await Promise.all(batch.map(settleOne));
      return;
    }
    for (const [i, e] of batch.entries()) e.resolve(applied[i] === true);
  }

  function take(): Entry<T>[] {
    const batch: Entry<T>[] = [];
    const rest: Entry<T>[] = [];
    const attempts = new Set<number>();
    for (const e of queue) {
      const attempt = attemptOf(e.row);
      if (batch.length < opts.maxBatch && !attempts.has(attempt)) {
        attempts.add(attempt);
        batch.push(e);
      } else rest.push(e);
    }
    queue = rest;
    return batch;
  }

  function pump(): void {
    while (inFlight < opts.maxInFlight && queue.length) {
      const batch = take();
      inFlight++;
      void send(batch).finally(() => {
        inFlight--;
        pump();
      });
    }
  }

  return {
    save(row) {
      return new Promise<boolean>((resolve, reject) => {
        queue.push({ row, resolve, reject });
        pump();
      });
    },
    get waiting() {
      return queue.length;
    },
  };
}
