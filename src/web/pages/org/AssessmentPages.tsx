import { UploadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Form,
  Input,
  List,
  Modal,
  Result,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { api, ApiError } from '../../api/client';
import {
  APPLICATION_MAX_FILES,
  APPLICATION_STATUS_LABELS,
  ORG_KIND_LABELS,
  ORG_STATUS_LABELS,
  type TApplicationRow,
  type TAssignedRow,
  type TBodyRow,
  type TMaterial,
  type TMyApplication,
  type TOrgStatus,
} from '../../../shared/schemas/org';

const fmt = (v: string | null) => (v ? dayjs(v).format('YYYY/MM/DD HH:mm') : '—');
const sizeOf = (n: number) => (n > 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(n / 1024)} KB`);
const materialUrl = (fileId: string) => `/api/org/assessment-application/files/${fileId}`;
const STATUS_COLORS = { draft: 'default', pending: 'processing', approved: 'success', rejected: 'error' } as const;
const errMsg = (e: unknown, d: string) => (e instanceof ApiError ? e.message : d);

interface Paged<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

function MaterialList({ materials, onRemove }: { materials: TMaterial[]; onRemove?: (m: TMaterial) => void }) {
  if (!materials.length) return <Typography.Text type="secondary">尚未上传申请材料</Typography.Text>;
  return (
    <List
      size="small"
      bordered
      dataSource={materials}
      renderItem={(m) => (
        <List.Item
          actions={[
            <a key="v" href={materialUrl(m.fileId)} target="_blank" rel="noreferrer">
              查看
            </a>,
            ...(onRemove
              ? [
                  <a key="d" onClick={() => onRemove(m)} style={{ color: '#ff4d4f' }}>
                    删除
                  </a>,
                ]
              : []),
          ]}
        >
          {m.name}（{sizeOf(m.size)}）
        </List.Item>
      )}
    />
  );
}

/* ───────────── 申请考核机构 (institution) ───────────── */

export function ApplyPage() {
  const qc = useQueryClient();
  const { message, modal } = App.useApp();
  const [busy, setBusy] = useState(false);
  const q = useQuery({
    queryKey: ['org', 'application'],
    queryFn: () => api.get<TMyApplication>('/api/org/assessment-application'),
  });
  const d = q.data;
  const set = (v: TMyApplication) => qc.setQueryData(['org', 'application'], v);
  if (q.isLoading || !d) return <Card title="申请考核机构" loading />;
  if (d.isAssessmentBody) {
    return (
      <Card title="申请考核机构">
        <Result
          status="success"
          title="本机构已是考核机构"
          subTitle="可点击页面右上角【角色切换】进入考核机构角色（与卫生机构使用同一账号）。"
        />
      </Card>
    );
  }
  if (!d.canApply) {
    return (
      <Card title="申请考核机构">
        <Alert
          type="info"
          showIcon
          message="本机构暂未开通申请考核机构的权限"
          description="如果满足考核机构条件，请联系当地卫生行政部门开通申请权限。"
        />
      </Card>
    );
  }
  const app = d.application;
  const materials = app?.materials ?? [];
  const remove = (m: TMaterial) =>
    modal.confirm({
      title: '删除申请材料',
      content: `确认删除“${m.name}”？`,
      okText: '确认',
      cancelText: '取消',
      onOk: async () => {
        try {
          set(await api.delete<TMyApplication>(`/api/org/assessment-application/files/${m.fileId}`));
        } catch (e) {
          message.error(errMsg(e, '删除失败'));
        }
      },
    });
  const submit = async () => {
    setBusy(true);
    try {
      set(await api.post<TMyApplication>('/api/org/assessment-application/submit'));
      message.success('申请已提交，请等待卫生行政机构审批');
    } catch (e) {
      message.error(errMsg(e, '提交失败'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title="申请考核机构">
      <Descriptions column={1} size="small" style={{ marginBottom: 16 }}>
        <Descriptions.Item label="申请状态">
          <Tag color={STATUS_COLORS[app?.status ?? 'draft']}>{APPLICATION_STATUS_LABELS[app?.status ?? 'draft']}</Tag>
        </Descriptions.Item>
        {app?.submittedAt && <Descriptions.Item label="提交时间">{fmt(app.submittedAt)}</Descriptions.Item>}
        {app?.decidedAt && <Descriptions.Item label="审批时间">{fmt(app.decidedAt)}</Descriptions.Item>}
      </Descriptions>
      {app?.status === 'rejected' && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          message="申请已被驳回"
          description={`驳回理由：${app.rejectReason ?? ''}。请补充或更换材料后重新【提交申请】。`}
        />
      )}
      {app?.status === 'pending' && (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} message="申请已提交，正在等待上级卫生行政机构审批。" />
      )}
      <Typography.Paragraph type="secondary">
        请上传考核机构申请材料（具体资料模板请咨询上级卫生行政机构）：支持 pdf、jpg、png，单个文件不超过 10 MB，最多{' '}
        {APPLICATION_MAX_FILES} 个。
      </Typography.Paragraph>
      <MaterialList materials={materials} onRemove={d.editable ? remove : undefined} />
      {d.editable && (
        <Space style={{ marginTop: 16 }}>
          <Upload
            accept=".pdf,.jpg,.jpeg,.png"
            showUploadList={false}
            multiple
            customRequest={async ({ file, onSuccess, onError }) => {
              const fd = new FormData();
              fd.append('file', file as Blob, (file as File).name);
              try {
                const next = await api.upload<TMyApplication>('/api/org/assessment-application/files', fd);
                set(next);
                message.success(`“${(file as File).name}”上传成功`);
                onSuccess?.(next);
              } catch (e) {
                message.error(errMsg(e, '上传失败'));
                onError?.(e as Error);
              }
            }}
          >
            <Button icon={<UploadOutlined />} disabled={materials.length >= APPLICATION_MAX_FILES}>
              上传
            </Button>
          </Upload>
          <Button type="primary" loading={busy} disabled={!materials.length} onClick={submit}>
            提交申请
          </Button>
        </Space>
      )}
    </Card>
  );
}

/* ───────────── 考核机构列表 (administration) ───────────── */

export function BodiesPage() {
  const [filter, setFilter] = useState<{ q?: string }>({});
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const q = useQuery({
    queryKey: ['org', 'bodies', filter, page],
    queryFn: () => api.get<Paged<TBodyRow>>('/api/org/assessment-bodies', { ...filter, ...page }),
  });
  return (
    <Card title="考核机构列表">
      <Form
        layout="inline"
        onFinish={(v) => (setFilter(v), setPage((p) => ({ ...p, page: 1 })))}
        style={{ marginBottom: 12 }}
      >
        <Form.Item name="q" label="机构名称/账号">
          <Input allowClear />
        </Form.Item>
        <Button type="primary" htmlType="submit">
          查询
        </Button>
      </Form>
      <Table<TBodyRow>
        rowKey="id"
        loading={q.isLoading}
        dataSource={q.data?.items}
        columns={[
          { title: '机构账号', dataIndex: 'code' },
          { title: '机构名称', dataIndex: 'name' },
          { title: '机构类型', dataIndex: 'kind', render: (k: TBodyRow['kind']) => ORG_KIND_LABELS[k] },
          { title: '上级卫生行政机构', dataIndex: 'parentName' },
          { title: '状态', dataIndex: 'status', render: (s: TOrgStatus) => ORG_STATUS_LABELS[s] },
          { title: '已指定卫生机构数', dataIndex: 'assignedCount' },
        ]}
        pagination={{
          current: page.page,
          pageSize: page.pageSize,
          total: q.data?.total ?? 0,
          showTotal: (t) => `共 ${t} 条`,
          onChange: (p, s) => setPage({ page: p, pageSize: s }),
        }}
      />
    </Card>
  );
}

/* ───────────── 审批考核机构 (administration) ───────────── */

export function ApprovalsPage() {
  const qc = useQueryClient();
  const { message, modal } = App.useApp();
  const [filter, setFilter] = useState<{ status?: string; q?: string }>({ status: 'pending' });
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [viewing, setViewing] = useState<TApplicationRow | null>(null);
  const [rejecting, setRejecting] = useState<TApplicationRow | null>(null);
  const [reason, setReason] = useState('');
  const q = useQuery({
    queryKey: ['org', 'applications', filter, page],
    queryFn: () => api.get<Paged<TApplicationRow>>('/api/org/assessment-applications', { ...filter, ...page }),
  });
  const refresh = () => qc.invalidateQueries({ queryKey: ['org', 'applications'] });
  const approve = (r: TApplicationRow) =>
    modal.confirm({
      title: '通过申请',
      content: `确认“${r.institutionName}”成为考核机构？`,
      okText: '确认',
      cancelText: '取消',
      onOk: async () => {
        try {
          await api.post(`/api/org/assessment-applications/${r.id}/approve`);
          message.success('已通过，该机构已成为考核机构');
          setViewing(null);
          await refresh();
        } catch (e) {
          message.error(errMsg(e, '操作失败'));
        }
      },
    });
  const reject = async () => {
    if (!rejecting) return;
    try {
      await api.post(`/api/org/assessment-applications/${rejecting.id}/reject`, { reason });
      message.success('已驳回');
      setRejecting(null);
      setViewing(null);
      setReason('');
      await refresh();
    } catch (e) {
      message.error(errMsg(e, '驳回失败'));
    }
  };
  const buttons = (r: TApplicationRow) => (
    <Space size={0}>
      <Button type="link" size="small" onClick={() => setViewing(r)}>
        查看
      </Button>
      {r.actions.includes('approve') && (
        <Button type="link" size="small" onClick={() => approve(r)}>
          通过
        </Button>
      )}
      {r.actions.includes('reject') && (
        <Button type="link" size="small" danger onClick={() => setRejecting(r)}>
          驳回
        </Button>
      )}
    </Space>
  );
  return (
    <Card title="审批考核机构">
      <Form
        layout="inline"
        initialValues={filter}
        onFinish={(v) => (setFilter(v), setPage((p) => ({ ...p, page: 1 })))}
        style={{ marginBottom: 12, rowGap: 8 }}
      >
        <Form.Item name="q" label="机构名称/账号">
          <Input allowClear />
        </Form.Item>
        <Form.Item name="status" label="审批状态">
          <Select
            allowClear
            placeholder="全部"
            style={{ width: 120 }}
            options={(['pending', 'approved', 'rejected'] as const).map((s) => ({
              value: s,
              label: APPLICATION_STATUS_LABELS[s],
            }))}
          />
        </Form.Item>
        <Button type="primary" htmlType="submit">
          查询
        </Button>
      </Form>
      <Table<TApplicationRow>
        rowKey="id"
        loading={q.isLoading}
        dataSource={q.data?.items}
        columns={[
          { title: '机构账号', dataIndex: 'institutionCode' },
          { title: '机构名称', dataIndex: 'institutionName' },
          { title: '材料数', render: (_, r) => r.materials.length },
          { title: '提交时间', dataIndex: 'submittedAt', render: fmt },
          {
            title: '状态',
            dataIndex: 'status',
            render: (s: TApplicationRow['status']) => (
              <Tag color={STATUS_COLORS[s]}>{APPLICATION_STATUS_LABELS[s]}</Tag>
            ),
          },
          { title: '驳回理由', dataIndex: 'rejectReason', ellipsis: true },
          { title: '操作', render: (_, r) => buttons(r) },
        ]}
        pagination={{
          current: page.page,
          pageSize: page.pageSize,
          total: q.data?.total ?? 0,
          showTotal: (t) => `共 ${t} 条`,
          onChange: (p, s) => setPage({ page: p, pageSize: s }),
        }}
      />
      <Modal
        open={!!viewing}
        title={`申请材料 — ${viewing?.institutionName ?? ''}`}
        onCancel={() => setViewing(null)}
        footer={viewing ? [<span key="b">{buttons(viewing)}</span>] : null}
      >
        {viewing && <MaterialList materials={viewing.materials} />}
      </Modal>
      <Modal
        open={!!rejecting}
        title={`驳回 — ${rejecting?.institutionName ?? ''}`}
        okText="确认驳回"
        cancelText="取消"
        onOk={reject}
        onCancel={() => setRejecting(null)}
      >
        <Typography.Paragraph>请输入驳回理由，退回卫生机构：</Typography.Paragraph>
        <Input.TextArea
          rows={4}
          maxLength={500}
          showCount
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          aria-label="驳回理由"
        />
      </Modal>
    </Card>
  );
}

/* ───────────── 指定卫生机构 (administration) ───────────── */

interface Candidate {
  id: number;
  code: string;
  name: string;
  status: TOrgStatus;
  parentName: string;
}

export function AssignPage() {
  const [body, setBody] = useState<TBodyRow | null>(null);
  const bodies = useQuery({
    queryKey: ['org', 'bodies', 'all'],
    queryFn: () => api.get<Paged<TBodyRow>>('/api/org/assessment-bodies', { pageSize: 100 }),
  });
  if (body) return <AssignEditor body={body} onBack={() => setBody(null)} />;
  return (
    <Card title="指定卫生机构">
      <Typography.Paragraph type="secondary">
        选择考核机构，点击【指定】为其添加或撤销负责考核的卫生机构。
      </Typography.Paragraph>
      <Table<TBodyRow>
        rowKey="id"
        loading={bodies.isLoading}
        dataSource={bodies.data?.items}
        pagination={false}
        columns={[
          { title: '考核机构', dataIndex: 'name' },
          { title: '机构类型', dataIndex: 'kind', render: (k: TBodyRow['kind']) => ORG_KIND_LABELS[k] },
          { title: '已指定卫生机构数', dataIndex: 'assignedCount' },
          {
            title: '操作',
            render: (_, r) => (
              <Button type="link" size="small" onClick={() => setBody(r)}>
                指定
              </Button>
            ),
          },
        ]}
      />
    </Card>
  );
}

function AssignEditor({ body, onBack }: { body: TBodyRow; onBack: () => void }) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [search, setSearch] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const [left, setLeft] = useState<number[]>([]);
  const [right, setRight] = useState<number[]>([]);
  const cands = useQuery({
    queryKey: ['org', 'candidates', body.id, search, page],
    queryFn: () =>
      api.get<Paged<Candidate>>(`/api/org/assessment-bodies/${body.id}/candidates`, { q: search, page, pageSize: 10 }),
  });
  const assigned = useQuery({
    queryKey: ['org', 'assigned', body.id],
    queryFn: () => api.get<{ items: TAssignedRow[] }>(`/api/org/assessment-bodies/${body.id}/institutions`),
  });
  const refresh = async () => {
    setLeft([]);
    setRight([]);
    await qc.invalidateQueries({ queryKey: ['org'] });
  };
  const add = async () => {
    try {
      const r = await api.post<{ done: number }>(`/api/org/assessment-bodies/${body.id}/institutions`, {
        institutionIds: left,
      });
      message.success(`已添加 ${r.done} 个卫生机构`);
      await refresh();
    } catch (e) {
      message.error(errMsg(e, '添加失败'));
    }
  };
  const remove = async () => {
    try {
      const r = await api.post<{ done: number }>(`/api/org/assessment-bodies/${body.id}/institutions/remove`, {
        institutionIds: right,
      });
      message.success(`已撤销 ${r.done} 个卫生机构`);
      await refresh();
    } catch (e) {
      message.error(errMsg(e, '撤销失败'));
    }
  };
  return (
    <Card title={`指定卫生机构 — ${body.name}`} extra={<Button onClick={onBack}>返回</Button>}>
      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <Card
            type="inner"
            title="可指定的卫生机构（辖区内尚未指定）"
            extra={
              <Button type="primary" size="small" disabled={!left.length} onClick={add}>
                添加
              </Button>
            }
          >
            <Input.Search
              allowClear
              placeholder="机构名称/账号"
              onSearch={(v) => (setSearch(v || undefined), setPage(1))}
              style={{ marginBottom: 8 }}
            />
            <Table<Candidate>
              rowKey="id"
              size="small"
              loading={cands.isLoading}
              dataSource={cands.data?.items}
              rowSelection={{ selectedRowKeys: left, onChange: (k) => setLeft(k as number[]) }}
              columns={[
                { title: '机构名称', dataIndex: 'name' },
                { title: '上级卫生行政机构', dataIndex: 'parentName' },
                { title: '状态', dataIndex: 'status', render: (s: TOrgStatus) => ORG_STATUS_LABELS[s] },
              ]}
              pagination={{
                current: page,
                pageSize: 10,
                total: cands.data?.total ?? 0,
                onChange: setPage,
                size: 'small',
              }}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card
            type="inner"
            title="已指定的卫生机构"
            extra={
              <Button danger size="small" disabled={!right.length} onClick={remove}>
                撤销
              </Button>
            }
          >
            <Table<TAssignedRow>
              rowKey="id"
              size="small"
              loading={assigned.isLoading}
              dataSource={assigned.data?.items}
              rowSelection={{ selectedRowKeys: right, onChange: (k) => setRight(k as number[]) }}
              columns={[
                { title: '机构名称', dataIndex: 'name' },
                { title: '上级卫生行政机构', dataIndex: 'parentName' },
                { title: '指定日期', dataIndex: 'assignedAt' },
              ]}
              locale={{ emptyText: <Empty description="尚未指定卫生机构" /> }}
              pagination={{ pageSize: 10, size: 'small' }}
            />
          </Card>
        </Col>
      </Row>
    </Card>
  );
}

/* ───────────── 已指定卫生机构列表 (assessment body) ───────────── */

export function AssignedListPage() {
  const [search, setSearch] = useState<string | undefined>();
  const q = useQuery({
    queryKey: ['org', 'my-assigned', search],
    queryFn: () => api.get<{ items: TAssignedRow[] }>('/api/org/assigned-institutions', { q: search }),
  });
  return (
    <Card title="已指定卫生机构列表">
      <Typography.Paragraph type="secondary">
        指定卫生机构由上级卫生行政机构负责操作，如有异议请联系上级卫生行政机构。
      </Typography.Paragraph>
      <Input.Search
        allowClear
        placeholder="机构名称/账号"
        onSearch={(v) => setSearch(v || undefined)}
        style={{ maxWidth: 320, marginBottom: 12 }}
      />
      <Table<TAssignedRow>
        rowKey="id"
        loading={q.isLoading}
        dataSource={q.data?.items}
        columns={[
          { title: '机构账号', dataIndex: 'code' },
          { title: '机构名称', dataIndex: 'name' },
          { title: '地址', dataIndex: 'address', ellipsis: true },
          { title: '上级卫生行政机构', dataIndex: 'parentName' },
          { title: '医师人数', dataIndex: 'physicianCount' },
          { title: '指定日期', dataIndex: 'assignedAt' },
        ]}
        pagination={{ pageSize: 20, showTotal: (t) => `共 ${t} 条` }}
      />
    </Card>
  );
}
