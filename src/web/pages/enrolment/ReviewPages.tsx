import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Drawer,
  Form,
  Input,
  Modal,
  Radio,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { api, download } from '../../api/client';
import { useActor } from '../../app/auth';
import {
  ENROLMENT_STATUSES,
  ENROLMENT_STATUS_LABELS,
  PROCEDURE_LABELS,
  type EnrolmentStatus,
} from '../../../shared/enrolment-status';
import type { TChangeRow, TList, TListRow } from '../../../shared/schemas/enrolment';
import { EnrolmentDetailView, ExperienceView, RegistrationView, fmtTime, useReasonPrompt } from './EnrolmentDetail';

type Filters = {
  status?: EnrolmentStatus;
  institutionId?: number;
  procedure?: 'general' | 'simple' | 'none';
  q?: string;
};

/** Keyset pages: a stack of cursors so 上一页/下一页 work without OFFSET. */
function useKeysetList(key: string, filters: Filters, limit = 20) {
  const [cursors, setCursors] = useState<(number | undefined)[]>([undefined]);
  const cursor = cursors[cursors.length - 1];
  const q = useQuery({
    queryKey: ['enrolments', key, filters, cursor],
    queryFn: () => api.get<TList>('/api/enrolments', { ...filters, cursor, limit }),
  });
  return {
    q,
    page: cursors.length,
    reset: () => setCursors([undefined]),
    next: () => q.data?.nextCursor && setCursors([...cursors, q.data.nextCursor]),
    prev: () => cursors.length > 1 && setCursors(cursors.slice(0, -1)),
  };
}

function Pager({ l }: { l: ReturnType<typeof useKeysetList> }) {
  return (
    <Space style={{ marginTop: 12 }}>
      <Button size="small" disabled={l.page <= 1} onClick={l.prev}>
        上一页
      </Button>
      <Typography.Text>第 {l.page} 页</Typography.Text>
      <Button size="small" disabled={!l.q.data?.nextCursor} onClick={l.next}>
        下一页
      </Button>
    </Space>
  );
}

const nowrap = () => ({ style: { whiteSpace: 'nowrap' as const } });
const baseColumns = [
  { title: '姓名', dataIndex: 'name', key: 'name' },
  { title: '证件号码', dataIndex: 'idNumber', key: 'idNumber' },
  { title: '性别', dataIndex: 'gender', key: 'gender' },
  { title: '医师级别', dataIndex: 'level', key: 'level' },
  { title: '执业类别', dataIndex: 'category', key: 'category' },
  { title: '卫生机构', dataIndex: 'institutionName', key: 'institutionName' },
  {
    title: '考核程序',
    dataIndex: 'procedure',
    key: 'procedure',
    render: (p: TListRow['procedure']) => (p ? PROCEDURE_LABELS[p] : '—'),
  },
  {
    title: '考核状态',
    dataIndex: 'statusLabel',
    key: 'statusLabel',
    render: (s: string) => <Tag color="blue">{s}</Tag>,
  },
  { title: '提交时间', dataIndex: 'submittedAt', key: 'submittedAt', render: (v: string | null) => fmtTime(v) },
].map((c) => ({
  ...c,
  onHeaderCell: nowrap,
  onCell: c.key === 'institutionName' ? () => ({ style: { minWidth: 180 } }) : nowrap,
}));

async function act(message: ReturnType<typeof App.useApp>['message'], fn: () => Promise<unknown>, ok: string) {
  try {
    await fn();
    message.success(ok);
    return true;
  } catch (e) {
    message.error((e as Error).message);
    return false;
  }
}

/** 医师管理 → 上报考核名单 (卫生机构): 【审核】 → 【通过】 / 【驳回】. */
export function InstitutionReviewPage() {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [q, setQ] = useState<string>();
  const l = useKeysetList('review', { status: 'pending_institution', q });
  const [open, setOpen] = useState<TListRow | null>(null);
  const reason = useReasonPrompt();
  const refresh = () => qc.invalidateQueries({ queryKey: ['enrolments'] });
  const approve = async (row: TListRow) => {
    if (
      await act(
        message,
        () => api.post(`/api/enrolments/${row.id}/institution-approve`),
        `已通过，${row.name}的报名信息已上报考核机构`,
      )
    ) {
      setOpen(null);
      await refresh();
    }
  };
  const reject = async (row: TListRow) => {
    const r = await reason.ask(`驳回 ${row.name} 的报名信息（退回医师修改）`);
    if (!r) return;
    if (await act(message, () => api.post(`/api/enrolments/${row.id}/institution-reject`, { reason: r }), '已驳回')) {
      setOpen(null);
      await refresh();
    }
  };
  return (
    <Card title="上报考核名单">
      <Space style={{ marginBottom: 12 }} wrap>
        <Input.Search
          placeholder="姓名或证件号码"
          allowClear
          onSearch={(v) => (setQ(v || undefined), l.reset())}
          style={{ width: 260 }}
        />
      </Space>
      <Table
        rowKey="id"
        size="middle"
        loading={l.q.isLoading}
        dataSource={l.q.data?.items ?? []}
        pagination={false}
        scroll={{ x: true }}
        columns={[
          ...baseColumns.filter((c) => c.key !== 'institutionName'),
          {
            title: '操作',
            key: 'op',
            render: (_: unknown, row: TListRow) =>
              row.actions.includes('INSTITUTION_APPROVE') && (
                <Button type="link" onClick={() => setOpen(row)}>
                  审核
                </Button>
              ),
          },
        ]}
      />
      <Pager l={l} />
      <Drawer
        open={!!open}
        width={Math.min(920, window.innerWidth)}
        title={open ? `审核：${open.name}` : ''}
        onClose={() => setOpen(null)}
        extra={
          open && (
            <Space>
              {open.actions.includes('INSTITUTION_REJECT') && (
                <Button danger onClick={() => reject(open)}>
                  驳回
                </Button>
              )}
              {open.actions.includes('INSTITUTION_APPROVE') && (
                <Button type="primary" onClick={() => approve(open)}>
                  通过
                </Button>
              )}
            </Space>
          )
        }
      >
        {open && <EnrolmentDetailView id={open.id} />}
      </Drawer>
      {reason.node}
    </Card>
  );
}

/** 确认考核医师名单 (考核机构): 【通过】【批量通过】【查看】【驳回】. */
export function BodyConfirmPage() {
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const [q, setQ] = useState<string>();
  const l = useKeysetList('confirm', { status: 'pending_body', q }, 50);
  const [selected, setSelected] = useState<number[]>([]);
  const [view, setView] = useState<TListRow | null>(null);
  const reason = useReasonPrompt();
  const refresh = async () => {
    setSelected([]);
    await qc.invalidateQueries({ queryKey: ['enrolments'] });
  };
  const approve = async (row: TListRow) => {
    if (await act(message, () => api.post(`/api/enrolments/${row.id}/body-approve`), `已通过 ${row.name}`)) {
      setView(null);
      await refresh();
    }
  };
  const reject = async (row: TListRow) => {
    const r = await reason.ask(`驳回 ${row.name}（退回卫生机构处理）`);
    if (!r) return;
    if (
      await act(message, () => api.post(`/api/enrolments/${row.id}/body-reject`, { reason: r }), '已驳回至卫生机构')
    ) {
      setView(null);
      await refresh();
    }
  };
  const batch = () =>
    modal.confirm({
      title: `确认批量通过所选 ${selected.length} 名医师？`,
      okText: '确定',
      cancelText: '取消',
      onOk: async () => {
        await act(
          message,
          () => api.post<{ done: number }>('/api/enrolments/body-approve-batch', { ids: selected }),
          `已批量通过 ${selected.length} 名医师`,
        );
        await refresh();
      },
    });
  return (
    <Card title="确认考核医师名单">
      <Space style={{ marginBottom: 12 }} wrap>
        <Input.Search
          placeholder="姓名或证件号码"
          allowClear
          onSearch={(v) => (setQ(v || undefined), l.reset())}
          style={{ width: 260 }}
        />
      </Space>
      <Table
        rowKey="id"
        size="middle"
        loading={l.q.isLoading}
        dataSource={l.q.data?.items ?? []}
        pagination={false}
        scroll={{ x: true }}
        rowSelection={{
          selectedRowKeys: selected,
          onChange: (k) => setSelected(k as number[]),
          getCheckboxProps: (r: TListRow) => ({ disabled: !r.actions.includes('BODY_APPROVE') }),
        }}
        columns={[
          ...baseColumns,
          {
            title: '操作',
            key: 'op',
            render: (_: unknown, row: TListRow) => (
              <Space size={0}>
                {row.actions.includes('BODY_APPROVE') && (
                  <Button type="link" onClick={() => approve(row)}>
                    通过
                  </Button>
                )}
                <Button type="link" onClick={() => setView(row)}>
                  查看
                </Button>
                {row.actions.includes('BODY_REJECT') && (
                  <Button type="link" danger onClick={() => reject(row)}>
                    驳回
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <Space style={{ marginTop: 12 }} wrap>
        <Button type="primary" disabled={!selected.length} onClick={batch}>
          批量通过
        </Button>
        <Pager l={l} />
      </Space>
      <Drawer
        open={!!view}
        width={Math.min(920, window.innerWidth)}
        title={view ? `查看：${view.name}` : ''}
        onClose={() => setView(null)}
      >
        {view && <EnrolmentDetailView id={view.id} />}
      </Drawer>
      {reason.node}
    </Card>
  );
}

/** 考核进度 (administration: subtree; institution: own; body: assigned). */
export function ProgressPage() {
  const me = useActor();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Filters>();
  const [filters, setFilters] = useState<Filters>({});
  const l = useKeysetList('progress', filters);
  const [view, setView] = useState<TListRow | null>(null);
  const [reject, setReject] = useState<TListRow | null>(null);
  const [instQ, setInstQ] = useState('');
  const insts = useQuery({
    queryKey: ['enrolment-institutions', instQ],
    queryFn: () =>
      api.get<{ items: { id: number; name: string }[] }>('/api/enrolments/institution-options', { q: instQ }),
    enabled: me.role !== 'institution',
  });
  const [rejectForm] = Form.useForm<{ mode: 'exit' | 'reselect'; reason: string }>();
  const doReject = async () => {
    const v = await rejectForm.validateFields();
    if (await act(message, () => api.post(`/api/enrolments/${reject!.id}/admin-reject`, v), '已驳回')) {
      setReject(null);
      await qc.invalidateQueries({ queryKey: ['enrolments'] });
    }
  };
  return (
    <Card title={me.role === 'admin' ? '查看考核进度' : '考核进度'}>
      <Form
        form={form}
        layout="inline"
        style={{ marginBottom: 12, rowGap: 8 }}
        onFinish={(v) => {
          setFilters({ ...v, q: v.q?.trim() || undefined });
          l.reset();
        }}
      >
        <Form.Item name="status" label="考核状态">
          <Select
            allowClear
            style={{ width: 180 }}
            placeholder="全部"
            options={ENROLMENT_STATUSES.filter((s) => s !== 'not_opened').map((s) => ({
              value: s,
              label: ENROLMENT_STATUS_LABELS[s],
            }))}
          />
        </Form.Item>
        {me.role !== 'institution' && (
          <Form.Item name="institutionId" label="卫生机构">
            <Select
              allowClear
              showSearch
              filterOption={false}
              onSearch={setInstQ}
              style={{ width: 220 }}
              placeholder="全部"
              options={(insts.data?.items ?? []).map((i) => ({ value: i.id, label: i.name }))}
            />
          </Form.Item>
        )}
        <Form.Item name="procedure" label="考核程序">
          <Select
            allowClear
            style={{ width: 140 }}
            placeholder="全部"
            options={[
              { value: 'general', label: '一般程序' },
              { value: 'simple', label: '简易程序' },
              { value: 'none', label: '未选择' },
            ]}
          />
        </Form.Item>
        <Form.Item name="q" label="姓名/证件号">
          <Input allowClear placeholder="精确匹配" style={{ width: 200 }} />
        </Form.Item>
        <Button type="primary" htmlType="submit">
          查询
        </Button>
      </Form>
      {l.q.error && <Alert type="error" message={(l.q.error as Error).message} />}
      <Table
        rowKey="id"
        size="middle"
        loading={l.q.isLoading}
        dataSource={l.q.data?.items ?? []}
        pagination={false}
        scroll={{ x: true }}
        columns={[
          ...baseColumns,
          {
            title: '操作',
            key: 'op',
            render: (_: unknown, row: TListRow) => (
              <Space size={0}>
                <Button type="link" onClick={() => setView(row)}>
                  查看
                </Button>
                {row.status === 'passed' && (
                  <Button
                    type="link"
                    onClick={() =>
                      download(`/api/notices/${row.id}.pdf`, `考核结果通知书-${row.name}.pdf`).catch((e: Error) =>
                        message.error(e.message),
                      )
                    }
                  >
                    {me.role === 'admin' ? '证书打印' : '打印证书'}
                  </Button>
                )}
                {(row.actions.includes('ADMIN_REJECT_EXIT') || row.actions.includes('ADMIN_REJECT_RESELECT')) && (
                  <Button
                    type="link"
                    danger
                    onClick={() => {
                      rejectForm.setFieldsValue({
                        mode: row.actions.includes('ADMIN_REJECT_EXIT') ? 'exit' : 'reselect',
                        reason: '',
                      });
                      setReject(row);
                    }}
                  >
                    驳回
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <Pager l={l} />
      <Drawer
        open={!!view}
        width={Math.min(920, window.innerWidth)}
        title={view ? `查看：${view.name}` : ''}
        onClose={() => setView(null)}
      >
        {view && <EnrolmentDetailView id={view.id} />}
      </Drawer>
      <Modal
        open={!!reject}
        title={reject ? `驳回：${reject.name}` : ''}
        okText="确定"
        cancelText="取消"
        onOk={doReject}
        onCancel={() => setReject(null)}
      >
        <Form form={rejectForm} layout="vertical">
          <Form.Item name="mode" label="驳回方式" rules={[{ required: true }]}>
            <Radio.Group>
              <Radio value="exit" disabled={!reject?.actions.includes('ADMIN_REJECT_EXIT')}>
                驳回到退出当前周期
              </Radio>
              <Radio value="reselect" disabled={!reject?.actions.includes('ADMIN_REJECT_RESELECT')}>
                驳回到重新选择程序
              </Radio>
            </Radio.Group>
          </Form.Item>
          <Form.Item
            name="reason"
            label="驳回理由"
            rules={[{ required: true, whitespace: true, message: '请填写驳回理由' }]}
          >
            <Input.TextArea rows={4} maxLength={500} showCount />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}

const FIELD_LABELS: Record<string, string> = {
  gender: '性别',
  ethnicity: '民族',
  birthDate: '出生年月',
  education: '学历',
  email: '电子邮件',
  mobile: '手机号',
  departmentId: '科室',
  departmentName: '科室',
  specialties: '从事专业',
  title: '职称',
  titleDate: '取得时间',
  position: '职务',
  positionDate: '任职时间',
  level: '医师级别',
  isResident: '规培生',
  category: '执业类别',
  scope: '执业范围',
  employment: '执业情况',
  qualificationNo: '资格证书编号',
  licenseNo: '执业证书编号',
  firstRegisteredAt: '首次注册时间',
  experience: '相关经历',
};
const changedFields = (row: TChangeRow) =>
  [
    ...new Set(
      Object.keys(row.proposed)
        .filter((k) => JSON.stringify(row.proposed[k]) !== JSON.stringify(row.current[k]))
        .map((k) => FIELD_LABELS[k] ?? k),
    ),
  ].join('、') || '无';

const CHANGE_BUTTONS: Record<string, { label: string; danger?: boolean; reason?: string; path: string }> = {
  ALLOW: { label: '允许修改', path: 'allow' },
  REFUSE: { label: '不允许修改', danger: true, reason: '不允许修改的理由', path: 'refuse' },
  APPROVE: { label: '通过', path: 'approve' },
  REJECT: { label: '驳回', danger: true, reason: '驳回修改的理由', path: 'reject' },
};

/** 医师管理 → 医师信息修改 (卫生机构). */
export function ChangeRequestsPage() {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [state, setState] = useState<TChangeRow['state'] | undefined>();
  const list = useQuery({
    queryKey: ['change-requests', state],
    queryFn: () =>
      api.get<{ items: TChangeRow[]; nextCursor: number | null }>('/api/change-requests', { state, limit: 50 }),
  });
  const [view, setView] = useState<TChangeRow | null>(null);
  const reason = useReasonPrompt();
  const run = async (row: TChangeRow, event: string) => {
    const b = CHANGE_BUTTONS[event];
    let body: { reason: string } | undefined;
    if (b.reason) {
      const r = await reason.ask(`${b.reason}（${row.name}）`);
      if (!r) return;
      body = { reason: r };
    }
    if (await act(message, () => api.post(`/api/change-requests/${row.id}/${b.path}`, body), `已${b.label}`)) {
      setView(null);
      await qc.invalidateQueries({ queryKey: ['change-requests'] });
    }
  };
  const buttons = (row: TChangeRow) =>
    row.actions.map((a) => (
      <Button key={a} type="link" danger={CHANGE_BUTTONS[a].danger} onClick={() => run(row, a)}>
        {CHANGE_BUTTONS[a].label}
      </Button>
    ));
  return (
    <Card title="医师信息修改">
      <Typography.Paragraph type="secondary">
        已报名医师申请修改信息：先【允许修改】，医师修改提交后再审核修改内容（姓名和证件号码不可修改）。
      </Typography.Paragraph>
      <Space style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder="全部状态"
          style={{ width: 180 }}
          value={state}
          onChange={setState}
          options={(['pending', 'allowed', 'refused', 'submitted', 'approved', 'rejected'] as const).map((s) => ({
            value: s,
            label: {
              pending: '待卫生机构处理',
              allowed: '已允许修改',
              refused: '不允许修改',
              submitted: '待审核修改内容',
              approved: '修改已通过',
              rejected: '修改已驳回',
            }[s],
          }))}
        />
      </Space>
      <Table
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        pagination={false}
        scroll={{ x: true }}
        columns={[
          { title: '姓名', dataIndex: 'name' },
          { title: '证件号码', dataIndex: 'idNumber' },
          { title: '申请原因', dataIndex: 'reason' },
          { title: '状态', dataIndex: 'stateLabel', render: (s: string) => <Tag>{s}</Tag> },
          { title: '申请时间', dataIndex: 'createdAt', render: fmtTime },
          {
            title: '操作',
            key: 'op',
            render: (_: unknown, row: TChangeRow) => (
              <Space size={0} wrap>
                <Button type="link" onClick={() => setView(row)}>
                  查看
                </Button>
                {buttons(row)}
              </Space>
            ),
          },
        ]}
      />
      <Drawer
        open={!!view}
        width={Math.min(920, window.innerWidth)}
        title={view ? `医师信息修改：${view.name}` : ''}
        onClose={() => setView(null)}
        extra={view && <Space>{buttons(view)}</Space>}
      >
        {view && (
          <>
            <Typography.Paragraph>申请原因：{view.reason}</Typography.Paragraph>
            {view.replyReason && <Typography.Paragraph>处理意见：{view.replyReason}</Typography.Paragraph>}
            {Object.keys(view.proposed).length > 0 && (
              <>
                <Typography.Title level={5}>修改后的信息</Typography.Title>
                <RegistrationView
                  reg={{ ...view.current, ...view.proposed }}
                  name={view.name}
                  idType=""
                  idNumber={view.idNumber}
                />
                <ExperienceView
                  exp={(view.proposed.experience ?? view.current.experience ?? {}) as Record<string, unknown>}
                />
                <Typography.Title level={5} style={{ marginTop: 16 }}>
                  修改的字段
                </Typography.Title>
                <Typography.Paragraph>{changedFields(view)}</Typography.Paragraph>
              </>
            )}
            <Typography.Title level={5}>当前报名信息</Typography.Title>
            <RegistrationView
              reg={view.current}
              name={view.name}
              idType=""
              idNumber={view.idNumber}
              photoUrl={`/api/enrolments/${view.enrolmentId}/photo`}
            />
          </>
        )}
      </Drawer>
      {reason.node}
    </Card>
  );
}
