/**
 * The exam module's in-process caches, created once per process and handed to the use cases
 * through their deps (no module-level state): the attempt metadata of the save hot path and
 * the enabled bank per (province, paper, 执业类别) that drawing reads at an exam peak.
 *
 * Both are safe with N processes: a save is guarded in SQL by the attempt's own row (status,
 * deadline, device), so a stale entry only costs one refresh; a bank entry lives 15 s.
 */
import type { BankQuestion, FrozenPaper, PaperType } from './paper.js';

export interface AttemptMeta {
  id: number;
  physicianId: number;
  enrolmentId: number;
  paperType: PaperType;
  status: 'in_progress' | 'submitted' | 'timed_out';
  deadlineAt: Date;
  paper: FrozenPaper;
  /** the rendered paper, serialised once */
  paperJson?: string;
}

export interface BankCache {
  get(key: string, now: number): BankQuestion[] | undefined;
  set(key: string, rows: BankQuestion[], now: number): void;
  clear(): void;
}

export interface AttemptCache {
  get(id: number): AttemptMeta | undefined;
  set(meta: AttemptMeta): void;
  forget(id: number): void;
}

export interface ExamCaches {
  attempts: AttemptCache;
  bank: BankCache;
}

const BANK_TTL_MS = 15_000;
const META_MAX = 50_000;

export function createBankCache(ttlMs = BANK_TTL_MS): BankCache {
  const m = new Map<string, { at: number; rows: BankQuestion[] }>();
  return {
    get: (key, now) => {
      const hit = m.get(key);
      return hit && now - hit.at < ttlMs ? hit.rows : undefined;
    },
    set: (key, rows, now) => void m.set(key, { at: now, rows }),
    clear: () => m.clear(),
  };
}

export function createAttemptCache(max = META_MAX): AttemptCache {
  const m = new Map<number, AttemptMeta>();
  return {
    get: (id) => m.get(id),
    set: (meta) => {
      if (m.size >= max) m.delete(m.keys().next().value!);
      m.set(meta.id, meta);
    },
    forget: (id) => void m.delete(id),
  };
}

export function createExamCaches(): ExamCaches {
  return { attempts: createAttemptCache(), bank: createBankCache() };
}

/** What every exam use case receives (defined beside `examDeps`, which builds it). */
export type { ExamDeps } from './exam.deps.js';
