import { Typography } from 'antd';
import type { TChangeRow } from '../../../shared/schemas/enrolment';
import { IdNumber } from '../../components';
import { revealIdNumber } from '../../queries/enrolment';
import { ExperienceView, RegistrationView } from './RegistrationView';
import { SelfEvaluationView } from './SelfEvaluationView';

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
  selfEvaluation: '工作成绩、职业道德自评',
  photoFileId: '照片',
};

const changedFields = (row: TChangeRow) =>
  [
    ...new Set(
      Object.keys(row.proposed)
        .filter((k) => JSON.stringify(row.proposed[k]) !== JSON.stringify(row.current[k]))
        .map((k) => FIELD_LABELS[k] ?? '其他信息'),
    ),
  ].join('、') || '无';

/** One 医师信息修改 request: the reason, the changed fields, the information after and before the change. */
export function ChangeRequestView({ row }: { row: TChangeRow }) {
  const id = <IdNumber value={row.idNumber} reveal={() => revealIdNumber(row.enrolmentId)} />;
  return (
    <>
      <Typography.Paragraph>申请原因：{row.reason}</Typography.Paragraph>
      {row.replyReason && <Typography.Paragraph>处理意见：{row.replyReason}</Typography.Paragraph>}
      {Object.keys(row.proposed).length > 0 && (
        <>
          <Typography.Title level={5}>修改的字段</Typography.Title>
          <Typography.Paragraph>{changedFields(row)}</Typography.Paragraph>
          <Typography.Title level={5}>修改后的信息</Typography.Title>
          <RegistrationView
            reg={{ ...row.current, ...row.proposed }}
            name={row.name}
            idType=""
            idNumber={id}
            photoUrl={`/api/enrolments/${row.enrolmentId}/photo${row.proposed.photoFileId ? '?proposed=1' : ''}`}
          />
          <ExperienceView exp={(row.proposed.experience ?? row.current.experience ?? {}) as Record<string, unknown>} />
          {row.proposed.selfEvaluation ? (
            <SelfEvaluationView s={row.proposed.selfEvaluation as Record<string, unknown>} />
          ) : null}
        </>
      )}
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        当前报名信息
      </Typography.Title>
      <RegistrationView
        reg={row.current}
        name={row.name}
        idType=""
        idNumber={id}
        photoUrl={`/api/enrolments/${row.enrolmentId}/photo`}
      />
    </>
  );
}
