/**
 * The answer journal on the device (IndexedDB, decision 0050).
 *
 * Every answer is written here first, then sent. An entry is the latest value of one question
 * (choice + 标记) with a per-attempt sequence number; `sent` turns true when the server has
 * acknowledged that sequence number. The server applies a save only when its seq is newer than
 * what it holds, so entries can be resent any number of times, in seq order, after a network
 * loss, a reload or a browser restart.
 *
 * The paper and the last server state are kept beside the journal so that a reload while
 * offline still shows the test (the timer is re-synchronised with the server on reconnect).
 * Everything of an attempt is deleted once its result is shown.
 */
import { type DBSchema, type IDBPDatabase, openDB } from 'idb';
import type { TAttemptPaper, TAttemptState } from '../../../shared/schemas/exam';

export interface JournalEntry {
  attemptId: number;
  index: number;
  seq: number;
  choice: string[];
  marked: boolean;
  /** the server acknowledged this seq */
  sent: boolean;
}

export interface Snapshot {
  attemptId: number;
  paper: TAttemptPaper;
  state: TAttemptState;
  /** local clock time of the deadline, from the server's remaining seconds at the last sync */
  deadlineLocal: number;
}

interface JournalDb extends DBSchema {
  entries: { key: [number, number]; value: JournalEntry; indexes: { byAttempt: number } };
  snapshots: { key: number; value: Snapshot };
  meta: { key: string; value: { key: string; value: string | number } };
}

/** Storage behind the journal: IndexedDB, or memory where the browser refuses IndexedDB. */
interface Store {
  entries(attemptId: number): Promise<JournalEntry[]>;
  putEntry(e: JournalEntry, counter: number): Promise<void>;
  getMeta(key: string): Promise<string | number | undefined>;
  putMeta(key: string, value: string | number): Promise<void>;
  snapshot(attemptId: number): Promise<Snapshot | undefined>;
  putSnapshot(s: Snapshot): Promise<void>;
  discard(attemptId: number): Promise<void>;
  durable: boolean;
}

function idbStore(db: IDBPDatabase<JournalDb>): Store {
  return {
    durable: true,
    entries: (attemptId) => db.getAllFromIndex('entries', 'byAttempt', attemptId),
    async putEntry(e, counter) {
      // the entry and the attempt's counter in one transaction: a crash never reuses a seq
      const tx = db.transaction(['entries', 'meta'], 'readwrite');
      await Promise.all([
        tx.objectStore('entries').put(e),
        tx.objectStore('meta').put({ key: `seq:${e.attemptId}`, value: counter }),
        tx.done,
      ]);
    },
    getMeta: async (key) => (await db.get('meta', key))?.value,
    putMeta: async (key, value) => void (await db.put('meta', { key, value })),
    snapshot: (attemptId) => db.get('snapshots', attemptId),
    putSnapshot: async (s) => void (await db.put('snapshots', s)),
    async discard(attemptId) {
      const tx = db.transaction(['entries', 'snapshots', 'meta'], 'readwrite');
      const keys = await tx.objectStore('entries').index('byAttempt').getAllKeys(attemptId);
      await Promise.all([
        ...keys.map((k) => tx.objectStore('entries').delete(k)),
        tx.objectStore('snapshots').delete(attemptId),
        tx.objectStore('meta').delete(`seq:${attemptId}`),
        tx.done,
      ]);
    },
  };
}

function memoryStore(): Store {
  const entries = new Map<string, JournalEntry>();
  const meta = new Map<string, string | number>();
  const snaps = new Map<number, Snapshot>();
  return {
    durable: false,
    entries: async (attemptId) => [...entries.values()].filter((e) => e.attemptId === attemptId),
    async putEntry(e, counter) {
      entries.set(`${e.attemptId}:${e.index}`, e);
      meta.set(`seq:${e.attemptId}`, counter);
    },
    getMeta: async (key) => meta.get(key),
    putMeta: async (key, value) => void meta.set(key, value),
    snapshot: async (id) => snaps.get(id),
    putSnapshot: async (s) => void snaps.set(s.attemptId, s),
    async discard(id) {
      for (const [k, e] of entries) if (e.attemptId === id) entries.delete(k);
      snaps.delete(id);
    },
  };
}

let storePromise: Promise<Store> | null = null;
function store(): Promise<Store> {
  storePromise ??= openDB<JournalDb>('dk-exam-journal', 1, {
    upgrade(db) {
      db.createObjectStore('entries', { keyPath: ['attemptId', 'index'] }).createIndex('byAttempt', 'attemptId');
      db.createObjectStore('snapshots', { keyPath: 'attemptId' });
      db.createObjectStore('meta', { keyPath: 'key' });
    },
  }).then(idbStore, () => memoryStore());
  return storePromise;
}

function randomId(): string {
  const b = new Uint8Array(12);
  crypto.getRandomValues(b);
  return Array.from(b, (x) => x.toString(36).padStart(2, '0')).join('');
}

export class AnswerJournal {
  private constructor(
    private readonly s: Store,
    readonly attemptId: number,
    /** this browser profile's id (the server accepts saves from the device that opened the attempt last) */
    readonly deviceId: string,
    private counter: number,
  ) {}

  static async open(attemptId: number): Promise<AnswerJournal> {
    const s = await store();
    let deviceId = (await s.getMeta('deviceId')) as string | undefined;
    if (!deviceId) {
      deviceId = `d${randomId()}`;
      await s.putMeta('deviceId', deviceId);
    }
    const entries = await s.entries(attemptId);
    const counter = Math.max(Number((await s.getMeta(`seq:${attemptId}`)) ?? 0), ...entries.map((e) => e.seq), 0);
    return new AnswerJournal(s, attemptId, deviceId, counter);
  }

  /** false when the browser refused IndexedDB (answers then survive only while the page is open) */
  get durable(): boolean {
    return this.s.durable;
  }

  /** Number new entries above what the server already holds (a second device, a cleared journal). */
  raise(seqBase: number): void {
    this.counter = Math.max(this.counter, seqBase);
  }

  /** Write a question's new value to the journal (before it is sent). */
  async record(index: number, choice: string[], marked: boolean): Promise<JournalEntry> {
    const e: JournalEntry = { attemptId: this.attemptId, index, seq: ++this.counter, choice, marked, sent: false };
    await this.s.putEntry(e, this.counter);
    return e;
  }

  /** Every entry of the attempt (sent or not), in seq order. */
  async all(): Promise<JournalEntry[]> {
    return (await this.s.entries(this.attemptId)).sort((a, b) => a.seq - b.seq);
  }

  /** Entries the server has not acknowledged, oldest first: the order they are sent in. */
  async unsent(): Promise<JournalEntry[]> {
    return (await this.all()).filter((e) => !e.sent);
  }

  /** The server holds `seq` (or newer) for the question: the entry is sent unless it changed since. */
  async acknowledge(index: number, seq: number): Promise<void> {
    const e = (await this.s.entries(this.attemptId)).find((x) => x.index === index);
    if (e && !e.sent && e.seq <= seq) await this.s.putEntry({ ...e, sent: true }, this.counter);
  }

  snapshot(): Promise<Snapshot | undefined> {
    return this.s.snapshot(this.attemptId);
  }

  async keepSnapshot(paper: TAttemptPaper, state: TAttemptState, deadlineLocal: number): Promise<void> {
    await this.s.putSnapshot({ attemptId: this.attemptId, paper, state, deadlineLocal });
  }

  /** The attempt is over: nothing of it stays on the device. */
  discard(): Promise<void> {
    return this.s.discard(this.attemptId);
  }
}
