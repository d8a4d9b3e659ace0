import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Badge, Button, Card, Collapse, Empty, Space, Spin, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { api } from '../../api/client';
import type { TMessageList } from '../../../shared/schemas/enrolment';
import { fmtTime } from '../enrolment/EnrolmentDetail';
import { mineKey } from './mine';

/** 站内消息: newest first; opening a message marks it read. */
export function MessagesPage() {
  const { message } = App.useApp();
  const nav = useNavigate();
  const qc = useQueryClient();
  const q = useInfiniteQuery({
    queryKey: ['messages'],
    initialPageParam: undefined as number | undefined,
    queryFn: ({ pageParam }) => api.get<TMessageList>('/api/messages', { cursor: pageParam, limit: 20 }),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const refresh = async () => {
    await qc.invalidateQueries({ queryKey: ['messages'] });
    await qc.invalidateQueries({ queryKey: mineKey });
  };
  const read = async (id: number) => {
    await api.post(`/api/messages/${id}/read`).catch((e) => message.error((e as Error).message));
    await refresh();
  };
  if (q.isLoading) return <Spin />;
  if (q.error) return <Alert type="error" message={(q.error as Error).message} />;
  const items = q.data!.pages.flatMap((p) => p.items);
  const unread = q.data!.pages[0]?.unread ?? 0;
  return (
    <Card
      title={
        <Space>
          站内消息 <Badge count={unread} />
        </Space>
      }
      extra={
        <Button
          disabled={!unread}
          onClick={async () => {
            await api.post('/api/messages/read-all');
            await refresh();
          }}
        >
          全部已读
        </Button>
      }
    >
      {!items.length && <Empty description="暂无消息" />}
      <Collapse
        accordion
        onChange={(k) => {
          const id = Number(Array.isArray(k) ? k[0] : k);
          const m = items.find((x) => x.id === id);
          if (m && !m.read) void read(id);
        }}
        items={items.map((m) => ({
          key: String(m.id),
          label: (
            <Space>
              {!m.read && <Badge status="processing" />}
              <Typography.Text strong={!m.read}>{m.title}</Typography.Text>
            </Space>
          ),
          extra: <Typography.Text type="secondary">{fmtTime(m.createdAt)}</Typography.Text>,
          children: <Typography.Paragraph style={{ marginBottom: 0 }}>{m.body}</Typography.Paragraph>,
        }))}
      />
      <Space style={{ marginTop: 12 }}>
        {q.hasNextPage && (
          <Button onClick={() => q.fetchNextPage()} loading={q.isFetchingNextPage}>
            加载更多
          </Button>
        )}
        <Button onClick={() => nav('/doctor')}>返回</Button>
      </Space>
    </Card>
  );
}
