import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Popconfirm, Row, Space, Typography } from 'antd';
import type { TBlueprints, TCloseWindowResult } from '../../../../shared/schemas/exam';
import { api } from '../../../api/client';
import { BlueprintCard } from './BlueprintCard';
import { errText } from './errText';
import { StartLimitCard } from './StartLimitCard';

/** 试卷设置 (province): blueprints per paper type; 【关闭首轮考核】/【关闭再次考核】. */
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
