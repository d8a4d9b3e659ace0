import { App, Button, Card, Form, Input, Select, Space, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useState } from 'react';
import { ADMIN_LEVEL_LABELS, ORG_STATUS_LABELS, type TOrgStatus, type TSubordinate } from '../../../shared/schemas/org';
import { ExportJobButton } from '../../components/ExportJobButton';
import { FilterBar, PagedTable, useListState } from '../../components';
import { type OrgFilters, type OrgKind, useActivate, useApplyPermission, useSubordinates } from '../../queries/org';
import { SubordinateActions, useConfirmedAction } from './SubordinateActions';
import { KIND_TITLES, SubordinateModal } from './SubordinateModal';

const STATUS_COLORS: Record<TOrgStatus, string> = { unactivated: 'orange', active: 'green', deregistered: 'default' };
const PAGE_SIZE = 20;

/** 机构名称/账号 + 状态 filters shared by the organisation lists. */
export function OrgFilterItems() {
  return (
    <>
      <Form.Item name="q" label="机构名称/账号">
        <Input allowClear placeholder="输入名称或账号" />
      </Form.Item>
      <Form.Item name="status" label="状态">
        <Select
          allowClear
          style={{ width: 120 }}
          placeholder="全部"
          options={Object.entries(ORG_STATUS_LABELS).map(([value, label]) => ({ value, label }))}
        />
      </Form.Item>
    </>
  );
}

export const statusTag = (s: TOrgStatus) => <Tag color={STATUS_COLORS[s]}>{ORG_STATUS_LABELS[s]}</Tag>;

function columnsFor(kind: OrgKind, onEdit: (r: TSubordinate) => void): ColumnsType<TSubordinate> {
  return [
    { title: '机构账号', dataIndex: 'code' },
    { title: '机构名称', dataIndex: 'name' },
    { title: '详细地址', dataIndex: 'address', ellipsis: true },
    ...(kind === 'admin'
      ? [{ title: '级别', dataIndex: 'level', render: (v: TSubordinate['level']) => (v ? ADMIN_LEVEL_LABELS[v] : '') }]
      : []),
    { title: '状态', dataIndex: 'status', render: statusTag },
    ...(kind === 'institution'
      ? [
          {
            title: '申请成为考核机构',
            render: (_: unknown, r: TSubordinate) =>
              r.isAssessmentBody ? (
                <Tag color="purple">已是考核机构</Tag>
              ) : (
                <Tag color={r.canApplyAssessment ? 'blue' : undefined}>{r.canApplyAssessment ? '允许' : '不允许'}</Tag>
              ),
          },
        ]
      : []),
    ...(kind === 'industry'
      ? [
          {
            title: '考核机构角色',
            render: (_: unknown, r: TSubordinate) =>
              r.isAssessmentBody ? <Tag color="purple">承担考核机构</Tag> : <Tag>未配置</Tag>,
          },
        ]
      : []),
    { title: '创建时间', dataIndex: 'createdAt', render: (v: string) => dayjs(v).format('YYYY/MM/DD') },
    { title: '操作', render: (_: unknown, r: TSubordinate) => <SubordinateActions r={r} onEdit={() => onEdit(r)} /> },
  ];
}

/** 所辖机构账户管理 → 地方卫健委 / 卫生机构 / 行业组织. Filters belong to the page (one state per route). */
export function SubordinatesPage({ kind }: { kind: OrgKind }) {
  const list = useListState<OrgFilters>({});
  const [selected, setSelected] = useState<number[]>([]);
  const [editing, setEditing] = useState<TSubordinate | 'new' | null>(null);
  const { message } = App.useApp();
  const confirm = useConfirmedAction();
  const activate = useActivate();
  const permission = useApplyPermission();
  const q = useSubordinates(kind, { ...list.filters, page: list.page, pageSize: PAGE_SIZE });
  const rows = q.data?.items ?? [];
  const chosen = rows.filter((r) => selected.includes(r.id));
  const clear = () => setSelected([]);

  const batchActivate = () => {
    const ids = chosen.filter((r) => r.actions.includes('activate')).map((r) => r.id);
    if (!ids.length) return message.warning('请勾选未激活的机构');
    confirm(
      '批量激活',
      `确认激活所选的 ${ids.length} 个机构账号？`,
      () => activate.mutateAsync(ids),
      '激活成功',
      clear,
    );
  };
  const batchPermission = (allow: boolean) => {
    const ids = chosen.filter((r) => r.status === 'active').map((r) => r.id);
    if (!ids.length) return message.warning('请勾选已激活的卫生机构');
    confirm(
      allow ? '允许申请成为考核机构' : '不允许申请成为考核机构',
      `所选 ${ids.length} 个卫生机构将${allow ? '可以' : '不能'}申请成为考核机构。`,
      () => permission.mutateAsync({ ids, allow }),
      '设置成功',
      clear,
    );
  };

  return (
    <Card title={KIND_TITLES[kind]}>
      <FilterBar list={list}>
        <OrgFilterItems />
      </FilterBar>
      <Space style={{ marginBottom: 12 }} wrap>
        <Button type="primary" onClick={() => setEditing('new')}>
          新增
        </Button>
        <Button onClick={batchActivate}>批量激活</Button>
        <ExportJobButton kind="subordinates" params={{ kind, ...list.filters }} label="批量导出" />
        {kind === 'institution' && (
          <>
            <Typography.Text type="secondary">申请成为考核机构：</Typography.Text>
            <Button onClick={() => batchPermission(true)}>允许</Button>
            <Button onClick={() => batchPermission(false)}>不允许</Button>
          </>
        )}
      </Space>
      <PagedTable<TSubordinate>
        list={list}
        rowKey="id"
        loading={q.isLoading}
        dataSource={rows}
        total={q.data?.total ?? 0}
        pageSize={PAGE_SIZE}
        columns={columnsFor(kind, setEditing)}
        rowSelection={{
          selectedRowKeys: selected,
          onChange: (k) => setSelected(k as number[]),
          getCheckboxProps: (r) => ({ disabled: r.status === 'deregistered' }),
        }}
        scroll={{ x: 900 }}
      />
      {editing && (
        <SubordinateModal kind={kind} row={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      )}
    </Card>
  );
}
