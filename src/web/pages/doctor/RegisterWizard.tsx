import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Radio,
  Result,
  Select,
  Space,
  Spin,
  Steps,
  TreeSelect,
  Typography,
  Upload,
} from 'antd';
import dayjs from 'dayjs';
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../../api/client';
import {
  CATEGORIES,
  DISQUALIFYING_SITUATIONS,
  EDUCATIONS,
  EMPLOYMENTS,
  ETHICS_REFERENCE_ITEMS,
  ETHNICITIES,
  LEVELS,
  PRACTICE_SCOPES,
  SPECIALTIES,
  STEP_TITLES,
  TITLES,
  type TMine,
} from '../../../shared/schemas/enrolment';
import { ExperienceView, RegistrationView, SelfEvaluationView } from '../enrolment/EnrolmentDetail';
import { ProcedureStep } from '../procedure/ProcedureStep';

const FMT = 'YYYY/MM/DD';
type Rec = Record<string, unknown>;
type StepKey = 'basic' | 'practice' | 'experience' | 'self';
const STEP_KEYS: StepKey[] = ['basic', 'practice', 'experience', 'self'];
const DATE_FIELDS: Record<StepKey, string[]> = {
  basic: ['birthDate'],
  practice: ['titleDate', 'positionDate', 'firstRegisteredAt'],
  experience: [],
  self: [],
};
const LIST_KEYS = ['multiSites', 'education', 'practice', 'awards', 'papers', 'books', 'patents'] as const;
const LIST_DATES = ['start', 'end', 'date'];

export const mineKey = ['enrolment-mine'] as const;
export const useMine = () => useQuery({ queryKey: mineKey, queryFn: () => api.get<TMine>('/api/enrolments/mine') });

const toDay = (v: unknown) => (typeof v === 'string' && v ? dayjs(v) : undefined);
const toIso = (v: unknown) => (v && dayjs.isDayjs(v) ? v.format('YYYY-MM-DD') : undefined);
function clean(o: Rec): Rec {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null && v !== ''));
}

function toForm(step: StepKey, src: Rec): Rec {
  if (step === 'experience') {
    const exp = (src.experience ?? {}) as Rec;
    return Object.fromEntries(
      LIST_KEYS.map((k) => [
        k,
        ((exp[k] as Rec[] | undefined) ?? []).map((it) => ({
          ...it,
          ...Object.fromEntries(LIST_DATES.filter((d) => it[d]).map((d) => [d, toDay(it[d])])),
        })),
      ]),
    );
  }
  // every date field of steps 1–2 becomes a dayjs: the form store is shared between the steps
  const out: Rec = { ...src };
  for (const d of [...DATE_FIELDS.basic, ...DATE_FIELDS.practice]) if (d in src) out[d] = toDay(src[d]);
  return out;
}

function fromForm(step: StepKey, v: Rec): Rec {
  if (step === 'experience') {
    return Object.fromEntries(
      LIST_KEYS.map((k) => [
        k,
        ((v[k] as Rec[] | undefined) ?? [])
          .filter(Boolean)
          .map((it) => clean({ ...it, ...Object.fromEntries(LIST_DATES.map((d) => [d, toIso(it[d])])) })),
      ]),
    );
  }
  const out: Rec = { ...v };
  for (const d of DATE_FIELDS[step]) out[d] = toIso(v[d]);
  if (step === 'self' && Array.isArray(v.disqualifying))
    out.disqualifying = (v.disqualifying as unknown[]).map((x) => x ?? null);
  return clean(out);
}

interface DeptNode {
  id: number;
  name: string;
  children: DeptNode[];
}

function BasicStep({
  mine,
  enrolmentId,
  photoVersion,
  onPhoto,
  editable,
}: {
  mine: TMine;
  enrolmentId: number;
  photoVersion: string | null;
  onPhoto: (id: string) => void;
  editable: boolean;
}) {
  const { message } = App.useApp();
  const p = mine.prefill;
  return (
    <>
      <Form.Item label="姓名" required>
        <Input value={p.name} disabled />
      </Form.Item>
      <Form.Item name="gender" label="性别" rules={[{ required: true, message: '请选择性别' }]}>
        <Radio.Group options={['男', '女']} />
      </Form.Item>
      <Form.Item name="ethnicity" label="民族" rules={[{ required: true, message: '请选择民族' }]}>
        <Select showSearch placeholder="请选择" options={ETHNICITIES.map((e) => ({ value: e, label: e }))} />
      </Form.Item>
      <Form.Item name="birthDate" label="出生年月" rules={[{ required: true, message: '请选择出生年月' }]}>
        <DatePicker format={FMT} style={{ width: '100%' }} inputReadOnly />
      </Form.Item>
      <Form.Item label="证件类型" required>
        <Input value={p.idType === '居民身份证' ? '身份证' : p.idType} disabled />
      </Form.Item>
      <Form.Item label="证件编号" required extra="证件编号来源于电子化注册系统，此处不可编辑/修改">
        <Input value={p.idNumber} disabled />
      </Form.Item>
      <Form.Item name="education" label="学历" rules={[{ required: true, message: '请选择学历' }]}>
        <Select placeholder="请选择" options={EDUCATIONS.map((e) => ({ value: e, label: e }))} />
      </Form.Item>
      <Form.Item
        name="email"
        label="电子邮件"
        rules={[
          { required: true, message: '请输入电子邮箱' },
          { type: 'email', message: '电子邮件格式不正确' },
        ]}
      >
        <Input placeholder="请输入电子邮箱" inputMode="email" />
      </Form.Item>
      <Form.Item
        name="mobile"
        label="手机号"
        rules={[
          { required: true, message: '请输入手机号' },
          { pattern: /^1[3-9]\d{9}$/, message: '请输入11位手机号' },
        ]}
      >
        <Input placeholder="请输入手机号" inputMode="tel" maxLength={11} />
      </Form.Item>
      <Form.Item
        label="照片"
        required
        extra="1寸免冠证件照，建议白色底，jpg 格式，不超过 2 MB；用于打印考核结果通知书及测评人脸比对，请使用近期照片"
      >
        <Space align="start" wrap>
          {photoVersion && (
            <img
              src={`/api/enrolments/${enrolmentId}/photo?v=${photoVersion}`}
              alt="照片"
              style={{ width: 90, border: '1px solid #eee' }}
            />
          )}
          {editable && (
            <Upload
              accept=".jpg,.jpeg,image/jpeg"
              showUploadList={false}
              customRequest={async ({ file, onSuccess, onError }) => {
                const fd = new FormData();
                fd.append('file', file as Blob);
                try {
                  const r = await api.upload<{ fileId: string }>('/api/enrolments/mine/photo', fd);
                  onPhoto(r.fileId);
                  message.success('照片已上传');
                  onSuccess?.(r);
                } catch (e) {
                  message.error((e as Error).message);
                  onError?.(e as Error);
                }
              }}
            >
              <Button icon={<UploadOutlined />}>{photoVersion ? '更换照片' : '照片上传'}</Button>
            </Upload>
          )}
        </Space>
      </Form.Item>
      <Typography.Text type="secondary">带 * 号为必填项</Typography.Text>
    </>
  );
}

function PracticeStep({ mine, form }: { mine: TMine; form: ReturnType<typeof Form.useForm>[0] }) {
  const depts = useQuery({
    queryKey: ['departments'],
    queryFn: () => api.get<{ items: DeptNode[] }>('/api/departments'),
  });
  const category = Form.useWatch('category', form) as (typeof CATEGORIES)[number] | undefined;
  const resident = Form.useWatch('isResident', form) as boolean | undefined;
  type TreeNode = { value: number; title: string; children: TreeNode[] };
  const toTree = (n: DeptNode[]): TreeNode[] =>
    n.map((d) => ({ value: d.id, title: d.name, children: toTree(d.children ?? []) }));
  const p = mine.prefill;
  return (
    <>
      <Form.Item
        name="departmentId"
        label="科室"
        rules={[{ required: true, message: '请选择科室' }]}
        extra={
          depts.data && !depts.data.items.length ? '如发现科室信息为空，请联系所在单位完善系统的科室信息' : undefined
        }
      >
        <TreeSelect
          treeData={toTree(depts.data?.items ?? [])}
          placeholder="请选择"
          treeDefaultExpandAll
          loading={depts.isLoading}
        />
      </Form.Item>
      <Form.Item name="specialties" label="从事专业" rules={[{ required: true, message: '请选择从事专业' }]}>
        <Select mode="tags" placeholder="请选择（可多选）" options={SPECIALTIES.map((s) => ({ value: s, label: s }))} />
      </Form.Item>
      <Form.Item name="title" label="职称" rules={[{ required: true, message: '请选择职称' }]}>
        <Select placeholder="请选择" options={TITLES.map((t) => ({ value: t, label: t }))} />
      </Form.Item>
      <Form.Item name="titleDate" label="取得时间">
        <DatePicker format={FMT} style={{ width: '100%' }} inputReadOnly />
      </Form.Item>
      <Form.Item name="position" label="职务">
        <Input placeholder="请输入职务" maxLength={50} />
      </Form.Item>
      <Form.Item name="positionDate" label="任职时间">
        <DatePicker format={FMT} style={{ width: '100%' }} inputReadOnly />
      </Form.Item>
      <Form.Item name="level" label="医师级别" rules={[{ required: true, message: '请选择医师级别' }]}>
        <Select options={LEVELS.map((l) => ({ value: l, label: l }))} />
      </Form.Item>
      <Form.Item
        name="isResident"
        label="规培生"
        rules={[{ required: true, message: '请选择是否规培生' }]}
        extra="当前是规培医生的选（是）；不是规培医生的选（否）"
      >
        <Radio.Group
          options={[
            { value: true, label: '是' },
            { value: false, label: '否' },
          ]}
        />
      </Form.Item>
      <Form.Item name="category" label="执业类别" rules={[{ required: true, message: '请选择执业类别' }]}>
        <Select
          options={CATEGORIES.map((c) => ({ value: c, label: c }))}
          onChange={() => form.setFieldValue('scope', undefined)}
        />
      </Form.Item>
      <Form.Item
        name="scope"
        label="执业范围（规培生非必填）"
        rules={[{ required: resident === false, message: '请选择执业范围' }]}
      >
        <Select
          allowClear
          placeholder="请选择"
          options={(category ? PRACTICE_SCOPES[category] : []).map((s) => ({ value: s, label: s }))}
        />
      </Form.Item>
      <Form.Item name="employment" label="执业情况" rules={[{ required: true, message: '请选择执业情况' }]}>
        <Radio.Group options={EMPLOYMENTS.map((e) => ({ value: e, label: e }))} />
      </Form.Item>
      <Form.Item
        name="qualificationNo"
        label="资格证书编号"
        rules={[{ required: true, message: '请输入资格证书编号' }]}
        extra={p.qualificationNo ? '来源于电子化注册系统，不可修改' : undefined}
      >
        <Input disabled={Boolean(p.qualificationNo)} maxLength={40} />
      </Form.Item>
      <Form.Item
        name="licenseNo"
        label="执业证书编号"
        extra={p.licenseNo ? '来源于电子化注册系统，不可修改' : undefined}
      >
        <Input disabled={Boolean(p.licenseNo)} maxLength={40} />
      </Form.Item>
      <Form.Item name="firstRegisteredAt" label="首次注册时间">
        <DatePicker format={FMT} style={{ width: '100%' }} inputReadOnly />
      </Form.Item>
    </>
  );
}

function ListSection({
  name,
  title,
  hint,
  fields,
}: {
  name: string;
  title: string;
  hint?: string;
  fields: (prefix: number) => ReactNode;
}) {
  return (
    <Form.List name={name}>
      {(items, { add, remove }) => (
        <Card
          size="small"
          style={{ marginBottom: 12 }}
          title={
            <span>
              {title} <Typography.Text type="secondary">{hint ?? '（选填）'}</Typography.Text>
            </span>
          }
          extra={
            <Button size="small" icon={<PlusOutlined />} onClick={() => add({})}>
              新增
            </Button>
          }
        >
          {!items.length && <Typography.Text type="secondary">暂无数据</Typography.Text>}
          {items.map((it, i) => (
            <Card
              key={it.key}
              size="small"
              type="inner"
              style={{ marginBottom: 8 }}
              title={`${title} ${i + 1}`}
              extra={
                <Button size="small" type="link" danger onClick={() => remove(it.name)}>
                  删除
                </Button>
              }
            >
              {fields(it.name)}
            </Card>
          ))}
        </Card>
      )}
    </Form.List>
  );
}

const dateItem = (n: number, key: string, label: string) => (
  <Form.Item name={[n, key]} label={label}>
    <DatePicker format={FMT} style={{ width: '100%' }} inputReadOnly />
  </Form.Item>
);
const textItem = (n: number, key: string, label: string, required = false) => (
  <Form.Item
    name={[n, key]}
    label={label}
    rules={required ? [{ required: true, message: `请填写${label}` }] : undefined}
  >
    <Input maxLength={200} />
  </Form.Item>
);

function ExperienceStep() {
  return (
    <>
      <ListSection
        name="multiSites"
        title="多机构备案信息"
        fields={(n) => (
          <>
            {textItem(n, 'institution', '机构', true)}
            {textItem(n, 'department', '科室')}
            {textItem(n, 'position', '职务')}
          </>
        )}
      />
      <ListSection
        name="education"
        title="教育经历"
        hint="（大专及以上学历，选填，可直接填最高学历）"
        fields={(n) => (
          <>
            <Form.Item name={[n, 'degree']} label="学历" rules={[{ required: true, message: '请选择学历' }]}>
              <Select options={EDUCATIONS.map((e) => ({ value: e, label: e }))} />
            </Form.Item>
            {textItem(n, 'school', '院校', true)}
            {textItem(n, 'major', '专业')}
            {dateItem(n, 'start', '开始时间')}
            {dateItem(n, 'end', '结束时间')}
          </>
        )}
      />
      <ListSection
        name="practice"
        title="执业经历"
        fields={(n) => (
          <>
            {textItem(n, 'institution', '机构名称', true)}
            {textItem(n, 'title', '职称')}
            {textItem(n, 'position', '职务')}
            {dateItem(n, 'start', '开始时间')}
            {dateItem(n, 'end', '结束时间')}
            <Form.Item name={[n, 'current']} label="至今">
              <Radio.Group
                options={[
                  { value: true, label: '是' },
                  { value: false, label: '否' },
                ]}
              />
            </Form.Item>
          </>
        )}
      />
      <Typography.Title level={5}>科研成果（成果作为参考，无成果则不填写）</Typography.Title>
      <ListSection
        name="awards"
        title="科研获奖"
        fields={(n) => (
          <>
            {textItem(n, 'name', '科研获奖名称', true)}
            {dateItem(n, 'date', '科研获奖时间')}
            {textItem(n, 'level', '获奖等级')}
          </>
        )}
      />
      <ListSection
        name="papers"
        title="论文"
        fields={(n) => (
          <>
            {textItem(n, 'title', '论文名称', true)}
            {dateItem(n, 'date', '发表/出版日期')}
            {textItem(n, 'journal', '发表物/论文集')}
          </>
        )}
      />
      <ListSection
        name="books"
        title="著作"
        fields={(n) => (
          <>
            {textItem(n, 'title', '著作名称', true)}
            {dateItem(n, 'date', '出版日期')}
            {textItem(n, 'category', '著作类别')}
          </>
        )}
      />
      <ListSection
        name="patents"
        title="专利"
        fields={(n) => (
          <>
            {textItem(n, 'title', '专利名称', true)}
            {dateItem(n, 'date', '日期')}
            {textItem(n, 'category', '专利类别')}
          </>
        )}
      />
    </>
  );
}

function SelfStep({ form }: { form: ReturnType<typeof Form.useForm>[0] }) {
  const good = Form.useWatch('goodRecord', form);
  const bad = Form.useWatch('badRecord', form);
  const yn = <Radio.Group options={['有', '无']} />;
  const pf = <Radio.Group options={['合格', '不合格']} />;
  return (
    <>
      <Typography.Title level={5}>* 请针对您的执业行为记录进行自评</Typography.Title>
      <Form.Item name="goodRecord" label="良好执业行为记录" rules={[{ required: true, message: '请选择' }]}>
        {yn}
      </Form.Item>
      {good === '有' && (
        <>
          <Form.Item name="goodRecordAwards" label="受到的表彰、奖励">
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
          <Form.Item name="goodRecordTasks" label="完成政府的指令性任务">
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
          <Form.Item name="goodRecordResearch" label="取得的科研成果">
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        </>
      )}
      <Form.Item name="badRecord" label="不良执业行为记录" rules={[{ required: true, message: '请选择' }]}>
        {yn}
      </Form.Item>
      {bad === '有' && (
        <Form.Item name="badRecordDetail" label="不良执业行为记录说明">
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      )}
      <Typography.Title level={5}>* 请针对您的工作成绩进行自评</Typography.Title>
      <Form.Item name="workQuantity" label="完成工作数量" rules={[{ required: true, message: '请选择' }]}>
        {pf}
      </Form.Item>
      <Typography.Text type="secondary">以下四项根据情况选填</Typography.Text>
      <Space wrap style={{ marginTop: 8 }}>
        <Form.Item name="patients" label="接诊病人数">
          <InputNumber min={0} precision={0} />
        </Form.Item>
        <Form.Item name="operations" label="手术量（外科科室）">
          <InputNumber min={0} precision={0} />
        </Form.Item>
        <Form.Item name="examinations" label="检验/检查量（医技科室）">
          <InputNumber min={0} precision={0} />
        </Form.Item>
        <Form.Item name="wardRounds" label="查房次数">
          <InputNumber min={0} precision={0} />
        </Form.Item>
      </Space>
      <Form.Item name="workQuality" label="完成工作质量" rules={[{ required: true, message: '请选择' }]}>
        {pf}
      </Form.Item>
      <Form.Item name="governmentTasks" label="完成政府指令性工作情况" rules={[{ required: true, message: '请选择' }]}>
        {pf}
      </Form.Item>
      <Typography.Title level={5}>* 请针对您的职业道德进行自评</Typography.Title>
      <Typography.Paragraph>在本考核周期内，您是否有下列被直接认定为不合格的情形：</Typography.Paragraph>
      {DISQUALIFYING_SITUATIONS.map((s, i) => (
        <Form.Item
          key={s}
          name={['disqualifying', i]}
          label={`${i + 1}. ${s}`}
          rules={[{ required: true, message: '请选择' }]}
        >
          {yn}
        </Form.Item>
      ))}
      <Form.Item name="ethicsSelf" label="医德医风自评" rules={[{ required: true, message: '请选择' }]}>
        <Radio.Group options={['优秀', '良好', '一般']} />
      </Form.Item>
      <Typography.Text type="secondary">医德医风自评参考项如下：</Typography.Text>
      <ol style={{ paddingLeft: 20, color: '#666' }}>
        {ETHICS_REFERENCE_ITEMS.map((t) => (
          <li key={t}>{t}；</li>
        ))}
      </ol>
    </>
  );
}

/**
 * 我要报名 (mode register: 6 steps) and 医师信息修改 (mode change: steps 1–3 edited into the
 * change request, then 【提交】). Every step 【保存】s on its own; 【下一步】 saves too.
 */
export function RegisterWizard({ mode = 'register' }: { mode?: 'register' | 'change' }) {
  const { message } = App.useApp();
  const nav = useNavigate();
  const qc = useQueryClient();
  const mineQ = useMine();
  const [step, setStep] = useState(0);
  const [form] = Form.useForm();
  const [saving, setSaving] = useState(false);
  const [done, setDone] = useState(false);
  const mine = mineQ.data;
  const e = mine?.enrolment;
  const editable = mode === 'change' ? mine?.changeRequest?.state === 'allowed' : Boolean(e?.editable);
  const source = useMemo<Rec>(() => {
    if (!e) return {};
    const reg = mode === 'change' ? { ...e.registration, ...(mine?.changeRequest?.proposed ?? {}) } : e.registration;
    const p = mine!.prefill;
    // pre-fill from the physician record where the registration is still empty
    return {
      gender: p.gender,
      birthDate: p.birthDate,
      mobile: p.mobile,
      level: p.level,
      category: p.category,
      scope: p.scope || undefined,
      qualificationNo: p.qualificationNo || undefined,
      licenseNo: p.licenseNo || undefined,
      firstRegisteredAt: p.firstRegisteredAt,
      ...reg,
    };
  }, [e, mine, mode]);
  const lastStep = mode === 'change' ? 2 : 5;
  const key = STEP_KEYS[step] as StepKey | undefined;

  // load a step's values once when it is entered (a refetch, e.g. after the photo upload, must not
  // wipe what the user is typing)
  const loadedFor = useRef<string | null>(null);
  useEffect(() => {
    if (!e || !key) return;
    const tag = `${mode}:${e.id}:${key}`;
    if (loadedFor.current === tag) return;
    loadedFor.current = tag;
    form.resetFields();
    form.setFieldsValue(toForm(key, key === 'self' ? e.selfEvaluation : source));
  }, [e, key, source, form, mode]);

  if (mineQ.isLoading) return <Spin />;
  if (mineQ.error) return <Alert type="error" message={(mineQ.error as Error).message} />;
  if (!e || e.status === 'not_opened') {
    return (
      <Result
        status="info"
        title="未开通报名"
        subTitle="所在医疗卫生机构尚未允许您参加本周期考核，如需参加请联系单位定考负责人处理。"
        extra={<Button onClick={() => nav('/doctor')}>返回</Button>}
      />
    );
  }
  if (done) {
    return (
      <Result
        status="success"
        title={mode === 'change' ? '修改信息已提交' : '报名信息提交成功'}
        subTitle={mode === 'change' ? '请耐心等待卫生机构审核修改内容' : '请耐心等待医疗卫生机构审核、考核机构复核'}
        extra={[
          <Button key="v" onClick={() => (setDone(false), setStep(lastStep))}>
            查看信息
          </Button>,
          <Button key="h" type="primary" onClick={() => nav('/doctor')}>
            返回首页
          </Button>,
        ]}
      />
    );
  }

  const save = async (quiet = false) => {
    if (!key || !editable) return true;
    setSaving(true);
    try {
      const body = fromForm(key, form.getFieldsValue(true));
      const r = await api.put<TMine>(`/api/enrolments/mine/steps/${key}`, body);
      qc.setQueryData(mineKey, r);
      if (!quiet) message.success('保存成功');
      return true;
    } catch (err) {
      message.error((err as Error).message);
      return false;
    } finally {
      setSaving(false);
    }
  };
  const go = async (to: number) => {
    if (await save(true)) {
      setStep(to);
      window.scrollTo(0, 0);
    }
  };
  const submit = async () => {
    setSaving(true);
    try {
      const r = await api.post<TMine | unknown>(
        mode === 'change' ? '/api/enrolments/mine/change-requests/submit' : '/api/enrolments/mine/submit',
      );
      void r;
      await qc.invalidateQueries({ queryKey: mineKey });
      setDone(true);
    } catch (err) {
      message.error((err as Error).message);
    } finally {
      setSaving(false);
    }
  };

  const titles = mode === 'change' ? STEP_TITLES.slice(0, 3) : STEP_TITLES;
  const preview = mode === 'register' && step === 5;
  return (
    <div>
      <Card size="small" style={{ marginBottom: 12 }}>
        <Steps
          size="small"
          current={step}
          responsive={false}
          labelPlacement="vertical"
          onChange={(s) => (editable ? go(s) : setStep(s))}
          items={titles.map((t) => ({ title: <span style={{ fontSize: 12 }}>{t}</span> }))}
        />
      </Card>
      {!editable && mode === 'register' && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          message={`考核状态：${e.statusLabel}`}
          description="报名信息已提交，当前只能查看；报名成功后如需修改，请在首页【申请修改】。"
        />
      )}
      {e.status === 'institution_rejected' && e.lastReason && mode === 'register' && (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={`卫生机构驳回理由：${e.lastReason}`} />
      )}
      <Card title={titles[step]}>
        {key && (
          <Form form={form} layout="vertical" disabled={!editable} requiredMark>
            {key === 'basic' && (
              <BasicStep
                mine={mine!}
                enrolmentId={e.id}
                photoVersion={e.photoFileId}
                editable={editable && mode === 'register'}
                onPhoto={() => qc.invalidateQueries({ queryKey: mineKey })}
              />
            )}
            {key === 'practice' && <PracticeStep mine={mine!} form={form} />}
            {key === 'experience' && <ExperienceStep />}
            {key === 'self' && <SelfStep form={form} />}
          </Form>
        )}
        {mode === 'register' &&
          step === 4 &&
          (mine!.cycle?.procedureChoice === 'with_registration' ? (
            editable ? (
              <ProcedureStep enrolmentId={e.id} onSaved={() => qc.invalidateQueries({ queryKey: mineKey })} />
            ) : (
              <Typography.Text>
                考核程序：
                {(e.procedureApplication as Rec).procedure === 'simple'
                  ? '简易程序'
                  : (e.procedureApplication as Rec).procedure === 'general'
                    ? '一般程序'
                    : '未选择'}
              </Typography.Text>
            )
          ) : (
            <Alert
              type="info"
              showIcon
              message="本省考核程序在报名审核通过后选择"
              description="报名成功后，请在首页点击【选择考核程序】申请一般程序或简易程序。"
            />
          ))}
        {preview && (
          <>
            <RegistrationView
              reg={e.registration}
              name={mine!.prefill.name}
              idType={mine!.prefill.idType}
              idNumber={mine!.prefill.idNumber}
              photoUrl={e.photoFileId ? `/api/enrolments/${e.id}/photo?v=${e.photoFileId}` : null}
            />
            <ExperienceView exp={(e.registration.experience ?? {}) as Rec} />
            <SelfEvaluationView s={e.selfEvaluation} />
            {mine!.cycle?.procedureChoice === 'with_registration' && (
              <Typography.Paragraph style={{ marginTop: 16 }}>
                考核程序：
                {(e.procedureApplication as Rec).procedure === 'simple'
                  ? '简易程序'
                  : (e.procedureApplication as Rec).procedure === 'general'
                    ? '一般程序'
                    : '未选择'}
              </Typography.Paragraph>
            )}
          </>
        )}
      </Card>
      <div style={{ position: 'sticky', bottom: 0, background: '#f5f7fa', padding: '10px 0', marginTop: 12 }}>
        <Space wrap>
          <Button onClick={() => nav('/doctor')}>返回</Button>
          {step > 0 && (
            <Button onClick={() => (editable && key ? go(step - 1) : setStep(step - 1))} loading={saving}>
              上一步
            </Button>
          )}
          {editable && key && (
            <Button onClick={() => save()} loading={saving}>
              保存
            </Button>
          )}
          {step < lastStep && !(mode === 'register' && step === 4) && (
            <Button
              type="primary"
              onClick={() => (editable && key ? go(step + 1) : setStep(step + 1))}
              loading={saving}
            >
              下一步
            </Button>
          )}
          {mode === 'register' && step === 4 && (
            <Button type="primary" onClick={() => setStep(5)}>
              确认信息
            </Button>
          )}
          {editable && step === lastStep && (
            <Button
              type="primary"
              onClick={mode === 'change' ? async () => (await save(true)) && submit() : submit}
              loading={saving}
            >
              {mode === 'change' ? '提交' : '提交信息'}
            </Button>
          )}
        </Space>
      </div>
    </div>
  );
}
