import { useQuery } from '@tanstack/react-query';
import { Card, Col, Empty, Row, Typography } from 'antd';
import { api } from '../../api/client';
import { Chart, funnelOption, passRateOption } from '../../components/charts';
import type { TStatsView } from '../../../shared/schemas/stats';
import { formatTime } from './useStats';

/**
 * Reviewer home page: the status funnel of the cycle and pass rates by subordinate unit, from the
 * stored statistics snapshot (loaded lazily by the home page, with the chart code).
 */
export default function HomeCharts() {
  const q = useQuery({ queryKey: ['stats', null], queryFn: () => api.get<TStatsView>('/api/stats') });
  const v = q.data;
  if (q.error || !v) return null;
  if (!v.snapshot || !v.node)
    return (
      <Card size="small" style={{ marginTop: 16 }}>
        <Empty description="暂无统计数据：可在「考核进度统计」中点击【重新统计】" />
      </Card>
    );
  const units = v.rows.length ? v.rows : [v.node];
  return (
    <Row gutter={16} style={{ marginTop: 16 }}>
      <Col xs={24} lg={10}>
        <Card
          size="small"
          title="本周期考核进度"
          extra={<Typography.Text type="secondary">统计时间：{formatTime(v.snapshot.computedAt)}</Typography.Text>}
        >
          <Chart label="考核进度漏斗" option={funnelOption(v.node.progress)} height={300} />
        </Card>
      </Col>
      <Col xs={24} lg={14}>
        <Card size="small" title={v.rows.length ? '各单位考核合格率' : '本单位考核合格率'}>
          <Chart label="各单位合格率" option={passRateOption(units)} height={300} />
        </Card>
      </Col>
    </Row>
  );
}
