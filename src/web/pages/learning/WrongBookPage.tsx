import { Alert, App, Button, Card, Empty, Pagination, Segmented, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { QUESTION_TYPE_LABELS, type TBank } from '../../../shared/schemas/bank';
import type { TWrongItem } from '../../../shared/schemas/learning';
import { useAction } from '../../components';
import { useClearWrong, useRemoveWrong, useWrongList } from '../../queries/learning';
import { BackBar, errText, fmt, judgeText, OptionLines, optionLabel } from './common';

/** 错题收藏: wrong answers from practice and mock tests; remove one or 清空. */
export function WrongBookPage() {
  const { modal } = App.useApp();
  const act = useAction();
  const [bank, setBank] = useState<'all' | TBank>('all');
  const [page, setPage] = useState(1);
  const q = useWrongList({ bank: bank === 'all' ? undefined : bank, page });
  const remove = useRemoveWrong();
  const clear = useClearWrong();
  const confirmClear = () =>
    modal.confirm({
      title: '清空错题收藏',
      content: '确定清空全部错题吗？清空后不能恢复。',
      okText: '清空',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: () =>
        act(
          () => clear.mutateAsync(undefined),
          (r) => `已清空 ${r.removed} 道错题`,
        ),
    });
  return (
    <div>
      <BackBar
        title="错题收藏"
        extra={
          <Button size="small" danger disabled={!q.data?.total} onClick={confirmClear}>
            清空
          </Button>
        }
      />
      <Segmented
        block
        style={{ marginBottom: 12 }}
        value={bank}
        onChange={(v) => {
          setBank(v as 'all' | TBank);
          setPage(1);
        }}
        options={[
          { value: 'all', label: '全部' },
          { value: 'humanities', label: '人文医学' },
          { value: 'professional', label: '业务水平' },
        ]}
      />
      {q.error && <Alert type="error" message={errText(q.error)} />}
      {q.data && q.data.total === 0 && <Empty description="暂无错题" />}
      {q.data?.items.map((w) => (
        <WrongCard key={w.id} w={w} onRemove={() => act(() => remove.mutateAsync(w.id), '已移除')} />
      ))}
      {q.data && q.data.total > 10 && (
        <Pagination
          simple
          current={page}
          total={q.data.total}
          pageSize={10}
          onChange={setPage}
          style={{ textAlign: 'center' }}
        />
      )}
    </div>
  );
}

function WrongCard({ w, onRemove }: { w: TWrongItem; onRemove: () => void }) {
  const answerText = (keys: string[]) => (w.type === 'judge' ? keys.map(judgeText).join('') : keys.join(''));
  return (
    <Card
      size="small"
      style={{ marginBottom: 8 }}
      title={
        <Space size={4} wrap>
          <Tag color="blue">{QUESTION_TYPE_LABELS[w.type]}</Tag>
          <Tag>{w.category}</Tag>
          <Tag color={w.source === 'mock' ? 'purple' : 'cyan'}>{w.source === 'mock' ? '模拟自测' : '题库练习'}</Tag>
        </Space>
      }
      extra={
        <Button size="small" type="link" onClick={onRemove}>
          移除
        </Button>
      }
    >
      <Typography.Paragraph strong data-testid="wrong-stem">
        {w.stem}
      </Typography.Paragraph>
      <OptionLines
        options={w.options}
        isRight={(k) => w.answer.includes(k)}
        isPicked={(k) => w.chosen.includes(k)}
        label={optionLabel(w.type)}
      />
      <Typography.Paragraph style={{ marginTop: 6, marginBottom: 0 }}>
        正确答案：{answerText(w.answer)}　您的答案：{answerText(w.chosen) || '未作答'}
      </Typography.Paragraph>
      {w.explanation && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          解析：{w.explanation}
        </Typography.Paragraph>
      )}
      <Typography.Text type="secondary">
        答错 {w.wrongCount} 次 · 最近 {fmt(w.lastWrongAt)}
      </Typography.Text>
    </Card>
  );
}
