import { Alert, Button, Card, Checkbox, Descriptions, Empty, Space, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { ErrorBox, slash, useExamOverview } from './common';

/** 考核详情: enrolment status, procedure, exemptions, window; confirm the information → 试卷列表. */
export function ExamDetailPage() {
  const nav = useNavigate();
  const q = useExamOverview();
  const [confirmed, setConfirmed] = useState(false);
  if (q.isLoading) return <Spin />;
  if (q.error) return <ErrorBox error={q.error} />;
  const o = q.data!;
  if (!o.enrolled) return <Empty description={o.message} />;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card title="考核详情" size="small">
        <Descriptions column={1} size="small" bordered styles={{ label: { width: 92, whiteSpace: 'nowrap' } }}>
          <Descriptions.Item label="考核周期">{o.cycleName}</Descriptions.Item>
          <Descriptions.Item label="考核状态">
            <Tag color={o.inExamStage ? 'blue' : 'default'}>{o.statusLabel}</Tag>
          </Descriptions.Item>
          <Descriptions.Item label="考核程序">{o.procedureLabel ?? '未选择'}</Descriptions.Item>
          <Descriptions.Item label="测评内容">
            {o.procedure === 'simple'
              ? '人文医学测评（1 张试卷）'
              : o.procedure === 'general'
                ? '人文医学测评、业务水平测评（按顺序，共 2 张试卷）'
                : '—'}
          </Descriptions.Item>
          <Descriptions.Item label="免考">
            {o.humanitiesExempt || o.professionalExempt
              ? [o.humanitiesExempt && '人文医学测评免考', o.professionalExempt && '业务水平测评免考']
                  .filter(Boolean)
                  .join('，')
              : '无'}
          </Descriptions.Item>
          {o.deferralApproved && (
            <Descriptions.Item label="延期考核">已批准，在再次考核时间内以首次考核形式参加测评</Descriptions.Item>
          )}
          {o.window && (
            <Descriptions.Item label={o.window.label}>
              {slash(o.window.start)} 至 {slash(o.window.end)}{' '}
              {o.window.open ? <Tag color="green">进行中</Tag> : <Tag>未开放</Tag>}
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      {o.physician && (
        <Card title="确认考核信息" size="small">
          <Descriptions column={1} size="small">
            <Descriptions.Item label="姓名">{o.physician.name}</Descriptions.Item>
            <Descriptions.Item label="证件号码">{o.physician.idNumberMasked}</Descriptions.Item>
            <Descriptions.Item label="医师级别">{o.physician.level}</Descriptions.Item>
            <Descriptions.Item label="执业类别">{o.physician.practiceCategory}</Descriptions.Item>
            <Descriptions.Item label="执业机构">{o.physician.institution}</Descriptions.Item>
          </Descriptions>
          <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
            请核对考核信息，保证信息准确无误，否则会影响考核成绩判定。如有错误请联系所在卫生机构。
          </Typography.Paragraph>
          <Checkbox checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)}>
            以上信息准确无误
          </Checkbox>
        </Card>
      )}
      <Alert type={o.inExamStage ? 'info' : 'warning'} showIcon message={o.message} />
      <Button
        type="primary"
        block
        size="large"
        disabled={!confirmed && o.inExamStage}
        onClick={() => nav('/doctor/exam/papers')}
      >
        {o.inExamStage ? '确认信息，进入试卷列表' : '试卷列表'}
      </Button>
    </Space>
  );
}
