/** Chart options built from statistics rows (pure; no ECharts import, so pages stay light). */
import type { TStatsRow } from '../../../shared/schemas/stats';

// biome-ignore lint/suspicious/noExplicitAny: ECharts options are a large untyped object tree
export type ChartOption = Record<string, any>;

/** Stages of the cycle for the funnel: each counts physicians who reached it or later. */
const STAGE_OF: Record<string, number> = {
  opened: 0,
  institution_rejected: 0,
  pending_institution: 1,
  pending_body: 2,
  registered: 3,
  pending_evaluation: 3,
  procedure_rejected: 3,
  pending_body_evaluation: 3,
  ready_for_exam: 4,
  pending_grading: 5,
  reexam_ready: 5,
  pending_reexam_grading: 5,
  passed: 6,
  failed: 6,
  disciplinary_failed: 6,
};
export const FUNNEL_STAGES = [
  '已开通报名',
  '已提交报名',
  '待考核机构复核及以后',
  '报名成功',
  '进入测评',
  '完成测评',
  '已出考核结果',
];

export function funnelStages(progress: Record<string, number>): { name: string; value: number }[] {
  const counts = FUNNEL_STAGES.map(() => 0);
  for (const [status, n] of Object.entries(progress)) {
    const stage = STAGE_OF[status];
    if (stage === undefined) continue; // 已退出当前周期 leaves the funnel
    for (let i = 0; i <= stage; i++) counts[i] += n;
  }
  const out = FUNNEL_STAGES.map((name, i) => ({ name, value: counts[i] }));
  out.push({ name: '考核合格', value: progress.passed ?? 0 });
  return out;
}

export function funnelOption(progress: Record<string, number>): ChartOption {
  const data = funnelStages(progress);
  return {
    tooltip: { trigger: 'item', formatter: '{b}：{c} 人' },
    series: [
      {
        type: 'funnel',
        sort: 'none',
        left: '10%',
        width: '80%',
        minSize: '8%',
        label: { show: true, position: 'inside', formatter: '{b}  {c}' },
        data,
      },
    ],
  };
}

/** 合格率 = 合格 / (合格 + 不合格 + 违纪不合格), one decimal; null when nobody has a result yet. */
export function passRate(progress: Record<string, number>): number | null {
  const passed = progress.passed ?? 0;
  const decided = passed + (progress.failed ?? 0) + (progress.disciplinary_failed ?? 0);
  return decided ? Math.round((passed / decided) * 1000) / 10 : null;
}

export function passRateOption(rows: TStatsRow[]): ChartOption {
  return {
    tooltip: { trigger: 'axis', valueFormatter: (v: number | null) => (v === null ? '暂无结果' : `${v}%`) },
    grid: { left: 48, right: 16, top: 24, bottom: 72 },
    xAxis: {
      type: 'category',
      data: rows.map((r) => r.name),
      axisLabel: { interval: 0, rotate: rows.length > 6 ? 30 : 0 },
    },
    yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
    series: [
      {
        name: '合格率',
        type: 'bar',
        barMaxWidth: 40,
        label: { show: true, position: 'top', formatter: '{c}%' },
        data: rows.map((r) => passRate(r.progress)),
      },
    ],
  };
}

/** Per unit, how many physicians are at each stage (stacked bars). */
export function stageBarsOption(rows: TStatsRow[]): ChartOption {
  const names = ['报名中', '审核中', '评定中', '待测评', '待评定成绩', '已出结果'];
  const bucket = (status: string): number => {
    const s = STAGE_OF[status];
    if (s === undefined) return -1;
    if (s <= 0) return 0;
    if (s <= 2) return 1;
    if (s === 3) return 2;
    if (s === 4) return 3;
    if (s === 5) return 4;
    return 5;
  };
  const series = names.map((name, i) => ({
    name,
    type: 'bar',
    stack: 'all',
    barMaxWidth: 40,
    data: rows.map((r) => Object.entries(r.progress).reduce((a, [status, n]) => a + (bucket(status) === i ? n : 0), 0)),
  }));
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 48, right: 16, top: 36, bottom: 72 },
    xAxis: {
      type: 'category',
      data: rows.map((r) => r.name),
      axisLabel: { interval: 0, rotate: rows.length > 6 ? 30 : 0 },
    },
    yAxis: { type: 'value', name: '人数' },
    series,
  };
}

/** Per unit, 合格 / 不合格 / 违纪不合格 / 未完成 for one procedure or both (grouped stacks). */
export function resultBarsOption(rows: TStatsRow[]): ChartOption {
  const parts = [
    ['passed', '合格'],
    ['failed', '不合格'],
    ['disciplinary', '违纪不合格'],
    ['unfinished', '未完成'],
  ] as const;
  const series = (['general', 'simple'] as const).flatMap((proc) =>
    parts.map(([key, label]) => ({
      name: `${proc === 'general' ? '一般程序' : '简易程序'}${label}`,
      type: 'bar',
      stack: proc,
      barMaxWidth: 32,
      data: rows.map((r) => r.result[proc][key] ?? 0),
    })),
  );
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0, type: 'scroll' },
    grid: { left: 48, right: 16, top: 40, bottom: 72 },
    xAxis: {
      type: 'category',
      data: rows.map((r) => r.name),
      axisLabel: { interval: 0, rotate: rows.length > 6 ? 30 : 0 },
    },
    yAxis: { type: 'value', name: '人数' },
    series,
  };
}
