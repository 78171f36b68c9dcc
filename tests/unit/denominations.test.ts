import { describe, expect, it } from 'vitest';
import { countTotal, DENOMINATIONS } from '../../src/shared/denominations';

describe('counting a drawer by notes and coins', () => {
  it('adds value × quantity in minor units, pence and cents included', () => {
    expect(
      countTotal('GBP', [
        { value: 2_000, kind: 'note', qty: 3 },
        { value: 50, kind: 'coin', qty: 3 },
        { value: 1, kind: 'coin', qty: 7 },
      ]),
    ).toBe(6_157);
    expect(countTotal('KES', [{ value: 100_000, kind: 'note', qty: 2 }])).toBe(200_000);
    expect(countTotal('UGX', [])).toBe(0);
  });

  it('tells a UGX 1,000 note from the coin, and refuses a note the currency does not have', () => {
    expect(
      countTotal('UGX', [
        { value: 1_000, kind: 'note', qty: 1 },
        { value: 1_000, kind: 'coin', qty: 2 },
      ]),
    ).toBe(3_000);
    expect(() => countTotal('UGX', [{ value: 100_000, kind: 'note', qty: 1 }])).toThrow(/UGX has no note of 100000/);
    expect(() => countTotal('USD', [{ value: 100, kind: 'note', qty: 1 }])).toThrow();
  });

  it('lists every currency largest first, notes before coins', () => {
    for (const list of Object.values(DENOMINATIONS)) {
      const notes = list.filter((d) => d.kind === 'note').map((d) => d.value);
      const coins = list.filter((d) => d.kind === 'coin').map((d) => d.value);
      expect(notes).toEqual([...notes].sort((a, b) => b - a));
      expect(coins).toEqual([...coins].sort((a, b) => b - a));
      expect(list.findIndex((d) => d.kind === 'coin')).toBe(notes.length);
    }
  });
});
