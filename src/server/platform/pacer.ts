import { performance } from 'node:perf_hooks';
import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises';

/**
 * Background work (export jobs, batch PDFs) that runs in a process which also serves requests
 * gives way to them. Call `pace()` between slices of work. It yields one turn of the event loop
 * and measures how long that turn took: the time the loop spent on other callbacks (answer saves,
 * page requests). When others were waiting, it pauses so that the background's share of the
 * loop stays at most `share` (the slice's duration ÷ share, minus what others already had);
 * when nobody else was waiting, the work goes on at full speed.
 *
 * A slice's duration is wall time (it includes the database round trip of the next batch), so
 * under load the pacing errs towards the requests. Separate job processes (`npm run worker`)
 * get the same priority from the operating system instead (worker.ts lowers its own).
 */
export interface Pacer {
  pace(): Promise<void>;
  /** total time paused so far (ms), for logs and tests */
  readonly pausedMs: number;
}

export function createPacer(opts: { share?: number; busyMs?: number; maxPauseMs?: number } = {}): Pacer {
  const share = opts.share ?? 0.2;
  /** a turn longer than this means other callbacks ran in it */
  const busyMs = opts.busyMs ?? 2;
  const maxPauseMs = opts.maxPauseMs ?? 500;
  let sliceStart = performance.now();
  let pausedMs = 0;
  return {
    get pausedMs() {
      return pausedMs;
    },
    async pace() {
      const slice = performance.now() - sliceStart;
      const t = performance.now();
      await nextTurn();
      const others = performance.now() - t;
      if (others > busyMs) {
        const pause = Math.min(maxPauseMs, slice / share - slice - others);
        if (pause > 0) {
          await sleep(pause);
          pausedMs += pause;
        }
      }
      sliceStart = performance.now();
    },
  };
}
