import { hash, verify } from '@node-rs/argon2';

// argon2id with OWASP's second recommended profile (19 MiB, t=2, p=1).
const OPTIONS = {
  algorithm: 2 /* Algorithm.Argon2id (const enum) */,
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
} as const;

export const INSTITUTION_INITIAL_PASSWORD = '666666';

export function hashPassword(plain: string): Promise<string> {
  return hash(plain, OPTIONS);
}

export async function verifyPassword(hashed: string, plain: string): Promise<boolean> {
  try {
    return await verify(hashed, plain);
  } catch {
    return false;
  }
}

/** Physician initial password per province rule: '666666' or the last six of the ID (X upper-case). */
export function physicianInitialPassword(rule: '666666' | 'id_last6', idNumber: string): string {
  return rule === 'id_last6' ? idNumber.toUpperCase().slice(-6) : '666666';
}

/** New passwords: 8–32 characters with letters and digits, not the initial password. */
export function passwordPolicyError(pw: string): string | null {
  if (pw.length < 8 || pw.length > 32) return '新密码长度应为8至32位';
  if (!/[A-Za-z]/.test(pw) || !/\d/.test(pw)) return '新密码须同时包含字母和数字';
  return null;
}
