import { Descriptions, Image, Table, Typography } from 'antd';
import type { ReactNode } from 'react';
import { fmtDate, text } from './format';

type Rec = Record<string, unknown>;

/** 基本信息 + 执业信息 of a registration (flat object as stored); the ID number arrives masked unless revealed. */
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
  idNumber: ReactNode;
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

/** 相关经历 (step 3 of the wizard): one small table per kind of entry. */
export function ExperienceView({ exp }: { exp: Rec }) {
  const period = (_: unknown, r: Rec) => `${fmtDate(r.start)} ~ ${r.current ? '至今' : fmtDate(r.end)}`;
  const any = ['multiSites', 'education', 'practice', 'awards', 'papers', 'books', 'patents'].some(
    (k) => Array.isArray(exp[k]) && (exp[k] as unknown[]).length,
  );
  return (
    <>
      {/* part of 医师个人信息 (seed 003's sections), so a sub-heading like 基本信息 / 执业信息 */}
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        相关经历
      </Typography.Title>
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
