import { Alert, App, Button, Space, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useParams } from 'react-router';
import { AnswerSheet } from './AnswerSheet';
import { onSnapshotOpportunity, onSubmitOpportunity } from './proctoring';
import { indexKey, SUBMIT_RULE } from './take/format';
import { NavRow } from './take/NavRow';
import { ExamResultView, ReplacedView } from './take/Outcome';
import { QuestionView } from './take/QuestionView';
import { StatusBar } from './take/StatusBar';
import { SubmitDialog } from './take/SubmitDialog';
import { useExamSession } from './useExamSession';

/**
 * Taking a test (mobile-first). Answers go to the device's journal first, then to the server
 * in order; offline the page keeps accepting answers and says so; a reload (even offline)
 * replays the journal. The server's clock is authoritative: the page shows the remaining
 * seconds the server reported at the last save.
 */
export function TakeExamPage() {
  const id = Number(useParams().attemptId);
  const { message } = App.useApp();
  const x = useExamSession(id);
  const [current, setCurrent] = useState(() => Number(localStorage.getItem(indexKey(id)) ?? -1));
  const [now, setNow] = useState(Date.now());
  const [sheetOpen, setSheetOpen] = useState(false);
  const [confirmOpen, setConfirmOpen] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const items = x.paper?.items ?? [];
  const pos = Math.max(0, Math.min(current, items.length - 1));

  // first visit of this attempt on the device: start at the first unanswered question
  const { answers } = x;
  useEffect(() => {
    if (items.length && (current < 0 || current >= items.length))
      setCurrent(
        Math.max(
          0,
          items.findIndex((i) => !answers[i.index]?.length),
        ),
      );
  }, [items, current, answers]);

  useEffect(() => {
    if (!items.length || current < 0) return;
    localStorage.setItem(indexKey(id), String(pos));
    onSnapshotOpportunity(id, pos, items.length);
  }, [pos, current, id, items.length]);

  // the countdown (display only; the server decides)
  useEffect(() => {
    if (x.phase !== 'answering') return;
    const t = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(t);
  }, [x.phase]);
  const remaining =
    x.deadline === null ? null : Math.max(0, Math.floor((x.deadline - Math.max(now, Date.now())) / 1000));
  const { phase, submit } = x;
  useEffect(() => {
    if (remaining === 0 && phase === 'answering') void submit(true);
  }, [remaining, phase, submit]);

  useEffect(() => {
    const warn = (e: BeforeUnloadEvent) => {
      if (Object.keys(x.unsent).length && !x.durable) e.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [x.unsent, x.durable]);

  if (x.phase === 'loading') return <Spin />;
  if (x.phase === 'error') return <Alert type="error" showIcon message={x.error} />;
  if (x.phase === 'result' && x.result) return <ExamResultView label={x.info?.label} r={x.result} />;
  if (x.replaced) return <ReplacedView />;
  if (!items.length) return <Spin />;

  const item = items[pos];
  const choice = x.answers[item.index] ?? [];
  const answered = items.filter((i) => (x.answers[i.index] ?? []).length > 0).length;
  const markedCount = items.filter((i) => x.marked[i.index]).length;
  const unsentCount = Object.keys(x.unsent).length;
  const saveText = !x.online
    ? `网络已断开，答案暂存在本设备（${unsentCount} 题待发送）`
    : unsentCount
      ? '保存中…'
      : answered || markedCount
        ? '已自动保存'
        : '作答后自动保存';

  const doSubmit = async () => {
    // the 交卷 frame of the capture schedule (never blocks the submission)
    onSubmitOpportunity(id);
    setSubmitting(true);
    try {
      await x.submit(false);
      setConfirmOpen(false);
    } catch (e) {
      message.warning((e as Error).message);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="small">
      <StatusBar
        label={x.info?.label}
        remaining={remaining}
        answered={answered}
        total={items.length}
        saveText={saveText}
        online={x.online}
        durable={x.durable}
      />
      <QuestionView
        item={item}
        total={items.length}
        choice={choice}
        marked={!!x.marked[item.index]}
        unsent={!!x.unsent[item.index]}
        onChoose={(c) => void x.change(item.index, { choice: c })}
      />
      <NavRow
        isFirst={pos === 0}
        isLast={pos >= items.length - 1}
        marked={!!x.marked[item.index]}
        onPrev={() => setCurrent(pos - 1)}
        onToggleMark={() => void x.change(item.index, { marked: !x.marked[item.index] })}
        onSheet={() => setSheetOpen(true)}
        onNext={() => setCurrent(pos + 1)}
      />
      <Button type="primary" danger block size="large" onClick={() => setConfirmOpen(true)}>
        交卷
      </Button>
      <Typography.Paragraph type="secondary" data-testid="submit-rule">
        交卷规则：{SUBMIT_RULE}
      </Typography.Paragraph>

      <AnswerSheet
        open={sheetOpen}
        onClose={() => setSheetOpen(false)}
        items={items}
        answers={x.answers}
        marked={x.marked}
        unsent={x.unsent}
        onPick={(i) => {
          setCurrent(i);
          setSheetOpen(false);
        }}
      />
      <SubmitDialog
        open={confirmOpen}
        submitting={submitting}
        answered={answered}
        total={items.length}
        markedCount={markedCount}
        unsentCount={unsentCount}
        onOk={doSubmit}
        onCancel={() => setConfirmOpen(false)}
      />
    </Space>
  );
}
