import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Badge,
  Button,
  Card,
  Checkbox,
  Drawer,
  Modal,
  Radio,
  Result,
  Space,
  Spin,
  Tag,
  Typography,
} from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import type { TAttemptPaper, TAttemptState, TSubmitResult } from '../../../shared/schemas/exam';
import { api, ApiError } from '../../api/client';
import { onSnapshotOpportunity } from './proctoring';

const TYPE_LABELS = { single: '单选题', multiple: '多选题', judge: '判断题' } as const;

const mmss = (s: number) => {
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const p = (n: number) => String(n).padStart(2, '0');
  return h ? `${h}:${p(m)}:${p(sec)}` : `${p(m)}:${p(sec)}`;
};

type Pending = { choice?: string[]; marked?: boolean };
type SaveState = 'idle' | 'saving' | 'saved' | 'retrying';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const indexKey = (id: number) => `dk-exam-${id}-index`;

/**
 * Taking a test (mobile-first). The server clock is authoritative: the page shows the
 * remaining seconds the server reports (re-synchronised on every save); every change is
 * saved at once (retried on network loss); reload resumes at the same question.
 */
export function TakeExamPage() {
  const id = Number(useParams().attemptId);
  const nav = useNavigate();
  const qc = useQueryClient();
  const { message } = App.useApp();

  const stateQ = useQuery({
    queryKey: ['exam-attempt', id],
    queryFn: () => api.get<TAttemptState>(`/api/exam/attempts/${id}`),
    refetchOnMount: 'always',
    staleTime: 0,
  });
  const inProgress = stateQ.data?.status === 'in_progress';
  const paperQ = useQuery({
    queryKey: ['exam-paper', id],
    queryFn: () => api.get<TAttemptPaper>(`/api/exam/attempts/${id}/paper`),
    enabled: inProgress,
    staleTime: Infinity,
    retry: false,
  });

  const [answers, setAnswers] = useState<Record<number, string[]>>({});
  const [marked, setMarked] = useState<Record<number, boolean>>({});
  const [current, setCurrent] = useState(0);
  const [deadline, setDeadline] = useState<number | null>(null);
  const [now, setNow] = useState(Date.now());
  const [saveState, setSaveState] = useState<SaveState>('idle');
  const [sheetOpen, setSheetOpen] = useState(false);
  const [confirmOpen, setConfirmOpen] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [result, setResult] = useState<{ score: number; passed: boolean; timedOut: boolean; passLine: number } | null>(
    null,
  );
  const loaded = useRef(false);
  const pending = useRef(new Map<number, Pending>());
  const flushing = useRef<Promise<void> | null>(null);
  const closed = useRef(false);

  // initialise from the server state once (resume: answers, marks, position, time)
  useEffect(() => {
    const s = stateQ.data;
    if (!s || loaded.current) return;
    loaded.current = true;
    setAnswers(Object.fromEntries(s.answers.filter((a) => a.choice.length).map((a) => [a.index, a.choice])));
    setMarked(Object.fromEntries(s.answers.filter((a) => a.marked).map((a) => [a.index, true])));
    setDeadline(Date.now() + s.remainingSeconds * 1000);
    const saved = Number(localStorage.getItem(indexKey(id)));
    const firstOpen =
      [...Array(s.questionCount).keys()].find((i) => !s.answers.some((a) => a.index === i && a.choice.length)) ?? 0;
    setCurrent(
      Number.isInteger(saved) && saved >= 0 && saved < s.questionCount && localStorage.getItem(indexKey(id)) !== null
        ? saved
        : firstOpen,
    );
    if (s.status !== 'in_progress')
      setResult({ score: s.score ?? 0, passed: !!s.passed, timedOut: s.status === 'timed_out', passLine: s.passLine });
  }, [stateQ.data, id]);

  useEffect(() => {
    if (!loaded.current) return;
    localStorage.setItem(indexKey(id), String(current));
    if (paperQ.data) onSnapshotOpportunity(id, current, paperQ.data.items.length);
  }, [current, id, paperQ.data]);

  const finishFromServer = useCallback(async () => {
    if (closed.current) return;
    closed.current = true;
    pending.current.clear();
    // the server closes the attempt at its deadline; the local countdown may reach 0 a moment earlier
    let s: TAttemptState | null = null;
    for (let i = 0; i < 20; i++) {
      s = await api.get<TAttemptState>(`/api/exam/attempts/${id}`).catch(() => null);
      if (s && s.status !== 'in_progress') break;
      await sleep(s ? Math.max(500, s.remainingSeconds * 1000) : 2000);
    }
    qc.invalidateQueries({ queryKey: ['exam-overview'] });
    if (s)
      setResult({ score: s.score ?? 0, passed: !!s.passed, timedOut: s.status === 'timed_out', passLine: s.passLine });
  }, [id, qc]);

  // the countdown (display only; the server decides)
  useEffect(() => {
    if (result) return;
    const t = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(t);
  }, [result]);
  const remaining = deadline === null ? null : Math.max(0, Math.floor((deadline - Math.max(now, Date.now())) / 1000));
  useEffect(() => {
    if (remaining === 0 && !result && inProgress) {
      // give queued saves a moment, then let the server close the attempt
      void (flushing.current ?? Promise.resolve()).then(() => finishFromServer());
    }
  }, [remaining, result, inProgress, finishFromServer]);

  const flush = useCallback((): Promise<void> => {
    if (flushing.current) return flushing.current;
    const run = async () => {
      setSaveState('saving');
      while (pending.current.size && !closed.current) {
        const [index, body] = pending.current.entries().next().value as [number, Pending];
        pending.current.delete(index);
        try {
          const r = await api.put<{ remainingSeconds: number }>(`/api/exam/attempts/${id}/answers/${index}`, body);
          setDeadline(Date.now() + r.remainingSeconds * 1000);
        } catch (e) {
          if (e instanceof ApiError && (e.code === 'TIME_UP' || e.code === 'ATTEMPT_CLOSED')) {
            message.warning(e.message);
            await finishFromServer();
            return;
          }
          if (e instanceof ApiError && e.status >= 400 && e.status < 500 && e.status !== 429 && e.status !== 408) {
            message.error(e.message);
            continue;
          }
          // network loss or server restart: keep the newest value and retry
          const newer = pending.current.get(index);
          pending.current.set(index, { ...body, ...newer });
          setSaveState('retrying');
          await sleep(2000);
        }
      }
      setSaveState('saved');
    };
    flushing.current = run().finally(() => {
      flushing.current = null;
    });
    return flushing.current;
  }, [id, message, finishFromServer]);

  const queue = (index: number, change: Pending) => {
    if (closed.current) return;
    pending.current.set(index, { ...pending.current.get(index), ...change });
    void flush();
  };

  useEffect(() => {
    const warn = (e: BeforeUnloadEvent) => {
      if (pending.current.size) e.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, []);

  const submit = async () => {
    setSubmitting(true);
    try {
      await flush();
      if (pending.current.size) throw new Error('网络异常，答案尚未全部保存，请稍后再交卷');
      if (closed.current) return;
      const r = await api.post<TSubmitResult>(`/api/exam/attempts/${id}/submit`);
      closed.current = true;
      setConfirmOpen(false);
      localStorage.removeItem(indexKey(id));
      qc.invalidateQueries({ queryKey: ['exam-overview'] });
      setResult({ score: r.score, passed: r.passed, timedOut: false, passLine: stateQ.data?.passLine ?? 0 });
    } catch (e) {
      if (e instanceof ApiError && (e.code === 'TIME_UP' || e.code === 'ATTEMPT_CLOSED')) {
        setConfirmOpen(false);
        await finishFromServer();
      } else message.error((e as Error).message);
    } finally {
      setSubmitting(false);
    }
  };

  if (stateQ.isLoading) return <Spin />;
  if (stateQ.error)
    return (
      <Alert type="error" showIcon message={stateQ.error instanceof ApiError ? stateQ.error.message : '加载失败'} />
    );
  const state = stateQ.data!;

  if (result) {
    return (
      <Card>
        <Result
          status={result.passed ? 'success' : 'warning'}
          title={result.timedOut ? '考试时间已到，试卷已自动交卷' : '交卷成功'}
          subTitle={
            <span data-testid="exam-score">
              {state.label}：{result.score} 分（合格分数 {result.passLine} 分），
              {result.passed ? '已达到合格分数' : '未达到合格分数'}
            </span>
          }
          extra={
            <Button type="primary" onClick={() => nav('/doctor/exam/papers')}>
              返回试卷列表
            </Button>
          }
        />
      </Card>
    );
  }
  if (paperQ.isLoading || !paperQ.data) {
    return paperQ.error ? <Alert type="error" showIcon message={(paperQ.error as Error).message} /> : <Spin />;
  }
  const items = paperQ.data.items;
  const item = items[Math.min(current, items.length - 1)];
  const choice = answers[item.index] ?? [];
  const answeredCount = items.filter((i) => (answers[i.index] ?? []).length > 0).length;
  const markedCount = items.filter((i) => marked[i.index]).length;
  const lowTime = remaining !== null && remaining <= 300;

  const choose = (next: string[]) => {
    setAnswers((a) => ({ ...a, [item.index]: next }));
    queue(item.index, { choice: next });
  };
  const toggleMark = () => {
    const v = !marked[item.index];
    setMarked((m) => ({ ...m, [item.index]: v }));
    queue(item.index, { marked: v });
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="small">
      <Card size="small" styles={{ body: { padding: '8px 12px' } }}>
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8 }}>
          <Typography.Text strong>{state.label}</Typography.Text>
          <Typography.Text
            data-testid="exam-timer"
            style={{ fontSize: 18, fontVariantNumeric: 'tabular-nums', color: lowTime ? '#cf1322' : undefined }}
          >
            剩余时间 {remaining === null ? '--:--' : mmss(remaining)}
          </Typography.Text>
        </div>
        <div style={{ display: 'flex', justifyContent: 'space-between', fontSize: 12, color: '#888', marginTop: 2 }}>
          <span>
            已答 {answeredCount}/{items.length}
          </span>
          <span data-testid="save-state">
            {saveState === 'saving'
              ? '保存中…'
              : saveState === 'retrying'
                ? '网络异常，正在重试保存…'
                : saveState === 'saved'
                  ? '已自动保存'
                  : '作答后自动保存'}
          </span>
        </div>
      </Card>
      {saveState === 'retrying' && (
        <Alert type="warning" showIcon message="网络连接异常，答案将在恢复后自动保存，请勿关闭页面" />
      )}

      <Card
        size="small"
        title={
          <Space>
            <span data-testid="question-no">
              第 {item.index + 1} 题 / 共 {items.length} 题
            </span>
            <Tag>{TYPE_LABELS[item.type]}</Tag>
            {marked[item.index] && <Tag color="orange">已标记</Tag>}
          </Space>
        }
      >
        <Typography.Paragraph style={{ fontSize: 16 }}>{item.stem}</Typography.Paragraph>
        {item.type === 'multiple' ? (
          <Checkbox.Group value={choice} onChange={(v) => choose(v as string[])} style={{ width: '100%' }}>
            <Space direction="vertical" style={{ width: '100%' }}>
              {item.options.map((o, i) => (
                <Checkbox key={o.id} value={o.id} style={{ padding: '8px 4px', width: '100%', fontSize: 15 }}>
                  {String.fromCharCode(65 + i)}. {o.text}
                </Checkbox>
              ))}
            </Space>
          </Checkbox.Group>
        ) : (
          <Radio.Group value={choice[0] ?? null} onChange={(e) => choose([e.target.value])} style={{ width: '100%' }}>
            <Space direction="vertical" style={{ width: '100%' }}>
              {item.options.map((o, i) => (
                <Radio key={o.id} value={o.id} style={{ padding: '8px 4px', width: '100%', fontSize: 15 }}>
                  {item.type === 'judge' ? o.text : `${String.fromCharCode(65 + i)}. ${o.text}`}
                </Radio>
              ))}
            </Space>
          </Radio.Group>
        )}
      </Card>

      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(4, 1fr)', gap: 8 }}>
        <Button disabled={current === 0} onClick={() => setCurrent((c) => c - 1)}>
          上一题
        </Button>
        <Button onClick={toggleMark} type={marked[item.index] ? 'primary' : 'default'} ghost={!!marked[item.index]}>
          {marked[item.index] ? '取消标记' : '标记'}
        </Button>
        <Button onClick={() => setSheetOpen(true)}>答题卡</Button>
        <Button disabled={current >= items.length - 1} onClick={() => setCurrent((c) => c + 1)}>
          下一题
        </Button>
      </div>
      <Button type="primary" danger block size="large" onClick={() => setConfirmOpen(true)}>
        交卷
      </Button>

      <Drawer title="答题卡" placement="bottom" open={sheetOpen} onClose={() => setSheetOpen(false)} height="60%">
        <Space style={{ marginBottom: 12 }} wrap>
          <Badge color="#1677ff" text={`已答 ${answeredCount}`} />
          <Badge color="#d9d9d9" text={`未答 ${items.length - answeredCount}`} />
          <Badge color="#fa8c16" text={`标记 ${markedCount}`} />
        </Space>
        <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(44px, 1fr))', gap: 8 }}>
          {items.map((i) => {
            const done = (answers[i.index] ?? []).length > 0;
            return (
              <Button
                key={i.index}
                aria-label={`第${i.index + 1}题${done ? '已答' : '未答'}${marked[i.index] ? '已标记' : ''}`}
                type={done ? 'primary' : 'default'}
                style={marked[i.index] ? { borderColor: '#fa8c16', borderWidth: 2 } : undefined}
                onClick={() => {
                  setCurrent(i.index);
                  setSheetOpen(false);
                }}
              >
                {i.index + 1}
              </Button>
            );
          })}
        </div>
      </Drawer>

      <Modal
        open={confirmOpen}
        title="确认交卷"
        okText="交卷"
        cancelText="继续答题"
        okButtonProps={{ danger: true }}
        confirmLoading={submitting}
        onOk={submit}
        onCancel={() => setConfirmOpen(false)}
      >
        <p>
          已答 {answeredCount} 题，未答 <b>{items.length - answeredCount}</b> 题，标记 {markedCount} 题。
        </p>
        <p>交卷后不能再修改答案，确定交卷吗？</p>
      </Modal>
    </Space>
  );
}
