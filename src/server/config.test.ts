import { describe, expect, it } from 'vitest';
import { defaultWorkers } from './config.js';

describe('defaultWorkers: API processes when WORKERS is not set (decision 0124)', () => {
  // cores, embedded database → processes
  const table: [number, boolean, number][] = [
    [1, true, 1],
    [2, true, 1],
    [4, true, 3],
    [16, true, 15],
    [1, false, 1],
    [2, false, 2],
    [8, false, 8],
  ];
  it.each(table)('%i cores, embedded database %s → %i', (cores, embedded, expected) => {
    expect(defaultWorkers(cores, embedded)).toBe(expected);
  });
});
