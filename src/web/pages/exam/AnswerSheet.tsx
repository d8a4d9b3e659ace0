import { Badge, Button, Drawer, Space } from 'antd';
import type { TAttemptPaper } from '../../../shared/schemas/exam';

/** 答题卡: every question with answered / marked / saved-on-server state; tap to jump. */
export function AnswerSheet(props: {
  open: boolean;
  onClose: () => void;
  items: TAttemptPaper['items'];
  answers: Record<number, string[]>;
  marked: Record<number, boolean>;
  unsent: Record<number, true>;
  onPick: (index: number) => void;
}) {
  const { items, answers, marked, unsent } = props;
  const answered = items.filter((i) => (answers[i.index] ?? []).length > 0).length;
  const markedCount = items.filter((i) => marked[i.index]).length;
  const unsentCount = items.filter((i) => unsent[i.index]).length;
  return (
    <Drawer title="答题卡" placement="bottom" open={props.open} onClose={props.onClose} height="60%">
      <Space style={{ marginBottom: 12 }} wrap>
        <Badge color="#1677ff" text={`已答 ${answered}`} />
        <Badge color="#d9d9d9" text={`未答 ${items.length - answered}`} />
        <Badge color="#fa8c16" text={`标记 ${markedCount}`} />
        <Badge color="#cf1322" text={`未保存到服务器 ${unsentCount}`} />
      </Space>
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(44px, 1fr))', gap: 8 }}>
        {items.map((i) => {
          const done = (answers[i.index] ?? []).length > 0;
          const pending = !!unsent[i.index];
          return (
            <Badge key={i.index} dot={pending} color="#cf1322" offset={[-4, 4]}>
              <Button
                aria-label={`第${i.index + 1}题${done ? '已答' : '未答'}${marked[i.index] ? '已标记' : ''}${pending ? '，未保存到服务器' : ''}`}
                type={done ? 'primary' : 'default'}
                style={{ width: '100%', ...(marked[i.index] ? { borderColor: '#fa8c16', borderWidth: 2 } : {}) }}
                onClick={() => props.onPick(i.index)}
              >
                {i.index + 1}
              </Button>
            </Badge>
          );
        })}
      </div>
    </Drawer>
  );
}
