import { z } from 'zod';

/**
 * One vocabulary for a reviewer's decision. Every review in the manuals is a yes or a no
 * (提交/通过/同意/允许修改 vs 驳回/不同意/不允许修改); machine events are named
 * `<WHO>_APPROVE` / `<WHO>_REJECT…` after it.
 */
export const DECISIONS = ['approve', 'reject'] as const;
export type Decision = (typeof DECISIONS)[number];
export const DECISION_LABELS = { approve: '同意', reject: '不同意' } as const satisfies Record<Decision, string>;

/** 免考 reviews reject in two ways (seed 003): the physician may supplement, or may not apply again. */
export const EXEMPTION_DECISIONS = ['approve', 'reject_supplement', 'reject_final'] as const;
export type ExemptionDecision = (typeof EXEMPTION_DECISIONS)[number];

/**
 * Older names still sent by clients: 免考 `pass`, 延期 `同意`/`不同意`. Accepted on input and
 * read as the decision above, so a client can switch at its own pace.
 */
const LEGACY: Record<string, string> = { pass: 'approve', 同意: 'approve', 不同意: 'reject' };
const normalise = (v: unknown) => (typeof v === 'string' && v in LEGACY ? LEGACY[v] : v);

export const ZDecision = z.preprocess(normalise, z.enum(DECISIONS, { message: '请选择同意或不同意' }));
export const ZExemptionDecision = z.preprocess(normalise, z.enum(EXEMPTION_DECISIONS, { message: '请选择审核结果' }));
