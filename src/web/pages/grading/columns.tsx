import { Space, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { TGradingRow } from '../../../shared/schemas/grading';
import { IdNumber, StatusTag } from '../../components';

/** A paper's score against its pass line (达标/未达标), 免考, or — when the paper does not apply. */
function Score({ o }: { o: TGradingRow['humanities'] }) {
  if (o.passed === null) return <Typography.Text type="secondary">—</Typography.Text>;
  if (o.exempt) return <Tag color="blue">免考</Tag>;
  return (
    <Space size={4}>
      <span>{o.score ?? '未参加'}</span>
      <Typography.Text type="secondary">/ {o.passLine}</Typography.Text>
      {o.passed ? <Tag color="green">达标</Tag> : <Tag color="red">未达标</Tag>}
    </Space>
  );
}

/** Columns of the grading lists; `withResult` adds the proposed 评定结果. */
export function gradingColumns(withResult = true): ColumnsType<TGradingRow> {
  return [
    { title: '姓名', dataIndex: 'physicianName' },
    { title: '证件号码', dataIndex: 'idNumberMasked', render: (v: string) => <IdNumber value={v} /> },
    { title: '医师级别', dataIndex: 'level' },
    { title: '执业类别', dataIndex: 'practiceCategory' },
    { title: '执业机构', dataIndex: 'institutionName' },
    { title: '人文医学（得分/合格线）', render: (_, r) => <Score o={r.humanities} /> },
    { title: '业务水平（得分/合格线）', render: (_, r) => <Score o={r.professional} /> },
    ...(withResult
      ? [
          {
            title: '评定结果',
            render: (_: unknown, r: TGradingRow) => (
              <Tag color={r.proposedResult === '合格' ? 'green' : 'red'}>{r.proposedResult}</Tag>
            ),
          },
        ]
      : []),
    { title: '考核状态', dataIndex: 'status', render: (s: string) => <StatusTag kind="enrolment" status={s} /> },
  ];
}
