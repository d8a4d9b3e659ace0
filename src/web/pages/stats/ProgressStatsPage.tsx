import { Button, Card, Empty, Table } from 'antd';
import { Chart, stageBarsOption } from '../../components/charts';
import { PROGRESS_COLUMNS, type TStatsRow } from '../../../shared/schemas/stats';
import { StatsHeader } from './StatsHeader';
import { useStatsView } from './useStats';

/** 考核进度统计: physicians per status per unit, rolled up; click a unit to drill down. */
export function ProgressStatsPage() {
  const s = useStatsView();
  const v = s.view.data;
  const rows = v?.rows ?? [];
  const data = v?.node ? [...rows, { ...v.node, name: `合计（${v.node.name}）`, drillable: false }] : rows;
  return (
    <Card title="考核进度统计">
      <StatsHeader s={s} exportKind="stats-progress" />
      {v && !v.snapshot && <Empty description="尚未统计，请点击【重新统计】" />}
      {v?.snapshot && (rows.length > 0 || v.node) && (
        <Chart label="考核进度分布" option={stageBarsOption(rows.length ? rows : v.node ? [v.node] : [])} />
      )}
      {v?.snapshot && (
        <Table<TStatsRow>
          rowKey={(r) => `${r.orgId}-${r.name}`}
          size="small"
          loading={s.view.isLoading}
          dataSource={data}
          pagination={false}
          scroll={{ x: 'max-content' }}
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
            ...PROGRESS_COLUMNS.map((c) => ({
              title: c.label,
              key: c.key,
              width: 84,
              align: 'right' as const,
              render: (_: unknown, r: TStatsRow) => r.progress[c.key] ?? 0,
            })),
            { title: '合计', dataIndex: 'total', align: 'right' as const },
          ]}
        />
      )}
    </Card>
  );
}
