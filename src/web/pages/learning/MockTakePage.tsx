import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, Col, Radio, Row, Spin, Typography } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { useParams } from 'react-router';
import { QUESTION_TYPE_LABELS } from '../../../shared/schemas/bank';
import type { TMockAttempt } from '../../../shared/schemas/learning';
import { useAction } from '../../components';
import { learnKeys, useMockAttempt, useSaveMockAnswer, useSubmitMock } from '../../queries/learning';
import { BackBar, errText, letter } from './common';
import { Countdown, MockReview } from './MockReview';

/** One mock attempt: answer (autosaved, server-timed) or review after submission. */
export function MockTakePage() {
  const { id = '' } = useParams();
  const q = useMockAttempt(id);
  const a = q.data;
  if (q.isLoading) return <Spin />;
  if (q.error || !a) return <Alert type="error" message={errText(q.error)} />;
  if (a.status === 'submitted') {
    return (
      <div>
        <BackBar title="自测结果" to="/doctor/learn/mock" />
        <MockReview a={a} />
      </div>
    );
  }
  return <AnswerSheet id={id} a={a} />;
}

function AnswerSheet({ id, a }: { id: string; a: TMockAttempt }) {
  const qc = useQueryClient();
  const { modal } = App.useApp();
  const act = useAction();
  const [cur, setCur] = useState(0);
  const [local, setLocal] = useState<Record<number, string[]>>({});
  const sheet = useMemo(() => {
    const s: Record<number, string[]> = {};
    for (const i of a.items) s[i.index] = i.chosen;
    return { ...s, ...local };
  }, [a, local]);
  const refresh = useCallback(() => void qc.invalidateQueries({ queryKey: learnKeys.all }), [qc]);
  const save = useSaveMockAnswer(id);
  const submit = useSubmitMock(id);
  const item = a.items[cur];
  const choose = (choice: string[]) => {
    setLocal((l) => ({ ...l, [cur]: choice }));
    // a refused save (time over, already submitted) reloads the attempt from the server
    void act(() => save.mutateAsync({ index: cur, choice })).then((ok) => ok || refresh());
  };
  const answered = a.items.filter((i) => (sheet[i.index] ?? []).length > 0).length;
  const confirmSubmit = () =>
    modal.confirm({
      title: '确认交卷',
      content: answered < a.items.length ? `还有 ${a.items.length - answered} 题未作答，确定交卷吗？` : '确定交卷吗？',
      okText: '交卷',
      cancelText: '继续作答',
      onOk: () =>
        act(
          async () => {
            const r = await submit.mutateAsync(undefined);
            setLocal({});
            return r;
          },
          (r) => `已交卷，得分 ${r.score} 分`,
        ),
    });
  const optionText = (text: string, i: number) => (item.type === 'judge' ? text : `${letter(i)}. ${text}`);
  return (
    <div>
      <BackBar
        title={a.label}
        to="/doctor/learn/mock"
        extra={<Countdown seconds={a.remainingSeconds} onZero={refresh} />}
      />
      <Card size="small" title={`第 ${cur + 1} / ${a.items.length} 题 · ${QUESTION_TYPE_LABELS[item.type]}`}>
        <Typography.Paragraph strong>{item.stem}</Typography.Paragraph>
        {item.type === 'multiple' ? (
          <Checkbox.Group
            value={sheet[cur] ?? []}
            onChange={(v) => choose(v as string[])}
            style={{ display: 'flex', flexDirection: 'column', gap: 10 }}
          >
            {item.options.map((o, i) => (
              <Checkbox key={o.id} value={o.id}>
                {optionText(o.text, i)}
              </Checkbox>
            ))}
          </Checkbox.Group>
        ) : (
          <Radio.Group
            value={(sheet[cur] ?? [])[0]}
            onChange={(e) => choose([e.target.value])}
            style={{ display: 'flex', flexDirection: 'column', gap: 10 }}
          >
            {item.options.map((o, i) => (
              <Radio key={o.id} value={o.id}>
                {optionText(o.text, i)}
              </Radio>
            ))}
          </Radio.Group>
        )}
        <Row gutter={8} style={{ marginTop: 16 }}>
          <Col span={12}>
            <Button block disabled={cur === 0} onClick={() => setCur(cur - 1)}>
              上一题
            </Button>
          </Col>
          <Col span={12}>
            <Button block type="primary" ghost disabled={cur === a.items.length - 1} onClick={() => setCur(cur + 1)}>
              下一题
            </Button>
          </Col>
        </Row>
      </Card>
      <Card size="small" title={`答题卡（已答 ${answered}/${a.items.length}）`} style={{ marginTop: 12 }}>
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 6 }}>
          {a.items.map((i) => (
            <Button
              key={i.index}
              size="small"
              style={{ width: 40 }}
              type={i.index === cur ? 'primary' : (sheet[i.index] ?? []).length ? 'default' : 'dashed'}
              onClick={() => setCur(i.index)}
              aria-label={`第${i.index + 1}题`}
            >
              {i.index + 1}
            </Button>
          ))}
        </div>
      </Card>
      <Button
        type="primary"
        danger
        block
        size="large"
        style={{ marginTop: 12 }}
        loading={submit.isPending}
        onClick={confirmSubmit}
      >
        交卷
      </Button>
    </div>
  );
}
