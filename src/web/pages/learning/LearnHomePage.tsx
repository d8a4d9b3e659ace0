import { ClockCircleOutlined, FileTextOutlined, FormOutlined, StarOutlined } from '@ant-design/icons';
import { Alert, Card, Col, Row, Statistic, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { useLearnOverview } from '../../queries/learning';
import { BackBar, errText } from './common';

/** 学习: 题库练习 · 模拟自测 · 错题收藏 · 考前资料 */
export function LearnHomePage() {
  const nav = useNavigate();
  const q = useLearnOverview();
  const o = q.data;
  const tiles = [
    {
      label: '题库练习',
      icon: <FormOutlined />,
      to: '/doctor/learn/practice',
      note: o ? `已练 ${o.practiced} 题` : '',
    },
    {
      label: '模拟自测',
      icon: <ClockCircleOutlined />,
      to: '/doctor/learn/mock',
      note: o ? `已测 ${o.mockCount} 次` : '',
    },
    { label: '错题收藏', icon: <StarOutlined />, to: '/doctor/learn/wrong', note: o ? `${o.wrongCount} 题` : '' },
    { label: '考前资料', icon: <FileTextOutlined />, to: '/doctor/learn/materials', note: '' },
  ];
  return (
    <div>
      <BackBar title="学习" to="/doctor" />
      {q.error && <Alert type="error" message={errText(q.error)} />}
      <Row gutter={[12, 12]}>
        {tiles.map((t) => (
          <Col span={12} key={t.label}>
            <Card
              hoverable
              onClick={() => nav(t.to)}
              styles={{ body: { textAlign: 'center', padding: 16 } }}
              role="link"
              aria-label={t.label}
            >
              <div style={{ fontSize: 28, color: '#1677ff' }}>{t.icon}</div>
              <div style={{ fontWeight: 600, marginTop: 4 }}>{t.label}</div>
              <Typography.Text type="secondary">{t.note || '\u00a0'}</Typography.Text>
            </Card>
          </Col>
        ))}
      </Row>
      {o && (
        <Card size="small" style={{ marginTop: 12 }}>
          <Row>
            <Col span={8}>
              <Statistic title="练习题数" value={o.practiced} />
            </Col>
            <Col span={8}>
              <Statistic
                title="正确率"
                value={o.practiced ? Math.round((o.practicedCorrect * 100) / o.practiced) : 0}
                suffix="%"
              />
            </Col>
            <Col span={8}>
              <Statistic title="执业类别" value={o.practiceCategory} />
            </Col>
          </Row>
        </Card>
      )}
    </div>
  );
}
