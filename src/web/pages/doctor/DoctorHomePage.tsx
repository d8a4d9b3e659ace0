import { Alert, Button, Card, Descriptions, Spin, Tag, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { useActor } from '../../app/auth';
import type { EnrolmentStatus } from '../../../shared/enrolment-status';
import { ChangeNotice } from './home/ChangeNotice';
import { AFTER_REGISTRATION, ToolGrid } from './home/ToolGrid';
import { useMine } from './mine';

const HINTS: Partial<Record<EnrolmentStatus | 'none', string>> = {
  none: '所在医疗卫生机构尚未允许您参加本周期考核，如需参加请联系单位定考负责人处理。',
  not_opened: '所在医疗卫生机构尚未允许您参加本周期考核，如需参加请联系单位定考负责人处理。',
  opened: '所在医疗卫生机构已经允许您参加本周期考核，请点击下方常用工具栏里的【我要报名】提交报名信息。',
  institution_rejected: '您的报名信息被卫生机构驳回，请点击【我要报名】修改后重新提交。',
  pending_institution: '报名信息已提交，请耐心等待医疗卫生机构审核。',
  pending_body: '报名信息已通过卫生机构审核，请耐心等待考核机构复核。',
  registered: '报名成功，请点击【选择考核程序】。',
  procedure_rejected: '请点击【选择考核程序】重新选择考核程序。',
  ready_for_exam: '请在首轮考核时间内点击【考核详情】参加测评。',
};

const fmt = (s?: string) => (s ? s.replaceAll('-', '/') : '');

/** 医师首页 (seed 001 §2.2.3): status, cycle, 医师信息修改 notice, 常用工具 enabled by status. */
export function DoctorHomePage() {
  const me = useActor();
  const nav = useNavigate();
  const q = useMine();
  if (q.isLoading) return <Spin />;
  if (q.error) return <Alert type="error" message={(q.error as Error).message} />;
  const m = q.data!;
  const status = m.enrolment?.status;
  const failed = status === 'failed' || status === 'disciplinary_failed';
  return (
    <div>
      <Card style={{ marginBottom: 12 }}>
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          您好，{me.displayName}
        </Typography.Title>
        <Descriptions size="small" column={1}>
          <Descriptions.Item label="执业机构">{m.prefill.institutionName}</Descriptions.Item>
          <Descriptions.Item label="考核周期">{m.cycle?.name ?? '本省尚未设置当前考核周期'}</Descriptions.Item>
          {m.cycle?.windows.registration && (
            <Descriptions.Item label="报名时间">
              {fmt(m.cycle.windows.registration.start)} 至 {fmt(m.cycle.windows.registration.end)}
            </Descriptions.Item>
          )}
          {m.cycle?.windows.exam && (
            <Descriptions.Item label="首轮考核时间">
              {fmt(m.cycle.windows.exam.start)} 至 {fmt(m.cycle.windows.exam.end)}
            </Descriptions.Item>
          )}
        </Descriptions>
        <div style={{ textAlign: 'center', margin: '12px 0 4px' }}>
          <Tag
            color={status === 'passed' ? 'success' : failed ? 'error' : 'processing'}
            style={{ fontSize: 20, padding: '8px 16px', lineHeight: 1.4 }}
            data-testid="enrolment-status"
          >
            {m.statusLabel}
          </Tag>
        </div>
        <Typography.Paragraph style={{ textAlign: 'center', marginBottom: 0 }}>
          {HINTS[status ?? 'none'] ?? ''}
        </Typography.Paragraph>
        {status && AFTER_REGISTRATION.includes(status) && (
          <Typography.Paragraph style={{ textAlign: 'center', marginTop: 8, marginBottom: 0 }}>
            报名已审核通过，可点击【免考申请】查看免考条件，符合条件的可申请免考。
          </Typography.Paragraph>
        )}
        {m.enrolment?.lastReason &&
          (status === 'institution_rejected' || status === 'procedure_rejected' || status === 'withdrawn') && (
            <Alert style={{ marginTop: 8 }} type="warning" showIcon message={`驳回理由：${m.enrolment.lastReason}`} />
          )}
        <ChangeNotice cr={m.changeRequest} />
        {m.enrolment && !m.enrolment.editable && m.enrolment.submittedAt && m.changeRequest?.state !== 'allowed' && (
          <div style={{ textAlign: 'center', marginTop: 8 }}>
            <Button onClick={() => nav('/doctor/register')}>查看报名信息</Button>
          </div>
        )}
      </Card>
      <ToolGrid m={m} />
    </div>
  );
}
