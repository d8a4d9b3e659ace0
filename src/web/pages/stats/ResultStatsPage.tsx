import { Button, Card, Empty, Table } from 'antd';
import { Chart, resultBarsOption } from '../../components/charts';
import { PROCEDURE_LABELS } from '../../../shared/domain/procedure';
import { RESULT_BUCKET_LABELS, RESULT_BUCKETS, type TStatsRow } from '../../../shared/schemas/stats';
import { StatsHeader } from './StatsHeader';
import { useStatsView } from './useStats';

/** 考核结果统计: 一般程序 / 简易程序 × 合格 / 不合格 / 违纪不合格 / 未完成 / 免考 / 延期 per unit. */
export function ResultStatsPage() {
  const s = useStatsView();
  const v = s.view.data;
  const rows = v?.rows ?? [];
  const data = v?.node ? [...rows, { ...v.node, name: `合计（${v.node.name}）`, drillable: false }] : rows;
  return (
    <Card title="考核结果统计">
      <StatsHeader s={s} exportKind="stats-result" />
      {v && !v.snapshot && <Empty description="尚未统计，请点击【重新统计】" />}
      {v?.snapshot && (rows.length > 0 || v.node) && (
        <Chart label="考核结果分布" option={resultBarsOption(rows.length ? rows : v.node ? [v.node] : [])} />
      )}
      {v?.snapshot && (
        <Table<TStatsRow>
          rowKey={(r) => `${r.orgId}-${r.name}`}
          size="small"
          bordered
          loading={s.view.isLoading}
          dataSource={data}
          pagination={false}
          scroll={{ x: true }}
          columns={[
            {
              title: '单位',
              dataIndex: 'name',
              fixed: 'left',
              render: (name: string, r) =>
                r.drillable ? (
                  <Button
                    type="link"
                    size="small"
                    style={{ padding: 0, height: 'auto' }}
                    onClick={() => s.drill(r.orgId)}
                  >
                    {name}
                  </Button>
                ) : (
                  name
                ),
            },
            ...(['general', 'simple'] as const).map((proc) => ({
              title: PROCEDURE_LABELS[proc],
              children: RESULT_BUCKETS.map((b) => ({
                title: RESULT_BUCKET_LABELS[b],
                key: `${proc}-${b}`,
                align: 'right' as const,
                render: (_: unknown, r: TStatsRow) => r.result[proc][b] ?? 0,
              })),
            })),
          ]}
        />
      )}
    </Card>
  );
}
