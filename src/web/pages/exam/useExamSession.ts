import { useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import type {
  TAttemptPaper,
  TAttemptState,
  TClaimResult,
  TSaveAnswerResult,
  TSubmitResult,
} from '../../../shared/schemas/exam';
import { ApiError, api } from '../../api/client';
import { useMe } from '../../app/auth';
import { AnswerJournal } from './journal';

export interface ExamResult {
  score: number;
  passed: boolean;
  timedOut: boolean;
  passLine: number;
}

type Phase = 'loading' | 'error' | 'answering' | 'result';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** a network failure, a restarting server or a rate limit: keep the entry and retry */
const retryable = (e: unknown) => !(e instanceof ApiError) || e.status >= 500 || e.status === 408 || e.status === 429;
const closing = (e: unknown) => e instanceof ApiError && (e.code === 'TIME_UP' || e.code === 'ATTEMPT_CLOSED');

/** Wait until the browser reports a connection again (or `ms`, to probe a flaky one). */
function waitOnline(ms: number): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      window.removeEventListener('online', done);
      clearTimeout(t);
      resolve();
    };
    const t = setTimeout(done, ms);
    window.addEventListener('online', done);
  });
}

/**
 * One attempt on this device: the paper, the answers (server state + the device's journal),
 * sending the journal in order, the server's timer, 交卷 and the result.
 */
export function useExamSession(id: number) {
  const { message: msg } = App.useApp();
  const { refresh: refreshMe } = useMe();
  const qc = useQueryClient();
  // kept in refs: the callbacks below must stay stable, or opening the attempt would run again
  const ui = useRef({ message: msg, refresh: refreshMe });
  ui.current = { message: msg, refresh: refreshMe };
  const [phase, setPhase] = useState<Phase>('loading');
  const [error, setError] = useState('');
  const [paper, setPaper] = useState<TAttemptPaper | null>(null);
  const [info, setInfo] = useState<Pick<TAttemptState, 'label' | 'passLine' | 'questionCount'> | null>(null);
  const [answers, setAnswers] = useState<Record<number, string[]>>({});
  const [marked, setMarked] = useState<Record<number, boolean>>({});
  const [unsent, setUnsent] = useState<Record<number, true>>({});
  const [online, setOnline] = useState(true);
  const [deadline, setDeadline] = useState<number | null>(null);
  const [result, setResult] = useState<ExamResult | null>(null);
  const [replaced, setReplaced] = useState(false);
  const [durable, setDurable] = useState(true);
  const journal = useRef<AnswerJournal | null>(null);
  const closed = useRef(false);
  const lock = useRef<Promise<unknown>>(Promise.resolve());
  const pumping = useRef(false);
  /** answers being written to the journal (IndexedDB) right now: 交卷 waits for them */
  const recording = useRef(new Set<Promise<unknown>>());
  const snap = useRef<{ paper: TAttemptPaper; state: TAttemptState } | null>(null);

  const exclusive = useCallback(<T>(fn: () => Promise<T>): Promise<T> => {
    const run = lock.current.then(fn, fn);
    lock.current = run.catch(() => undefined);
    return run;
  }, []);

  const showResult = useCallback(
    async (s: TAttemptState) => {
      closed.current = true;
      setResult({ score: s.score ?? 0, passed: !!s.passed, timedOut: s.status === 'timed_out', passLine: s.passLine });
      setPhase('result');
      qc.invalidateQueries({ queryKey: ['exam-overview'] });
      await journal.current?.discard();
    },
    [qc],
  );

  /** The server closes the attempt at its deadline; the local countdown may reach 0 a moment earlier. */
  const finishFromServer = useCallback(async () => {
    if (closed.current) return;
    closed.current = true;
    for (let i = 0; i < 60; i++) {
      const s = await api.get<TAttemptState>(`/api/exam/attempts/${id}`).catch(() => null);
      if (s && s.status !== 'in_progress') return showResult(s);
      await sleep(s ? Math.max(500, s.remainingSeconds * 1000) : 2000);
    }
  }, [id, showResult]);

  /** Send unsent journal entries in seq order until done or the network fails. */
  const sendPass = useCallback(
    (): Promise<'done' | 'offline' | 'stopped'> =>
      exclusive(async () => {
        const j = journal.current;
        if (!j) return 'stopped';
        let csrfRetried = false;
        for (const e of await j.unsent()) {
          if (closed.current) return 'stopped';
          try {
            const r = await api.put<TSaveAnswerResult>(`/api/exam/attempts/${id}/answers/${e.index}`, {
              choice: e.choice,
              marked: e.marked,
              seq: e.seq,
              deviceId: j.deviceId,
            });
            await j.acknowledge(e.index, r.seq);
            setDeadline(Date.now() + r.remainingSeconds * 1000);
            setOnline(true);
          } catch (err) {
            if (closing(err)) {
              ui.current.message.warning((err as ApiError).message);
              await finishFromServer();
              return 'stopped';
            }
            if (err instanceof ApiError && err.code === 'DEVICE_REPLACED') {
              closed.current = true;
              setReplaced(true);
              return 'stopped';
            }
            if (err instanceof ApiError && err.code === 'CSRF' && !csrfRetried) {
              // back online after a reload without network: the session's token is fetched again
              csrfRetried = true;
              // never hold the send lock on it: a refetch paused by the query client must not stall the journal
              await Promise.race([ui.current.refresh(), sleep(5000)]);
              return 'offline';
            }
            if (retryable(err)) {
              setOnline(false);
              return 'offline';
            }
            // refused as invalid (cannot become valid by resending): say so, keep the rest going
            ui.current.message.error((err as Error).message);
            await j.acknowledge(e.index, e.seq);
          } finally {
            const left = await j.unsent();
            setUnsent(Object.fromEntries(left.map((x) => [x.index, true as const])));
          }
        }
        return 'done';
      }),
    [exclusive, finishFromServer, id],
  );

  /** Keep sending in the background until everything is on the server. */
  const pump = useCallback(async () => {
    if (pumping.current) return;
    pumping.current = true;
    try {
      for (;;) {
        const r = await sendPass();
        if (r !== 'offline') return;
        await waitOnline(3000);
      }
    } finally {
      pumping.current = false;
    }
  }, [sendPass]);

  // open: server state (or the device's copy when offline), journal replay, take the attempt on this device
  useEffect(() => {
    let cancelled = false;
    (async () => {
      const j = await AnswerJournal.open(id);
      journal.current = j;
      setDurable(j.durable);
      let state: TAttemptState;
      let p: TAttemptPaper;
      let deadlineLocal: number;
      try {
        state = await api.get<TAttemptState>(`/api/exam/attempts/${id}`);
        if (state.status !== 'in_progress') return void (await showResult(state));
        p = await api.get<TAttemptPaper>(`/api/exam/attempts/${id}/paper`);
        const claim = await api.post<TClaimResult>(`/api/exam/attempts/${id}/claim`, { deviceId: j.deviceId });
        j.raise(claim.seqBase);
        deadlineLocal = Date.now() + claim.remainingSeconds * 1000;
        await j.keepSnapshot(p, state, deadlineLocal);
      } catch (err) {
        if (closing(err)) return void (await finishFromServer());
        const s = retryable(err) ? await j.snapshot() : undefined;
        if (!s) {
          if (!cancelled) {
            setError(retryable(err) ? '网络未连接，请恢复网络后刷新页面' : (err as Error).message);
            setPhase('error');
          }
          return;
        }
        // offline reload: the device's copy of the paper, the last server state and the journal
        ({ state, paper: p, deadlineLocal } = s);
        setOnline(false);
      }
      if (cancelled) return;
      snap.current = { paper: p, state };
      const serverSeq = new Map(state.answers.map((a) => [a.index, a.seq]));
      const a: Record<number, string[]> = {};
      const m: Record<number, boolean> = {};
      for (const x of state.answers) {
        if (x.choice.length) a[x.index] = x.choice;
        if (x.marked) m[x.index] = true;
      }
      const pending: Record<number, true> = {};
      for (const e of await j.all()) {
        if (e.seq <= (serverSeq.get(e.index) ?? 0)) {
          await j.acknowledge(e.index, e.seq);
          continue;
        }
        // the device's newer value (sent after the last server state, or not sent yet)
        if (e.choice.length) a[e.index] = e.choice;
        else delete a[e.index];
        m[e.index] = e.marked;
        if (!e.sent) pending[e.index] = true;
      }
      setPaper(p);
      setInfo({ label: state.label, passLine: state.passLine, questionCount: state.questionCount });
      setAnswers(a);
      setMarked(m);
      setUnsent(pending);
      setDeadline(deadlineLocal);
      setPhase('answering');
      void pump();
    })();
    return () => {
      cancelled = true;
    };
  }, [id, finishFromServer, pump, showResult]);

  useEffect(() => {
    const off = () => setOnline(false);
    const on = () => void pump();
    window.addEventListener('offline', off);
    window.addEventListener('online', on);
    return () => {
      window.removeEventListener('offline', off);
      window.removeEventListener('online', on);
    };
  }, [pump]);

  /** Record a question's new value in the journal first, then send. */
  const change = useCallback(
    async (index: number, next: { choice?: string[]; marked?: boolean }) => {
      const j = journal.current;
      if (!j || closed.current) return;
      const choice = next.choice ?? answers[index] ?? [];
      const mark = next.marked ?? marked[index] ?? false;
      setAnswers((x) => ({ ...x, [index]: choice }));
      setMarked((x) => ({ ...x, [index]: mark }));
      setUnsent((x) => ({ ...x, [index]: true }));
      const written = j.record(index, choice, mark);
      recording.current.add(written);
      try {
        await written;
      } finally {
        recording.current.delete(written);
      }
      void pump();
    },
    [answers, marked, pump],
  );

  /**
   * 交卷: the journal is sent first. While answers remain unsent (network down) the paper is
   * not submitted, unless the time is up: then what reached the server counts.
   */
  const submit = useCallback(
    async (timeUp: boolean): Promise<void> => {
      // an answer tapped just before 交卷 may still be on its way into the journal: wait for it,
      // then send until nothing is left — a pass that ends 'done' with entries left only means
      // they arrived during it (CI saw 交卷 refused as "网络未连接" with the network up)
      await Promise.allSettled([...recording.current]);
      let left = 0;
      for (let pass = 0; pass < 3; pass++) {
        const r = await sendPass();
        left = (await journal.current?.unsent())?.length ?? 0;
        if (!left || r !== 'done') break;
      }
      if (closed.current) return;
      if (timeUp) return finishFromServer();
      if (left)
        throw new Error(
          `网络未连接，还有 ${left} 题的答案尚未保存到服务器，暂不能交卷。请检查网络，答案会自动发送，全部保存后再交卷。`,
        );
      try {
        const r = await api.post<TSubmitResult>(`/api/exam/attempts/${id}/submit`);
        closed.current = true;
        setResult({ score: r.score, passed: r.passed, timedOut: false, passLine: info?.passLine ?? 0 });
        setPhase('result');
        qc.invalidateQueries({ queryKey: ['exam-overview'] });
        await journal.current?.discard();
      } catch (err) {
        if (closing(err)) return finishFromServer();
        if (retryable(err)) {
          setOnline(false);
          throw new Error('网络未连接，暂不能交卷，请恢复网络后再交卷。已作答的答案保存在本设备上，不会丢失。');
        }
        throw err;
      }
    },
    [finishFromServer, id, info, qc, sendPass],
  );

  return {
    phase,
    error,
    paper,
    info,
    answers,
    marked,
    unsent,
    online,
    deadline,
    result,
    replaced,
    durable,
    change,
    submit,
    finishFromServer,
  };
}
