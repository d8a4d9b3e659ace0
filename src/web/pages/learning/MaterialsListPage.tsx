import { BookOutlined } from '@ant-design/icons';
import { Alert, Card, List, Space, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { useLearnMaterials } from '../../queries/learning';
import { BackBar, errText } from './common';

/** 考前资料 list. */
export function MaterialsListPage() {
  const nav = useNavigate();
  const q = useLearnMaterials();
  return (
    <div>
      <BackBar title="考前资料" />
      {q.error && <Alert type="error" message={errText(q.error)} />}
      <List
        dataSource={q.data?.items ?? []}
        locale={{ emptyText: '暂无考前资料' }}
        renderItem={(m) => (
          <Card
            size="small"
            hoverable
            role="link"
            aria-label={m.title}
            style={{ marginBottom: 8, cursor: 'pointer' }}
            onClick={() => nav(`/doctor/learn/materials/${m.id}`)}
          >
            <Space>
              <BookOutlined style={{ color: '#1677ff' }} />
              <Typography.Text strong>{m.title}</Typography.Text>
            </Space>
            {m.summary && (
              <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>
                {m.summary}
              </Typography.Paragraph>
            )}
          </Card>
        )}
      />
    </div>
  );
}
