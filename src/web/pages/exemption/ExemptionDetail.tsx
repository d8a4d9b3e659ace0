import { Descriptions, Space, Typography } from 'antd';
import { PROCEDURE_LABELS } from '../../../shared/domain/procedure';
import { Attachments, IdNumber } from '../../components';
import { revealIdNumber } from '../../queries/enrolment';
import type { ExemptionDetail as Detail } from '../../queries/exemption';
import { attachmentUrl } from '../procedure/ProcedureStep';

const fmt = (iso: string) => iso.slice(0, 10).replaceAll('-', '/');

/** One 免考申请 as the reviewers read it: the applicant, reasons, earlier opinions and the proofs. */
export function ExemptionDetail({ d }: { d: Detail }) {
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Descriptions size="small" bordered column={1}>
        <Descriptions.Item label="姓名">{d.physicianName}</Descriptions.Item>
        <Descriptions.Item label="证件号码">
          <IdNumber value={d.idNumber} reveal={() => revealIdNumber(d.enrolmentId)} />
        </Descriptions.Item>
        <Descriptions.Item label="卫生机构">{d.institutionName}</Descriptions.Item>
        <Descriptions.Item label="申请时间">{fmt(d.submittedAt)}</Descriptions.Item>
        <Descriptions.Item label="考核程序">{`${PROCEDURE_LABELS[d.procedure]}（免${d.exempts}）`}</Descriptions.Item>
        <Descriptions.Item label="免考理由">{d.reasons.map((r) => r.reason).join('；')}</Descriptions.Item>
        <Descriptions.Item label="说明">{d.note || '—'}</Descriptions.Item>
        <Descriptions.Item label="工作成绩 / 职业道德评定">{`${d.workResult ?? '未评定'} / ${d.ethicsResult ?? '未评定'}`}</Descriptions.Item>
        <Descriptions.Item label="状态">{d.statusLabel}</Descriptions.Item>
        {d.reviews.map((r) => (
          <Descriptions.Item
            key={`${r.role}-${r.at}`}
            label={`${r.role}意见`}
          >{`${r.decision}${r.opinion ? `：${r.opinion}` : ''}（${r.by}，${fmt(r.at)}）`}</Descriptions.Item>
        ))}
      </Descriptions>
      <Typography.Text strong>证明材料</Typography.Text>
      <Attachments files={d.files} src={(f) => attachmentUrl(d.enrolmentId, f.id)} emptyText="未上传证明材料" />
    </Space>
  );
}
