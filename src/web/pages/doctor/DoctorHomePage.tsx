import {
  ReadOutlined,
  AuditOutlined,
  BellOutlined,
  CalendarOutlined,
  EditOutlined,
  FileDoneOutlined,
  FileSearchOutlined,
  FormOutlined,
  ProfileOutlined,
  SafetyCertificateOutlined,
  SolutionOutlined,
} from '@ant-design/icons';
import { Alert, Badge, Button, Card, Col, Descriptions, Row, Spin, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { useActor } from '../../app/auth';
import type { EnrolmentStatus } from '../../../shared/enrolment-status';
import { useMine } from './RegisterWizard';

const AFTER_REGISTRATION: EnrolmentStatus[] = [
  'registered',
  'pending_evaluation',
  'procedure_rejected',
  'pending_body_evaluation',
  'ready_for_exam',
];
const EXAM: EnrolmentStatus[] = ['ready_for_exam', 'pending_grading', 'reexam_ready'];
const RESULT: EnrolmentStatus[] = ['passed', 'failed', 'disciplinary_failed', 'pending_reexam_grading', 'reexam_ready'];

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

/** 医师首页: current status, cycle, 常用工具 enabled by status, 站内消息. */
export function DoctorHomePage() {
  const me = useActor();
  const nav = useNavigate();
  const q = useMine();
  if (q.isLoading) return <Spin />;
  if (q.error) return <Alert type="error" message={(q.error as Error).message} />;
  const m = q.data!;
  const status = m.enrolment?.status;
  const has = (list: EnrolmentStatus[]) => Boolean(status && list.includes(status));
  const cr = m.changeRequest;
  const changeOpen = cr && ['pending', 'allowed', 'submitted'].includes(cr.state);
  const tools: { label: string; icon: ReactNode; to: string; enabled: boolean }[] = [
    { label: '我要报名', icon: <FormOutlined />, to: '/doctor/register', enabled: Boolean(m.enrolment?.editable) },
    {
      label: '选择考核程序',
      icon: <SolutionOutlined />,
      to: '/doctor/procedure',
      enabled:
        has(['registered', 'procedure_rejected']) ||
        (m.cycle?.procedureChoice === 'after_approval' && has(AFTER_REGISTRATION)),
    },
    {
      label: '免考申请',
      icon: <SafetyCertificateOutlined />,
      to: '/doctor/exemption',
      enabled: has(AFTER_REGISTRATION),
    },
    { label: '延期考核申请', icon: <CalendarOutlined />, to: '/doctor/deferral', enabled: has(AFTER_REGISTRATION) },
    { label: '考核详情', icon: <ProfileOutlined />, to: '/doctor/exam', enabled: has(EXAM) },
    { label: '试卷列表', icon: <FileDoneOutlined />, to: '/doctor/exam/papers', enabled: has(EXAM) },
    { label: '查看结果', icon: <AuditOutlined />, to: '/doctor/result', enabled: has(RESULT) },
    { label: '学习', icon: <ReadOutlined />, to: '/doctor/learn', enabled: true },
  ];
  return (
    <div>
      <Card style={{ marginBottom: 12 }}>
        <Typography.Title level={5} style={{ marginTop: 0 }}>
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
            color={
              status === 'passed'
                ? 'success'
                : status === 'failed' || status === 'disciplinary_failed'
                  ? 'error'
                  : 'processing'
            }
            style={{ fontSize: 18, padding: '6px 14px' }}
            data-testid="enrolment-status"
          >
            {m.statusLabel}
          </Tag>
        </div>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center', marginBottom: 0 }}>
          {HINTS[status ?? 'none'] ?? ''}
        </Typography.Paragraph>
        {m.enrolment?.lastReason &&
          (status === 'institution_rejected' || status === 'procedure_rejected' || status === 'withdrawn') && (
            <Alert style={{ marginTop: 8 }} type="warning" showIcon message={`驳回理由：${m.enrolment.lastReason}`} />
          )}
        {m.enrolment && !m.enrolment.editable && m.enrolment.submittedAt && (
          <div style={{ textAlign: 'center', marginTop: 8 }}>
            <Button size="small" onClick={() => nav('/doctor/register')}>
              查看报名信息
            </Button>
          </div>
        )}
      </Card>
      <Card title="常用工具" size="small" style={{ marginBottom: 12 }}>
        <Row gutter={[8, 8]}>
          {tools.map((t) => (
            <Col span={8} key={t.label}>
              <Button
                block
                disabled={!t.enabled}
                onClick={() => nav(t.to)}
                style={{
                  height: 64,
                  display: 'flex',
                  flexDirection: 'column',
                  alignItems: 'center',
                  justifyContent: 'center',
                  whiteSpace: 'normal',
                  lineHeight: 1.2,
                }}
              >
                <span style={{ fontSize: 20 }}>{t.icon}</span>
                <span style={{ fontSize: 12 }}>{t.label}</span>
              </Button>
            </Col>
          ))}
          <Col span={8}>
            <Button
              block
              disabled={!(m.enrolment?.canRequestChange || changeOpen)}
              onClick={() => nav('/doctor/change')}
              style={{
                height: 64,
                display: 'flex',
                flexDirection: 'column',
                alignItems: 'center',
                justifyContent: 'center',
              }}
            >
              <span style={{ fontSize: 20 }}>
                <EditOutlined />
              </span>
              <span style={{ fontSize: 12 }}>申请修改</span>
            </Button>
          </Col>
          <Col span={8}>
            <Badge count={m.unreadMessages} offset={[-8, 8]} style={{ zIndex: 2 }}>
              <Button
                block
                onClick={() => nav('/doctor/messages')}
                style={{
                  height: 64,
                  width: '100%',
                  display: 'flex',
                  flexDirection: 'column',
                  alignItems: 'center',
                  justifyContent: 'center',
                }}
              >
                <span style={{ fontSize: 20 }}>
                  <BellOutlined />
                </span>
                <span style={{ fontSize: 12 }}>站内消息</span>
              </Button>
            </Badge>
          </Col>
          <Col span={8}>
            <Button
              block
              onClick={() => nav('/doctor/security')}
              style={{
                height: 64,
                display: 'flex',
                flexDirection: 'column',
                alignItems: 'center',
                justifyContent: 'center',
              }}
            >
              <span style={{ fontSize: 20 }}>
                <FileSearchOutlined />
              </span>
              <span style={{ fontSize: 12 }}>安全设置</span>
            </Button>
          </Col>
        </Row>
      </Card>
    </div>
  );
}
