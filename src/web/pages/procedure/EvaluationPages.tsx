import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Divider,
  Form,
  Image,
  Input,
  Modal,
  Radio,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { SIMPLE_CONDITIONS, type TEvaluationDetail, type TEvaluationRow } from '../../../shared/schemas/procedure';
import { attachmentUrl, HintTag } from './ProcedureStep';

type Proc = 'general' | 'simple';
const PROC_LABEL: Record<Proc, string> = { general: '一般程序', simple: '简易程序' };
const fmt = (iso: string) => iso.slice(0, 10).replaceAll('-', '/');

function selfEvalItems(se: Record<string, unknown>) {
  const entries = Object.entries(se ?? {}).filter(([, v]) => v !== null && v !== undefined && v !== '');
  return entries.map(([k, v]) => ({
    key: k,
    label: k,
    children: typeof v === 'object' ? JSON.stringify(v) : String(v),
  }));
}

/** What the physician submitted: self-evaluation, conditions with hints, proofs, 述职报告. */
export function SubmissionView({ d }: { d: TEvaluationDetail }) {
  const items = selfEvalItems(d.selfEvaluation);
  return (
    <>
      <Descriptions size="small" bordered column={{ xs: 1, sm: 2 }} title="医师信息">
        <Descriptions.Item label="姓名">{d.physician.name}</Descriptions.Item>
        <Descriptions.Item label="证件号码">{d.physician.idNumber}</Descriptions.Item>
        <Descriptions.Item label="医师级别">{d.physician.level}</Descriptions.Item>
        <Descriptions.Item label="执业类别">{d.physician.practiceCategory}</Descriptions.Item>
        <Descriptions.Item label="考核程序">{PROC_LABEL[d.row.procedure]}</Descriptions.Item>
        <Descriptions.Item label="执业年限">
          {d.yearsOfPractice === null ? '未登记首次注册时间' : `满 ${d.yearsOfPractice} 年`}
        </Descriptions.Item>
      </Descriptions>
      <Divider titlePlacement="start">工作成绩、职业道德自评</Divider>
      {items.length ? (
        <Descriptions size="small" bordered column={1} items={items} />
      ) : (
        <Typography.Text type="secondary">医师未填写自评</Typography.Text>
      )}
      {d.row.procedure === 'simple' && (
        <>
          <Divider titlePlacement="start">简易程序申请</Divider>
          {SIMPLE_CONDITIONS.map((c) => {
            const h = d.hints.find((x) => x.id === c.id)!;
            return (
              <div key={c.id} style={{ marginBottom: 4 }}>
                {d.application.conditions.includes(c.id) ? <Tag color="blue">已勾选</Tag> : <Tag>未勾选</Tag>}（{c.id}）
                {c.label} <HintTag hint={h} />
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {h.basis}
                </Typography.Text>
              </div>
            );
          })}
          <Typography.Title level={5}>证明材料</Typography.Title>
          <Image.PreviewGroup>
            <Space wrap>
              {d.proofs.map((f) => (
                <Image
                  key={f.id}
                  width={96}
                  height={96}
                  style={{ objectFit: 'cover' }}
                  src={attachmentUrl(d.row.enrolmentId, f.id)}
                  alt={f.originalName}
                />
              ))}
            </Space>
          </Image.PreviewGroup>
          <Typography.Title level={5}>述职报告</Typography.Title>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', background: '#fafafa', padding: 8 }}>
            {d.application.report || '（无）'}
          </Typography.Paragraph>
        </>
      )}
    </>
  );
}

function useEvaluations(procedure: Proc, keyword: string, page: number) {
  return useQuery({
    queryKey: ['evaluations', procedure, keyword, page],
    queryFn: () =>
      api.get<{ total: number; rows: TEvaluationRow[] }>('/api/procedure/evaluations', {
        procedure,
        keyword,
        page,
        pageSize: 20,
      }),
  });
}

function ListShell({
  procedure,
  title,
  actionLabel,
  onOpen,
}: {
  procedure: Proc;
  title: string;
  actionLabel: string;
  onOpen: (r: TEvaluationRow) => void;
}) {
  const [keyword, setKeyword] = useState('');
  const [page, setPage] = useState(1);
  const q = useEvaluations(procedure, keyword, page);
  return (
    <Card title={title}>
      <Input.Search
        placeholder="姓名或证件号码"
        allowClear
        onSearch={(v) => (setKeyword(v), setPage(1))}
        style={{ maxWidth: 320, marginBottom: 12 }}
        enterButton="查询"
      />
      <Table<TEvaluationRow>
        rowKey="enrolmentId"
        loading={q.isLoading}
        dataSource={q.data?.rows ?? []}
        pagination={{
          current: page,
          pageSize: 20,
          total: q.data?.total ?? 0,
          onChange: setPage,
          showTotal: (t) => `共 ${t} 条`,
        }}
        locale={{ emptyText: '暂无待处理的考核程序申请' }}
        columns={[
          { title: '姓名', dataIndex: 'physicianName', width: 90 },
          { title: '证件号码', dataIndex: 'idNumber', width: 190 },
          { title: '卫生机构', dataIndex: 'institutionName', ellipsis: true },
          { title: '医师级别', dataIndex: 'level', width: 120 },
          { title: '执业类别', dataIndex: 'practiceCategory', width: 100 },
          { title: '状态', dataIndex: 'statusLabel', width: 150, render: (v) => <Tag color="processing">{v}</Tag> },
          { title: '工作成绩', dataIndex: 'workResult', width: 90, render: (v) => v ?? '—' },
          { title: '职业道德', dataIndex: 'ethicsResult', width: 90, render: (v) => v ?? '—' },
          { title: '更新时间', dataIndex: 'updatedAt', width: 110, render: fmt },
          {
            title: '操作',
            width: 90,
            fixed: 'right',
            render: (_, r) =>
              r.actions.length ? (
                <Button type="link" onClick={() => onOpen(r)}>
                  {actionLabel}
                </Button>
              ) : null,
          },
        ]}
        scroll={{ x: 1180 }}
      />
    </Card>
  );
}

function useDetail(id: number | null) {
  return useQuery({
    queryKey: ['evaluation', id],
    enabled: id !== null,
    queryFn: () => api.get<TEvaluationDetail>(`/api/procedure/evaluations/${id}`),
  });
}

/** 卫生机构 — 评定工作成绩、职业道德 (简易程序 / 一般程序). */
export function InstitutionEvaluatePage({ procedure }: { procedure: Proc }) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [openId, setOpenId] = useState<number | null>(null);
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm();
  const d = useDetail(openId);

  const close = () => {
    setOpenId(null);
    setRejecting(false);
    setReason('');
    form.resetFields();
    void qc.invalidateQueries({ queryKey: ['evaluations'] });
  };
  async function submit() {
    const v = await form.validateFields();
    setBusy(true);
    try {
      await api.post(`/api/procedure/evaluations/${openId}/evaluate`, { ...v, otherOpinions: v.otherOpinions ?? [] });
      message.success('已提交考核机构复核');
      close();
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  }
  async function reject() {
    setBusy(true);
    try {
      await api.post(`/api/procedure/evaluations/${openId}/reject`, { reason });
      message.success('已驳回，医师将重新选择考核程序');
      close();
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  }
  const prev = d.data?.evaluation.institution;
  const bodyReview = d.data?.evaluation.bodyReview;
  return (
    <>
      <ListShell
        procedure={procedure}
        title={`${PROC_LABEL[procedure]} — 评定工作成绩、职业道德`}
        actionLabel="审核"
        onOpen={(r) => setOpenId(r.enrolmentId)}
      />
      <Modal
        open={openId !== null}
        width={860}
        title="评定工作成绩、职业道德"
        onCancel={close}
        destroyOnHidden
        footer={
          <Space>
            <Button onClick={close}>返回</Button>
            <Button danger onClick={() => setRejecting(true)}>
              驳回
            </Button>
            <Button type="primary" loading={busy} onClick={submit}>
              提交
            </Button>
          </Space>
        }
      >
        {d.data && (
          <>
            {bodyReview && bodyReview.decision === '不同意' && (
              <Alert
                type="warning"
                showIcon
                style={{ marginBottom: 12 }}
                message={`考核机构复核不同意（${[!bodyReview.workAgree && '工作成绩', !bodyReview.ethicsAgree && '职业道德'].filter(Boolean).join('、')}）：${bodyReview.reason}`}
              />
            )}
            <SubmissionView d={d.data} />
            <Divider titlePlacement="start">卫生机构评定</Divider>
            <Form
              form={form}
              layout="vertical"
              initialValues={{
                workResult: prev?.workResult,
                workOpinion: prev?.workOpinion ?? '',
                ethicsResult: prev?.ethicsResult,
                ethicsOpinion: prev?.ethicsOpinion ?? '',
                otherOpinions: prev?.otherOpinions ?? [],
              }}
            >
              <Form.Item name="workResult" label="工作成绩" rules={[{ required: true, message: '请评定工作成绩' }]}>
                <Radio.Group options={['合格', '不合格']} />
              </Form.Item>
              <Form.Item name="workOpinion" label="工作成绩评定意见">
                <Input.TextArea maxLength={500} rows={2} />
              </Form.Item>
              <Form.Item name="ethicsResult" label="职业道德" rules={[{ required: true, message: '请评定职业道德' }]}>
                <Radio.Group options={['合格', '不合格']} />
              </Form.Item>
              <Form.Item name="ethicsOpinion" label="职业道德评定意见">
                <Input.TextArea maxLength={500} rows={2} />
              </Form.Item>
              <Form.List name="otherOpinions">
                {(fields, { add, remove }) => (
                  <>
                    {fields.map((f) => (
                      <Card
                        key={f.key}
                        size="small"
                        title="其他执业机构意见"
                        style={{ marginBottom: 8 }}
                        extra={
                          <Button type="link" danger onClick={() => remove(f.name)}>
                            删除
                          </Button>
                        }
                      >
                        <Form.Item
                          name={[f.name, 'institutionName']}
                          label="机构名称"
                          rules={[{ required: true, message: '请填写机构名称' }]}
                        >
                          <Input maxLength={100} />
                        </Form.Item>
                        <Form.Item
                          name={[f.name, 'opinion']}
                          label="意见"
                          rules={[{ required: true, message: '请填写意见' }]}
                        >
                          <Input.TextArea maxLength={500} rows={2} />
                        </Form.Item>
                        <Form.Item
                          name={[f.name, 'result']}
                          label="评定"
                          rules={[{ required: true, message: '请选择评定' }]}
                        >
                          <Radio.Group options={['合格', '不合格']} />
                        </Form.Item>
                      </Card>
                    ))}
                    <Button onClick={() => add({ institutionName: '', opinion: '', result: '合格' })}>新增意见</Button>
                  </>
                )}
              </Form.List>
            </Form>
          </>
        )}
      </Modal>
      <Modal
        open={rejecting}
        title="驳回"
        okText="确认驳回"
        okButtonProps={{ danger: true, loading: busy }}
        onOk={reject}
        onCancel={() => setRejecting(false)}
      >
        <Typography.Paragraph>驳回后医师须重新选择考核程序并提交。</Typography.Paragraph>
        <Input.TextArea
          aria-label="驳回理由"
          placeholder="请填写驳回理由"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          maxLength={500}
          rows={3}
        />
      </Modal>
    </>
  );
}

/** 考核机构 — 复核简易程序申请 / 复核一般程序申请. */
export function BodyReviewPage({ procedure }: { procedure: Proc }) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [openId, setOpenId] = useState<number | null>(null);
  const [mode, setMode] = useState<null | 'reject' | 'simple'>(null);
  const [reason, setReason] = useState('');
  const [disagree, setDisagree] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const d = useDetail(openId);
  const close = () => {
    setOpenId(null);
    setMode(null);
    setReason('');
    setDisagree([]);
    void qc.invalidateQueries({ queryKey: ['evaluations'] });
  };
  async function run(fn: () => Promise<unknown>, ok: string) {
    setBusy(true);
    try {
      await fn();
      message.success(ok);
      close();
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  }
  const inst = d.data?.evaluation.institution;
  return (
    <>
      <ListShell
        procedure={procedure}
        title={procedure === 'simple' ? '复核简易程序申请' : '复核一般程序申请'}
        actionLabel="复核"
        onOpen={(r) => setOpenId(r.enrolmentId)}
      />
      <Modal
        open={openId !== null}
        width={860}
        title="复核工作成绩、职业道德"
        onCancel={close}
        destroyOnHidden
        footer={
          <Space wrap>
            <Button onClick={close}>返回</Button>
            {procedure === 'simple' && (
              <Button danger onClick={() => setMode('simple')}>
                驳回至一般程序
              </Button>
            )}
            <Button danger onClick={() => setMode('reject')}>
              驳回
            </Button>
            <Button
              type="primary"
              loading={busy}
              onClick={() => run(() => api.post(`/api/procedure/evaluations/${openId}/confirm`), '复核已提交')}
            >
              提交
            </Button>
          </Space>
        }
      >
        {d.data && (
          <>
            <SubmissionView d={d.data} />
            <Divider titlePlacement="start">卫生机构评定意见</Divider>
            {inst ? (
              <Descriptions size="small" bordered column={1}>
                <Descriptions.Item label="工作成绩">
                  <Tag color={inst.workResult === '合格' ? 'success' : 'error'}>{inst.workResult}</Tag>{' '}
                  {inst.workOpinion}
                </Descriptions.Item>
                <Descriptions.Item label="职业道德">
                  <Tag color={inst.ethicsResult === '合格' ? 'success' : 'error'}>{inst.ethicsResult}</Tag>{' '}
                  {inst.ethicsOpinion}
                </Descriptions.Item>
                {inst.otherOpinions.map((o, i) => (
                  <Descriptions.Item key={i} label={`其他机构：${o.institutionName}`}>
                    <Tag>{o.result}</Tag> {o.opinion}
                  </Descriptions.Item>
                ))}
                <Descriptions.Item label="评定">{`${inst.by}　${fmt(inst.at)}`}</Descriptions.Item>
              </Descriptions>
            ) : (
              <Typography.Text type="secondary">无</Typography.Text>
            )}
            {inst && (inst.workResult === '不合格' || inst.ethicsResult === '不合格') && (
              <Alert
                type="error"
                showIcon
                style={{ marginTop: 12 }}
                message="提交（同意）后，该医师本周期考核结果为不合格。"
              />
            )}
          </>
        )}
      </Modal>
      <Modal
        open={mode !== null}
        title={mode === 'simple' ? '驳回至一般程序' : '驳回'}
        okText="确认驳回"
        okButtonProps={{ danger: true, loading: busy }}
        onCancel={() => setMode(null)}
        onOk={() =>
          mode === 'simple'
            ? run(() => api.post(`/api/procedure/evaluations/${openId}/reject-simple`, { reason }), '已驳回至一般程序')
            : run(
                () =>
                  api.post(`/api/procedure/evaluations/${openId}/body-reject`, {
                    workAgree: !disagree.includes('work'),
                    ethicsAgree: !disagree.includes('ethics'),
                    reason,
                  }),
                '已驳回卫生机构重新评定',
              )
        }
      >
        {mode === 'reject' ? (
          <>
            <Typography.Paragraph>请选择不同意的评定项目：</Typography.Paragraph>
            <Checkbox.Group
              value={disagree}
              onChange={(v) => setDisagree(v as string[])}
              options={[
                { value: 'work', label: '工作成绩 不同意' },
                { value: 'ethics', label: '职业道德 不同意' },
              ]}
            />
          </>
        ) : (
          <Typography.Paragraph>该医师不符合简易程序条件，驳回后只能按一般程序考核。</Typography.Paragraph>
        )}
        <Input.TextArea
          aria-label="驳回理由"
          placeholder="请填写驳回理由"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          maxLength={500}
          rows={3}
          style={{ marginTop: 12 }}
        />
      </Modal>
    </>
  );
}
