import { Card, Typography } from 'antd';
import { useActor } from '../../app/auth';

/** 医师首页: current status and 常用工具 (the enrolment module fills this in). */
export function DoctorHomePage() {
  const me = useActor();
  return (
    <Card>
      <Typography.Title level={5}>您好，{me.displayName}</Typography.Title>
      <Typography.Text type="secondary">执业机构：{me.orgName}</Typography.Text>
    </Card>
  );
}
