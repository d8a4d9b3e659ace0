import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Popconfirm, Space, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import type { TMaterial } from '../../../shared/schemas/bank';
import { download } from '../../api/client';
import { useAction } from '../../components';
import { useDeleteMaterial, useMaterialsAdmin } from '../../queries/bank';
import { MaterialModal } from './MaterialModal';

/** 考前资料 (省级): title, summary, content and an optional attachment (PDF or picture). */
export function MaterialsPage() {
  const act = useAction();
  const [editing, setEditing] = useState<TMaterial | 'new' | null>(null);
  const q = useMaterialsAdmin();
  const remove = useDeleteMaterial();
  return (
    <Card
      title="考前资料"
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
          新增
        </Button>
      }
    >
      <Table<TMaterial>
        rowKey="id"
        size="small"
        loading={q.isLoading}
        dataSource={q.data?.items}
        pagination={false}
        columns={[
          { title: '标题', dataIndex: 'title' },
          { title: '摘要', dataIndex: 'summary', ellipsis: true },
          {
            title: '附件',
            dataIndex: 'fileName',
            render: (n: string | null, r) =>
              n ? (
                <Button
                  type="link"
                  size="small"
                  style={{ padding: 0 }}
                  onClick={() => act(() => download(`/api/bank/materials/${r.id}/file`, n))}
                >
                  {n}
                </Button>
              ) : (
                '—'
              ),
          },
          {
            title: '状态',
            dataIndex: 'published',
            width: 80,
            render: (p: boolean) => (p ? <Tag color="green">已发布</Tag> : <Tag>未发布</Tag>),
          },
          {
            title: '更新时间',
            dataIndex: 'updatedAt',
            width: 150,
            render: (s: string) => dayjs(s).format('YYYY/MM/DD HH:mm'),
          },
          {
            title: '操作',
            key: 'op',
            width: 130,
            render: (_: unknown, r) => (
              <Space size={4}>
                <Button size="small" type="link" onClick={() => setEditing(r)}>
                  修改
                </Button>
                <Popconfirm title="确定删除该资料？" onConfirm={() => act(() => remove.mutateAsync(r.id), '已删除')}>
                  <Button size="small" type="link" danger>
                    删除
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      {editing && <MaterialModal editing={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </Card>
  );
}
