import type { Tx } from '../../db/client.js';
import { cycles } from '../../db/schema/index.js';
import type { DemoContext } from '../../seed/demo.js';
import { DEFAULT_CONTENT_ITEMS, DEFAULT_PAPER_RULES } from '../../../shared/schemas/cycle.js';

export const order = 10;

/**
 * The demo province's current cycle 2025–2027. The demo date is 2026-11-21: registration,
 * deferral, first-round exam and grading windows are open then; the re-exam comes in 2027-03.
 */
export const DEMO_WINDOWS = {
  registration: { start: '2026-09-01', end: '2027-01-31' },
  deferral: { start: '2026-09-01', end: '2027-01-15' },
  exam: { start: '2026-10-01', end: '2027-01-31' },
  grading: { start: '2026-10-01', end: '2027-02-28' },
  reexam: { start: '2027-03-01', end: '2027-04-30' },
  reexamGrading: { start: '2027-03-01', end: '2027-05-31' },
};

export async function seedDemo(tx: Tx, ctx: DemoContext): Promise<void> {
  await tx.insert(cycles).values({
    provinceId: ctx.provinceId,
    name: '2025—2027年度医师定期考核',
    periodStart: '2025-01-01',
    periodEnd: '2027-12-31',
    isCurrent: true,
    windows: DEMO_WINDOWS,
    contentItems: DEFAULT_CONTENT_ITEMS,
    passHumanities: 60,
    passProfessionalPhysician: 60,
    passProfessionalAssistant: 55,
    paperRules: DEFAULT_PAPER_RULES,
    procedureChoice: 'with_registration',
  });
}
