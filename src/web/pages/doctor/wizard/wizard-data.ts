import dayjs from 'dayjs';
import type { TMine } from '../../../../shared/schemas/enrolment';

/** Converting a wizard step between the API's JSON and the antd form's values (dates as dayjs). */
export const FMT = 'YYYY/MM/DD';
export type Rec = Record<string, unknown>;
export type StepKey = 'basic' | 'practice' | 'experience' | 'self';
export const STEP_KEYS: StepKey[] = ['basic', 'practice', 'experience', 'self'];
const DATE_FIELDS: Record<StepKey, string[]> = {
  basic: ['birthDate'],
  practice: ['titleDate', 'positionDate', 'firstRegisteredAt'],
  experience: [],
  self: [],
};
export const LIST_KEYS = ['multiSites', 'education', 'practice', 'awards', 'papers', 'books', 'patents'] as const;
const LIST_DATES = ['start', 'end', 'date'];

const toDay = (v: unknown) => (typeof v === 'string' && v ? dayjs(v) : undefined);
const toIso = (v: unknown) => (v && dayjs.isDayjs(v) ? v.format('YYYY-MM-DD') : undefined);
function clean(o: Rec): Rec {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null && v !== ''));
}

export function toForm(step: StepKey, src: Rec): Rec {
  if (step === 'experience') {
    const exp = (src.experience ?? {}) as Rec;
    return Object.fromEntries(
      LIST_KEYS.map((k) => [
        k,
        ((exp[k] as Rec[] | undefined) ?? []).map((it) => ({
          ...it,
          ...Object.fromEntries(LIST_DATES.filter((d) => it[d]).map((d) => [d, toDay(it[d])])),
        })),
      ]),
    );
  }
  const out: Rec = { ...src };
  for (const d of [...DATE_FIELDS.basic, ...DATE_FIELDS.practice]) if (d in src) out[d] = toDay(src[d]);
  return out;
}

export function fromForm(step: StepKey, v: Rec): Rec {
  if (step === 'experience') {
    return Object.fromEntries(
      LIST_KEYS.map((k) => [
        k,
        ((v[k] as Rec[] | undefined) ?? [])
          .filter(Boolean)
          .map((it) => clean({ ...it, ...Object.fromEntries(LIST_DATES.map((d) => [d, toIso(it[d])])) })),
      ]),
    );
  }
  const out: Rec = { ...v };
  for (const d of DATE_FIELDS[step]) out[d] = toIso(v[d]);
  if (step === 'self' && Array.isArray(v.disqualifying))
    out.disqualifying = (v.disqualifying as unknown[]).map((x) => x ?? null);
  return clean(out);
}

export type WizardMode = 'register' | 'change';

/**
 * What a step shows: the registration (or, in 医师信息修改, the registration overlaid with the
 * proposed edits), pre-filled from the physician record where still empty.
 */
export function stepSource(mine: TMine, mode: WizardMode): { registration: Rec; self: Rec } {
  const e = mine.enrolment;
  if (!e) return { registration: {}, self: {} };
  const proposed = (mode === 'change' ? (mine.changeRequest?.proposed ?? {}) : {}) as Rec;
  const { selfEvaluation: proposedSelf, photoFileId: _photo, ...proposedReg } = proposed;
  const p = mine.prefill;
  return {
    registration: {
      gender: p.gender,
      birthDate: p.birthDate,
      mobile: p.mobile,
      level: p.level,
      category: p.category,
      scope: p.scope || undefined,
      qualificationNo: p.qualificationNo || undefined,
      licenseNo: p.licenseNo || undefined,
      firstRegisteredAt: p.firstRegisteredAt,
      ...e.registration,
      ...proposedReg,
    },
    self: { ...e.selfEvaluation, ...((proposedSelf as Rec | undefined) ?? {}) },
  };
}

/** The photo shown in the wizard: the proposed one while a change is being edited, else the registered one. */
export function photoOf(mine: TMine, mode: WizardMode): { url: string; version: string } | null {
  const e = mine.enrolment;
  if (!e) return null;
  const proposed = mode === 'change' ? (mine.changeRequest?.proposed?.photoFileId as string | undefined) : undefined;
  if (proposed) return { url: `/api/enrolments/${e.id}/photo?proposed=1&v=${proposed}`, version: proposed };
  return e.photoFileId ? { url: `/api/enrolments/${e.id}/photo?v=${e.photoFileId}`, version: e.photoFileId } : null;
}
