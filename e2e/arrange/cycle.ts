import { call, orgApi, type Pw } from './api';

type Window = { start: string; end: string };
type Windows = Record<'registration' | 'deferral' | 'exam' | 'grading' | 'reexam' | 'reexamGrading', Window>;

/** A day relative to today in China (the product's time zone), as YYYY-MM-DD. */
export const chinaDay = (offset = 0) =>
  new Date(Date.now() + 8 * 3600_000 + offset * 86_400_000).toISOString().slice(0, 10);

/**
 * Time travel the way the province would do it: 本周期考核设置 › 【保存时间设置】 with the windows
 * `change` returns, run `fn`, then save the original times back (also when `fn` fails). The
 * service checks the order rules, so `change` must return a consistent set.
 */
export async function withWindows<T>(
  pw: Pw,
  baseURL: string,
  change: (w: Windows) => Windows,
  fn: () => Promise<T>,
): Promise<T> {
  const admin = await orgApi(pw, baseURL, 'gx_wjw');
  const { cycle } = await call(admin, 'GET', '/api/cycle-settings');
  const times = { name: cycle.name, periodStart: cycle.periodStart, periodEnd: cycle.periodEnd };
  const saved = cycle.windows as Windows;
  await call(admin, 'PUT', '/api/cycle-settings/times', { ...times, windows: change(structuredClone(saved)) });
  try {
    return await fn();
  } finally {
    await call(admin, 'PUT', '/api/cycle-settings/times', { ...times, windows: saved });
    await admin.dispose();
  }
}

/**
 * The re-exam windows open today: the first round ended yesterday (the order rules want the
 * re-exam after the first round and the deferral deadline inside it).
 */
const earliest = (...days: string[]) => [...days].sort()[0];
const latest = (...days: string[]) => [...days].sort().at(-1)!;

export const reexamOpenToday = (w: Windows): Windows => ({
  ...w,
  exam: { start: w.exam.start, end: chinaDay(-1) },
  deferral: { start: w.deferral.start, end: earliest(chinaDay(-1), w.deferral.end) },
  grading: { start: w.grading.start, end: latest(chinaDay(-1), w.grading.end) },
  reexam: { start: chinaDay(0), end: chinaDay(30) },
  reexamGrading: { start: chinaDay(0), end: chinaDay(60) },
});
