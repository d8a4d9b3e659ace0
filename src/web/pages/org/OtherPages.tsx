import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Drawer,
  Form,
  Input,
  Modal,
  Popconfirm,
  Radio,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { api, ApiError } from '../../api/client';
import {
  ORG_STATUS_LABELS,
  type TAuditEntry,
  type TDepartmentNode,
  type TInstitutionDetail,
  type TInstitutionRow,
  type TOrgStatus,
  type TSmsEntry,
} from '../../../shared/schemas/org';

const errMsg = (e: unknown, d: string) => (e instanceof ApiError ? e.message : d);
const PROFILE_LABELS: Record<string, string> = {
  creditCode: '统一社会信用代码',
  address: '地址',
  category: '机构类别',
  grade: '机构级别',
  legalPerson: '法定代表人',
  contact: '联系人',
  phone: '联系电话',
  postcode: '邮政编码',
  email: '电子邮箱',
};

/* ───────────── 卫生机构管理 ───────────── */

export function InstitutionsPage() {
  const [filters, setFilters] = useState<{ q?: string; status?: TOrgStatus }>({});
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [viewId, setViewId] = useState<number | null>(null);
  const q = useQuery({
    queryKey: ['org', 'institutions', filters, page],
    queryFn: () =>
      api.get<{ items: TInstitutionRow[]; total: number }>('/api/org/institutions', { ...filters, ...page }),
  });
  const detail = useQuery({
    queryKey: ['org', 'institution', viewId],
    enabled: viewId !== null,
    queryFn: () => api.get<TInstitutionDetail>(`/api/org/institutions/${viewId}`),
  });
  return (
    <Card title="卫生机构管理">
      <Form
        layout="inline"
        onFinish={(v) => (setFilters(v), setPage((p) => ({ ...p, page: 1 })))}
        style={{ marginBottom: 12, rowGap: 8 }}
      >
        <Form.Item name="q" label="机构名称/账号">
          <Input allowClear />
        </Form.Item>
        <Form.Item name="status" label="状态">
          <Select
            allowClear
            placeholder="全部"
            style={{ width: 120 }}
            options={Object.entries(ORG_STATUS_LABELS).map(([value, label]) => ({ value, label }))}
          />
        </Form.Item>
        <Button type="primary" htmlType="submit">
          查询
        </Button>
      </Form>
      <Table<TInstitutionRow>
        rowKey="id"
        loading={q.isLoading}
        dataSource={q.data?.items}
        scroll={{ x: 900 }}
        columns={[
          { title: '机构账号', dataIndex: 'code' },
          { title: '机构名称', dataIndex: 'name' },
          { title: '上级卫生行政机构', dataIndex: 'parentName' },
          { title: '状态', dataIndex: 'status', render: (s: TOrgStatus) => ORG_STATUS_LABELS[s] },
          {
            title: '考核机构',
            dataIndex: 'bodyName',
            render: (v: string | null) => v ?? <Typography.Text type="secondary">未指定</Typography.Text>,
          },
          { title: '医师人数', dataIndex: 'physicianCount' },
          {
            title: '操作',
            render: (_, r) => (
              <Button type="link" size="small" onClick={() => setViewId(r.id)}>
                查看
              </Button>
            ),
          },
        ]}
        pagination={{
          current: page.page,
          pageSize: page.pageSize,
          total: q.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (t) => `共 ${t} 条`,
          onChange: (p, s) => setPage({ page: p, pageSize: s }),
        }}
      />
      <Drawer
        open={viewId !== null}
        width={560}
        title={detail.data?.name ?? '卫生机构信息'}
        onClose={() => setViewId(null)}
        loading={detail.isLoading}
      >
        {detail.data && (
          <Descriptions column={1} bordered size="small">
            <Descriptions.Item label="机构账号">{detail.data.code}</Descriptions.Item>
            <Descriptions.Item label="机构名称">{detail.data.name}</Descriptions.Item>
            <Descriptions.Item label="上级卫生行政机构">{detail.data.parentName}</Descriptions.Item>
            <Descriptions.Item label="状态">{ORG_STATUS_LABELS[detail.data.status]}</Descriptions.Item>
            <Descriptions.Item label="考核机构">{detail.data.bodyName ?? '未指定'}</Descriptions.Item>
            <Descriptions.Item label="本机构是否为考核机构">
              {detail.data.isAssessmentBody ? '是' : '否'}
            </Descriptions.Item>
            <Descriptions.Item label="申请考核机构权限">
              {detail.data.canApplyAssessment ? '允许' : '不允许'}
            </Descriptions.Item>
            <Descriptions.Item label="医师人数">{detail.data.physicianCount}</Descriptions.Item>
            <Descriptions.Item label="科室数">{detail.data.departmentCount}</Descriptions.Item>
            {Object.entries(PROFILE_LABELS).map(([k, label]) => (
              <Descriptions.Item key={k} label={label}>
                {k === 'address' ? detail.data.address : String(detail.data.profile[k] ?? '') || '—'}
              </Descriptions.Item>
            ))}
            <Descriptions.Item label="创建时间">{dayjs(detail.data.createdAt).format('YYYY/MM/DD')}</Descriptions.Item>
          </Descriptions>
        )}
      </Drawer>
    </Card>
  );
}

/* ───────────── 科室信息 ───────────── */

type DeptModal = { mode: 'create'; parent: TDepartmentNode | null } | { mode: 'edit'; node: TDepartmentNode };

export function DepartmentsPage() {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [modal, setModal] = useState<DeptModal | null>(null);
  const q = useQuery({
    queryKey: ['departments'],
    queryFn: () => api.get<{ items: TDepartmentNode[] }>('/api/departments'),
  });
  const setTree = (v: { items: TDepartmentNode[] }) => qc.setQueryData(['departments'], v);
  // 二级科室 are always shown under their 一级科室; leaves carry no children array so no expander shows
  const rows = (q.data?.items ?? []).map((n) => ({
    ...n,
    children: n.children.length
      ? n.children.map((c) => ({ ...c, children: undefined as never }))
      : (undefined as never),
  }));
  const del = async (n: TDepartmentNode) => {
    try {
      setTree(await api.delete(`/api/departments/${n.id}`));
      message.success('删除成功');
    } catch (e) {
      message.error(errMsg(e, '删除失败'));
    }
  };
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
                <Popconfirm title={`确认删除“${n.name}”？`} okText="确认" cancelText="取消" onConfirm={() => del(n)}>
                  <Button type="link" size="small" danger>
                    删除
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      {modal && <DepartmentModal state={modal} onClose={() => setModal(null)} onSaved={setTree} />}
    </Card>
  );
}

function DepartmentModal({
  state,
  onClose,
  onSaved,
}: {
  state: DeptModal;
  onClose: () => void;
  onSaved: (v: { items: TDepartmentNode[] }) => void;
}) {
  const [form] = Form.useForm();
  const [how, setHow] = useState<'single' | 'batch'>('single');
  const [saving, setSaving] = useState(false);
  const { message } = App.useApp();
  const title =
    state.mode === 'edit'
      ? `编辑科室 — ${state.node.name}`
      : state.parent
        ? `创建二级科室（${state.parent.name}）`
        : '创建一级科室';
  const submit = async (v: { name?: string; intro?: string; names?: string }) => {
    setSaving(true);
    try {
      if (state.mode === 'edit') {
        onSaved(await api.put(`/api/departments/${state.node.id}`, { name: v.name, intro: v.intro ?? '' }));
      } else {
        const items =
          how === 'single'
            ? [{ name: v.name ?? '', intro: v.intro ?? '' }]
            : (v.names ?? '')
                .split(/\r?\n/)
                .map((s) => s.trim())
                .filter(Boolean)
                .map((name) => ({ name, intro: '' }));
        if (!items.length) throw new ApiError(400, 'EMPTY', '请至少填写一个科室名称');
        onSaved(await api.post('/api/departments', { parentId: state.parent?.id ?? null, items }));
      }
      message.success('提交成功');
      onClose();
    } catch (e) {
      message.error(errMsg(e, '提交失败'));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title={title}
      onCancel={onClose}
      okText="提交"
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => form.submit()}
    >
      {state.mode === 'create' && (
        <Radio.Group
          value={how}
          onChange={(e) => setHow(e.target.value)}
          style={{ marginBottom: 16 }}
          optionType="button"
        >
          <Radio value="single">单一创建</Radio>
          <Radio value="batch">批量创建</Radio>
        </Radio.Group>
      )}
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={state.mode === 'edit' ? { name: state.node.name, intro: state.node.intro } : {}}
      >
        {state.mode === 'create' && how === 'batch' ? (
          <Form.Item name="names" label="科室名称（每行一个）" rules={[{ required: true, message: '请填写科室名称' }]}>
            <Input.TextArea rows={6} placeholder={'心血管内科\n呼吸内科\n消化内科'} />
          </Form.Item>
        ) : (
          <>
            <Form.Item name="name" label="科室名称" rules={[{ required: true, message: '请填写科室名称' }]}>
              <Input maxLength={40} />
            </Form.Item>
            <Form.Item name="intro" label="科室介绍">
              <Input.TextArea rows={3} maxLength={500} />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}

/* ───────────── 操作日志 ───────────── */

const ROLE_NAMES: Record<string, string> = {
  admin: '卫生行政机构',
  institution: '卫生机构',
  body: '考核机构',
  industry: '行业组织',
  physician: '医师',
  system: '系统',
};
const TARGET_TYPES: Record<string, string> = {
  organisation: '机构',
  account: '账号',
  department: '科室',
  assessment_application: '考核机构申请',
  enrolment: '考核记录',
};

function Json({ v }: { v: unknown }) {
  if (v === null || v === undefined) return null;
  return (
    <pre style={{ margin: 0, whiteSpace: 'pre-wrap', fontSize: 12, maxWidth: 360 }}>{JSON.stringify(v, null, 1)}</pre>
  );
}

export function AuditPage() {
  const [filters, setFilters] = useState<{ action?: string; targetType?: string; from?: string; to?: string }>({});
  const [cursors, setCursors] = useState<(number | undefined)[]>([undefined]);
  const before = cursors[cursors.length - 1];
  const q = useQuery({
    queryKey: ['audit', filters, before],
    queryFn: () =>
      api.get<{ items: TAuditEntry[]; nextBefore: number | null }>('/api/audit', { ...filters, before, pageSize: 20 }),
  });
  const onSearch = (v: { action?: string; targetType?: string; range?: [Dayjs, Dayjs] | null }) => {
    setFilters({
      action: v.action || undefined,
      targetType: v.targetType,
      from: v.range?.[0]?.format('YYYY-MM-DD'),
      to: v.range?.[1]?.format('YYYY-MM-DD'),
    });
    setCursors([undefined]);
  };
  return (
    <Card title="操作日志">
      <Form layout="inline" onFinish={onSearch} style={{ marginBottom: 12, rowGap: 8 }}>
        <Form.Item name="action" label="操作">
          <Input allowClear placeholder="如：激活账号" />
        </Form.Item>
        <Form.Item name="targetType" label="对象类型">
          <Select
            allowClear
            placeholder="全部"
            style={{ width: 140 }}
            options={Object.entries(TARGET_TYPES).map(([value, label]) => ({ value, label }))}
          />
        </Form.Item>
        <Form.Item name="range" label="日期">
          <DatePicker.RangePicker format="YYYY/MM/DD" />
        </Form.Item>
        <Button type="primary" htmlType="submit">
          查询
        </Button>
      </Form>
      <Table<TAuditEntry>
        rowKey="id"
        size="small"
        loading={q.isLoading}
        dataSource={q.data?.items}
        pagination={false}
        scroll={{ x: 1000 }}
        columns={[
          { title: '时间', dataIndex: 'at', width: 160, render: (v: string) => dayjs(v).format('YYYY/MM/DD HH:mm:ss') },
          {
            title: '操作人',
            dataIndex: 'actorName',
            render: (v: string, r) => `${v}（${ROLE_NAMES[r.actorRole] ?? r.actorRole}）`,
          },
          { title: '操作', dataIndex: 'action' },
          { title: '对象', render: (_, r) => `${TARGET_TYPES[r.targetType] ?? r.targetType} #${r.targetId}` },
          { title: '理由', dataIndex: 'reason' },
          { title: '变更前', dataIndex: 'before', render: (v: unknown) => <Json v={v} /> },
          { title: '变更后', dataIndex: 'after', render: (v: unknown) => <Json v={v} /> },
        ]}
      />
      <Space style={{ marginTop: 12 }}>
        <Button disabled={cursors.length <= 1} onClick={() => setCursors((c) => c.slice(0, -1))}>
          上一页
        </Button>
        <Button disabled={!q.data?.nextBefore} onClick={() => setCursors((c) => [...c, q.data!.nextBefore!])}>
          下一页
        </Button>
      </Space>
    </Card>
  );
}

/* ───────────── 短信发件箱 ───────────── */

export function SmsOutboxPage() {
  const [mobile, setMobile] = useState<string | undefined>();
  const [cursors, setCursors] = useState<(number | undefined)[]>([undefined]);
  const before = cursors[cursors.length - 1];
  const q = useQuery({
    queryKey: ['sms', mobile, before],
    queryFn: () =>
      api.get<{ items: TSmsEntry[]; nextBefore: number | null }>('/api/sms-outbox', { mobile, before, pageSize: 20 }),
  });
  return (
    <Card title="短信发件箱">
      <Typography.Paragraph type="secondary">
        本省通过短信网关发出（或记录）的短信；验证码内容已隐藏。
      </Typography.Paragraph>
      <Input.Search
        allowClear
        placeholder="手机号"
        style={{ maxWidth: 260, marginBottom: 12 }}
        onSearch={(v) => (setMobile(v || undefined), setCursors([undefined]))}
      />
      <Table<TSmsEntry>
        rowKey="id"
        size="small"
        loading={q.isLoading}
        dataSource={q.data?.items}
        pagination={false}
        columns={[
          {
            title: '时间',
            dataIndex: 'createdAt',
            width: 160,
            render: (v: string) => dayjs(v).format('YYYY/MM/DD HH:mm:ss'),
          },
          { title: '手机号', dataIndex: 'mobile' },
          { title: '模板', dataIndex: 'template' },
          { title: '内容', dataIndex: 'content' },
          {
            title: '状态',
            dataIndex: 'status',
            render: (s: string, r) => (
              <Tag color={s === 'failed' ? 'red' : s === 'sent' ? 'green' : 'default'} title={r.error ?? undefined}>
                {{ recorded: '已记录', sent: '已发送', failed: '发送失败', queued: '排队中' }[s] ?? s}
              </Tag>
            ),
          },
        ]}
      />
      <Space style={{ marginTop: 12 }}>
        <Button disabled={cursors.length <= 1} onClick={() => setCursors((c) => c.slice(0, -1))}>
          上一页
        </Button>
        <Button disabled={!q.data?.nextBefore} onClick={() => setCursors((c) => [...c, q.data!.nextBefore!])}>
          下一页
        </Button>
      </Space>
    </Card>
  );
}
