/** 居民身份证号码 (GB 11643-1999): 18 digits with an ISO 7064 MOD 11-2 check digit. */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export function idCheckDigit(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK[sum % 11];
}

function validDate(yyyymmdd: string): boolean {
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  if (y < 1900 || m < 1 || m > 12 || d < 1) return false;
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

/** Physicians are adults: the holder of an ID number must be at least this old. */
export const MIN_HOLDER_AGE = 18;

/** The birth date's problem, or null: a real calendar date, not in the future, holder at least 18. */
export function birthDateProblem(yyyymmdd: string, today: Date): string | null {
  if (!validDate(yyyymmdd)) return '身份证号码中的出生日期无效';
  // the calendar date in China (UTC+8, no daylight saving), whatever the machine's time zone
  const cn = new Date(today.getTime() + 8 * 3600_000);
  const ymd = (d: Date) => d.getUTCFullYear() * 10000 + (d.getUTCMonth() + 1) * 100 + d.getUTCDate();
  const birth = Number(yyyymmdd);
  const now = ymd(cn);
  if (birth > now) return '身份证号码中的出生日期晚于今天，请核对后重新输入';
  // birthday arithmetic on yyyymmdd numbers: a 29 Feb birthday turns 18 on 1 Mar of a common year
  if (birth + MIN_HOLDER_AGE * 10000 > now) return `身份证号码显示持证人未满${MIN_HOLDER_AGE}周岁，请核对后重新输入`;
  return null;
}

export type IdResult =
  | { ok: true; value: string; birthDate: string; gender: '男' | '女' }
  | { ok: false; message: string };

/**
 * Validate and normalise a 居民身份证 number: trims, upper-cases a trailing x, and converts
 * a legacy 15-digit number to its 18-digit form (19 century prefix + check digit).
 */
export function normaliseIdNumber(raw: string, today: Date = new Date()): IdResult {
  const s = raw.trim().toUpperCase();
  let id18: string;
  if (/^\d{15}$/.test(s)) {
    const first17 = `${s.slice(0, 6)}19${s.slice(6)}`;
    id18 = first17 + idCheckDigit(first17);
  } else if (/^\d{17}[\dX]$/.test(s)) {
    id18 = s;
    if (idCheckDigit(s.slice(0, 17)) !== s[17])
      return { ok: false, message: '身份证号码校验位不正确，请核对后重新输入' };
  } else {
    return { ok: false, message: '身份证号码应为18位（或旧版15位）数字，最后一位可为X' };
  }
  const birth = id18.slice(6, 14);
  const problem = birthDateProblem(birth, today);
  if (problem) return { ok: false, message: problem };
  return {
    ok: true,
    value: id18,
    birthDate: `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}`,
    gender: Number(id18[16]) % 2 === 1 ? '男' : '女',
  };
}

/** Normalise any document number: 居民身份证 is validated; other types are stored as given (trimmed). */
export function normaliseDocument(
  idType: string,
  raw: string,
  today: Date = new Date(),
): IdResult | { ok: true; value: string } {
  if (idType === '居民身份证') return normaliseIdNumber(raw, today);
  const v = raw.trim();
  if (!v) return { ok: false, message: '证件号码不能为空' };
  return { ok: true, value: v };
}

export { maskIdNumber } from './domain/id-number.js';
