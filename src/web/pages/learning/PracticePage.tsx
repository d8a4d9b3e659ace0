import { Alert, Button, Card, Checkbox, Empty, Radio, Segmented, Select, Space, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { QUESTION_TYPE_LABELS, type TBank, type TQuestionType } from '../../../shared/schemas/bank';
import type { TPracticeQuestion, TPracticeResult } from '../../../shared/schemas/learning';
import { useAction } from '../../components';
import { useLearnOverview, usePracticeAnswer, usePracticeNext } from '../../queries/learning';
import { BackBar, errText, judgeText, OptionLines, optionLabel } from './common';

const TYPES = ['single', 'multiple', 'judge'] as const;

/** 题库练习: choose 题库 / 分类 / 题型; one question at a time with immediate feedback. */
export function PracticePage() {
  const ov = useLearnOverview();
  const [bank, setBank] = useState<TBank>('humanities');
  const [category, setCategory] = useState<string | undefined>();
  const [type, setType] = useState<TQuestionType | undefined>();
  const [exclude, setExclude] = useState<number | undefined>();
  const [round, setRound] = useState(0);
  const next = usePracticeNext({ bank, category, type, round, exclude });
  const question = next.data?.question;
  const cats = bank === 'humanities' ? ov.data?.humanities : ov.data?.professional;
  const goNext = () => {
    setExclude(question?.questionId);
    setRound((r) => r + 1);
  };
  return (
    <div>
      <BackBar title="题库练习" />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space direction="vertical" style={{ width: '100%' }}>
          <Segmented
            block
            value={bank}
            onChange={(v) => {
              setBank(v as TBank);
              setCategory(undefined);
            }}
            options={[
              { value: 'humanities', label: '人文医学' },
              { value: 'professional', label: `业务水平${ov.data ? `（${ov.data.practiceCategory}）` : ''}` },
            ]}
          />
          <Space.Compact style={{ width: '100%' }}>
            <Select
              allowClear
              placeholder="全部章节"
              aria-label="章节"
              style={{ width: '60%' }}
              value={category}
              onChange={setCategory}
              options={(cats ?? []).map((c) => ({ value: c.category, label: `${c.category}（${c.count}）` }))}
            />
            <Select
              allowClear
              placeholder="全部题型"
              aria-label="题型"
              style={{ width: '40%' }}
              value={type}
              onChange={setType}
              options={TYPES.map((t) => ({ value: t, label: QUESTION_TYPE_LABELS[t] }))}
            />
          </Space.Compact>
        </Space>
      </Card>
      {next.isLoading && <Spin />}
      {next.error && <Alert type="error" message={errText(next.error)} />}
      {next.data && !question && <Empty description="该范围内暂无可练习的试题" />}
      {question && (
        <QuestionCard
          key={question.versionId}
          question={question}
          remaining={next.data?.remaining ?? 0}
          onNext={goNext}
        />
      )}
    </div>
  );
}

/** One question: choose, 【提交答案】, feedback with 解析, 【下一题】. Keyed by version, so a new question starts clean. */
function QuestionCard({
  question,
  remaining,
  onNext,
}: {
  question: TPracticeQuestion;
  remaining: number;
  onNext: () => void;
}) {
  const [chosen, setChosen] = useState<string[]>([]);
  const [result, setResult] = useState<TPracticeResult | null>(null);
  const answer = usePracticeAnswer();
  const act = useAction();
  const submit = () => act(async () => setResult(await answer.mutateAsync({ versionId: question.versionId, chosen })));
  const label = optionLabel(question.type);
  return (
    <Card
      size="small"
      title={
        <Space>
          <Tag color="blue">{QUESTION_TYPE_LABELS[question.type]}</Tag>
          <span style={{ fontWeight: 400 }}>{question.category}</span>
        </Space>
      }
      extra={<Typography.Text type="secondary">未掌握 {remaining} 题</Typography.Text>}
    >
      <Typography.Paragraph strong data-testid="practice-stem">
        {question.stem}
      </Typography.Paragraph>
      {result ? (
        <>
          <OptionLines
            options={question.options}
            isRight={(k) => result.answer.includes(k)}
            isPicked={(k) => result.chosen.includes(k)}
            label={label}
          />
          <Alert
            data-testid="practice-feedback"
            style={{ marginTop: 12 }}
            type={result.correct ? 'success' : 'error'}
            showIcon
            message={
              result.correct
                ? '回答正确'
                : `回答错误，正确答案：${question.type === 'judge' ? judgeText(result.answer[0]) : result.answer.join('')}`
            }
            description={result.explanation ? `解析：${result.explanation}` : undefined}
          />
          {!result.correct && <Typography.Text type="secondary">已自动加入错题收藏</Typography.Text>}
          <Button type="primary" block style={{ marginTop: 12 }} onClick={onNext}>
            下一题
          </Button>
        </>
      ) : (
        <>
          {question.type === 'multiple' ? (
            <Checkbox.Group
              value={chosen}
              onChange={(v) => setChosen(v as string[])}
              style={{ display: 'flex', flexDirection: 'column', gap: 10 }}
            >
              {question.options.map((o) => (
                <Checkbox key={o.key} value={o.key}>
                  {label(o)}
                </Checkbox>
              ))}
            </Checkbox.Group>
          ) : (
            <Radio.Group
              value={chosen[0]}
              onChange={(e) => setChosen([e.target.value])}
              style={{ display: 'flex', flexDirection: 'column', gap: 10 }}
            >
              {question.options.map((o) => (
                <Radio key={o.key} value={o.key}>
                  {label(o)}
                </Radio>
              ))}
            </Radio.Group>
          )}
          <Button
            type="primary"
            block
            style={{ marginTop: 16 }}
            disabled={chosen.length === 0}
            loading={answer.isPending}
            onClick={submit}
          >
            提交答案
          </Button>
        </>
      )}
    </Card>
  );
}
