import { z } from 'zod';

/** The six windows of a cycle (考核设置 → 本周期考核设置), in the order they are shown. */
export const WINDOW_KEYS = ['registration', 'deferral', 'exam', 'grading', 'reexam', 'reexamGrading'] as const;
export type WindowKey = (typeof WINDOW_KEYS)[number];
export const ZWindowKey = z.enum(WINDOW_KEYS);

export const WINDOW_LABELS: Record<WindowKey, string> = {
  registration: '报名时间',
  deferral: '延期考核申请时间',
  exam: '首轮考核时间',
  grading: '首轮成绩评定时间',
  reexam: '再次考核时间',
  reexamGrading: '再次考核评定时间',
};

export type Windows = Partial<Record<WindowKey, { start: string; end: string }>>;

/** Is `now` inside the window? Windows are inclusive of whole days in China time. */
export function checkWindow(
  windows: Windows,
  key: WindowKey,
  now: Date,
): { ok: true } | { ok: false; message: string } {
  const w = windows[key];
  const label = WINDOW_LABELS[key];
  if (!w) return { ok: false, message: `省级卫生行政机构尚未设置「${label}」，暂不能办理` };
  const start = new Date(`${w.start}T00:00:00+08:00`);
  const end = new Date(`${w.end}T23:59:59.999+08:00`);
  if (now < start || now > end) {
    return {
      ok: false,
      message: `不在「${label}」内（${w.start.replaceAll('-', '/')} 至 ${w.end.replaceAll('-', '/')}），不能办理`,
    };
  }
  return { ok: true };
}
