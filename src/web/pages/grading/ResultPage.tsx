import { Alert, Button, Card, Descriptions, Result, Space, Tag } from 'antd';
import { procedureLabel } from '../../../shared/domain/procedure';
import type { TResult } from '../../../shared/schemas/grading';
import { ApiError, download } from '../../api/client';
import { useAction } from '../../components';
import { useMyResult } from '../../queries/grading';
import { ProctorResultCard } from '../proctor/MyProctorPage';

const paper = (o: TResult['humanities']) =>
  o.passed === null
    ? '不适用'
    : o.exempt
      ? '免考'
      : o.score === null
        ? '未参加'
        : `${o.score} 分（合格线 ${o.passLine}）${o.passed ? '达标' : '未达标'}`;

/** 考核结果 (physician): result, scores, consequences, 【打印】 考核结果通知书. */
export function ResultPage() {
  const action = useAction();
  const q = useMyResult();
  if (q.error)
    return <Alert type="info" showIcon message={q.error instanceof ApiError ? q.error.message : '暂无考核结果'} />;
  const r = q.data;
  if (!r) return null;
  const final = r.finalResult;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card>
        {final ? (
          <Result
            status={r.status === 'passed' ? 'success' : 'error'}
            title={r.statusLabel}
            subTitle={r.cycleName}
            extra={
              r.canPrint && (
                <Button
                  type="primary"
                  onClick={() => action(() => download('/api/notices/mine.pdf', '考核结果通知书.pdf'))}
                >
                  打印
                </Button>
              )
            }
          />
        ) : (
          <Result status="info" title="考核尚未结束" subTitle={`当前状态：${r.statusLabel}`} />
        )}
        {r.note && <Alert type={r.status === 'passed' ? 'warning' : 'error'} showIcon message={r.note} />}
      </Card>
      <Card title="考核详情">
        <Descriptions column={1} size="small" bordered>
          <Descriptions.Item label="考核周期">{r.cycleName}</Descriptions.Item>
          <Descriptions.Item label="考核程序">{procedureLabel(r.procedure)}</Descriptions.Item>
          <Descriptions.Item label="工作成绩">{r.workResult ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="职业道德">{r.ethicsResult ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="人文医学测评">{paper(r.humanities)}</Descriptions.Item>
          <Descriptions.Item label="业务水平测评">{paper(r.professional)}</Descriptions.Item>
          <Descriptions.Item label="考核结果">
            {final ? <Tag color={r.status === 'passed' ? 'green' : 'red'}>{final}</Tag> : '—'}
          </Descriptions.Item>
          {r.noPromotion && <Descriptions.Item label="备注">本考核周期内不得评优和晋升</Descriptions.Item>}
        </Descriptions>
      </Card>
      <ProctorResultCard />
    </Space>
  );
}
