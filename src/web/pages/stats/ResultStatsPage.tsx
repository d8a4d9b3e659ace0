import { PROCEDURE_LABELS, PROCEDURES } from '../../../shared/domain/procedure';
import { RESULT_BUCKET_LABELS, RESULT_BUCKETS, type TStatsRow } from '../../../shared/schemas/stats';
import { resultBarsOption } from '../../components/charts';
import { type StatsPageConfig, StatsPage } from './StatsPage';

const CONFIG: StatsPageConfig = {
  title: '考核结果统计',
  exportKind: 'stats-result',
  chartLabel: '考核结果分布',
  chartOption: resultBarsOption,
  bordered: true,
  columns: PROCEDURES.map((proc) => ({
    title: PROCEDURE_LABELS[proc],
    children: RESULT_BUCKETS.map((b) => ({
      title: RESULT_BUCKET_LABELS[b],
      key: `${proc}-${b}`,
      align: 'right' as const,
      render: (_: unknown, r: TStatsRow) => r.result[proc][b] ?? 0,
    })),
  })),
};

/** 考核结果统计: 一般程序 / 简易程序 × 合格 / 不合格 / 违纪不合格 / 未完成 / 免考 / 延期 per unit. */
export function ResultStatsPage() {
  return <StatsPage config={CONFIG} />;
}
