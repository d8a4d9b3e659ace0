import { useQuery } from '@tanstack/react-query';
import { Alert, Descriptions, Divider, Empty, Image, Input, Modal, Spin, Table, Tag, Timeline, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { api } from '../../api/client';
import { PROCEDURE_LABELS } from '../../../shared/enrolment-status';
import { DISQUALIFYING_SITUATIONS, type TDetail } from '../../../shared/schemas/enrolment';

export const fmtDate = (v: unknown) => (typeof v === 'string' && v ? v.slice(0, 10).replaceAll('-', '/') : '—');
export const fmtTime = (v: string | null | undefined) =>
  v ? new Date(v).toLocaleString('zh-CN', { hour12: false }).replaceAll('-', '/') : '—';
const text = (v: unknown) =>
  v === undefined || v === null || v === ''
    ? '—'
    : Array.isArray(v)
      ? v.join('、')
      : typeof v === 'boolean'
        ? v
          ? '是'
          : '否'
        : String(v);

export const ROLE_NAMES: Record<string, string> = {
  admin: '卫生行政机构',
  institution: '卫生机构',
  body: '考核机构',
  physician: '医师',
  system: '系统',
  industry: '行业组织',
};

type Rec = Record<string, unknown>;

/** 基本信息 + 执业信息 of a registration (flat object as stored). */
export function RegistrationView({
  reg,
  name,
  idType,
  idNumber,
  photoUrl,
}: {
  reg: Rec;
  name: string;
  idType: string;
  idNumber: string;
  photoUrl?: string | null;
}) {
  return (
    <>
      <Descriptions title="基本信息" size="small" bordered column={{ xs: 1, sm: 2 }}>
        <Descriptions.Item label="姓名">{name}</Descriptions.Item>
        <Descriptions.Item label="性别">{text(reg.gender)}</Descriptions.Item>
        <Descriptions.Item label="民族">{text(reg.ethnicity)}</Descriptions.Item>
        <Descriptions.Item label="出生年月">{fmtDate(reg.birthDate)}</Descriptions.Item>
        <Descriptions.Item label="证件类型">{idType}</Descriptions.Item>
        <Descriptions.Item label="证件编号">{idNumber}</Descriptions.Item>
        <Descriptions.Item label="学历">{text(reg.education)}</Descriptions.Item>
        <Descriptions.Item label="电子邮件">{text(reg.email)}</Descriptions.Item>
        <Descriptions.Item label="手机号">{text(reg.mobile)}</Descriptions.Item>
        <Descriptions.Item label="照片">
          {photoUrl ? <Image src={photoUrl} width={80} alt="照片" /> : '未上传'}
        </Descriptions.Item>
      </Descriptions>
      <Descriptions title="执业信息" size="small" bordered column={{ xs: 1, sm: 2 }} style={{ marginTop: 16 }}>
        <Descriptions.Item label="科室">{text(reg.departmentName)}</Descriptions.Item>
        <Descriptions.Item label="从事专业">{text(reg.specialties)}</Descriptions.Item>
        <Descriptions.Item label="职称">{text(reg.title)}</Descriptions.Item>
        <Descriptions.Item label="取得时间">{fmtDate(reg.titleDate)}</Descriptions.Item>
        <Descriptions.Item label="职务">{text(reg.position)}</Descriptions.Item>
        <Descriptions.Item label="任职时间">{fmtDate(reg.positionDate)}</Descriptions.Item>
        <Descriptions.Item label="医师级别">{text(reg.level)}</Descriptions.Item>
        <Descriptions.Item label="规培生">{text(reg.isResident)}</Descriptions.Item>
        <Descriptions.Item label="执业类别">{text(reg.category)}</Descriptions.Item>
        <Descriptions.Item label="执业范围">{text(reg.scope)}</Descriptions.Item>
        <Descriptions.Item label="执业情况">{text(reg.employment)}</Descriptions.Item>
        <Descriptions.Item label="资格证书编号">{text(reg.qualificationNo)}</Descriptions.Item>
        <Descriptions.Item label="执业证书编号">{text(reg.licenseNo)}</Descriptions.Item>
        <Descriptions.Item label="首次注册时间">{fmtDate(reg.firstRegisteredAt)}</Descriptions.Item>
      </Descriptions>
    </>
  );
}

function ListTable({
  title,
  rows,
  cols,
}: {
  title: string;
  rows: unknown;
  cols: [string, string, ((v: unknown, r: Rec) => ReactNode)?][];
}) {
  const data = Array.isArray(rows) ? (rows as Rec[]) : [];
  if (!data.length) return null;
  return (
    <>
      <Typography.Text strong>{title}</Typography.Text>
      <Table
        size="small"
        pagination={false}
        rowKey={(_, i) => String(i)}
        dataSource={data}
        scroll={{ x: true }}
        style={{ marginBottom: 12 }}
        columns={cols.map(([k, label, render]) => ({
          key: k,
          title: label,
          dataIndex: k,
          render: (v: unknown, r: Rec) => (render ? render(v, r) : text(v)),
        }))}
      />
    </>
  );
}

export function ExperienceView({ exp }: { exp: Rec }) {
  const period = (_: unknown, r: Rec) => `${fmtDate(r.start)} ~ ${r.current ? '至今' : fmtDate(r.end)}`;
  const any = ['multiSites', 'education', 'practice', 'awards', 'papers', 'books', 'patents'].some(
    (k) => Array.isArray(exp[k]) && (exp[k] as unknown[]).length,
  );
  return (
    <>
      <Divider titlePlacement="start">相关经历</Divider>
      {!any && <Typography.Text type="secondary">未填写（选填）</Typography.Text>}
      <ListTable
        title="多机构备案信息"
        rows={exp.multiSites}
        cols={[
          ['institution', '机构'],
          ['department', '科室'],
          ['position', '职务'],
        ]}
      />
      <ListTable
        title="教育经历"
        rows={exp.education}
        cols={[
          ['degree', '学历'],
          ['school', '院校'],
          ['major', '专业'],
          ['start', '起止时间', period],
        ]}
      />
      <ListTable
        title="执业经历"
        rows={exp.practice}
        cols={[
          ['institution', '机构'],
          ['title', '职称'],
          ['position', '职务'],
          ['start', '起止时间', period],
        ]}
      />
      <ListTable
        title="科研获奖"
        rows={exp.awards}
        cols={[
          ['name', '名称'],
          ['date', '时间', fmtDate],
          ['level', '获奖等级'],
        ]}
      />
      <ListTable
        title="论文"
        rows={exp.papers}
        cols={[
          ['title', '论文名称'],
          ['date', '发表日期', fmtDate],
          ['journal', '发表物/论文集'],
        ]}
      />
      <ListTable
        title="著作"
        rows={exp.books}
        cols={[
          ['title', '著作名称'],
          ['date', '出版日期', fmtDate],
          ['category', '著作类别'],
        ]}
      />
      <ListTable
        title="专利"
        rows={exp.patents}
        cols={[
          ['title', '专利名称'],
          ['date', '日期', fmtDate],
          ['category', '专利类别'],
        ]}
      />
    </>
  );
}

export function SelfEvaluationView({ s }: { s: Rec }) {
  const dq = Array.isArray(s.disqualifying) ? (s.disqualifying as string[]) : [];
  const hits = DISQUALIFYING_SITUATIONS.filter((_, i) => dq[i] === '有');
  return (
    <Descriptions title="工作成绩、职业道德自评" size="small" bordered column={1} style={{ marginTop: 16 }}>
      <Descriptions.Item label="良好执业行为记录">
        {text(s.goodRecord)}
        {s.goodRecord === '有' && (
          <div>
            表彰奖励：{text(s.goodRecordAwards)}；政府指令性任务：{text(s.goodRecordTasks)}；科研成果：
            {text(s.goodRecordResearch)}
          </div>
        )}
      </Descriptions.Item>
      <Descriptions.Item label="不良执业行为记录">
        {text(s.badRecord)}
        {s.badRecord === '有' && s.badRecordDetail ? `（${String(s.badRecordDetail)}）` : ''}
      </Descriptions.Item>
      <Descriptions.Item label="完成工作数量">
        {text(s.workQuantity)}（接诊病人数 {text(s.patients)}，手术量 {text(s.operations)}，检验/检查量{' '}
        {text(s.examinations)}，查房次数 {text(s.wardRounds)}）
      </Descriptions.Item>
      <Descriptions.Item label="完成工作质量">{text(s.workQuality)}</Descriptions.Item>
      <Descriptions.Item label="完成政府指令性工作情况">{text(s.governmentTasks)}</Descriptions.Item>
      <Descriptions.Item label="直接认定为不合格的情形">
        {dq.length === 0
          ? '—'
          : hits.length
            ? hits.map((h) => (
                <Tag color="red" key={h}>
                  {h}
                </Tag>
              ))
            : '无'}
      </Descriptions.Item>
      <Descriptions.Item label="医德医风自评">{text(s.ethicsSelf)}</Descriptions.Item>
    </Descriptions>
  );
}

/** 【查看】/【审核】: the whole submission, reviews and results of one enrolment. */
export function EnrolmentDetailView({ id }: { id: number }) {
  const q = useQuery({ queryKey: ['enrolment', id], queryFn: () => api.get<TDetail>(`/api/enrolments/${id}`) });
  if (q.isLoading) return <Spin />;
  if (q.error) return <Alert type="error" message={(q.error as Error).message} />;
  const d = q.data!;
  const app = d.procedureApplication as Rec;
  const ev = d.evaluation as Rec;
  return (
    <div>
      <Descriptions size="small" column={{ xs: 1, sm: 2 }} style={{ marginBottom: 12 }}>
        <Descriptions.Item label="考核周期">{d.cycleName}</Descriptions.Item>
        <Descriptions.Item label="考核状态">
          <Tag color="blue">{d.statusLabel}</Tag>
        </Descriptions.Item>
        <Descriptions.Item label="卫生机构">{d.institutionName}</Descriptions.Item>
        <Descriptions.Item label="考核机构">{d.assessmentBodyName ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="提交时间">{fmtTime(d.submittedAt)}</Descriptions.Item>
        {d.lastReason && <Descriptions.Item label="最近驳回理由">{d.lastReason}</Descriptions.Item>}
      </Descriptions>
      <RegistrationView
        reg={d.registration}
        name={d.physician.name}
        idType={d.physician.idType}
        idNumber={d.physician.idNumber}
        photoUrl={d.hasPhoto ? `/api/enrolments/${d.id}/photo` : null}
      />
      <ExperienceView exp={(d.registration.experience ?? {}) as Rec} />
      <SelfEvaluationView s={d.selfEvaluation} />
      <Descriptions title="考核程序" size="small" bordered column={1} style={{ marginTop: 16 }}>
        <Descriptions.Item label="考核程序">
          {d.procedure
            ? PROCEDURE_LABELS[d.procedure]
            : app.procedure
              ? `${PROCEDURE_LABELS[app.procedure as 'general']}（未提交）`
              : '未选择'}
        </Descriptions.Item>
        {app.procedure === 'simple' && <Descriptions.Item label="述职报告">{text(app.report)}</Descriptions.Item>}
      </Descriptions>
      <Descriptions title="评定与结果" size="small" bordered column={{ xs: 1, sm: 2 }} style={{ marginTop: 16 }}>
        <Descriptions.Item label="工作成绩">{text(d.workResult)}</Descriptions.Item>
        <Descriptions.Item label="职业道德">{text(d.ethicsResult)}</Descriptions.Item>
        <Descriptions.Item label="卫生机构意见">
          {text((ev.institution as Rec | undefined)?.opinion ?? (ev.institutionOpinion as string | undefined))}
        </Descriptions.Item>
        <Descriptions.Item label="考核机构意见">
          {text((ev.body as Rec | undefined)?.opinion ?? (ev.bodyOpinion as string | undefined))}
        </Descriptions.Item>
        <Descriptions.Item label="人文医学成绩">{text(d.humanitiesScore)}</Descriptions.Item>
        <Descriptions.Item label="业务水平成绩">{text(d.professionalScore)}</Descriptions.Item>
        <Descriptions.Item label="考核结果">{text(d.finalResult)}</Descriptions.Item>
      </Descriptions>
      <Divider titlePlacement="start">办理记录</Divider>
      {d.history.length ? (
        <Timeline
          items={d.history.map((h) => ({
            children: (
              <span>
                {fmtTime(h.at)} {ROLE_NAMES[h.actorRole] ?? h.actorRole}「{h.actorName}」{h.action}
                {h.reason ? `，理由：${h.reason}` : ''}
              </span>
            ),
          }))}
        />
      ) : (
        <Empty />
      )}
    </div>
  );
}

/** A reason prompt (驳回 etc.). Resolves with the reason, or null when cancelled. */
export function useReasonPrompt() {
  const [state, setState] = useState<{ title: string; resolve: (v: string | null) => void } | null>(null);
  const [reason, setReason] = useState('');
  const ask = (title: string) =>
    new Promise<string | null>((resolve) => {
      setReason('');
      setState({ title, resolve });
    });
  const node = (
    <Modal
      open={!!state}
      title={state?.title}
      okText="确定"
      cancelText="取消"
      okButtonProps={{ disabled: !reason.trim() }}
      onOk={() => {
        state?.resolve(reason.trim());
        setState(null);
      }}
      onCancel={() => {
        state?.resolve(null);
        setState(null);
      }}
    >
      <Input.TextArea
        rows={4}
        maxLength={500}
        showCount
        placeholder="请填写理由"
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        aria-label="理由"
      />
    </Modal>
  );
  return { ask, node };
}
