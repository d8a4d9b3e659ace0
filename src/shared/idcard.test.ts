import { describe, expect, it } from 'vitest';
import { idCheckDigit, normaliseIdNumber } from './idcard.js';

describe('居民身份证号码', () => {
  it('computes the GB 11643 check digit', () => {
    expect(idCheckDigit('11010519491231002')).toBe('X');
    expect(normaliseIdNumber('11010519491231002x')).toMatchObject({
      ok: true,
      value: '11010519491231002X',
      birthDate: '1949-12-31',
      gender: '女',
    });
  });
  it('rejects a wrong check digit, bad dates and bad shapes', () => {
    expect(normaliseIdNumber('110105194912310021').ok).toBe(false);
    expect(normaliseIdNumber('110105194913310020').ok).toBe(false);
    expect(normaliseIdNumber('12345').ok).toBe(false);
  });
  it('converts a legacy 15-digit number to its 18-digit form', () => {
    const r = normaliseIdNumber('110105491231002');
    expect(r).toMatchObject({ ok: true, value: '11010519491231002X' });
  });
});
