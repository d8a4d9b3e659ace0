import { Card, Drawer, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { QUESTION_TYPE_LABELS } from '../../../shared/schemas/bank';
import { useQuestion } from '../../queries/bank';

/** 版本历史 of one question: every saved version, the current one marked. */
export function HistoryDrawer({ id, onClose }: { id: number | null; onClose: () => void }) {
  const q = useQuestion(id);
  return (
    <Drawer open={id != null} onClose={onClose} title="版本历史" size="large">
      {q.data?.versions.map((v) => (
        <Card
          key={v.id}
          size="small"
          style={{ marginBottom: 12 }}
          title={
            <Space>
              第 {v.version} 版{v.current && <Tag color="blue">当前版本</Tag>}
              <Typography.Text type="secondary">{dayjs(v.createdAt).format('YYYY/MM/DD HH:mm')}</Typography.Text>
            </Space>
          }
        >
          <Typography.Paragraph>
            【{QUESTION_TYPE_LABELS[v.type]}】{v.stem}
          </Typography.Paragraph>
          {v.options.map((o) => (
            <div key={o.key}>
              {o.key}. {o.text}
            </div>
          ))}
          <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0 }}>
            答案：{v.type === 'judge' ? (v.answer[0] === 'A' ? '正确' : '错误') : v.answer.join('')}　难度：
            {v.difficulty}
          </Typography.Paragraph>
          {v.explanation && <Typography.Paragraph type="secondary">解析：{v.explanation}</Typography.Paragraph>}
        </Card>
      ))}
    </Drawer>
  );
}
