import { describe, expect, it } from 'vitest';
import { windowOrderError } from './cycle.service.js';
import { DEMO_WINDOWS } from './cycle.seed.js';

const base = { name: '周期', periodStart: '2025-01-01', periodEnd: '2027-12-31', windows: DEMO_WINDOWS };

describe('window order (保存时间设置)', () => {
  it('accepts the demo windows', () => expect(windowOrderError(base)).toBeNull());
  it('refuses a start after its end', () =>
    expect(
      windowOrderError({ ...base, windows: { ...DEMO_WINDOWS, exam: { start: '2027-02-01', end: '2027-01-01' } } }),
    ).toContain('首轮考核时间'));
  it('refuses a re-exam before the first round ends', () =>
    expect(
      windowOrderError({ ...base, windows: { ...DEMO_WINDOWS, reexam: { start: '2027-01-20', end: '2027-04-30' } } }),
    ).toContain('再次考核时间'));
  it('refuses a deferral deadline after the exam', () =>
    expect(
      windowOrderError({ ...base, windows: { ...DEMO_WINDOWS, deferral: { start: '2026-09-01', end: '2027-02-15' } } }),
    ).toContain('延期考核申请时间'));
  it('refuses windows outside the period', () =>
    expect(
      windowOrderError({
        ...base,
        windows: { ...DEMO_WINDOWS, registration: { start: '2024-06-01', end: '2027-01-31' } },
      }),
    ).toContain('报名时间'));
  it('refuses a period ending before it starts', () =>
    expect(windowOrderError({ ...base, periodEnd: '2024-12-31' })).toContain('结束日期'));
});
