import { Button, Card, Empty, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { STATS_PAGE_SIZE, type TStatsRow } from '../../../shared/schemas/stats';
import type { ExportKind } from '../../../shared/schemas/exports';
import { Chart, type ChartOption } from '../../components/charts';
import { StatsHeader } from './StatsHeader';
import { useStatsView } from './useStats';

/** What differs between 考核进度统计 and 考核结果统计; the rest is this shell. */
export interface StatsPageConfig {
  title: string;
  exportKind: ExportKind;
  chartLabel: string;
  chartOption: (rows: TStatsRow[]) => ChartOption;
  /** the columns after 单位 */
  columns: ColumnsType<TStatsRow>;
  bordered?: boolean;
  scrollX?: true | 'max-content';
}

/**
 * A statistics page: 统计时间 / 【重新统计】 / 【导出】 and the drill-down trail, a chart and the table
 * of units (a unit's name drills down; the unit itself closes the table as 合计（…）).
 */
export function StatsPage({ config: c }: { config: StatsPageConfig }) {
  const s = useStatsView();
  const v = s.view.data;
  const rows = v?.rows ?? [];
  const data = v?.node ? [...rows, { ...v.node, name: `合计（${v.node.name}）`, drillable: false }] : rows;
  return (
    <Card title={c.title}>
      <StatsHeader s={s} exportKind={c.exportKind} />
      {v && !v.snapshot && <Empty description="尚未统计，请点击【重新统计】" />}
      {v?.snapshot && (rows.length > 0 || v.node) && (
        <Chart label={c.chartLabel} option={c.chartOption(rows.length ? rows : v.node ? [v.node] : [])} />
      )}
      {v?.snapshot && (
        <Table<TStatsRow>
          rowKey={(r) => `${r.orgId}-${r.name}`}
          size="small"
          bordered={c.bordered}
          loading={s.view.isLoading}
          dataSource={data}
          pagination={
            v.rowsTotal > STATS_PAGE_SIZE && {
              // the server sends one page of units; the 合计 row closes every page
              current: s.page,
              pageSize: STATS_PAGE_SIZE + 1,
              total: v.rowsTotal + Math.ceil(v.rowsTotal / STATS_PAGE_SIZE),
              showSizeChanger: false,
              showTotal: () => `共 ${v.rowsTotal} 个下级单位`,
              onChange: s.goPage,
            }
          }
          scroll={{ x: c.scrollX ?? true }}
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
            ...c.columns,
          ]}
        />
      )}
    </Card>
  );
}
