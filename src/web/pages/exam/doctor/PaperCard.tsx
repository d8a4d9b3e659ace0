import { Alert, Button, Card, Descriptions, List, Space, Tag, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { ATTEMPT_STATUS_LABELS, type TPaperState } from '../../../../shared/schemas/exam';
import { fmt } from './common';

/** One paper of 试卷列表: status, attempts used/left, best score, 答题记录, 【进入】. */
export function PaperCard({ p, windowOpen }: { p: TPaperState; windowOpen: boolean }) {
  const nav = useNavigate();
  const status = p.exempt ? (
    <Tag>免考</Tag>
  ) : p.inProgressAttemptId ? (
    <Tag color="processing">答题中</Tag>
  ) : p.passed ? (
    <Tag color="green">已合格</Tag>
  ) : p.done ? (
    <Tag color="orange">已完成</Tag>
  ) : !p.required ? (
    <Tag>无需参加</Tag>
  ) : (
    <Tag color="blue">待测评</Tag>
  );
  return (
    <Card
      size="small"
      title={
        <Space>
          {p.label}
          {status}
        </Space>
      }
      extra={
        <Button
          type="primary"
          disabled={!p.canEnter}
          onClick={() =>
            nav(
              p.inProgressAttemptId
                ? `/doctor/exam/take/${p.inProgressAttemptId}`
                : `/doctor/exam/notice/${p.paperType}`,
            )
          }
        >
          进入
        </Button>
      }
    >
      <Descriptions column={2} size="small">
        <Descriptions.Item label="考试时长">{p.durationMinutes} 分钟</Descriptions.Item>
        <Descriptions.Item label="题量">{p.questionCount} 题</Descriptions.Item>
        <Descriptions.Item label="答题次数">
          {p.attemptsUsed}/{p.attemptsAllowed}（剩余 {p.attemptsLeft}）
        </Descriptions.Item>
        <Descriptions.Item label="合格分数">{p.passLine} 分</Descriptions.Item>
        <Descriptions.Item label="最高成绩">{p.bestScore ?? '—'}</Descriptions.Item>
      </Descriptions>
      {p.note && (
        <Alert
          style={{ marginTop: 8 }}
          type={p.inProgressAttemptId ? 'info' : windowOpen ? 'warning' : 'info'}
          message={p.note}
        />
      )}
      {p.attempts.length > 0 && (
        <List
          size="small"
          style={{ marginTop: 8 }}
          header={<Typography.Text type="secondary">答题记录</Typography.Text>}
          dataSource={p.attempts}
          renderItem={(a) => (
            <List.Item>
              <Space wrap>
                <span>第 {a.attemptNo} 次</span>
                <span>{fmt(a.startedAt)}</span>
                <Tag>{ATTEMPT_STATUS_LABELS[a.status]}</Tag>
                {a.score !== null && <Tag color={a.passed ? 'green' : 'red'}>{a.score} 分</Tag>}
              </Space>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
