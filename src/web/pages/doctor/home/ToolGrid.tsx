import {
  AuditOutlined,
  BellOutlined,
  BookOutlined,
  CalendarOutlined,
  EditOutlined,
  FileDoneOutlined,
  FormOutlined,
  IdcardOutlined,
  ProfileOutlined,
  QuestionCircleOutlined,
  ReadOutlined,
  SafetyCertificateOutlined,
  SafetyOutlined,
  SolutionOutlined,
} from '@ant-design/icons';
import { Badge, Button, Card } from 'antd';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router';
import type { EnrolmentStatus } from '../../../../shared/enrolment-status';
import type { TMine } from '../../../../shared/schemas/enrolment';

export const AFTER_REGISTRATION: EnrolmentStatus[] = [
  'registered',
  'pending_evaluation',
  'procedure_rejected',
  'pending_body_evaluation',
  'ready_for_exam',
];
const EXAM: EnrolmentStatus[] = ['ready_for_exam', 'pending_grading', 'reexam_ready'];
const RESULT: EnrolmentStatus[] = ['passed', 'failed', 'disciplinary_failed', 'pending_reexam_grading', 'reexam_ready'];

type Tool = { label: string; icon: ReactNode; to: string; enabled: boolean; badge?: number };

/** 常用工具 (seed 001 §2.2.3): each enabled by the enrolment's status. */
export function ToolGrid({ m }: { m: TMine }) {
  const nav = useNavigate();
  const status = m.enrolment?.status;
  const has = (list: EnrolmentStatus[]) => Boolean(status && list.includes(status));
  const cr = m.changeRequest;
  const changeAllowed = cr?.state === 'allowed';
  const changeOpen = cr && ['pending', 'allowed', 'submitted'].includes(cr.state);
  const tools: Tool[] = [
    {
      label: '我要报名',
      icon: <FormOutlined />,
      to: changeAllowed ? '/doctor/change' : '/doctor/register',
      enabled: Boolean(m.enrolment?.editable) || changeAllowed,
    },
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
    {
      label: '申请修改',
      icon: <EditOutlined />,
      to: '/doctor/change',
      enabled: Boolean(m.enrolment?.canRequestChange || changeOpen),
    },
    { label: '站内消息', icon: <BellOutlined />, to: '/doctor/messages', enabled: true, badge: m.unreadMessages },
    { label: '个人信息', icon: <IdcardOutlined />, to: '/doctor/profile', enabled: true },
    { label: '安全设置', icon: <SafetyOutlined />, to: '/doctor/security', enabled: true },
    { label: '常见问题', icon: <QuestionCircleOutlined />, to: '/doctor/faq', enabled: true },
    { label: '操作手册', icon: <BookOutlined />, to: '/doctor/manual', enabled: true },
  ];
  return (
    <Card title="常用工具" style={{ marginBottom: 12 }} styles={{ body: { padding: 8 } }}>
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(3, 1fr)', gap: 8 }}>
        {tools.map((t) => {
          const button = (
            <Button
              key={t.label}
              block
              disabled={!t.enabled}
              onClick={() => nav(t.to)}
              style={{
                height: 76,
                display: 'flex',
                flexDirection: 'column',
                alignItems: 'center',
                justifyContent: 'center',
                gap: 2,
                whiteSpace: 'normal',
                lineHeight: 1.2,
                padding: 4,
              }}
            >
              <span style={{ fontSize: 24 }} aria-hidden>
                {t.icon}
              </span>
              <span>{t.label}</span>
            </Button>
          );
          return t.badge ? (
            <Badge key={t.label} count={t.badge} offset={[-8, 8]} style={{ zIndex: 2 }}>
              {button}
            </Badge>
          ) : (
            <div key={t.label}>{button}</div>
          );
        })}
      </div>
    </Card>
  );
}
