import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { Button, Card, Col, Row, Statistic, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { api } from '../../api/client';
import { useActor } from '../../app/auth';
import { CycleNoticeModal } from './CycleNoticeModal';

/** charts (and the chart code) load only for reviewers, after the page itself */
const HomeCharts = lazy(() => import('../stats/HomeCharts'));

export interface TodoItem {
  label: string;
  count: number;
  path: string;
  /** the manual's button (去审核 / 去评定); derived from the label when the server does not say */
  action?: string;
}

/** Seed 003 opens review lists with 【去审核】 and grading / evaluation lists with 【去评定】. */
export const todoAction = (t: TodoItem) => t.action ?? (t.label.includes('评定') ? '去评定' : '去审核');

/**
 * Home page of the institutional roles: who you are and the to-do counts (待办), each card opening
 * its page. Feature modules contribute counts through GET /api/todos.
 */
export function HomePage() {
  const me = useActor();
  const nav = useNavigate();
  const todos = useQuery({
    queryKey: ['todos', me.role],
    // a failed refresh keeps the cards already shown (the query keeps its last data)
    queryFn: () => api.get<{ items: TodoItem[] }>('/api/todos'),
    retry: 1,
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
            <Card
              role="region"
              data-testid="todo-card"
              aria-label={t.label}
              actions={[
                <Button key="go" type="link" onClick={() => nav(t.path)}>
                  {todoAction(t)}
                </Button>,
              ]}
            >
              <Statistic title={t.label} value={t.count} suffix="项" />
            </Card>
          </Col>
        ))}
      </Row>
      {['admin', 'institution', 'body'].includes(me.role) && (
        <Suspense fallback={null}>
          <HomeCharts />
        </Suspense>
      )}
    </div>
  );
}
