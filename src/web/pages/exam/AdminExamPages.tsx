import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Descriptions,
  Form,
  InputNumber,
  Popconfirm,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import type {
  TBlueprintInput,
  TBlueprints,
  TBlueprintView,
  TCloseWindowResult,
  TItemAnalysis,
  TItemAnalysisRow,
} from '../../../shared/schemas/exam';
import { api, ApiError } from '../../api/client';

const errText = (e: unknown) => (e instanceof ApiError ? e.message : '加载失败，请稍后重试');

function BlueprintCard({ bp }: { bp: TBlueprintView }) {
  const [form] = Form.useForm<TBlueprintInput>();
  const qc = useQueryClient();
  const { message } = App.useApp();
  useEffect(() => {
    form.setFieldsValue({
      durationMinutes: bp.durationMinutes,
      questionCount: bp.questionCount,
      attempts: bp.attempts,
      rules: bp.rules,
    });
  }, [bp, form]);
  const save = useMutation({
    mutationFn: (v: TBlueprintInput) => api.put(`/api/exam/blueprints/${bp.paperType}`, v),
    onSuccess: () => {
      message.success('已保存');
      void qc.invalidateQueries({ queryKey: ['exam-blueprints'] });
    },
    onError: (e) => message.error(e.message),
  });
  const categories = [...new Set(bp.bank.map((b) => b.category))];
  const bankByGroup = bp.bank.reduce<Record<string, number>>((acc, b) => {
    const k = bp.paperType === 'professional' ? `${b.practiceCategory ?? '未设置'} · ${b.category}` : b.category;
    acc[k] = (acc[k] ?? 0) + b.count;
    return acc;
  }, {});
  return (
    <Card
      title={
        <Space>
          {bp.label}
          {bp.custom ? <Tag color="blue">已设置</Tag> : <Tag>默认规则</Tag>}
        </Space>
      }
    >
      {bp.warning && <Alert type="warning" showIcon message={bp.warning} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate({ ...v, rules: v.rules ?? [] })}>
        <Row gutter={12}>
          <Col xs={24} sm={8}>
            <Form.Item
              label="考试时长（分钟）"
              name="durationMinutes"
              rules={[{ required: true, message: '请填写考试时长' }]}
            >
              <InputNumber min={1} max={300} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item label="题量" name="questionCount" rules={[{ required: true, message: '请填写题量' }]}>
              <InputNumber min={1} max={300} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item
              label="答题次数"
              name="attempts"
              rules={[{ required: true, message: '请填写答题次数' }]}
              extra={bp.paperType === 'professional' ? '业务水平测评仅一次答题机会' : '达到合格分数即交卷成功'}
            >
              <InputNumber min={1} max={20} style={{ width: '100%' }} disabled={bp.paperType === 'professional'} />
            </Form.Item>
          </Col>
        </Row>
        <Typography.Text strong>组卷规则</Typography.Text>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          按分类、难度指定题数；其余题目从题库中随机抽取。
          {bp.paperType === 'professional' && '业务水平试题按医师的执业类别抽取。'}
        </Typography.Paragraph>
        <Form.List name="rules">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} wrap align="baseline" style={{ display: 'flex', marginBottom: 4 }}>
                  <Form.Item name={[f.name, 'category']} style={{ marginBottom: 0 }}>
                    <Select
                      allowClear
                      placeholder="分类（任意）"
                      style={{ width: 160 }}
                      options={categories.map((c) => ({ value: c, label: c }))}
                    />
                  </Form.Item>
                  <Form.Item name={[f.name, 'difficulty']} style={{ marginBottom: 0 }}>
                    <Select
                      allowClear
                      placeholder="难度（任意）"
                      style={{ width: 120 }}
                      options={[1, 2, 3, 4, 5].map((d) => ({ value: d, label: `难度 ${d}` }))}
                    />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'count']}
                    rules={[{ required: true, message: '题数' }]}
                    style={{ marginBottom: 0 }}
                  >
                    <InputNumber min={1} max={300} placeholder="题数" addonAfter="题" style={{ width: 120 }} />
                  </Form.Item>
                  <Button type="link" danger onClick={() => remove(f.name)}>
                    删除
                  </Button>
                </Space>
              ))}
              <Button onClick={() => add({ category: null, difficulty: null, count: 5 })} style={{ marginTop: 4 }}>
                添加规则
              </Button>
            </>
          )}
        </Form.List>
        <Descriptions size="small" column={1} style={{ marginTop: 16 }}>
          <Descriptions.Item label="合格分数线">
            {bp.passLines.map((p) => `${p.label} ${p.score} 分`).join('；')}（在「本周期考核设置」中修改）
          </Descriptions.Item>
          <Descriptions.Item label="题库可用试题">
            {Object.keys(bankByGroup).length
              ? Object.entries(bankByGroup)
                  .map(([k, n]) => `${k} ${n}`)
                  .join('；')
              : '无'}
          </Descriptions.Item>
        </Descriptions>
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          保存
        </Button>
      </Form>
    </Card>
  );
}

/** 试卷设置 (province): blueprints per paper type; 【关闭首轮考核】/【关闭再次考核】. */
/** 开始答题限流: at most N starts per minute in the province; above it physicians wait in a queue. */
function StartLimitCard({ value }: { value: number | null }) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [v, setV] = useState<number | null>(value);
  useEffect(() => setV(value), [value]);
  const save = useMutation({
    mutationFn: () => api.put('/api/exam/start-limit', { perMinute: v }),
    onSuccess: () => {
      message.success('已保存');
      qc.invalidateQueries({ queryKey: ['exam-blueprints'] });
    },
    onError: (e) => message.error(e.message),
  });
  return (
    <Card title="开始答题限流">
      <Typography.Paragraph type="secondary">
        考核集中开始时，可限定全省每分钟最多开始答题的人数；超过时医师在【去考试】后看到排队等候页面和当前排队位置，轮到时自动进入答题（已开始的试卷继续作答不受限制）。留空为不限。
      </Typography.Paragraph>
      <Space wrap>
        <span>每分钟最多开始答题人数</span>
        <InputNumber
          aria-label="每分钟最多开始答题人数"
          min={1}
          max={100000}
          precision={0}
          placeholder="不限"
          value={v}
          onChange={(x) => setV(x ?? null)}
        />
        <Button type="primary" loading={save.isPending} onClick={() => save.mutate()}>
          保存
        </Button>
      </Space>
    </Card>
  );
}

export function BlueprintPage() {
  const { message, modal } = App.useApp();
  const q = useQuery({ queryKey: ['exam-blueprints'], queryFn: () => api.get<TBlueprints>('/api/exam/blueprints') });
  const close = useMutation({
    mutationFn: (round: 'first' | 'reexam') => api.post<TCloseWindowResult>('/api/exam/close-window', { round }),
    onSuccess: (r) =>
      modal.success({
        title: '已关闭',
        content: `到时自动交卷 ${r.timedOut} 份；完成测评 ${r.finished} 人；未参加测评判定不合格 ${r.markedAbsent} 人。`,
      }),
    onError: (e) => message.error(e.message),
  });
  if (q.error) return <Alert type="error" showIcon message={errText(q.error)} />;
  if (!q.data) return null;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        试卷设置{' '}
        <Typography.Text type="secondary" style={{ fontSize: 14 }}>
          {q.data.cycle.name}
        </Typography.Text>
      </Typography.Title>
      <Alert
        type="info"
        showIcon
        message="每位医师每次答题从题库随机抽题组卷，题目和选项顺序随机，开始答题时试卷即固定；之后修改或停用试题不影响已开始的试卷。"
      />
      <Row gutter={16}>
        {q.data.papers.map((bp) => (
          <Col key={bp.paperType} xs={24} xl={12} style={{ marginBottom: 16 }}>
            <BlueprintCard bp={bp} />
          </Col>
        ))}
      </Row>
      <StartLimitCard value={q.data.startLimit} />
      <Card title="关闭考核">
        <Typography.Paragraph type="secondary">
          考核时间结束后关闭：未交卷的试卷按已保存的答案自动交卷；仍未参加测评且未获批延期考核的医师判定为「考核不合格」（未参加测评）。
        </Typography.Paragraph>
        <Space wrap>
          <Popconfirm
            title="确定关闭首轮考核？"
            description="未参加测评且未申请延期考核的医师将判定为不合格"
            onConfirm={() => close.mutate('first')}
          >
            <Button danger loading={close.isPending && close.variables === 'first'}>
              关闭首轮考核
            </Button>
          </Popconfirm>
          <Popconfirm
            title="确定关闭再次考核？"
            description="未参加再次考核（含延期考核）的医师将判定为不合格"
            onConfirm={() => close.mutate('reexam')}
          >
            <Button danger loading={close.isPending && close.variables === 'reexam'}>
              关闭再次考核
            </Button>
          </Popconfirm>
        </Space>
      </Card>
    </Space>
  );
}

const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;

/** 试题分析 (province): difficulty, discrimination and option frequencies per question version. */
export function ItemAnalysisPage() {
  const [paperType, setPaperType] = useState<'humanities' | 'professional'>('humanities');
  const [round, setRound] = useState<'first' | 'reexam'>('first');
  const [flaggedOnly, setFlaggedOnly] = useState(false);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const q = useQuery({
    queryKey: ['item-analysis', paperType, round, flaggedOnly, page, pageSize],
    queryFn: () =>
      api.get<TItemAnalysis>('/api/exam/item-analysis', {
        paperType,
        round,
        flaggedOnly: flaggedOnly ? 1 : 0,
        page,
        pageSize,
      }),
  });
  const d = q.data;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        试题分析
      </Typography.Title>
      <Card size="small">
        <Space wrap>
          <Select
            value={paperType}
            style={{ width: 140 }}
            onChange={(v) => {
              setPaperType(v);
              setPage(1);
            }}
            options={[
              { value: 'humanities', label: '人文医学' },
              { value: 'professional', label: '业务水平' },
            ]}
          />
          <Select
            value={round}
            style={{ width: 140 }}
            onChange={(v) => {
              setRound(v);
              setPage(1);
            }}
            options={[
              { value: 'first', label: '首轮考核' },
              { value: 'reexam', label: '再次考核' },
            ]}
          />
          <Checkbox
            checked={flaggedOnly}
            onChange={(e) => {
              setFlaggedOnly(e.target.checked);
              setPage(1);
            }}
          >
            仅看区分度为负的试题
          </Checkbox>
        </Space>
      </Card>
      {q.error && <Alert type="error" showIcon message={errText(q.error)} />}
      {d && (
        <>
          {d.window && !d.window.closed && (
            <Alert
              type="info"
              showIcon
              message={`考核时间（${d.window.start.replaceAll('-', '/')} 至 ${d.window.end.replaceAll('-', '/')}）尚未结束，当前为阶段性统计。`}
            />
          )}
          <Row gutter={16}>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title="已交答卷" value={d.attempts} />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title="涉及试题" value={d.items} />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic
                  title="区分度为负"
                  value={d.flagged}
                  valueStyle={d.flagged ? { color: '#cf1322' } : undefined}
                />
              </Card>
            </Col>
          </Row>
          <Table<TItemAnalysisRow>
            rowKey="versionId"
            size="small"
            loading={q.isFetching}
            dataSource={d.rows}
            scroll={{ x: 900 }}
            pagination={{
              current: page,
              pageSize,
              total: d.total,
              showSizeChanger: true,
              showTotal: (t) => `共 ${t} 题`,
              onChange: (p, s) => {
                setPage(p);
                setPageSize(s);
              },
            }}
            expandable={{
              expandedRowRender: (r) => (
                <Table
                  size="small"
                  pagination={false}
                  rowKey="key"
                  dataSource={r.options}
                  columns={[
                    {
                      title: '选项',
                      dataIndex: 'key',
                      width: 60,
                      render: (k: string, o) => (o.correct ? <Tag color="green">{k} 正确</Tag> : k),
                    },
                    { title: '内容', dataIndex: 'text' },
                    { title: '选择人数', dataIndex: 'count', width: 100 },
                    { title: '选择比例', dataIndex: 'share', width: 100, render: pct },
                  ]}
                  footer={() => `未作答 ${r.unanswered} 人`}
                />
              ),
            }}
            columns={[
              {
                title: '试题',
                dataIndex: 'stem',
                render: (s: string, r) => (
                  <Space direction="vertical" size={0}>
                    <Typography.Text ellipsis={{ tooltip: s }} style={{ maxWidth: 420 }}>
                      {s}
                    </Typography.Text>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      编号 {r.questionId} · 第 {r.version} 版 · {r.practiceCategory ? `${r.practiceCategory} · ` : ''}
                      {r.category} · 设定难度 {r.difficulty}
                      {r.questionStatus === 'retired' && ' · 已停用'}
                    </Typography.Text>
                  </Space>
                ),
              },
              { title: '作答人数', dataIndex: 'responses', width: 90 },
              {
                title: <Tooltip title="答对人数占比（p 值），越低越难">难度（通过率）</Tooltip>,
                dataIndex: 'pValue',
                width: 120,
                render: pct,
              },
              {
                title: <Tooltip title="高分组（前27%）与低分组（后27%）答对率之差">区分度</Tooltip>,
                dataIndex: 'discrimination',
                width: 110,
                render: (v: number | null, r) =>
                  v === null ? '—' : r.flagged ? <Tag color="red">{v.toFixed(2)}</Tag> : v.toFixed(2),
              },
              {
                title: '选项选择',
                key: 'opts',
                render: (_: unknown, r) => (
                  <Space size={4} wrap>
                    {r.options.map((o) => (
                      <Tag key={o.key} color={o.correct ? 'green' : undefined}>
                        {o.key} {pct(o.share)}
                      </Tag>
                    ))}
                  </Space>
                ),
              },
            ]}
          />
        </>
      )}
    </Space>
  );
}
