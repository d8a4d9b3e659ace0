import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { api, ApiError, download } from '../../api/client';
import { ADMIN_LEVEL_LABELS, ORG_STATUS_LABELS, type TOrgStatus, type TSubordinate } from '../../../shared/schemas/org';

type Kind = 'admin' | 'institution' | 'industry';
const TITLES: Record<Kind, string> = { admin: '地方卫健委', institution: '卫生机构', industry: '行业组织' };
const STATUS_COLORS: Record<TOrgStatus, string> = { unactivated: 'orange', active: 'green', deregistered: 'default' };

interface PageData {
  items: TSubordinate[];
  total: number;
  page: number;
  pageSize: number;
}

/** 所辖机构账户管理 → 地方卫健委 / 卫生机构 / 行业组织. Row buttons come from the server's actions. */
export function SubordinatesPage({ kind }: { kind: Kind }) {
  const [filters, setFilters] = useState<{ q?: string; status?: TOrgStatus }>({});
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [selected, setSelected] = useState<number[]>([]);
  const [editing, setEditing] = useState<TSubordinate | 'new' | null>(null);
  const qc = useQueryClient();
  const { message, modal } = App.useApp();
  const key = ['org', 'subordinates', kind, filters, page];
  const q = useQuery({
    queryKey: key,
    queryFn: () => api.get<PageData>('/api/org/subordinates', { kind, ...filters, ...page }),
  });
  const rows = q.data?.items ?? [];
  const refresh = () => qc.invalidateQueries({ queryKey: ['org', 'subordinates', kind] });

  const run = async (p: Promise<unknown>, ok: string) => {
    try {
      await p;
      message.success(ok);
      setSelected([]);
      await refresh();
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '操作失败');
    }
  };
  const confirm = (title: string, content: string, action: () => Promise<unknown>, ok: string) =>
    modal.confirm({ title, content, okText: '确认', cancelText: '取消', onOk: () => run(action(), ok) });

  const selectedRows = rows.filter((r) => selected.includes(r.id));
  const batchActivate = () => {
    const ids = selectedRows.filter((r) => r.actions.includes('activate')).map((r) => r.id);
    if (!ids.length) return message.warning('请勾选未激活的机构');
    confirm(
      '批量激活',
      `确认激活所选的 ${ids.length} 个机构账号？`,
      () => api.post('/api/org/subordinates/activate', { ids }),
      '激活成功',
    );
  };
  const batchPermission = (allow: boolean) => {
    const ids = selectedRows.filter((r) => r.status === 'active').map((r) => r.id);
    if (!ids.length) return message.warning('请勾选已激活的卫生机构');
    confirm(
      allow ? '允许申请成为考核机构' : '不允许申请成为考核机构',
      `所选 ${ids.length} 个卫生机构将${allow ? '可以' : '不能'}申请成为考核机构。`,
      () => api.post('/api/org/subordinates/apply-permission', { ids, allow }),
      '设置成功',
    );
  };

  const columns = [
    { title: '机构账号', dataIndex: 'code' },
    { title: '机构名称', dataIndex: 'name' },
    { title: '详细地址', dataIndex: 'address', ellipsis: true },
    ...(kind === 'admin'
      ? [{ title: '级别', dataIndex: 'level', render: (v: TSubordinate['level']) => (v ? ADMIN_LEVEL_LABELS[v] : '') }]
      : []),
    {
      title: '状态',
      dataIndex: 'status',
      render: (s: TOrgStatus) => <Tag color={STATUS_COLORS[s]}>{ORG_STATUS_LABELS[s]}</Tag>,
    },
    ...(kind === 'institution'
      ? [
          {
            title: '申请成为考核机构',
            render: (_: unknown, r: TSubordinate) =>
              r.isAssessmentBody ? (
                <Tag color="purple">已是考核机构</Tag>
              ) : r.canApplyAssessment ? (
                <Tag color="blue">允许</Tag>
              ) : (
                <Tag>不允许</Tag>
              ),
          },
        ]
      : []),
    { title: '创建时间', dataIndex: 'createdAt', render: (v: string) => dayjs(v).format('YYYY/MM/DD') },
    {
      title: '操作',
      render: (_: unknown, r: TSubordinate) => (
        <Space size={0} wrap>
          {r.actions.includes('edit') && (
            <Button type="link" size="small" onClick={() => setEditing(r)}>
              修改
            </Button>
          )}
          {r.actions.includes('activate') && (
            <Button
              type="link"
              size="small"
              onClick={() =>
                confirm(
                  '激活账号',
                  `确认激活“${r.name}”？激活后账号方可登录使用。`,
                  () => api.post('/api/org/subordinates/activate', { ids: [r.id] }),
                  '激活成功',
                )
              }
            >
              激活
            </Button>
          )}
          {r.actions.includes('delete') && (
            <Button
              type="link"
              size="small"
              danger
              onClick={() =>
                confirm(
                  '删除账号',
                  `确认删除未激活的“${r.name}”？删除后不可恢复。`,
                  () => api.delete(`/api/org/subordinates/${r.id}`),
                  '删除成功',
                )
              }
            >
              删除
            </Button>
          )}
          {r.actions.includes('resetPassword') && (
            <Button
              type="link"
              size="small"
              onClick={() =>
                confirm(
                  '重置密码',
                  `确认将“${r.name}”的登录密码重置为初始密码 666666？`,
                  () => api.post(`/api/org/subordinates/${r.id}/reset-password`),
                  '密码已重置为 666666',
                )
              }
            >
              重置密码
            </Button>
          )}
          {r.actions.includes('allowApply') && (
            <Button
              type="link"
              size="small"
              onClick={() =>
                run(api.post('/api/org/subordinates/apply-permission', { ids: [r.id], allow: true }), '已允许申请')
              }
            >
              允许
            </Button>
          )}
          {r.actions.includes('disallowApply') && (
            <Button
              type="link"
              size="small"
              onClick={() =>
                run(api.post('/api/org/subordinates/apply-permission', { ids: [r.id], allow: false }), '已设置为不允许')
              }
            >
              不允许
            </Button>
          )}
          {r.actions.includes('deregister') && (
            <Button
              type="link"
              size="small"
              danger
              onClick={() =>
                confirm(
                  '注销账号',
                  `确认注销“${r.name}”？注销后该账号将无法登录。`,
                  () => api.post(`/api/org/subordinates/${r.id}/deregister`),
                  '注销成功',
                )
              }
            >
              注销
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <Card title={TITLES[kind]}>
      <Form
        layout="inline"
        onFinish={(v) => (setFilters(v), setPage((p) => ({ ...p, page: 1 })))}
        style={{ marginBottom: 12, rowGap: 8 }}
      >
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
        <Form.Item>
          <Button type="primary" htmlType="submit">
            查询
          </Button>
        </Form.Item>
      </Form>
      <Space style={{ marginBottom: 12 }} wrap>
        <Button type="primary" onClick={() => setEditing('new')}>
          新增
        </Button>
        <Button onClick={batchActivate}>批量激活</Button>
        <Button
          onClick={() =>
            download(
              `/api/org/subordinates/export?${new URLSearchParams({ kind, ...(filters.q ? { q: filters.q } : {}), ...(filters.status ? { status: filters.status } : {}) })}`,
              `${TITLES[kind]}账号.xlsx`,
            ).catch((e) => message.error(e instanceof ApiError ? e.message : '导出失败'))
          }
        >
          批量导出
        </Button>
        {kind === 'institution' && (
          <>
            <Typography.Text type="secondary">申请成为考核机构：</Typography.Text>
            <Button onClick={() => batchPermission(true)}>允许</Button>
            <Button onClick={() => batchPermission(false)}>不允许</Button>
          </>
        )}
      </Space>
      <Table<TSubordinate>
        rowKey="id"
        size="middle"
        loading={q.isLoading}
        dataSource={rows}
        columns={columns}
        rowSelection={{
          selectedRowKeys: selected,
          onChange: (k) => setSelected(k as number[]),
          getCheckboxProps: (r) => ({ disabled: r.status === 'deregistered' }),
        }}
        pagination={{
          current: page.page,
          pageSize: page.pageSize,
          total: q.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (t) => `共 ${t} 条`,
          onChange: (p, s) => setPage({ page: p, pageSize: s }),
        }}
        scroll={{ x: 900 }}
      />
      {editing && (
        <EditModal
          kind={kind}
          row={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onDone={refresh}
        />
      )}
    </Card>
  );
}

function EditModal({
  kind,
  row,
  onClose,
  onDone,
}: {
  kind: Kind;
  row: TSubordinate | null;
  onClose: () => void;
  onDone: () => unknown;
}) {
  const [form] = Form.useForm();
  const [saving, setSaving] = useState(false);
  const { message } = App.useApp();
  const submit = async (v: { code: string; name: string; address: string }) => {
    setSaving(true);
    try {
      if (row) await api.put(`/api/org/subordinates/${row.id}`, v);
      else await api.post('/api/org/subordinates', { ...v, kind });
      message.success(row ? '修改成功' : `新增成功，初始密码为 666666，请【激活】后使用`);
      await onDone();
      onClose();
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '保存失败');
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title={row ? `修改${TITLES[kind]}账号` : `新增${TITLES[kind]}账号`}
      onCancel={onClose}
      footer={[
        <Button key="c" onClick={onClose}>
          取消
        </Button>,
        <Button key="ok" type="primary" loading={saving} onClick={() => form.submit()}>
          {row ? '确认修改' : '确认新增'}
        </Button>,
      ]}
    >
      <Form form={form} layout="vertical" initialValues={row ?? {}} onFinish={submit}>
        <Form.Item
          name="code"
          label="机构账号"
          rules={[{ required: true, message: '请填写机构账号' }]}
          extra={kind === 'admin' ? undefined : '建议使用统一社会信用代码；机构账号全国唯一'}
        >
          <Input placeholder="字母、数字、下划线" />
        </Form.Item>
        <Form.Item name="name" label="机构名称" rules={[{ required: true, message: '请填写机构名称' }]}>
          <Input />
        </Form.Item>
        <Form.Item name="address" label="详细地址" rules={[{ required: true, message: '请填写详细地址' }]}>
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}
