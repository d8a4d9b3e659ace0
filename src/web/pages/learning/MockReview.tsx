import { Card, Result, Segmented, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { QUESTION_TYPE_LABELS } from '../../../shared/schemas/bank';
import type { TMockAttempt } from '../../../shared/schemas/learning';
import { letter, OptionLines } from './common';

/** Server-timed countdown of a mock attempt; calls onZero once when it reaches 0. */
export function Countdown({ seconds, onZero }: { seconds: number; onZero: () => void }) {
  const [end] = useState(() => Date.now() + seconds * 1000);
  const [left, setLeft] = useState(seconds);
  useEffect(() => {
    const t = setInterval(() => {
      const s = Math.max(0, Math.round((end - Date.now()) / 1000));
      setLeft(s);
      if (s === 0) {
        clearInterval(t);
        onZero();
      }
    }, 1000);
    return () => clearInterval(t);
  }, [end, onZero]);
  const mm = String(Math.floor(left / 60)).padStart(2, '0');
  const ss = String(left % 60).padStart(2, '0');
  return (
    <Tag
      color={left < 300 ? 'red' : 'blue'}
      style={{ fontSize: 'inherit', lineHeight: 1.5, padding: '2px 8px' }}
      data-testid="mock-timer"
    >
      剩余 {mm}:{ss}
    </Tag>
  );
}

/** A submitted mock attempt: score, then every question with the right answer and 解析. */
export function MockReview({ a }: { a: TMockAttempt }) {
  const [onlyWrong, setOnlyWrong] = useState(false);
  const items = onlyWrong ? a.items.filter((i) => !i.correct) : a.items;
  return (
    <div>
      <Result
        status={a.passed ? 'success' : 'warning'}
        title={`${a.score} 分`}
        subTitle={`${a.label} · 答对 ${a.correctCount}/${a.questionCount} 题 · 合格分 ${a.passScore} 分${a.submitKind === 'timeout' ? ' · 时间到自动交卷' : ''}`}
        style={{ padding: '16px 0' }}
      />
      <Space style={{ marginBottom: 8 }}>
        <Segmented
          value={onlyWrong ? 'wrong' : 'all'}
          onChange={(v) => setOnlyWrong(v === 'wrong')}
          options={[
            { value: 'all', label: '全部试题' },
            { value: 'wrong', label: '只看错题' },
          ]}
        />
      </Space>
      {items.map((it) => (
        <Card key={it.index} size="small" style={{ marginBottom: 8 }}>
          <Typography.Paragraph strong>
            {it.index + 1}. 【{QUESTION_TYPE_LABELS[it.type]}】{it.stem}{' '}
            {it.correct ? (
              <Tag color="success">正确</Tag>
            ) : (
              <Tag color="error">{it.chosen.length ? '错误' : '未作答'}</Tag>
            )}
          </Typography.Paragraph>
          <OptionLines
            options={it.options.map((o) => ({ key: o.id, text: o.text }))}
            isRight={(k) => !!it.correctIds?.includes(k)}
            isPicked={(k) => it.chosen.includes(k)}
            label={(o, i) => (it.type === 'judge' ? o.text : `${letter(i)}. ${o.text}`)}
          />
          {it.explanation && (
            <Typography.Paragraph type="secondary" style={{ marginTop: 6, marginBottom: 0 }}>
              解析：{it.explanation}
            </Typography.Paragraph>
          )}
        </Card>
      ))}
    </div>
  );
}
