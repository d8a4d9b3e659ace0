/**
 * The face model behind one small interface: analyse a JPEG (faces, boxes, anti-spoof / liveness
 * scores, embedding or similarity to a reference) in a piscina worker-thread pool, never on the
 * API event loop. One pool per process, created on first use, `PROCTOR_FACE_THREADS` threads.
 */
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import type { Analysis } from './proctor.quality.js';

const WORKER = fileURLToPath(new URL('./face.worker.mjs', import.meta.url));

export const FACE_MODEL = 'human-faceres';

let pool: Piscina | null = null;

function getPool(threads = 1): Piscina {
  pool ??= new Piscina({
    filename: WORKER,
    minThreads: 0,
    maxThreads: Math.max(1, threads),
    // a model load costs ~1 s: keep idle threads for a while
    idleTimeout: 5 * 60_000,
    // frames queue here only briefly: the job queue is the real backlog
    maxQueue: 1000,
  });
  return pool;
}

export interface AnalyseOptions {
  reference?: number[] | null;
  wantEmbedding?: boolean;
  threads?: number;
}

export async function analyseImage(image: Buffer, opts: AnalyseOptions = {}): Promise<Analysis> {
  return (await getPool(opts.threads).run({
    image: new Uint8Array(image),
    reference: opts.reference ?? null,
    wantEmbedding: opts.wantEmbedding ?? false,
  })) as Analysis;
}

export async function closeFacePool(): Promise<void> {
  const p = pool;
  pool = null;
  if (p) await p.destroy();
}
