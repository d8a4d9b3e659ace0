import { BookOutlined, ClockCircleOutlined, FileTextOutlined, FormOutlined, StarOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Empty,
  List,
  Pagination,
  Radio,
  Result,
  Row,
  Segmented,
  Select,
  Space,
  Spin,
  Statistic,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { useNavigate, useParams } from 'react-router';
import { QUESTION_TYPE_LABELS, type TBank, type TMaterial, type TQuestionType } from '../../../shared/schemas/bank';
import type {
  TLearnOverview,
  TMockAttempt,
  TMockPapers,
  TMockSummary,
  TPracticeNext,
  TPracticeResult,
  TWrongList,
} from '../../../shared/schemas/learning';
import { api, ApiError, download } from '../../api/client';

const errText = (e: unknown) => (e instanceof ApiError ? e.message : '加载失败，请稍后重试');
const fmt = (s: string | null) => (s ? dayjs(s).format('YYYY/MM/DD HH:mm') : '');
const judgeText = (k: string) => (k === 'A' ? '正确' : '错误');

function BackBar({ title, to = '/doctor/learn', extra }: { title: string; to?: string; extra?: ReactNode }) {
  const nav = useNavigate();
  return (
    <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', marginBottom: 12 }}>
      <Space>
        <Button size="small" onClick={() => nav(to)}>
          返回
        </Button>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
      </Space>
      {extra}
    </div>
  );
}

function useOverview() {
  return useQuery({ queryKey: ['learn', 'overview'], queryFn: () => api.get<TLearnOverview>('/api/learn/overview') });
}

/** 学习: 题库练习 · 模拟自测 · 错题收藏 · 考前资料 */
export function LearnHomePage() {
  const nav = useNavigate();
  const q = useOverview();
  const o = q.data;
  const tiles = [
    {
      label: '题库练习',
      icon: <FormOutlined />,
      to: '/doctor/learn/practice',
      note: o ? `已练 ${o.practiced} 题` : '',
    },
    {
      label: '模拟自测',
      icon: <ClockCircleOutlined />,
      to: '/doctor/learn/mock',
      note: o ? `已测 ${o.mockCount} 次` : '',
    },
    { label: '错题收藏', icon: <StarOutlined />, to: '/doctor/learn/wrong', note: o ? `${o.wrongCount} 题` : '' },
    { label: '考前资料', icon: <FileTextOutlined />, to: '/doctor/learn/materials', note: '' },
  ];
  return (
    <div>
      <BackBar title="学习" to="/doctor" />
      {q.error && <Alert type="error" message={errText(q.error)} />}
      <Row gutter={[12, 12]}>
        {tiles.map((t) => (
          <Col span={12} key={t.label}>
            <Card
              hoverable
              onClick={() => nav(t.to)}
              styles={{ body: { textAlign: 'center', padding: 16 } }}
              role="link"
              aria-label={t.label}
            >
              <div style={{ fontSize: 28, color: '#1677ff' }}>{t.icon}</div>
              <div style={{ fontWeight: 600, marginTop: 4 }}>{t.label}</div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t.note || '\u00a0'}
              </Typography.Text>
            </Card>
          </Col>
        ))}
      </Row>
      {o && (
        <Card size="small" style={{ marginTop: 12 }}>
          <Row>
            <Col span={8}>
              <Statistic title="练习题数" value={o.practiced} />
            </Col>
            <Col span={8}>
              <Statistic
                title="正确率"
                value={o.practiced ? Math.round((o.practicedCorrect * 100) / o.practiced) : 0}
                suffix="%"
              />
            </Col>
            <Col span={8}>
              <Statistic title="执业类别" value={o.practiceCategory} />
            </Col>
          </Row>
        </Card>
      )}
    </div>
  );
}

function OptionLines({
  options,
  answer,
  chosen,
  type,
}: {
  options: { key: string; text: string }[];
  answer: string[];
  chosen: string[];
  type: TQuestionType;
}) {
  return (
    <div>
      {options.map((o) => {
        const right = answer.includes(o.key);
        const picked = chosen.includes(o.key);
        return (
          <div
            key={o.key}
            style={{
              padding: '4px 0',
              color: right ? '#389e0d' : picked ? '#cf1322' : undefined,
              fontWeight: right || picked ? 600 : 400,
            }}
          >
            {type === 'judge' ? o.text : `${o.key}. ${o.text}`}
            {right && ' ✓'}
            {picked && !right && ' ✗'}
          </div>
        );
      })}
    </div>
  );
}

/** 题库练习: choose 题库 / 分类 / 题型; one question at a time with immediate feedback. */
export function PracticePage() {
  const ov = useOverview();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [bank, setBank] = useState<TBank>('humanities');
  const [category, setCategory] = useState<string | undefined>();
  const [type, setType] = useState<TQuestionType | undefined>();
  const [exclude, setExclude] = useState<number | undefined>();
  const [chosen, setChosen] = useState<string[]>([]);
  const [result, setResult] = useState<TPracticeResult | null>(null);
  const [round, setRound] = useState(0);
  const next = useQuery({
    queryKey: ['learn', 'practice', bank, category, type, round],
    queryFn: () => api.get<TPracticeNext>('/api/learn/practice/next', { bank, category, type, exclude }),
    staleTime: Infinity,
  });
  const question = next.data?.question;
  useEffect(() => {
    setChosen([]);
    setResult(null);
  }, [question?.versionId]);
  const submit = useMutation({
    mutationFn: () =>
      api.post<TPracticeResult>('/api/learn/practice/answer', { versionId: question!.versionId, chosen }),
    onSuccess: (r) => {
      setResult(r);
      void qc.invalidateQueries({ queryKey: ['learn', 'overview'] });
    },
    onError: (e) => message.error(errText(e)),
  });
  const cats = bank === 'humanities' ? ov.data?.humanities : ov.data?.professional;
  const goNext = () => {
    setExclude(question?.questionId);
    setRound((r) => r + 1);
  };
  return (
    <div>
      <BackBar title="题库练习" />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space direction="vertical" style={{ width: '100%' }}>
          <Segmented
            block
            value={bank}
            onChange={(v) => {
              setBank(v as TBank);
              setCategory(undefined);
            }}
            options={[
              { value: 'humanities', label: '人文医学' },
              { value: 'professional', label: `业务水平${ov.data ? `（${ov.data.practiceCategory}）` : ''}` },
            ]}
          />
          <Space.Compact style={{ width: '100%' }}>
            <Select
              allowClear
              placeholder="全部章节"
              aria-label="章节"
              style={{ width: '60%' }}
              value={category}
              onChange={setCategory}
              options={(cats ?? []).map((c) => ({ value: c.category, label: `${c.category}（${c.count}）` }))}
            />
            <Select
              allowClear
              placeholder="全部题型"
              aria-label="题型"
              style={{ width: '40%' }}
              value={type}
              onChange={setType}
              options={(['single', 'multiple', 'judge'] as const).map((t) => ({
                value: t,
                label: QUESTION_TYPE_LABELS[t],
              }))}
            />
          </Space.Compact>
        </Space>
      </Card>
      {next.isLoading && <Spin />}
      {next.error && <Alert type="error" message={errText(next.error)} />}
      {next.data && !question && <Empty description="该范围内暂无可练习的试题" />}
      {question && (
        <Card
          size="small"
          title={
            <Space>
              <Tag color="blue">{QUESTION_TYPE_LABELS[question.type]}</Tag>
              <span style={{ fontWeight: 400, fontSize: 12 }}>{question.category}</span>
            </Space>
          }
          extra={
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              未掌握 {next.data!.remaining} 题
            </Typography.Text>
          }
        >
          <Typography.Paragraph strong style={{ fontSize: 16 }} data-testid="practice-stem">
            {question.stem}
          </Typography.Paragraph>
          {result ? (
            <>
              <OptionLines
                options={question.options}
                answer={result.answer}
                chosen={result.chosen}
                type={question.type}
              />
              <Alert
                data-testid="practice-feedback"
                style={{ marginTop: 12 }}
                type={result.correct ? 'success' : 'error'}
                showIcon
                message={
                  result.correct
                    ? '回答正确'
                    : `回答错误，正确答案：${question.type === 'judge' ? judgeText(result.answer[0]) : result.answer.join('')}`
                }
                description={result.explanation ? `解析：${result.explanation}` : undefined}
              />
              {!result.correct && <Typography.Text type="secondary">已自动加入错题收藏</Typography.Text>}
              <Button type="primary" block style={{ marginTop: 12 }} onClick={goNext}>
                下一题
              </Button>
            </>
          ) : (
            <>
              {question.type === 'multiple' ? (
                <Checkbox.Group
                  value={chosen}
                  onChange={(v) => setChosen(v as string[])}
                  style={{ display: 'flex', flexDirection: 'column', gap: 10 }}
                >
                  {question.options.map((o) => (
                    <Checkbox key={o.key} value={o.key}>
                      {o.key}. {o.text}
                    </Checkbox>
                  ))}
                </Checkbox.Group>
              ) : (
                <Radio.Group
                  value={chosen[0]}
                  onChange={(e) => setChosen([e.target.value])}
                  style={{ display: 'flex', flexDirection: 'column', gap: 10 }}
                >
                  {question.options.map((o) => (
                    <Radio key={o.key} value={o.key}>
                      {question.type === 'judge' ? o.text : `${o.key}. ${o.text}`}
                    </Radio>
                  ))}
                </Radio.Group>
              )}
              <Button
                type="primary"
                block
                style={{ marginTop: 16 }}
                disabled={chosen.length === 0}
                loading={submit.isPending}
                onClick={() => submit.mutate()}
              >
                提交答案
              </Button>
            </>
          )}
        </Card>
      )}
    </div>
  );
}

/** 模拟自测: the two papers under the real rules, and the history of results. */
export function MockListPage() {
  const nav = useNavigate();
  const { message, modal } = App.useApp();
  const papers = useQuery({
    queryKey: ['learn', 'mock-papers'],
    queryFn: () => api.get<TMockPapers>('/api/learn/mock/papers'),
  });
  const history = useQuery({
    queryKey: ['learn', 'mock-history'],
    queryFn: () => api.get<{ items: TMockSummary[] }>('/api/learn/mock'),
  });
  const start = useMutation({
    mutationFn: (paper: 'humanities' | 'professional') => api.post<{ id: number }>('/api/learn/mock', { paper }),
    onSuccess: (r) => nav(`/doctor/learn/mock/${r.id}`),
    onError: (e) => message.error(errText(e)),
  });
  return (
    <div>
      <BackBar title="模拟自测" />
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        message="模拟自测按正式测评的题量和时长组卷，由服务器计时和评分，成绩不计入考核结果。"
      />
      {papers.error && <Alert type="error" message={errText(papers.error)} />}
      {papers.data?.items.map((p) => (
        <Card key={p.paper} size="small" style={{ marginBottom: 12 }} title={p.label}>
          <Typography.Paragraph style={{ marginBottom: 8 }}>
            时长 {p.durationMinutes} 分钟 · {p.questionCount} 题 · 合格分 {p.passScore} 分
          </Typography.Paragraph>
          {p.blocked && <Alert type="warning" message={p.blocked} style={{ marginBottom: 8 }} />}
          {p.inProgressId ? (
            <Button type="primary" block onClick={() => nav(`/doctor/learn/mock/${p.inProgressId}`)}>
              继续作答
            </Button>
          ) : (
            <Button
              type="primary"
              block
              disabled={!!p.blocked}
              loading={start.isPending && start.variables === p.paper}
              onClick={() =>
                modal.confirm({
                  title: `开始${p.label}`,
                  content: `共 ${p.questionCount} 题，限时 ${p.durationMinutes} 分钟，开始后计时不能暂停，时间到自动交卷。`,
                  okText: '开始自测',
                  cancelText: '取消',
                  onOk: () => start.mutate(p.paper),
                })
              }
            >
              开始自测
            </Button>
          )}
        </Card>
      ))}
      <Card size="small" title="自测记录">
        <List
          dataSource={history.data?.items ?? []}
          locale={{ emptyText: '暂无自测记录' }}
          renderItem={(h) => (
            <List.Item
              onClick={() => nav(`/doctor/learn/mock/${h.id}`)}
              style={{ cursor: 'pointer' }}
              actions={[<a key="v">查看</a>]}
            >
              <List.Item.Meta
                title={
                  <Space>
                    {h.label}
                    {h.status === 'in_progress' ? (
                      <Tag color="processing">作答中</Tag>
                    ) : h.passed ? (
                      <Tag color="success">{h.score} 分</Tag>
                    ) : (
                      <Tag color="error">{h.score} 分</Tag>
                    )}
                  </Space>
                }
                description={`${fmt(h.startedAt)}${h.correctCount != null ? ` · 答对 ${h.correctCount}/${h.questionCount}` : ''}`}
              />
            </List.Item>
          )}
        />
      </Card>
    </div>
  );
}

function Countdown({ seconds, onZero }: { seconds: number; onZero: () => void }) {
  const [end] = useState(() => Date.now() + seconds * 1000);
  const [left, setLeft] = useState(seconds);
  useEffect(() => {
    const t = setInterval(() => {
      const s = Math.max(0, Math.round((end - Date.now()) / 1000));
      setLeft(s);
      if (s === 0) {
        clearInterval(t);
        onZero();
      }
    }, 1000);
    return () => clearInterval(t);
  }, [end, onZero]);
  const mm = String(Math.floor(left / 60)).padStart(2, '0');
  const ss = String(left % 60).padStart(2, '0');
  return (
    <Tag color={left < 300 ? 'red' : 'blue'} style={{ fontSize: 14, padding: '2px 8px' }} data-testid="mock-timer">
      剩余 {mm}:{ss}
    </Tag>
  );
}

function MockReview({ a }: { a: TMockAttempt }) {
  const [onlyWrong, setOnlyWrong] = useState(false);
  const items = onlyWrong ? a.items.filter((i) => !i.correct) : a.items;
  return (
    <div>
      <Result
        status={a.passed ? 'success' : 'warning'}
        title={`${a.score} 分`}
        subTitle={`${a.label} · 答对 ${a.correctCount}/${a.questionCount} 题 · 合格分 ${a.passScore} 分${a.submitKind === 'timeout' ? ' · 时间到自动交卷' : ''}`}
        style={{ padding: '16px 0' }}
      />
      <Space style={{ marginBottom: 8 }}>
        <Segmented
          value={onlyWrong ? 'wrong' : 'all'}
          onChange={(v) => setOnlyWrong(v === 'wrong')}
          options={[
            { value: 'all', label: '全部试题' },
            { value: 'wrong', label: '只看错题' },
          ]}
        />
      </Space>
      {items.map((it) => (
        <Card key={it.index} size="small" style={{ marginBottom: 8 }}>
          <Typography.Paragraph strong>
            {it.index + 1}. 【{QUESTION_TYPE_LABELS[it.type]}】{it.stem}{' '}
            {it.correct ? (
              <Tag color="success">正确</Tag>
            ) : (
              <Tag color="error">{it.chosen.length ? '错误' : '未作答'}</Tag>
            )}
          </Typography.Paragraph>
          {it.options.map((o, i) => {
            const right = it.correctIds?.includes(o.id);
            const picked = it.chosen.includes(o.id);
            return (
              <div
                key={o.id}
                style={{
                  color: right ? '#389e0d' : picked ? '#cf1322' : undefined,
                  fontWeight: right || picked ? 600 : 400,
                }}
              >
                {it.type === 'judge' ? o.text : `${String.fromCharCode(65 + i)}. ${o.text}`}
                {right && ' ✓'}
                {picked && !right && ' ✗'}
              </div>
            );
          })}
          {it.explanation && (
            <Typography.Paragraph type="secondary" style={{ marginTop: 6, marginBottom: 0 }}>
              解析：{it.explanation}
            </Typography.Paragraph>
          )}
        </Card>
      ))}
    </div>
  );
}

/** One mock attempt: answer (autosaved, server-timed) or review after submission. */
export function MockTakePage() {
  const { id } = useParams();
  const qc = useQueryClient();
  const { message, modal } = App.useApp();
  const [cur, setCur] = useState(0);
  const [local, setLocal] = useState<Record<number, string[]>>({});
  const q = useQuery({
    queryKey: ['learn', 'mock', id],
    queryFn: () => api.get<TMockAttempt>(`/api/learn/mock/${id}`),
    refetchOnWindowFocus: true,
  });
  const a = q.data;
  const sheet = useMemo(() => {
    const s: Record<number, string[]> = {};
    a?.items.forEach((i) => (s[i.index] = i.chosen));
    return { ...s, ...local };
  }, [a, local]);
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: ['learn'] });
  };
  const save = useMutation({
    mutationFn: ({ index, choice }: { index: number; choice: string[] }) =>
      api.put(`/api/learn/mock/${id}/answers`, { index, choice }),
    onError: (e) => {
      message.error(errText(e));
      refresh();
    },
  });
  const submit = useMutation({
    mutationFn: () => api.post<TMockSummary>(`/api/learn/mock/${id}/submit`),
    onSuccess: (r) => {
      message.success(`已交卷，得分 ${r.score} 分`);
      setLocal({});
      refresh();
    },
    onError: (e) => {
      message.error(errText(e));
      refresh();
    },
  });
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
  const item = a.items[cur];
  const choose = (choice: string[]) => {
    setLocal((l) => ({ ...l, [cur]: choice }));
    save.mutate({ index: cur, choice });
  };
  const answered = a.items.filter((i) => (sheet[i.index] ?? []).length > 0).length;
  const confirmSubmit = () =>
    modal.confirm({
      title: '确认交卷',
      content: answered < a.items.length ? `还有 ${a.items.length - answered} 题未作答，确定交卷吗？` : '确定交卷吗？',
      okText: '交卷',
      cancelText: '继续作答',
      onOk: () => submit.mutateAsync(),
    });
  return (
    <div>
      <BackBar
        title={a.label}
        to="/doctor/learn/mock"
        extra={<Countdown seconds={a.remainingSeconds} onZero={refresh} />}
      />
      <Card size="small" title={`第 ${cur + 1} / ${a.items.length} 题 · ${QUESTION_TYPE_LABELS[item.type]}`}>
        <Typography.Paragraph strong style={{ fontSize: 16 }}>
          {item.stem}
        </Typography.Paragraph>
        {item.type === 'multiple' ? (
          <Checkbox.Group
            value={sheet[cur] ?? []}
            onChange={(v) => choose(v as string[])}
            style={{ display: 'flex', flexDirection: 'column', gap: 10 }}
          >
            {item.options.map((o, i) => (
              <Checkbox key={o.id} value={o.id}>
                {String.fromCharCode(65 + i)}. {o.text}
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
                {item.type === 'judge' ? o.text : `${String.fromCharCode(65 + i)}. ${o.text}`}
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

/** 错题收藏: wrong answers from practice and mock tests; remove one or 清空. */
export function WrongBookPage() {
  const qc = useQueryClient();
  const { message, modal } = App.useApp();
  const [bank, setBank] = useState<'all' | TBank>('all');
  const [page, setPage] = useState(1);
  const q = useQuery({
    queryKey: ['learn', 'wrong', bank, page],
    queryFn: () =>
      api.get<TWrongList>('/api/learn/wrong', { bank: bank === 'all' ? undefined : bank, page, pageSize: 10 }),
  });
  const done = (msg: string) => {
    message.success(msg);
    void qc.invalidateQueries({ queryKey: ['learn'] });
  };
  const remove = useMutation({
    mutationFn: (id: number) => api.delete(`/api/learn/wrong/${id}`),
    onSuccess: () => done('已移除'),
    onError: (e) => message.error(errText(e)),
  });
  const clear = useMutation({
    mutationFn: () => api.delete<{ removed: number }>('/api/learn/wrong'),
    onSuccess: (r) => done(`已清空 ${r.removed} 道错题`),
    onError: (e) => message.error(errText(e)),
  });
  return (
    <div>
      <BackBar
        title="错题收藏"
        extra={
          <Button
            size="small"
            danger
            disabled={!q.data?.total}
            onClick={() =>
              modal.confirm({
                title: '清空错题收藏',
                content: '确定清空全部错题吗？清空后不能恢复。',
                okText: '清空',
                okButtonProps: { danger: true },
                cancelText: '取消',
                onOk: () => clear.mutateAsync(),
              })
            }
          >
            清空
          </Button>
        }
      />
      <Segmented
        block
        style={{ marginBottom: 12 }}
        value={bank}
        onChange={(v) => {
          setBank(v as 'all' | TBank);
          setPage(1);
        }}
        options={[
          { value: 'all', label: '全部' },
          { value: 'humanities', label: '人文医学' },
          { value: 'professional', label: '业务水平' },
        ]}
      />
      {q.error && <Alert type="error" message={errText(q.error)} />}
      {q.data && q.data.total === 0 && <Empty description="暂无错题" />}
      {q.data?.items.map((w) => (
        <Card
          key={w.id}
          size="small"
          style={{ marginBottom: 8 }}
          title={
            <Space size={4} wrap>
              <Tag color="blue">{QUESTION_TYPE_LABELS[w.type]}</Tag>
              <Tag>{w.category}</Tag>
              <Tag color={w.source === 'mock' ? 'purple' : 'cyan'}>{w.source === 'mock' ? '模拟自测' : '题库练习'}</Tag>
            </Space>
          }
          extra={
            <Button size="small" type="link" onClick={() => remove.mutate(w.id)}>
              移除
            </Button>
          }
        >
          <Typography.Paragraph strong data-testid="wrong-stem">
            {w.stem}
          </Typography.Paragraph>
          <OptionLines options={w.options} answer={w.answer} chosen={w.chosen} type={w.type} />
          <Typography.Paragraph style={{ marginTop: 6, marginBottom: 0 }}>
            正确答案：{w.type === 'judge' ? judgeText(w.answer[0]) : w.answer.join('')}　您的答案：
            {w.type === 'judge' ? w.chosen.map(judgeText).join('') : w.chosen.join('') || '未作答'}
          </Typography.Paragraph>
          {w.explanation && (
            <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
              解析：{w.explanation}
            </Typography.Paragraph>
          )}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            答错 {w.wrongCount} 次 · 最近 {fmt(w.lastWrongAt)}
          </Typography.Text>
        </Card>
      ))}
      {q.data && q.data.total > 10 && (
        <Pagination
          simple
          current={page}
          total={q.data.total}
          pageSize={10}
          onChange={setPage}
          style={{ textAlign: 'center' }}
        />
      )}
    </div>
  );
}

/** 考前资料 list. */
export function MaterialsListPage() {
  const nav = useNavigate();
  const q = useQuery({
    queryKey: ['learn', 'materials'],
    queryFn: () => api.get<{ items: TMaterial[] }>('/api/learn/materials'),
  });
  return (
    <div>
      <BackBar title="考前资料" />
      {q.error && <Alert type="error" message={errText(q.error)} />}
      <List
        dataSource={q.data?.items ?? []}
        locale={{ emptyText: '暂无考前资料' }}
        renderItem={(m) => (
          <Card
            size="small"
            style={{ marginBottom: 8, cursor: 'pointer' }}
            onClick={() => nav(`/doctor/learn/materials/${m.id}`)}
          >
            <Space>
              <BookOutlined style={{ color: '#1677ff' }} />
              <Typography.Text strong>{m.title}</Typography.Text>
            </Space>
            {m.summary && (
              <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>
                {m.summary}
              </Typography.Paragraph>
            )}
          </Card>
        )}
      />
    </div>
  );
}

export function MaterialDetailPage() {
  const { id } = useParams();
  const { message } = App.useApp();
  const q = useQuery({
    queryKey: ['learn', 'material', id],
    queryFn: () => api.get<TMaterial>(`/api/learn/materials/${id}`),
  });
  const m = q.data;
  return (
    <div>
      <BackBar title="考前资料" to="/doctor/learn/materials" />
      {q.error && <Alert type="error" message={errText(q.error)} />}
      {m && (
        <Card title={m.title} size="small">
          {m.summary && <Typography.Paragraph type="secondary">{m.summary}</Typography.Paragraph>}
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{m.content}</Typography.Paragraph>
          {m.fileName && (
            <Button
              onClick={() =>
                download(`/api/learn/materials/${m.id}/file`, m.fileName!).catch((e) => message.error(errText(e)))
              }
            >
              下载附件：{m.fileName}
            </Button>
          )}
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 8, marginBottom: 0 }}>
            更新于 {fmt(m.updatedAt)}
          </Typography.Paragraph>
        </Card>
      )}
    </div>
  );
}
