import { Alert, App, Button, Card, List, Space, Tag, Typography } from 'antd';
import { useNavigate } from 'react-router';
import type { TMockSummary } from '../../../shared/schemas/learning';
import { useAction } from '../../components';
import { useMockHistory, useMockPapers, useStartMock } from '../../queries/learning';
import { BackBar, errText, fmt } from './common';

/** 模拟自测: the two papers under the real rules, and the history of results. */
export function MockListPage() {
  const nav = useNavigate();
  const { modal } = App.useApp();
  const act = useAction();
  const papers = useMockPapers();
  const history = useMockHistory();
  const start = useStartMock();
  const begin = (p: {
    paper: 'humanities' | 'professional';
    label: string;
    questionCount: number;
    durationMinutes: number;
  }) =>
    modal.confirm({
      title: `开始${p.label}`,
      content: `共 ${p.questionCount} 题，限时 ${p.durationMinutes} 分钟，开始后计时不能暂停，时间到自动交卷。`,
      okText: '开始自测',
      cancelText: '取消',
      onOk: () => act(async () => nav(`/doctor/learn/mock/${(await start.mutateAsync(p.paper)).id}`)),
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
              onClick={() => begin(p)}
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
              actions={[
                <Button key="v" type="link" size="small" onClick={() => nav(`/doctor/learn/mock/${h.id}`)}>
                  查看
                </Button>,
              ]}
            >
              <List.Item.Meta title={<HistoryTitle h={h} />} description={historyLine(h)} />
            </List.Item>
          )}
        />
      </Card>
    </div>
  );
}

function HistoryTitle({ h }: { h: TMockSummary }) {
  return (
    <Space>
      {h.label}
      {h.status === 'in_progress' ? (
        <Tag color="processing">作答中</Tag>
      ) : (
        <Tag color={h.passed ? 'success' : 'error'}>{h.score} 分</Tag>
      )}
    </Space>
  );
}

const historyLine = (h: TMockSummary) =>
  `${fmt(h.startedAt)}${h.correctCount != null ? ` · 答对 ${h.correctCount}/${h.questionCount}` : ''}`;
