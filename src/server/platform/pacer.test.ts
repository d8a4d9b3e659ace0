import { performance } from 'node:perf_hooks';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { createPacer } from './pacer.js';

const burn = (ms: number) => {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    /* CPU work of one slice */
  }
};

/** Runs `slices` background slices of 5 ms while (optionally) a competitor burns 3 ms per loop turn. */
async function share(between: () => Promise<void>, competing: boolean, slices = 30) {
  let running = competing;
  let competitorMs = 0;
  const competitor = async () => {
    while (running) {
      burn(3);
      competitorMs += 3;
      await nextTurn();
    }
  };
  const c = competitor();
  const t0 = performance.now();
  for (let i = 0; i < slices; i++) {
    burn(5);
    await between();
  }
  const elapsed = performance.now() - t0;
  running = false;
  await c;
  return { background: (slices * 5) / elapsed, competitorMs };
}

describe('pacer: background work gives way to requests in the same process', () => {
  it('goes at full speed when nothing else waits on the loop', async () => {
    const p = createPacer({ share: 0.2 });
    await share(() => p.pace(), false);
    // Pausing after every 5-ms slice at a 20 % share would cost 30 × (5 / 0.2 − 5) = 600 ms.
    // A turn the operating system takes away from this process (other test files on the same
    // cores) looks like waiting work to the pacer and may cost a few pauses of ≈ 20 ms each
    // (seen 60 ms on a loaded run), so the bar is a quarter of pausing always, not zero.
    expect(p.pausedMs).toBeLessThan(150);
  });

  it('keeps its share of the loop near the asked 20 % when other work waits (unpaced it takes most)', async () => {
    const unpaced = await share(() => nextTurn(), true);
    const p = createPacer({ share: 0.2 });
    const paced = await share(() => p.pace(), true);
    // 5 ms of work per 3 ms of the competitor's: ≈ 62 % unpaced; ≈ 20 % asked
    expect(unpaced.background).toBeGreaterThan(0.45);
    expect(paced.background).toBeLessThan(0.35);
    expect(p.pausedMs).toBeGreaterThan(0);
  });
});
