import { Card, Col, Row, Statistic, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { useActor } from '../../app/auth';
import { CycleNoticeModal } from './CycleNoticeModal';

export interface TodoItem {
  label: string;
  count: number;
  path: string;
}

/**
 * Home page of the institutional roles: who you are and the to-do counts (待办). Feature
 * modules contribute counts through GET /api/todos.
 */
export function HomePage() {
  const me = useActor();
  const todos = useQuery({
    queryKey: ['todos', me.role],
    queryFn: () => api.get<{ items: TodoItem[] }>('/api/todos').catch(() => ({ items: [] })),
  });
  return (
    <div>
      {me.role === 'institution' && <CycleNoticeModal />}
      <Card>
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {me.orgName}
        </Typography.Title>
        <Typography.Text type="secondary">当前角色：{me.roleLabel}</Typography.Text>
      </Card>
      <Row gutter={16} style={{ marginTop: 16 }}>
        {(todos.data?.items ?? []).map((t) => (
          <Col key={t.label} xs={24} sm={12} md={8} lg={6} style={{ marginBottom: 16 }}>
            <Card hoverable onClick={() => (window.location.href = t.path)}>
              <Statistic title={t.label} value={t.count} suffix="项" />
            </Card>
          </Col>
        ))}
      </Row>
    </div>
  );
}
