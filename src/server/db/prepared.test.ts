import { describe, expect, it } from 'vitest';
import { StatementNamer, withAutoName } from './prepared.js';

const small = () => new StatementNamer({ threshold: 3, maxNames: 2, maxTracked: 3, maxTextLength: 40 });

describe('StatementNamer (decision 0122)', () => {
  it('names a text from its third use on, always with the same name', () => {
    const n = small();
    const q = 'select 1 where a = $1';
    expect([n.nameFor(q), n.nameFor(q)]).toEqual([undefined, undefined]);
    const name = n.nameFor(q);
    expect(name).toMatch(/^dk_auto_[0-9a-f]{20}$/);
    expect(n.nameFor(q)).toBe(name);
    expect(new StatementNamer().nameFor(q)).toBeUndefined();
  });

  it('names at most maxNames texts, never a text longer than maxTextLength, and counts at most maxTracked', () => {
    const n = small();
    const use = (q: string, times: number) => Array.from({ length: times }, () => n.nameFor(q)).at(-1);
    expect(use(`select ${'x'.repeat(40)} $1`, 5)).toBeUndefined(); // too long
    expect(use('q1 $1', 3)).toBeDefined();
    expect(use('q2 $1', 3)).toBeDefined();
    expect(use('q3 $1', 5)).toBeUndefined(); // cap of 2 names reached
    expect(n.size).toBe(2);
    const m = small();
    for (const q of ['a $1', 'b $1', 'c $1']) m.nameFor(q);
    expect([m.nameFor('d $1'), m.nameFor('d $1'), m.nameFor('d $1')]).toEqual([undefined, undefined, undefined]);
    expect([m.nameFor('a $1'), m.nameFor('a $1')].at(-1)).toBeDefined(); // already counted ones go on
  });
});

describe('withAutoName', () => {
  const seen = (q: string) => {
    const n = new StatementNamer();
    n.nameFor(q);
    n.nameFor(q);
    return n;
  };

  it('adds the name to a parameterised unnamed config without changing the caller’s object', () => {
    const cfg = { text: 'select * from t where id = $1', rowMode: 'array' };
    const out = withAutoName(cfg, [1], seen(cfg.text));
    expect(out).toMatchObject({ text: cfg.text, rowMode: 'array', name: expect.stringMatching(/^dk_auto_/) });
    expect(cfg).not.toHaveProperty('name');
    expect(withAutoName({ text: cfg.text, values: [2] }, undefined, seen(cfg.text))).toHaveProperty('name');
  });

  it('leaves alone texts without parameters (may hold several commands), named configs, strings and Query objects', () => {
    const t = 'BEGIN; SELECT 1; COMMIT';
    expect(withAutoName({ text: t }, [], seen(t))).not.toHaveProperty('name');
    expect(withAutoName({ text: 'x $1', name: 'mine' }, [1], seen('x $1'))).toEqual({ text: 'x $1', name: 'mine' });
    expect(withAutoName('x $1', [1], seen('x $1'))).toBe('x $1');
    const cursorLike = { text: 'x $1', submit: () => undefined };
    expect(withAutoName(cursorLike, [1], seen('x $1'))).toBe(cursorLike);
  });
});
