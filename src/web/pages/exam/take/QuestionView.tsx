import { Card, Checkbox, Radio, Space, Tag, Typography } from 'antd';
import type { TAttemptPaper } from '../../../../shared/schemas/exam';
import { TYPE_LABELS } from './format';

/** One question: number, type, marked / saved state, stem and the options to choose. */
export function QuestionView(props: {
  item: TAttemptPaper['items'][number];
  total: number;
  choice: string[];
  marked: boolean;
  unsent: boolean;
  onChoose: (choice: string[]) => void;
}) {
  const { item, choice } = props;
  return (
    <Card
      size="small"
      title={
        <Space>
          <span data-testid="question-no">
            第 {item.index + 1} 题 / 共 {props.total} 题
          </span>
          <Tag>{TYPE_LABELS[item.type]}</Tag>
          {props.marked && <Tag color="orange">已标记</Tag>}
        </Space>
      }
      extra={
        choice.length > 0 &&
        (props.unsent ? (
          <Tag color="warning" data-testid="question-saved">
            未保存到服务器
          </Tag>
        ) : (
          <Tag color="success" data-testid="question-saved">
            已保存到服务器
          </Tag>
        ))
      }
    >
      <Typography.Paragraph>{item.stem}</Typography.Paragraph>
      {item.type === 'multiple' ? (
        <Checkbox.Group value={choice} onChange={(v) => props.onChoose(v as string[])} style={{ width: '100%' }}>
          <Space direction="vertical" style={{ width: '100%' }}>
            {item.options.map((o, i) => (
              <Checkbox key={o.id} value={o.id} style={{ padding: '8px 4px', width: '100%' }}>
                {String.fromCharCode(65 + i)}. {o.text}
              </Checkbox>
            ))}
          </Space>
        </Checkbox.Group>
      ) : (
        <Radio.Group
          value={choice[0] ?? null}
          onChange={(e) => props.onChoose([e.target.value])}
          style={{ width: '100%' }}
        >
          <Space direction="vertical" style={{ width: '100%' }}>
            {item.options.map((o, i) => (
              <Radio key={o.id} value={o.id} style={{ padding: '8px 4px', width: '100%' }}>
                {item.type === 'judge' ? o.text : `${String.fromCharCode(65 + i)}. ${o.text}`}
              </Radio>
            ))}
          </Space>
        </Radio.Group>
      )}
    </Card>
  );
}
