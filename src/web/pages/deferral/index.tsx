import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Image,
  Input,
  Modal,
  Radio,
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
import { DEFERRAL_REASON_MAX, type TDeferralApplication, type TDeferralMine } from '../../../shared/schemas/deferral';
import type { TAttachment } from '../../../shared/schemas/procedure';
import { attachmentUrl } from '../procedure/ProcedureStep';

const fmt = (iso: string | null) => (iso ? iso.slice(0, 10).replaceAll('-', '/') : '');
const STATUS_COLOR: Record<string, string> = {
  approved: 'success',
  rejected_institution: 'error',
  rejected_admin: 'error',
  pending_institution: 'processing',
  pending_admin: 'processing',
};
const pdfUrl = (id: number) => `/api/deferral/applications/${id}/form.pdf`;

function Opinions({ a }: { a: TDeferralApplication }) {
  return (
    <Descriptions size="small" bordered column={1}>
      <Descriptions.Item label="申请延期考核原因">
        <span style={{ whiteSpace: 'pre-wrap' }}>{a.reason}</span>
      </Descriptions.Item>
      <Descriptions.Item label="卫生机构意见">
        {a.institutionAgree
          ? `${a.institutionAgree}${a.institutionOpinion ? `：${a.institutionOpinion}` : ''}（${fmt(a.institutionAt)}）`
          : '—'}
      </Descriptions.Item>
      <Descriptions.Item label="卫生行政部门意见">
        {a.adminAgree
          ? `${a.adminAgree}${a.adminOpinion ? `：${a.adminOpinion}` : ''}（${a.adminOrgName}，${fmt(a.adminAt)}）`
          : '—'}
      </Descriptions.Item>
    </Descriptions>
  );
}

function Attachments({ enrolmentId, files }: { enrolmentId: number; files: TAttachment[] }) {
  return (
    <Image.PreviewGroup>
      <Space wrap>
        {files.map((f) => (
          <Image
            key={f.id}
            src={attachmentUrl(enrolmentId, f.id)}
            width={96}
            height={96}
            style={{ objectFit: 'cover' }}
            alt={f.originalName}
          />
        ))}
      </Space>
    </Image.PreviewGroup>
  );
}

/** 医师 — 延期考核申请. */
function DoctorDeferralPage() {
  const { message } = App.useApp();
  const q = useQuery({ queryKey: ['deferral-mine'], queryFn: () => api.get<TDeferralMine>('/api/deferral/mine') });
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const m = q.data;
  return (
    <Card title="延期考核申请" extra={<Link to="/doctor">返回</Link>} styles={{ body: { padding: 12 } }}>
      {!m ? (
        <Spin />
      ) : !m.enrolmentId ? (
        <Result status="info" title="您尚未参加本周期考核" />
      ) : (
        <Space direction="vertical" style={{ width: '100%' }}>
          {m.window && (
            <Typography.Text type="secondary">{`延期考核申请时间：${fmt(m.window.start)} 至 ${fmt(m.window.end)}`}</Typography.Text>
          )}
          {m.application && (
            <>
              <Alert
                type={
                  m.application.status === 'approved'
                    ? 'success'
                    : m.application.status.startsWith('rejected')
                      ? 'warning'
                      : 'info'
                }
                showIcon
                message={`申请状态：${m.application.statusLabel}`}
                description={
                  m.application.status === 'approved' ? '请在再次考核时间内以首次考核形式参加测评。' : undefined
                }
              />
              <Opinions a={m.application} />
              <Button
                icon={<DownloadOutlined />}
                onClick={() =>
                  download(pdfUrl(m.application!.id), '医师定期考核延期考核申请表.pdf').catch((e) =>
                    message.error(e.message),
                  )
                }
              >
                打印申请表
              </Button>
            </>
          )}
          {m.blockedReason && (!m.application || m.application.status.startsWith('rejected')) && (
            <Alert type="info" showIcon message={m.blockedReason} />
          )}
          {m.canApply && (
            <>
              <Typography.Text strong>申请延期考核原因</Typography.Text>
              <Input.TextArea
                aria-label="申请延期考核原因"
                rows={5}
                maxLength={DEFERRAL_REASON_MAX}
                showCount
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                placeholder="请说明不能参加本周期首轮考核的原因"
              />
              <Typography.Text strong>附件（png/jpg/jpeg，每个不超过 3 MB，选填）</Typography.Text>
              <Attachments enrolmentId={m.enrolmentId} files={m.files} />
              <Upload
                accept=".png,.jpg,.jpeg"
                multiple
                showUploadList={false}
                beforeUpload={(file) => {
                  const fd = new FormData();
                  fd.append('file', file as unknown as File, file.name);
                  api.upload(`/api/enrolments/${m.enrolmentId}/deferral-files`, fd).then(
                    () => q.refetch(),
                    (e) => message.error(e.message),
                  );
                  return false;
                }}
              >
                <Button icon={<UploadOutlined />}>上传附件</Button>
              </Upload>
              <Button
                type="primary"
                block
                size="large"
                loading={busy}
                onClick={async () => {
                  setBusy(true);
                  try {
                    await api.post(`/api/enrolments/${m.enrolmentId}/deferral`, {
                      reason,
                      fileIds: m.files.map((f) => f.id),
                    });
                    message.success('延期考核申请已提交，等待卫生机构审核');
                    await q.refetch();
                  } catch (e) {
                    message.error((e as Error).message);
                  } finally {
                    setBusy(false);
                  }
                }}
              >
                提交申请
              </Button>
            </>
          )}
        </Space>
      )}
    </Card>
  );
}

/** 延期考核申请 (institution: 卫生机构意见) / 延期考核审批 (administration: 卫生行政部门意见). */
function ReviewPage({ role }: { role: 'institution' | 'admin' }) {
  const { message } = App.useApp();
  const [scope, setScope] = useState<'pending' | 'all'>('pending');
  const [page, setPage] = useState(1);
  const [keyword, setKeyword] = useState('');
  const [open, setOpen] = useState<number | null>(null);
  const [agree, setAgree] = useState<'同意' | '不同意'>('同意');
  const [opinion, setOpinion] = useState('');
  const list = useQuery({
    queryKey: ['deferral-apps', role, scope, page, keyword],
    queryFn: () =>
      api.get<{ total: number; rows: TDeferralApplication[] }>('/api/deferral/applications', {
        scope,
        page,
        keyword,
        pageSize: 20,
      }),
  });
  const detail = useQuery({
    queryKey: ['deferral-app', open],
    enabled: open !== null,
    queryFn: () => api.get<TDeferralApplication & { files: TAttachment[] }>(`/api/deferral/applications/${open}`),
  });
  const d = detail.data;
  const label = role === 'institution' ? '卫生机构意见' : '卫生行政部门意见';
  async function submit() {
    try {
      await api.post(`/api/deferral/applications/${open}/review`, { agree, opinion });
      message.success(
        role === 'institution'
          ? agree === '同意'
            ? '已同意，提交卫生行政部门审批'
            : '已提交：卫生机构不同意'
          : agree === '同意'
            ? '已批准延期考核'
            : '已提交：不同意延期考核',
      );
      setOpen(null);
      setOpinion('');
      setAgree('同意');
      void list.refetch();
    } catch (e) {
      message.error((e as Error).message);
    }
  }
  return (
    <Card title={role === 'institution' ? '延期考核申请' : '延期考核审批'}>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          style={{ width: 140 }}
          value={scope}
          onChange={(v) => (setScope(v), setPage(1))}
          options={[
            { value: 'pending', label: role === 'institution' ? '待审核' : '待审批' },
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
              `/api/deferral/applications/export?${new URLSearchParams({ scope, ...(keyword ? { keyword } : {}) })}`,
              '延期考核申请.xlsx',
            ).catch((e) => message.error(e.message))
          }
        >
          导出
        </Button>
      </Space>
      <Table<TDeferralApplication>
        locale={{
          emptyText:
            scope === 'pending'
              ? role === 'institution'
                ? '暂无待审核的延期考核申请'
                : '暂无待审批的延期考核申请'
              : '暂无延期考核申请',
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
        scroll={{ x: role === 'institution' ? 830 : 990 }}
        columns={[
          { title: '姓名', dataIndex: 'physicianName', width: 90 },
          { title: '证件号码', dataIndex: 'idNumber', width: 170 },
          // an institution only ever sees its own physicians
          ...(role === 'admin'
            ? [{ title: '卫生机构', dataIndex: 'institutionName', width: 160, ellipsis: true }]
            : []),
          { title: '申请延期考核原因', dataIndex: 'reason', ellipsis: { showTitle: true } },
          {
            title: '状态',
            dataIndex: 'statusLabel',
            width: 150,
            render: (v: string, r) => <Tag color={STATUS_COLOR[r.status]}>{v}</Tag>,
          },
          { title: '申请时间', dataIndex: 'submittedAt', width: 110, render: fmt },
          {
            title: '操作',
            width: 160,
            fixed: 'right',
            render: (_, r) => (
              <Space>
                {r.actions.length > 0 && (
                  <Button type="link" onClick={() => setOpen(r.id)}>
                    审核
                  </Button>
                )}
                <Button
                  type="link"
                  onClick={() =>
                    download(pdfUrl(r.id), '医师定期考核延期考核申请表.pdf').catch((e) => message.error(e.message))
                  }
                >
                  打印申请表
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={open !== null}
        width={720}
        title="延期考核申请"
        okText="提交"
        onOk={submit}
        onCancel={() => (setOpen(null), setOpinion(''))}
        destroyOnHidden
      >
        {d && (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Descriptions size="small" bordered column={2}>
              <Descriptions.Item label="姓名">{d.physicianName}</Descriptions.Item>
              <Descriptions.Item label="性别">{d.gender}</Descriptions.Item>
              <Descriptions.Item label="身份证号">{d.idNumber}</Descriptions.Item>
              <Descriptions.Item label="所在执业卫生机构">{d.institutionName}</Descriptions.Item>
            </Descriptions>
            <Opinions a={d} />
            <Typography.Text strong>附件</Typography.Text>
            {d.files.length ? (
              <Attachments enrolmentId={d.enrolmentId} files={d.files} />
            ) : (
              <Typography.Text type="secondary">未上传附件</Typography.Text>
            )}
            <Typography.Text strong>{label}</Typography.Text>
            <Radio.Group value={agree} onChange={(e) => setAgree(e.target.value)} options={['同意', '不同意']} />
            <Input.TextArea
              aria-label={label}
              placeholder="意见（不同意时必填）"
              rows={3}
              maxLength={500}
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
  { path: '/doctor/deferral', element: <DoctorDeferralPage />, mobile: true },
  {
    path: '/deferral/audit',
    element: <ReviewPage key="i" role="institution" />,
    menu: { roles: ['institution'], group: ['考核管理'], label: '延期考核申请', order: 360 },
  },
  {
    path: '/deferral/approve',
    element: <ReviewPage key="a" role="admin" />,
    menu: { roles: ['admin'], group: ['考核管理'], label: '延期考核审批', order: 610 },
  },
];
