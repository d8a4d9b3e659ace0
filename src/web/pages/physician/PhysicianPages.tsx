import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { ENROLMENT_STATUS_LABELS, ENROLMENT_STATUSES } from '../../../shared/enrolment-status';
import {
  PHYSICIAN_LEVELS,
  PRACTICE_CATEGORIES,
  type TImportResult,
  type TPhysicianDetail,
  type TPhysicianPage,
  type TPhysicianRow,
} from '../../../shared/schemas/physician';
import { api, ApiError, download } from '../../api/client';

type Filters = {
  name?: string;
  idNumber?: string;
  practiceCategory?: string;
  level?: string;
  status?: string;
  institutionId?: number;
};

const STATUS_COLORS: Partial<Record<string, string>> = {
  not_opened: 'default',
  opened: 'blue',
  institution_rejected: 'orange',
  registered: 'green',
  passed: 'green',
  failed: 'red',
  disciplinary_failed: 'red',
  withdrawn: 'default',
};

const errText = (e: unknown, fallback = '操作失败') => (e instanceof ApiError ? e.message : fallback);

function DetailModal({ id, onClose }: { id: number | null; onClose: () => void }) {
  const q = useQuery({
    queryKey: ['physician', id],
    queryFn: () => api.get<TPhysicianDetail>(`/api/physicians/${id}`),
    enabled: id !== null,
  });
  const d = q.data;
  const slash = (s: string | null) => (s ? s.replaceAll('-', '/') : '—');
  return (
    <Modal
      open={id !== null}
      title="医师信息"
      onCancel={onClose}
      footer={<Button onClick={onClose}>关闭</Button>}
      width={720}
    >
      {q.error && <Alert type="error" message={errText(q.error, '加载失败')} />}
      {d && (
        <Descriptions column={2} bordered size="small">
          <Descriptions.Item label="姓名">{d.name}</Descriptions.Item>
          <Descriptions.Item label="性别">{d.gender}</Descriptions.Item>
          <Descriptions.Item label="证件类型">{d.idType}</Descriptions.Item>
          <Descriptions.Item label="证件号码">{d.idNumberMasked}</Descriptions.Item>
          <Descriptions.Item label="出生日期">{slash(d.birthDate)}</Descriptions.Item>
          <Descriptions.Item label="手机号">{d.mobileMasked ?? '未绑定'}</Descriptions.Item>
          <Descriptions.Item label="医师级别">{d.level}</Descriptions.Item>
          <Descriptions.Item label="执业类别">{d.practiceCategory}</Descriptions.Item>
          <Descriptions.Item label="执业范围">{d.practiceScope || '—'}</Descriptions.Item>
          <Descriptions.Item label="职称">{d.title || '—'}</Descriptions.Item>
          <Descriptions.Item label="资格证书编号">{d.qualificationNo || '—'}</Descriptions.Item>
          <Descriptions.Item label="执业证书编号">{d.licenseNo || '—'}</Descriptions.Item>
          <Descriptions.Item label="首次注册时间">{slash(d.firstRegisteredAt)}</Descriptions.Item>
          <Descriptions.Item label="本周期考核状态">{d.enrolmentStatusLabel}</Descriptions.Item>
          <Descriptions.Item label="所在卫生机构" span={2}>
            {d.institutionName}
            <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
              {d.orgPathNames.slice(0, -1).join(' / ')}
            </Typography.Text>
          </Descriptions.Item>
        </Descriptions>
      )}
    </Modal>
  );
}

function TransferModal({
  row,
  onClose,
  onDone,
}: {
  row: TPhysicianRow | null;
  onClose: () => void;
  onDone: () => void;
}) {
  const [keyword, setKeyword] = useState('');
  const [target, setTarget] = useState<number | undefined>();
  const [reason, setReason] = useState('');
  const { message } = App.useApp();
  const targets = useQuery({
    queryKey: ['transfer-targets', keyword],
    queryFn: () =>
      api.get<{ items: { id: number; name: string; code: string; parentName: string }[] }>(
        '/api/physicians/transfer-targets',
        { keyword },
      ),
    enabled: row !== null,
  });
  const m = useMutation({
    mutationFn: () =>
      api.post(`/api/physicians/${row!.id}/transfer`, { institutionId: target, reason: reason || undefined }),
    onSuccess: () => {
      message.success('已变更卫生机构');
      setTarget(undefined);
      setReason('');
      onDone();
    },
    onError: (e) => message.error(errText(e)),
  });
  return (
    <Modal
      open={row !== null}
      title="变更卫生机构"
      onCancel={onClose}
      okText="确认变更"
      okButtonProps={{ disabled: !target, loading: m.isPending }}
      onOk={() => m.mutate()}
    >
      {row && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Text>
            医师：{row.name}（{row.idNumberMasked}），当前卫生机构：{row.institutionName}
          </Typography.Text>
          <Alert
            type="info"
            showIcon
            message="已参加本周期考核的医师须先驳回、退出当前考核周期后才能变更；跨区/县变更由市级卫生行政机构操作，跨地市变更由省级卫生行政机构操作。"
          />
          <Select
            showSearch
            allowClear
            style={{ width: '100%' }}
            placeholder="输入机构名称或账号搜索目标卫生机构"
            filterOption={false}
            onSearch={setKeyword}
            value={target}
            onChange={setTarget}
            loading={targets.isFetching}
            aria-label="目标卫生机构"
            options={(targets.data?.items ?? [])
              .filter((t) => t.id !== row.institutionId)
              .map((t) => ({ value: t.id, label: `${t.name}（${t.code}，${t.parentName}）` }))}
          />
          <Input.TextArea
            placeholder="变更原因（选填）"
            maxLength={200}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
        </Space>
      )}
    </Modal>
  );
}

/** Institutions of the administration's subtree, searched on the server (name or 机构账号). */
function InstitutionSelect(props: { value?: number; onChange?: (v?: number) => void }) {
  const [keyword, setKeyword] = useState('');
  const q = useQuery({
    queryKey: ['subtree-institutions', keyword],
    queryFn: () =>
      api.get<{ items: { id: number; name: string; code: string }[] }>('/api/physicians/transfer-targets', { keyword }),
  });
  return (
    <Select
      showSearch
      allowClear
      filterOption={false}
      onSearch={setKeyword}
      style={{ width: 220 }}
      placeholder="全部"
      value={props.value}
      onChange={(v) => props.onChange?.(v)}
      options={(q.data?.items ?? []).map((i) => ({ value: i.id, label: i.name }))}
    />
  );
}

/**
 * 医师信息列表 (卫生机构: 【参加考核】【取消参加考核】【查看】【密码重置】【导出】) and
 * 医师管理 (卫生行政机构: 【查询】【查看】【变更卫生机构】【导出】).
 */
export function PhysicianListPage({ mode }: { mode: 'institution' | 'admin' }) {
  const [form] = Form.useForm<Filters>();
  const [filters, setFilters] = useState<Filters>({});
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const [selected, setSelected] = useState<number[]>([]);
  const [viewing, setViewing] = useState<number | null>(null);
  const [moving, setMoving] = useState<TPhysicianRow | null>(null);
  const qc = useQueryClient();
  const { message, modal } = App.useApp();
  const cursor = cursors[cursors.length - 1];
  const q = useQuery({
    queryKey: ['physicians', filters, cursor],
    queryFn: () => api.get<TPhysicianPage>('/api/physicians', { ...filters, cursor, limit: 20 }),
  });
  const refresh = () => {
    setSelected([]);
    void qc.invalidateQueries({ queryKey: ['physicians'] });
  };
  const enrol = useMutation({
    mutationFn: ({ op, ids }: { op: 'open' | 'cancel'; ids: number[] }) =>
      api.post<{ done: number }>(`/api/enrolments/${op}`, { physicianIds: ids }),
    onSuccess: (r, v) => {
      message.success(`${v.op === 'open' ? '参加考核' : '取消参加考核'}：已处理 ${r.done} 名医师`);
      refresh();
    },
    onError: (e) => message.error(errText(e)),
  });
  const reset = (r: TPhysicianRow) =>
    modal.confirm({
      title: '密码重置',
      content: `确定将 ${r.name} 的定考账号密码重置为初始密码吗？该医师下次登录须修改密码。`,
      onOk: async () => {
        try {
          const res = await api.post<{ rule: '666666' | 'id_last6' }>(`/api/physicians/${r.id}/reset-password`);
          message.success(
            res.rule === '666666' ? '密码已重置为初始密码 666666' : '密码已重置为初始密码（证件号码后六位）',
          );
        } catch (e) {
          message.error(errText(e));
        }
      },
    });
  const search = (v: Filters) => {
    const clean = Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined && x !== '')) as Filters;
    setFilters(clean);
    setCursors([undefined]);
    setSelected([]);
  };
  const rows = q.data?.items ?? [];
  const batch = (op: 'open' | 'cancel') => {
    const ids = rows.filter((r) => selected.includes(r.id) && r.actions.includes(op)).map((r) => r.id);
    if (!ids.length) {
      message.warning(
        op === 'open' ? '所选医师中没有可参加考核的（须为“未开通报名”）' : '所选医师中没有可取消参加考核的',
      );
      return;
    }
    enrol.mutate({ op, ids });
  };
  const columns: ColumnsType<TPhysicianRow> = [
    { title: '姓名', dataIndex: 'name' },
    { title: '证件号码', dataIndex: 'idNumberMasked' },
    { title: '性别', dataIndex: 'gender', width: 60 },
    { title: '医师级别', dataIndex: 'level' },
    { title: '执业类别', dataIndex: 'practiceCategory' },
    { title: '职称', dataIndex: 'title' },
    ...(mode === 'admin' ? [{ title: '所在卫生机构', dataIndex: 'institutionName' } as const] : []),
    {
      title: '考核状态',
      dataIndex: 'enrolmentStatusLabel',
      render: (_: unknown, r: TPhysicianRow) => (
        <Tag color={STATUS_COLORS[r.enrolmentStatus] ?? 'processing'}>{r.enrolmentStatusLabel}</Tag>
      ),
    },
    {
      title: '操作',
      render: (_: unknown, r: TPhysicianRow) => (
        <Space size={0} wrap>
          {r.actions.includes('view') && (
            <Button type="link" size="small" onClick={() => setViewing(r.id)}>
              查看
            </Button>
          )}
          {r.actions.includes('open') && (
            <Button type="link" size="small" onClick={() => enrol.mutate({ op: 'open', ids: [r.id] })}>
              参加考核
            </Button>
          )}
          {r.actions.includes('cancel') && (
            <Button type="link" size="small" danger onClick={() => enrol.mutate({ op: 'cancel', ids: [r.id] })}>
              取消参加考核
            </Button>
          )}
          {r.actions.includes('resetPassword') && (
            <Button type="link" size="small" onClick={() => reset(r)}>
              密码重置
            </Button>
          )}
          {r.actions.includes('transfer') && (
            <Button type="link" size="small" onClick={() => setMoving(r)}>
              变更卫生机构
            </Button>
          )}
        </Space>
      ),
    },
  ];
  return (
    <Card title={mode === 'institution' ? '医师信息列表' : '医师管理'}>
      <Form form={form} layout="inline" onFinish={search} style={{ marginBottom: 12, rowGap: 8 }}>
        <Form.Item name="name" label="姓名">
          <Input allowClear style={{ width: 120 }} />
        </Form.Item>
        <Form.Item name="idNumber" label="证件号码">
          <Input allowClear style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="practiceCategory" label="执业类别">
          <Select
            allowClear
            style={{ width: 110 }}
            options={PRACTICE_CATEGORIES.map((c) => ({ value: c, label: c }))}
          />
        </Form.Item>
        <Form.Item name="level" label="医师级别">
          <Select allowClear style={{ width: 140 }} options={PHYSICIAN_LEVELS.map((c) => ({ value: c, label: c }))} />
        </Form.Item>
        {mode === 'admin' && (
          <Form.Item name="institutionId" label="所在卫生机构">
            <InstitutionSelect />
          </Form.Item>
        )}
        <Form.Item name="status" label="考核状态">
          <Select
            allowClear
            style={{ width: 160 }}
            options={ENROLMENT_STATUSES.map((s) => ({ value: s, label: ENROLMENT_STATUS_LABELS[s] }))}
          />
        </Form.Item>
        <Form.Item>
          <Space>
            <Button type="primary" htmlType="submit">
              查询
            </Button>
            <Button
              onClick={() => {
                form.resetFields();
                search({});
              }}
            >
              重置
            </Button>
            <Button
              onClick={() =>
                download(
                  `/api/physicians/export?${new URLSearchParams(Object.entries(filters).map(([k, v]) => [k, String(v)])).toString()}`,
                  '医师信息.xlsx',
                ).catch((e) => message.error(errText(e, '导出失败')))
              }
            >
              导出
            </Button>
          </Space>
        </Form.Item>
      </Form>
      {mode === 'institution' && (
        <Space style={{ marginBottom: 12 }}>
          <Button type="primary" disabled={!selected.length} loading={enrol.isPending} onClick={() => batch('open')}>
            批量参加考核
          </Button>
          <Button danger disabled={!selected.length} loading={enrol.isPending} onClick={() => batch('cancel')}>
            批量取消参加考核
          </Button>
          <Typography.Text type="secondary">已选 {selected.length} 名</Typography.Text>
        </Space>
      )}
      {q.error && <Alert type="error" message={errText(q.error, '加载失败')} style={{ marginBottom: 12 }} />}
      <Table<TPhysicianRow>
        rowKey="id"
        size="middle"
        loading={q.isFetching}
        dataSource={rows}
        columns={columns}
        pagination={false}
        scroll={{ x: 'max-content' }}
        rowSelection={
          mode === 'institution'
            ? { selectedRowKeys: selected, onChange: (k) => setSelected(k as number[]) }
            : undefined
        }
      />
      <Space style={{ marginTop: 12, justifyContent: 'flex-end', width: '100%' }}>
        <Typography.Text type="secondary">第 {cursors.length} 页</Typography.Text>
        <Button disabled={cursors.length <= 1} onClick={() => setCursors((c) => c.slice(0, -1))}>
          上一页
        </Button>
        <Button disabled={!q.data?.nextCursor} onClick={() => setCursors((c) => [...c, q.data!.nextCursor!])}>
          下一页
        </Button>
      </Space>
      <DetailModal id={viewing} onClose={() => setViewing(null)} />
      <TransferModal
        row={moving}
        onClose={() => setMoving(null)}
        onDone={() => {
          setMoving(null);
          refresh();
        }}
      />
    </Card>
  );
}

/** 医师导入 / 机构导入: 【下载模板】, choose .xlsx/.csv, 【导入】; errors shown row by row. */
export function ImportPage({ kind }: { kind: 'physicians' | 'institutions' }) {
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<TImportResult | null>(null);
  const [busy, setBusy] = useState(false);
  const { message } = App.useApp();
  const qc = useQueryClient();
  const title = kind === 'physicians' ? '医师导入' : '机构导入';
  const run = async () => {
    if (!file) return;
    setBusy(true);
    setResult(null);
    try {
      const form = new FormData();
      form.append('file', file);
      const r = await api.upload<TImportResult>(`/api/imports/${kind}`, form);
      setResult(r);
      if (r.ok) {
        message.success(`导入成功：共 ${r.imported} 条`);
        void qc.invalidateQueries({ queryKey: ['physicians'] });
      }
    } catch (e) {
      message.error(errText(e, '导入失败'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={title}>
      <Typography.Paragraph type="secondary">
        {kind === 'physicians'
          ? '从医师电子化注册系统导出的医师信息，按模板整理后导入。导入的医师账号初始密码按本省规则设置，首次登录须修改密码并绑定手机号。'
          : '导入本机构或下级卫生行政机构所辖的卫生机构账号；导入后为“未激活”状态，初始密码 666666。'}
        支持 .xlsx 或 UTF-8 编码的 .csv，不超过 50 MB；任一行有误时整个文件都不会导入。
      </Typography.Paragraph>
      <Space wrap style={{ marginBottom: 16 }}>
        <Button
          onClick={() =>
            download(`/api/imports/templates/${kind}`, `${title}模板.xlsx`).catch((e) =>
              message.error(errText(e, '下载失败')),
            )
          }
        >
          下载模板
        </Button>
        <Upload
          accept=".xlsx,.csv"
          maxCount={1}
          beforeUpload={(f) => {
            setFile(f);
            setResult(null);
            return false;
          }}
          onRemove={() => setFile(null)}
          fileList={file ? [{ uid: '1', name: file.name, status: 'done' }] : []}
        >
          <Button>选择文件</Button>
        </Upload>
        <Button type="primary" disabled={!file} loading={busy} onClick={run}>
          导入
        </Button>
      </Space>
      {result?.ok && (
        <Alert type="success" showIcon message={`导入成功：共读取 ${result.total} 行，导入 ${result.imported} 条`} />
      )}
      {result && !result.ok && (
        <>
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 12 }}
            message={`校验未通过：共 ${result.total} 行，发现 ${result.errorCount} 处错误，本次未导入任何数据。请修改后重新上传。`}
            action={
              result.reportId && (
                <Button
                  size="small"
                  onClick={() =>
                    download(`/api/imports/reports/${result.reportId}`, '导入错误报告.xlsx').catch((e) =>
                      message.error(errText(e)),
                    )
                  }
                >
                  下载错误报告
                </Button>
              )
            }
          />
          <Table
            rowKey={(r) => `${r.row}-${r.column}-${r.message}`}
            size="small"
            dataSource={result.errors}
            pagination={{ pageSize: 20, showSizeChanger: false }}
            columns={[
              { title: '行号', dataIndex: 'row', width: 80 },
              { title: '列', dataIndex: 'column', width: 140 },
              { title: '错误说明', dataIndex: 'message' },
            ]}
          />
          {result.errorCount > result.errors.length && (
            <Typography.Text type="secondary">
              仅显示前 {result.errors.length} 处错误，完整列表请下载错误报告。
            </Typography.Text>
          )}
        </>
      )}
    </Card>
  );
}
