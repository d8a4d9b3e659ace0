import type { Tx } from '../../db/client.js';
import { cycles } from '../../db/schema/index.js';
import type { DemoContext } from '../../seed/demo.js';
import { DEFAULT_CONTENT_ITEMS, DEFAULT_PAPER_RULES } from '../../../shared/schemas/cycle.js';

export const order = 10;

/**
 * A consistent set of windows for the 2025–2027 cycle (used by tests as a fixed fixture):
 * registration, deferral, first-round exam and grading open around 2026-11; re-exam in 2027-03.
 */
export const DEMO_WINDOWS = {
  registration: { start: '2026-09-01', end: '2027-01-31' },
  deferral: { start: '2026-09-01', end: '2027-01-15' },
  exam: { start: '2026-10-01', end: '2027-01-31' },
  grading: { start: '2026-10-01', end: '2027-02-28' },
  reexam: { start: '2027-03-01', end: '2027-04-30' },
  reexamGrading: { start: '2027-03-01', end: '2027-05-31' },
};

/**
 * The same shape relative to the day the demo is seeded, so a demo started months from now
 * still has its registration, exam and grading windows open and the re-exam ahead.
 */
export function demoWindows(today: Date): typeof DEMO_WINDOWS {
  const day = (offset: number) =>
    new Date(today.getTime() + 8 * 3600_000 + offset * 86_400_000).toISOString().slice(0, 10);
  return {
    registration: { start: day(-80), end: day(70) },
    deferral: { start: day(-80), end: day(55) },
    exam: { start: day(-50), end: day(70) },
    grading: { start: day(-50), end: day(98) },
    reexam: { start: day(100), end: day(160) },
    reexamGrading: { start: day(100), end: day(190) },
  };
}

export async function seedDemo(tx: Tx, ctx: DemoContext): Promise<void> {
  await tx.insert(cycles).values({
    provinceId: ctx.provinceId,
    name: '2025—2027年度医师定期考核',
    periodStart: '2025-01-01',
    periodEnd: '2027-12-31',
    isCurrent: true,
    windows: demoWindows(new Date()),
    contentItems: DEFAULT_CONTENT_ITEMS,
    passHumanities: 60,
    passProfessionalPhysician: 60,
    passProfessionalAssistant: 55,
    paperRules: DEFAULT_PAPER_RULES,
    procedureChoice: 'with_registration',
  });
}
