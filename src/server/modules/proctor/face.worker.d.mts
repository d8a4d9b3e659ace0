import type { Analysis } from './proctor.quality.js';

/** Types of face.worker.mjs (plain ESM so the worker thread needs no TypeScript loader). */
export default function analyse(input: {
  image: Uint8Array;
  reference?: number[] | null;
  wantEmbedding?: boolean;
}): Promise<Analysis>;

export function similarity(a: number[], b: number[]): Promise<number>;
