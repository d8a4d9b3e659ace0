import { Descriptions, Divider, Image, Space, Tag, Typography } from 'antd';
import { PROCEDURE_LABELS } from '../../../shared/domain/procedure';
import { SIMPLE_CONDITIONS, type TEvaluationDetail } from '../../../shared/schemas/procedure';
import { IdNumber } from '../../components';
import { revealIdNumber } from '../../queries/enrolment';
import { SelfEvaluationView } from '../enrolment/SelfEvaluationView';
import { attachmentUrl, HintTag } from './ProcedureStep';

/** 简易程序 conditions with the data hints, the proofs and the 述职报告. */
function SimpleApplication({ d }: { d: TEvaluationDetail }) {
  return (
    <>
      <Divider titlePlacement="start">简易程序申请</Divider>
      {SIMPLE_CONDITIONS.map((c) => {
        const h = d.hints.find((x) => x.id === c.id);
        return (
          <div key={c.id} style={{ marginBottom: 4 }}>
            {d.application.conditions.includes(c.id) ? <Tag color="blue">已勾选</Tag> : <Tag>未勾选</Tag>}（{c.id}）
            {c.label} {h && <HintTag hint={h} />}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {h?.basis}
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
  );
}

/** What the physician submitted: 医师个人信息, the self-evaluation (wizard labels), the 简易程序 application. */
export function SubmissionView({ d }: { d: TEvaluationDetail }) {
  return (
    <>
      <Descriptions size="small" bordered column={{ xs: 1, sm: 2 }} title="医师个人信息">
        <Descriptions.Item label="姓名">{d.physician.name}</Descriptions.Item>
        <Descriptions.Item label="证件号码">
          <IdNumber value={d.physician.idNumber} reveal={() => revealIdNumber(d.row.enrolmentId)} />
        </Descriptions.Item>
        <Descriptions.Item label="医师级别">{d.physician.level}</Descriptions.Item>
        <Descriptions.Item label="执业类别">{d.physician.practiceCategory}</Descriptions.Item>
        <Descriptions.Item label="考核程序">{PROCEDURE_LABELS[d.row.procedure]}</Descriptions.Item>
        <Descriptions.Item label="执业年限">
          {d.yearsOfPractice === null ? '未登记首次注册时间' : `满 ${d.yearsOfPractice} 年`}
        </Descriptions.Item>
      </Descriptions>
      <SelfEvaluationView s={d.selfEvaluation} />
      {d.row.procedure === 'simple' && <SimpleApplication d={d} />}
    </>
  );
}
