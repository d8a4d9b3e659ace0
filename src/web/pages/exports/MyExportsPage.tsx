import { useQuery } from '@tanstack/react-query';
import { App, Button, Card, Progress, Table, Typography } from 'antd';
import { api } from '../../api/client';
import { downloadExport, percentOf } from '../../components/ExportJobButton';
import type { TExportJob } from '../../../shared/schemas/exports';
import { formatTime } from '../stats/useStats';

/** 我的导出: the account's export jobs with progress and 【下载】 until they expire. */
export function MyExportsPage() {
  const { message } = App.useApp();
  const q = useQuery({
    queryKey: ['exports'],
    queryFn: () => api.get<{ items: TExportJob[] }>('/api/exports'),
    refetchInterval: (x) =>
      x.state.data?.items.some((j) => j.status === 'queued' || j.status === 'running') ? 1500 : false,
  });
  return (
    <Card title="我的导出">
      <Typography.Paragraph type="secondary">
        导出文件仅申请人可下载，过期后自动删除，如需要请重新申请导出。
      </Typography.Paragraph>
      <Table<TExportJob>
        rowKey="id"
        size="middle"
        loading={q.isLoading}
        dataSource={q.data?.items ?? []}
        pagination={false}
        columns={[
          { title: '导出内容', dataIndex: 'title' },
          { title: '文件名', dataIndex: 'fileName' },
          { title: '申请时间', dataIndex: 'createdAt', render: formatTime },
          {
            title: '进度',
            key: 'progress',
            width: 200,
            render: (_: unknown, j) => (
              <Progress size="small" percent={percentOf(j)} status={j.status === 'failed' ? 'exception' : undefined} />
            ),
          },
          {
            title: '状态',
            dataIndex: 'statusLabel',
            render: (l: string, j) =>
              j.error ? <Typography.Text type="danger">{`${l}：${j.error}`}</Typography.Text> : l,
          },
          { title: '有效期至', dataIndex: 'expiresAt', render: formatTime },
          {
            title: '操作',
            key: 'op',
            render: (_: unknown, j) => (
              <Button
                type="link"
                disabled={j.status !== 'done'}
                onClick={() => downloadExport(j).catch((e: Error) => message.error(e.message))}
              >
                下载
              </Button>
            ),
          },
        ]}
      />
    </Card>
  );
}
