import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Image,
  Input,
  Modal,
  Popconfirm,
  Result,
  Select,
  Space,
  Spin,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, download } from '../../api/client';
import type { PageRoute } from '../../app/registry';
import {
  EXEMPTS_LABEL,
  type TExemptionApplication,
  type TExemptionMine,
  type TExemptionSettings,
} from '../../../shared/schemas/exemption';
import type { TAttachment } from '../../../shared/schemas/procedure';
import { attachmentUrl } from '../procedure/ProcedureStep';

type Proc = 'general' | 'simple';
const PROC_LABEL: Record<Proc, string> = { general: '一般程序', simple: '简易程序' };
const STATUS_COLOR: Record<string, string> = {
  approved: 'success',
  rejected_supplement: 'warning',
  rejected_final: 'error',
  void: 'default',
  pending_institution: 'processing',
  pending_body: 'processing',
};
const fmt = (iso: string) => iso.slice(0, 10).replaceAll('-', '/');

/** 免考设置 (省级). */
function SettingsPage() {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const q = useQuery({
    queryKey: ['exemption-settings'],
    queryFn: () => api.get<TExemptionSettings>('/api/exemption/settings'),
  });
  const [edit, setEdit] = useState<null | { procedure: Proc; id?: number; reason: string }>(null);
  async function run(p: Promise<TExemptionSettings>, ok: string) {
    try {
      qc.setQueryData(['exemption-settings'], await p);
      message.success(ok);
      return true;
    } catch (e) {
      message.error((e as Error).message);
      return false;
    }
  }
  if (!q.data) return <Spin />;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {(['general', 'simple'] as Proc[]).map((p) => (
        <Card
          key={p}
          title={`${PROC_LABEL[p]}免考（免${EXEMPTS_LABEL[p]}）`}
          extra={
            <Space>
              <Tag color={q.data[p].open ? 'success' : 'default'}>{q.data[p].open ? '申请已开启' : '申请已关闭'}</Tag>
              {q.data[p].open ? (
                <Button
                  onClick={() => run(api.put('/api/exemption/switches', { procedure: p, open: false }), '已关闭申请')}
                >
                  关闭申请
                </Button>
              ) : (
                <Button
                  onClick={() => run(api.put('/api/exemption/switches', { procedure: p, open: true }), '已开启申请')}
                >
                  开启申请
                </Button>
              )}
              <Button type="primary" onClick={() => setEdit({ procedure: p, reason: '' })}>
                添加免考理由
              </Button>
            </Space>
          }
        >
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={q.data[p].reasons}
            locale={{ emptyText: '暂无免考理由' }}
            columns={[
              { title: '序号', render: (_, __, i) => i + 1, width: 70 },
              { title: '免考理由', dataIndex: 'reason' },
              {
                title: '操作',
                width: 160,
                render: (_, r) => (
                  <Space>
                    <Button type="link" onClick={() => setEdit({ procedure: p, id: r.id, reason: r.reason })}>
                      编辑
                    </Button>
                    <Popconfirm
                      title="确定删除该免考理由？"
                      onConfirm={() => run(api.delete(`/api/exemption/reasons/${r.id}`), '已删除')}
                    >
                      <Button type="link" danger>
                        删除
                      </Button>
                    </Popconfirm>
                  </Space>
                ),
              },
            ]}
          />
        </Card>
      ))}
      <Modal
        open={edit !== null}
        title={edit?.id ? '编辑免考理由' : '添加免考理由'}
        okText="确认"
        onCancel={() => setEdit(null)}
        onOk={async () => {
          if (!edit) return;
          const ok = await run(
            edit.id
              ? api.put(`/api/exemption/reasons/${edit.id}`, { reason: edit.reason })
              : api.post('/api/exemption/reasons', { procedure: edit.procedure, reason: edit.reason }),
            '已保存',
          );
          if (ok) setEdit(null);
        }}
      >
        <Input.TextArea
          aria-label="免考理由"
          rows={4}
          maxLength={500}
          value={edit?.reason}
          onChange={(e) => setEdit((x) => (x ? { ...x, reason: e.target.value } : x))}
          placeholder="请输入免考理由"
        />
      </Modal>
    </Space>
  );
}

function FilesUpload({
  files,
  url,
  enrolmentId,
  editable,
  onChange,
}: {
  files: TAttachment[];
  url: string;
  enrolmentId: number;
  editable: boolean;
  onChange: () => void;
}) {
  const { message } = App.useApp();
  return (
    <>
      <Image.PreviewGroup>
        <Space wrap>
          {files.map((f) => (
            <div key={f.id} style={{ width: 96 }}>
              <Image
                src={attachmentUrl(enrolmentId, f.id)}
                width={96}
                height={96}
                style={{ objectFit: 'cover' }}
                alt={f.originalName}
              />
              {editable && (
                <Button
                  size="small"
                  type="link"
                  danger
                  onClick={() => api.delete(`${url}/${f.id}`).then(onChange, (e) => message.error(e.message))}
                >
                  删除
                </Button>
              )}
            </div>
          ))}
        </Space>
      </Image.PreviewGroup>
      {editable && (
        <Upload
          accept=".png,.jpg,.jpeg"
          multiple
          showUploadList={false}
          beforeUpload={(file) => {
            const fd = new FormData();
            fd.append('file', file as unknown as File, file.name);
            api.upload(url, fd).then(onChange, (e) => message.error(e.message));
            return false;
          }}
        >
          <Button icon={<UploadOutlined />} style={{ marginTop: 8 }}>
            上传证明材料
          </Button>
        </Upload>
      )}
    </>
  );
}

/** 医师 — 免考申请. */
function DoctorExemptionPage() {
  const { message } = App.useApp();
  const q = useQuery({ queryKey: ['exemption-mine'], queryFn: () => api.get<TExemptionMine>('/api/exemption/mine') });
  const [reasonIds, setReasonIds] = useState<number[]>([]);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const m = q.data;
  return (
    <Card title="免考申请" extra={<Link to="/doctor">返回</Link>} styles={{ body: { padding: 12 } }}>
      {!m ? (
        <Spin />
      ) : !m.enrolmentId ? (
        <Result status="info" title="您尚未参加本周期考核" />
      ) : (
        <Space direction="vertical" style={{ width: '100%' }}>
          {m.procedure && (
            <Typography.Text>
              考核程序：{PROC_LABEL[m.procedure]}（可申请免{m.exempts}）
            </Typography.Text>
          )}
          {m.application && (
            <Alert
              type={
                m.application.status === 'approved'
                  ? 'success'
                  : m.application.status.startsWith('rejected') || m.application.status === 'void'
                    ? 'warning'
                    : 'info'
              }
              showIcon
              message={`免考申请状态：${m.application.statusLabel}`}
              description={
                m.application.reviews.length
                  ? m.application.reviews.map((r, i) => (
                      <div key={i}>{`${r.role}${r.decision}${r.opinion ? `：${r.opinion}` : ''}`}</div>
                    ))
                  : undefined
              }
            />
          )}
          {m.blockedReason && (!m.application || m.application.status === 'void') && (
            <Alert type="info" showIcon message={m.blockedReason} />
          )}
          {m.canApply && (
            <>
              <Typography.Text strong>选择申请免考理由</Typography.Text>
              <Checkbox.Group value={reasonIds} onChange={(v) => setReasonIds(v as number[])}>
                <Space direction="vertical">
                  {m.reasons.map((r) => (
                    <Checkbox key={r.id} value={r.id}>
                      {r.reason}
                    </Checkbox>
                  ))}
                </Space>
              </Checkbox.Group>
              <Typography.Text strong>证明材料（png/jpg/jpeg，每个不超过 3 MB）</Typography.Text>
              <FilesUpload
                files={m.files}
                url={`/api/enrolments/${m.enrolmentId}/exemption-files`}
                enrolmentId={m.enrolmentId}
                editable
                onChange={() => void q.refetch()}
              />
              <Input.TextArea
                aria-label="说明"
                placeholder="补充说明（选填）"
                maxLength={500}
                value={note}
                onChange={(e) => setNote(e.target.value)}
                rows={3}
              />
              <Button
                type="primary"
                block
                size="large"
                loading={busy}
                onClick={async () => {
                  setBusy(true);
                  try {
                    await api.post(`/api/enrolments/${m.enrolmentId}/exemption`, {
                      reasonIds,
                      note,
                      fileIds: m.files.map((f) => f.id),
                    });
                    message.success('免考申请已提交，等待卫生机构审核');
                    await q.refetch();
                  } catch (e) {
                    message.error((e as Error).message);
                  } finally {
                    setBusy(false);
                  }
                }}
              >
                提交免考申请
              </Button>
            </>
          )}
        </Space>
      )}
    </Card>
  );
}

const DECISIONS: Record<
  'institution' | 'body',
  { decision: 'pass' | 'reject_supplement' | 'reject_final'; label: string; danger?: boolean }[]
> = {
  institution: [
    { decision: 'reject_supplement', label: '驳回补充材料', danger: true },
    { decision: 'reject_final', label: '驳回禁止再次申请', danger: true },
    { decision: 'pass', label: '提交' },
  ],
  body: [
    { decision: 'reject_supplement', label: '驳回 需补充材料', danger: true },
    { decision: 'reject_final', label: '驳回 禁止再次申请', danger: true },
    { decision: 'pass', label: '通过' },
  ],
};

/** server action (exemption.machine event) → the decision it posts */
const ACTION_DECISION: Record<string, string> = {
  INSTITUTION_PASS: 'pass',
  INSTITUTION_REJECT_SUPPLEMENT: 'reject_supplement',
  INSTITUTION_REJECT_FINAL: 'reject_final',
  BODY_PASS: 'pass',
  BODY_REJECT_SUPPLEMENT: 'reject_supplement',
  BODY_REJECT_FINAL: 'reject_final',
};

const DONE = {
  institution: {
    pass: '已提交考核机构复核',
    reject_supplement: '已驳回，医师可补充材料后重新申请',
    reject_final: '已驳回，医师不能再次申请',
  },
  body: {
    pass: '免考申请已通过',
    reject_supplement: '已驳回，医师可补充材料后重新申请',
    reject_final: '已驳回，医师不能再次申请',
  },
} as const;

/** 审核一般程序免考申请 (institution) / 一般程序复核免考申请 (body). Both procedures, with a 考核程序 column. */
function ReviewPage({ role }: { role: 'institution' | 'body' }) {
  const { message } = App.useApp();
  const [procedure, setProcedure] = useState<Proc | undefined>(undefined);
  const [scope, setScope] = useState<'pending' | 'all'>('pending');
  const [page, setPage] = useState(1);
  const [keyword, setKeyword] = useState('');
  const [open, setOpen] = useState<number | null>(null);
  const [opinion, setOpinion] = useState('');
  const list = useQuery({
    queryKey: ['exemption-apps', role, procedure, scope, page, keyword],
    queryFn: () =>
      api.get<{ total: number; rows: TExemptionApplication[] }>('/api/exemption/applications', {
        procedure,
        scope,
        page,
        keyword,
        pageSize: 20,
      }),
  });
  const detail = useQuery({
    queryKey: ['exemption-app', open],
    enabled: open !== null,
    queryFn: () => api.get<TExemptionApplication & { files: TAttachment[] }>(`/api/exemption/applications/${open}`),
  });
  const d = detail.data;
  async function decide(decision: string) {
    try {
      await api.post(`/api/exemption/applications/${open}/review`, { decision, opinion });
      message.success(DONE[role][decision as keyof (typeof DONE)['institution']]);
      setOpen(null);
      setOpinion('');
      void list.refetch();
    } catch (e) {
      message.error((e as Error).message);
    }
  }
  return (
    <Card title={role === 'institution' ? '审核一般程序免考申请' : '一般程序复核免考申请'}>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          style={{ width: 140 }}
          value={procedure ?? 'all'}
          onChange={(v) => (setProcedure(v === 'all' ? undefined : (v as Proc)), setPage(1))}
          options={[
            { value: 'all', label: '全部程序' },
            { value: 'general', label: '一般程序' },
            { value: 'simple', label: '简易程序' },
          ]}
        />
        <Select
          style={{ width: 140 }}
          value={scope}
          onChange={(v) => (setScope(v), setPage(1))}
          options={[
            { value: 'pending', label: role === 'institution' ? '待审核' : '待复核' },
            { value: 'all', label: '全部' },
          ]}
        />
        <Input.Search
          placeholder="姓名或证件号码"
          allowClear
          enterButton="查询"
          onSearch={(v) => (setKeyword(v), setPage(1))}
        />
        <Button
          icon={<DownloadOutlined />}
          onClick={() =>
            download(
              `/api/exemption/applications/export?${new URLSearchParams({ scope, ...(procedure ? { procedure } : {}), ...(keyword ? { keyword } : {}) })}`,
              '免考申请.xlsx',
            ).catch((e) => message.error(e.message))
          }
        >
          导出
        </Button>
      </Space>
      <Table<TExemptionApplication>
        locale={{
          emptyText:
            scope === 'pending'
              ? role === 'institution'
                ? '暂无待审核的免考申请'
                : '暂无待复核的免考申请'
              : '暂无免考申请',
        }}
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data?.rows ?? []}
        pagination={{
          current: page,
          pageSize: 20,
          total: list.data?.total ?? 0,
          onChange: setPage,
          showTotal: (t) => `共 ${t} 条`,
        }}
        scroll={{ x: role === 'institution' ? 980 : 1140 }}
        columns={[
          { title: '姓名', dataIndex: 'physicianName', width: 90 },
          { title: '证件号码', dataIndex: 'idNumber', width: 170 },
          // an institution only ever sees its own physicians
          ...(role === 'body' ? [{ title: '卫生机构', dataIndex: 'institutionName', width: 160, ellipsis: true }] : []),
          { title: '考核程序', dataIndex: 'procedure', width: 90, render: (v: Proc) => PROC_LABEL[v] },
          { title: '免考项目', dataIndex: 'exempts', width: 110 },
          {
            title: '免考理由',
            dataIndex: 'reasons',
            ellipsis: { showTitle: true },
            render: (rs: { reason: string }[]) => rs.map((r) => r.reason).join('；'),
          },
          {
            title: '状态',
            dataIndex: 'statusLabel',
            width: 140,
            render: (v: string, r) => <Tag color={STATUS_COLOR[r.status]}>{v}</Tag>,
          },
          { title: '申请时间', dataIndex: 'submittedAt', width: 110, render: fmt },
          {
            title: '操作',
            width: 90,
            fixed: 'right',
            render: (_, r) =>
              r.actions.length ? (
                <Button type="link" onClick={() => setOpen(r.id)}>
                  {role === 'institution' ? '去评定' : '复核'}
                </Button>
              ) : null,
          },
        ]}
      />
      <Modal
        open={open !== null}
        width={760}
        title="免考申请"
        onCancel={() => (setOpen(null), setOpinion(''))}
        destroyOnHidden
        footer={
          <Space wrap>
            {DECISIONS[role]
              .filter((b) => d?.actions.some((a) => ACTION_DECISION[a] === b.decision))
              .map((b) => (
                <Button
                  key={b.decision}
                  danger={b.danger}
                  type={b.danger ? 'default' : 'primary'}
                  onClick={() => decide(b.decision)}
                >
                  {b.label}
                </Button>
              ))}
          </Space>
        }
      >
        {d && (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Descriptions size="small" bordered column={1}>
              <Descriptions.Item label="姓名">{d.physicianName}</Descriptions.Item>
              <Descriptions.Item label="证件号码">{d.idNumber}</Descriptions.Item>
              <Descriptions.Item label="卫生机构">{d.institutionName}</Descriptions.Item>
              <Descriptions.Item label="申请时间">{fmt(d.submittedAt)}</Descriptions.Item>
              <Descriptions.Item label="考核程序">{`${PROC_LABEL[d.procedure]}（免${d.exempts}）`}</Descriptions.Item>
              <Descriptions.Item label="免考理由">{d.reasons.map((r) => r.reason).join('；')}</Descriptions.Item>
              <Descriptions.Item label="说明">{d.note || '—'}</Descriptions.Item>
              <Descriptions.Item label="工作成绩 / 职业道德评定">{`${d.workResult ?? '未评定'} / ${d.ethicsResult ?? '未评定'}`}</Descriptions.Item>
              {d.reviews.map((r, i) => (
                <Descriptions.Item
                  key={i}
                  label={`${r.role}意见`}
                >{`${r.decision}${r.opinion ? `：${r.opinion}` : ''}（${r.by}，${fmt(r.at)}）`}</Descriptions.Item>
              ))}
            </Descriptions>
            <Typography.Text strong>证明材料</Typography.Text>
            {d.files.length === 0 && <Typography.Text type="secondary">未上传证明材料</Typography.Text>}
            <FilesUpload
              files={d.files}
              url=""
              enrolmentId={d.enrolmentId}
              editable={false}
              onChange={() => undefined}
            />
            <Input.TextArea
              aria-label="审核意见"
              placeholder="审核意见（驳回时必填）"
              maxLength={500}
              rows={3}
              value={opinion}
              onChange={(e) => setOpinion(e.target.value)}
            />
          </Space>
        )}
      </Modal>
    </Card>
  );
}

export const routes: PageRoute[] = [
  { path: '/doctor/exemption', element: <DoctorExemptionPage />, mobile: true },
  {
    path: '/exemption/settings',
    element: <SettingsPage />,
    menu: {
      roles: ['admin'],
      group: ['考核管理', '考核设置'],
      label: '免考设置',
      order: 315,
      adminLevels: ['province'],
    },
  },
  {
    path: '/exemption/audit',
    element: <ReviewPage key="i" role="institution" />,
    menu: { roles: ['institution'], group: ['考核管理', '一般程序'], label: '审核一般程序免考申请', order: 355 },
  },
  {
    path: '/exemption/review',
    element: <ReviewPage key="b" role="body" />,
    menu: { roles: ['body'], group: ['考核管理', '一般程序'], label: '一般程序复核免考申请', order: 325 },
  },
];
