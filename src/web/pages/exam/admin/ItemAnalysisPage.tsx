import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Checkbox, Col, Row, Select, Space, Statistic, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import type { TItemAnalysis, TItemAnalysisRow } from '../../../../shared/schemas/exam';
import { api } from '../../../api/client';
import { errText } from './errText';

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
