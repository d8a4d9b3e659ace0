import { Alert, App, Button, Card, Checkbox, Modal, Radio, Result, Space, Spin, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { AnswerSheet } from './AnswerSheet';
import { onSnapshotOpportunity, onSubmitOpportunity } from './proctoring';
import { useExamSession } from './useExamSession';

const TYPE_LABELS = { single: '单选题', multiple: '多选题', judge: '判断题' } as const;
/** The rule the page states (and useExamSession enforces) for 交卷 with answers not yet on the server. */
export const SUBMIT_RULE =
  '交卷前，本设备上的答案须全部保存到服务器；网络断开时暂不能交卷，请恢复网络后再交卷。考试时间到时系统自动交卷，以已保存到服务器的答案为准。';

const mmss = (s: number) => {
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const p = (n: number) => String(n).padStart(2, '0');
  return h ? `${h}:${p(m)}:${p(s % 60)}` : `${p(m)}:${p(s % 60)}`;
};
const indexKey = (id: number) => `dk-exam-${id}-index`;

/**
 * Taking a test (mobile-first). Answers go to the device's journal first, then to the server
 * in order; offline the page keeps accepting answers and says so; a reload (even offline)
 * replays the journal. The server's clock is authoritative: the page shows the remaining
 * seconds the server reported at the last save.
 */
export function TakeExamPage() {
  const id = Number(useParams().attemptId);
  const nav = useNavigate();
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
  if (x.phase === 'result' && x.result) {
    const r = x.result;
    return (
      <Card>
        <Result
          status={r.passed ? 'success' : 'warning'}
          title={r.timedOut ? '考试时间已到，试卷已自动交卷' : '交卷成功'}
          subTitle={
            <span data-testid="exam-score">
              {x.info?.label}：{r.score} 分（合格分数 {r.passLine} 分），
              {r.passed ? '已达到合格分数' : '未达到合格分数'}
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
  if (x.replaced)
    return (
      <Result
        status="warning"
        title="本次测评已在另一台设备上继续作答"
        subTitle="本设备已停止保存答案，本设备上尚未保存的答案不会被采用。请在新设备上继续作答；如需在本设备继续，请重新进入试卷。"
        extra={
          <Button type="primary" onClick={() => nav('/doctor/exam/papers')}>
            返回试卷列表
          </Button>
        }
      />
    );
  if (!items.length) return <Spin />;

  const item = items[pos];
  const choice = x.answers[item.index] ?? [];
  const answered = items.filter((i) => (x.answers[i.index] ?? []).length > 0).length;
  const markedCount = items.filter((i) => x.marked[i.index]).length;
  const unsentCount = Object.keys(x.unsent).length;
  const lowTime = remaining !== null && remaining <= 300;
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
      <Card size="small" styles={{ body: { padding: '8px 12px' } }}>
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8 }}>
          <Typography.Text strong>{x.info?.label}</Typography.Text>
          <Typography.Text
            data-testid="exam-timer"
            style={{ fontSize: 18, fontVariantNumeric: 'tabular-nums', color: lowTime ? '#cf1322' : undefined }}
          >
            剩余时间 {remaining === null ? '--:--' : mmss(remaining)}
          </Typography.Text>
        </div>
        <div style={{ display: 'flex', justifyContent: 'space-between', color: '#666', marginTop: 2 }}>
          <span>
            已答 {answered}/{items.length}
          </span>
          <span data-testid="save-state" style={x.online ? undefined : { color: '#d46b08' }}>
            {saveText}
          </span>
        </div>
      </Card>
      {!x.online && (
        <Alert
          type="warning"
          showIcon
          data-testid="offline-banner"
          message="网络已断开，可以继续答题"
          description="答案已保存在本设备上，网络恢复后将按作答顺序自动发送到服务器；刷新页面也不会丢失。计时以服务器为准，不会因断网暂停。"
        />
      )}
      {!x.durable && (
        <Alert type="info" showIcon message="本浏览器不支持离线保存答案，请保持网络畅通，答题期间不要关闭页面" />
      )}

      <Card
        size="small"
        title={
          <Space>
            <span data-testid="question-no">
              第 {item.index + 1} 题 / 共 {items.length} 题
            </span>
            <Tag>{TYPE_LABELS[item.type]}</Tag>
            {x.marked[item.index] && <Tag color="orange">已标记</Tag>}
          </Space>
        }
        extra={
          choice.length > 0 &&
          (x.unsent[item.index] ? (
            <Tag color="warning" data-testid="question-saved">
              未保存到服务器
            </Tag>
          ) : (
            <Tag color="success" data-testid="question-saved">
              已保存到服务器
            </Tag>
          ))
        }
      >
        <Typography.Paragraph>{item.stem}</Typography.Paragraph>
        {item.type === 'multiple' ? (
          <Checkbox.Group
            value={choice}
            onChange={(v) => void x.change(item.index, { choice: v as string[] })}
            style={{ width: '100%' }}
          >
            <Space direction="vertical" style={{ width: '100%' }}>
              {item.options.map((o, i) => (
                <Checkbox key={o.id} value={o.id} style={{ padding: '8px 4px', width: '100%' }}>
                  {String.fromCharCode(65 + i)}. {o.text}
                </Checkbox>
              ))}
            </Space>
          </Checkbox.Group>
        ) : (
          <Radio.Group
            value={choice[0] ?? null}
            onChange={(e) => void x.change(item.index, { choice: [e.target.value] })}
            style={{ width: '100%' }}
          >
            <Space direction="vertical" style={{ width: '100%' }}>
              {item.options.map((o, i) => (
                <Radio key={o.id} value={o.id} style={{ padding: '8px 4px', width: '100%' }}>
                  {item.type === 'judge' ? o.text : `${String.fromCharCode(65 + i)}. ${o.text}`}
                </Radio>
              ))}
            </Space>
          </Radio.Group>
        )}
      </Card>

      <div className="dk-btn-row" style={{ display: 'grid', gridTemplateColumns: 'repeat(4, minmax(0, 1fr))', gap: 8 }}>
        <Button disabled={pos === 0} onClick={() => setCurrent(pos - 1)}>
          上一题
        </Button>
        <Button
          onClick={() => void x.change(item.index, { marked: !x.marked[item.index] })}
          type={x.marked[item.index] ? 'primary' : 'default'}
          ghost={!!x.marked[item.index]}
        >
          {x.marked[item.index] ? '取消标记' : '标记'}
        </Button>
        <Button onClick={() => setSheetOpen(true)}>答题卡</Button>
        <Button disabled={pos >= items.length - 1} onClick={() => setCurrent(pos + 1)}>
          下一题
        </Button>
      </div>
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

      <Modal
        open={confirmOpen}
        title="确认交卷"
        okText="交卷"
        cancelText="继续答题"
        okButtonProps={{ danger: true }}
        confirmLoading={submitting}
        onOk={doSubmit}
        onCancel={() => setConfirmOpen(false)}
      >
        <p>
          已答 {answered} 题，未答 <b>{items.length - answered}</b> 题，标记 {markedCount} 题。
        </p>
        {unsentCount > 0 && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 8 }}
            message={`还有 ${unsentCount} 题的答案尚未保存到服务器，交卷前将先发送。`}
          />
        )}
        <p>交卷后不能再修改答案，确定交卷吗？</p>
      </Modal>
    </Space>
  );
}
