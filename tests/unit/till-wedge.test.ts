import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IDLE, scansIn, step, type WedgeKey, wedgeOptions } from '../../src/renderer/features/till/wedge';

/** Key presses for `text` then Enter, starting at `t0`, `gap` ms apart. */
function typed(text: string, t0: number, gap: number): WedgeKey[] {
  const keys = [...text].map((key, i) => ({ key, at: t0 + i * gap }));
  return [...keys, { key: 'Enter', at: t0 + text.length * gap }];
}

describe('keyboard-wedge scanner detection', () => {
  it('recognises a burst of characters a few ms apart ended by Enter as one scan', () => {
    expect(scansIn(typed('5012345678900', 1000, 8))).toEqual(['5012345678900']);
  });

  it('does not take a person typing the same digits (about 120 ms apart) for a scan', () => {
    expect(scansIn(typed('5012345678900', 1000, 120))).toEqual([]);
  });

  it('ignores bursts shorter than four characters (a quick double tap, not a barcode)', () => {
    expect(scansIn(typed('12', 0, 5))).toEqual([]);
    expect(scansIn(typed('123', 0, 5))).toEqual([]);
    expect(scansIn(typed('1234', 0, 5))).toEqual(['1234']);
  });

  it('accepts gaps up to 30 ms and splits the burst at a pause longer than 200 ms', () => {
    expect(scansIn(typed('ABCD1234', 0, 30))).toEqual(['ABCD1234']);
    const broken = typed('ABCD1234', 0, 10);
    for (const k of broken.slice(4)) k.at += 240; // a 250 ms hole after "ABCD"
    // what follows the hole is a new burst of its own, still long enough to be a scan
    expect(scansIn(broken)).toEqual(['1234']);
  });

  it('tolerates a late key or two inside a fast burst (the renderer was busy for a moment)', () => {
    const hiccup = typed('5012345678900', 0, 5);
    for (const k of hiccup.slice(6)) k.at += 150;
    for (const k of hiccup.slice(9)) k.at += 60;
    expect(scansIn(hiccup)).toEqual(['5012345678900']);
  });

  it('does not take a fast typist (every key 40 to 90 ms apart) for a scanner', () => {
    const gaps = [40, 90, 45, 80, 60, 41, 85, 70];
    let at = 0;
    const keys = [...'12345678'].map((key, i) => {
      at += gaps[i] as number;
      return { key, at };
    });
    expect(scansIn([...keys, { key: 'Enter', at: at + 50 }])).toEqual([]);
  });

  it('keeps only the scan when a person typed something before picking up the scanner', () => {
    const human = [...'sug'].map((key, i) => ({ key, at: i * 150 }));
    expect(scansIn([...human, ...typed('8991234567890', 1000, 6)])).toEqual(['8991234567890']);
  });

  it('finds consecutive scans', () => {
    expect(scansIn([...typed('11112222', 0, 5), ...typed('33334444', 500, 5)])).toEqual(['11112222', '33334444']);
  });

  it('needs Enter within 200 ms of the last character', () => {
    const slowEnter = typed('5012345678900', 0, 5);
    const enter = slowEnter[slowEnter.length - 1] as WedgeKey;
    enter.at += 250;
    expect(scansIn(slowEnter)).toEqual([]);
  });

  it('lets Shift through (capital letters from a scanner) and breaks the burst on other keys', () => {
    const withShift: WedgeKey[] = [
      { key: 'Shift', at: 0 },
      { key: 'A', at: 1 },
      { key: 'B', at: 5 },
      { key: 'Shift', at: 7 },
      { key: 'c', at: 9 },
      { key: 'd', at: 13 },
      { key: 'Enter', at: 17 },
    ];
    expect(scansIn(withShift)).toEqual(['ABcd']);
    const withArrow = typed('12345678', 0, 5);
    withArrow.splice(4, 0, { key: 'ArrowLeft', at: 18 });
    expect(scansIn(withArrow)).toEqual(['5678']);
    const withCtrl = typed('12345678', 0, 5);
    withCtrl.splice(7, 0, { key: 'v', at: 33, withCommand: true });
    expect(scansIn(withCtrl)).toEqual([]);
  });

  it('marks the character that starts a burst so the caller can remember the field text before it', () => {
    const first = step(IDLE, { key: '5', at: 100 });
    expect(first.verdict).toEqual({ kind: 'char', burstStart: true });
    const second = step(first.state, { key: '0', at: 105 });
    expect(second.verdict).toEqual({ kind: 'char', burstStart: false });
    const later = step(second.state, { key: '1', at: 500 });
    expect(later.verdict).toEqual({ kind: 'char', burstStart: true });
  });

  it('never reports a scan when every gap is longer than 30 ms, whatever is typed', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...'0123456789abcXYZ'.split(''), 'Enter'), { maxLength: 60 }),
        fc.array(fc.integer({ min: 31, max: 400 }), { minLength: 60, maxLength: 60 }),
        (keys, gaps) => {
          let at = 0;
          const presses = keys.map((key, i) => {
            at += gaps[i] as number;
            return { key, at };
          });
          return scansIn(presses).length === 0;
        },
      ),
    );
  });

  it('always reports exactly the scanned code for a fast burst of at least four printable characters', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[\x21-\x7e]{4,40}$/), fc.integer({ min: 1, max: 30 }), (code, gap) => {
        expect(scansIn(typed(code, 10_000, gap))).toEqual([code]);
      }),
    );
  });
});

describe("keyboard-wedge detection with the shop's interval setting", () => {
  const slowScanner = wedgeOptions({ maxGapMs: 100, minLength: 4 });

  it('takes a slow scanner (80 ms a key) for a scanner once the setting allows 100 ms', () => {
    expect(scansIn(typed('2900000000017', 0, 80))).toEqual([]);
    expect(scansIn(typed('2900000000017', 0, 80), slowScanner)).toEqual(['2900000000017']);
  });

  it('still takes a person typing at 150 ms a key for typing, at the highest setting allowed', () => {
    expect(scansIn(typed('2900000000017', 0, 150), wedgeOptions({ maxGapMs: 120, minLength: 4 }))).toEqual([]);
  });

  it('keeps a slow scan whole when one key comes late (the hold grows with the interval)', () => {
    const late = typed('2900000000017', 0, 80);
    for (const k of late.slice(7)) k.at += 150; // one 230 ms pause: longer than the default 200 ms hold
    expect(scansIn(late, slowScanner)).toEqual(['2900000000017']);
  });

  it('uses the minimum length from the setting', () => {
    expect(scansIn(typed('123456', 0, 5), wedgeOptions({ maxGapMs: 30, minLength: 8 }))).toEqual([]);
    expect(scansIn(typed('12345678', 0, 5), wedgeOptions({ maxGapMs: 30, minLength: 8 }))).toEqual(['12345678']);
  });

  it('keeps the built-in defaults when the shop has no setting', () => {
    expect(wedgeOptions(undefined)).toEqual({ maxGapMs: 30, maxHoldMs: 200, minLength: 4 });
  });

  it('never reports a scan for gaps above the setting, whatever the setting and the text', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 5, max: 120 }),
        fc.stringMatching(/^[0-9A-Z]{4,20}$/),
        fc.integer({ min: 1, max: 200 }),
        (maxGapMs, code, extra) => {
          const opts = wedgeOptions({ maxGapMs, minLength: 4 });
          return scansIn(typed(code, 0, maxGapMs + extra), opts).length === 0;
        },
      ),
    );
  });
});
