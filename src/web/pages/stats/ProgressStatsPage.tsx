import { PROGRESS_COLUMNS, type TStatsRow } from '../../../shared/schemas/stats';
import { stageBarsOption } from '../../components/charts';
import { type StatsPageConfig, StatsPage } from './StatsPage';

const CONFIG: StatsPageConfig = {
  title: '考核进度统计',
  exportKind: 'stats-progress',
  chartLabel: '考核进度分布',
  chartOption: stageBarsOption,
  scrollX: 'max-content',
  columns: [
    ...PROGRESS_COLUMNS.map((c) => ({
      title: c.label,
      key: c.key,
      width: 84,
      align: 'right' as const,
      render: (_: unknown, r: TStatsRow) => r.progress[c.key] ?? 0,
    })),
    { title: '合计', dataIndex: 'total', align: 'right' as const },
  ],
};

/** 考核进度统计: physicians per status per unit, rolled up; click a unit to drill down. */
export function ProgressStatsPage() {
  return <StatsPage config={CONFIG} />;
}
