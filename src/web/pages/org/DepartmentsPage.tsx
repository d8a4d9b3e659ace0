import { Button, Card, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { TDepartmentNode } from '../../../shared/schemas/org';
import { useAction } from '../../components';
import { useDeleteDepartment, useDepartments } from '../../queries/org';
import { type DeptModalState, DepartmentModal } from './DepartmentModal';

/** 本机构信息 › 科室信息 (卫生机构): 一级科室 with their 二级科室; create, edit, delete. */
export function DepartmentsPage() {
  const act = useAction();
  const [modal, setModal] = useState<DeptModalState | null>(null);
  const q = useDepartments();
  const del = useDeleteDepartment();
  // 二级科室 are always shown under their 一级科室; leaves carry no children array so no expander shows
  const rows = (q.data?.items ?? []).map((n) => ({
    ...n,
    children: n.children.length
      ? n.children.map((c) => ({ ...c, children: undefined as never }))
      : (undefined as never),
  }));
  return (
    <Card
      title="科室信息"
      extra={
        <Button type="primary" onClick={() => setModal({ mode: 'create', parent: null })}>
          创建一级科室
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">
        提示：一级科室、二级科室都必须创建。科室一旦被医师使用，无法直接删除，需将医师信息调整到新科室后才能删除。
      </Typography.Paragraph>
      <Table<TDepartmentNode>
        rowKey="id"
        loading={q.isLoading}
        dataSource={rows}
        pagination={false}
        expandable={{ expandedRowKeys: rows.map((r) => r.id), showExpandColumn: false }}
        columns={[
          {
            title: '科室名称',
            dataIndex: 'name',
            render: (v: string, n) =>
              n.level === 1 ? (
                <Typography.Text strong>{v}</Typography.Text>
              ) : (
                <span style={{ paddingLeft: 24 }}>└ {v}</span>
              ),
          },
          {
            title: '级别',
            dataIndex: 'level',
            render: (l: number) => <Tag color={l === 1 ? 'blue' : 'default'}>{l === 1 ? '一级科室' : '二级科室'}</Tag>,
          },
          { title: '科室介绍', dataIndex: 'intro', ellipsis: true },
          {
            title: '操作',
            render: (_, n) => (
              <Space size={0}>
                {n.level === 1 && (
                  <Button type="link" size="small" onClick={() => setModal({ mode: 'create', parent: n })}>
                    创建二级科室
                  </Button>
                )}
                <Button type="link" size="small" onClick={() => setModal({ mode: 'edit', node: n })}>
                  编辑
                </Button>
                <Popconfirm
                  title={`确认删除“${n.name}”？`}
                  okText="确认"
                  cancelText="取消"
                  onConfirm={() => act(() => del.mutateAsync(n.id), '删除成功')}
                >
                  <Button type="link" size="small" danger>
                    删除
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      {modal && <DepartmentModal state={modal} onClose={() => setModal(null)} />}
    </Card>
  );
}
