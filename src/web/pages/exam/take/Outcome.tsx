import { Button, Card, Result } from 'antd';
import { useNavigate } from 'react-router';
import type { ExamResult } from '../useExamSession';

/** After 交卷 (or the time running out): the score against the pass line. */
export function ExamResultView({ label, r }: { label: string | undefined; r: ExamResult }) {
  const nav = useNavigate();
  return (
    <Card>
      <Result
        status={r.passed ? 'success' : 'warning'}
        title={r.timedOut ? '考试时间已到，试卷已自动交卷' : '交卷成功'}
        subTitle={
          <span data-testid="exam-score">
            {label}：{r.score} 分（合格分数 {r.passLine} 分），
            {r.passed ? '已达到合格分数' : '未达到合格分数'}
          </span>
        }
        extra={
          <Button type="primary" onClick={() => nav('/doctor/exam/papers')}>
            返回试卷列表
          </Button>
        }
      />
    </Card>
  );
}

/** The attempt was taken over on another device: this one stops saving. */
export function ReplacedView() {
  const nav = useNavigate();
  return (
    <Result
      status="warning"
      title="本次测评已在另一台设备上继续作答"
      subTitle="本设备已停止保存答案，本设备上尚未保存的答案不会被采用。请在新设备上继续作答；如需在本设备继续，请重新进入试卷。"
      extra={
        <Button type="primary" onClick={() => nav('/doctor/exam/papers')}>
          返回试卷列表
        </Button>
      }
    />
  );
}
