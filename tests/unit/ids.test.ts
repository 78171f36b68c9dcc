import { describe, expect, it } from 'vitest';
import { testClock } from '../../src/shared/clock';
import { Id } from '../../src/shared/contract/common';
import { documentNumber, seededRandom, uuidv7Source } from '../../src/shared/ids';

describe('ids', () => {
  it('are UUIDv7 and sort in the order they were made, also within one millisecond', () => {
    const clock = testClock();
    const next = uuidv7Source(clock);
    const ids: string[] = [];
    for (let i = 0; i < 5000; i++) {
      if (i % 1000 === 0) clock.advance(1);
      ids.push(next());
    }
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids.slice(0, 20)) expect(Id.safeParse(id).success).toBe(true);
  });

  it('carry the clock time in the first 48 bits', () => {
    const clock = testClock(Date.UTC(2026, 10, 24));
    const id = uuidv7Source(clock)();
    expect(Number.parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(Date.UTC(2026, 10, 24));
  });

  it('are deterministic for a seed and clock', () => {
    const a = uuidv7Source(testClock(), seededRandom(1));
    const b = uuidv7Source(testClock(), seededRandom(1));
    expect([a(), a(), a()]).toEqual([b(), b(), b()]);
  });

  it('make document numbers with the till prefix', () => {
    expect(documentNumber('S', 123)).toBe('S-000123');
    expect(documentNumber('R', 45, 'T2')).toBe('T2-R-000045');
  });
});
