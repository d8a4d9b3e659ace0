import { Card, Result, Spin } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';

/**
 * A physician's application page (免考申请, 延期考核申请, 选择考核程序): the card with 【返回】, a
 * spinner while loading, and 您尚未参加本周期考核 for a physician not in the cycle.
 */
export function DoctorCard({
  title,
  loading,
  enrolled,
  children,
}: {
  title: string;
  loading: boolean;
  enrolled: boolean;
  /** the page, rendered only once loaded for an enrolled physician */
  children: () => ReactNode;
}) {
  return (
    <Card title={title} extra={<Link to="/doctor">返回</Link>} styles={{ body: { padding: 12 } }}>
      {loading ? <Spin /> : enrolled ? children() : <Result status="info" title="您尚未参加本周期考核" />}
    </Card>
  );
}
