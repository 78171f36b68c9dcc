// A keyboard-wedge scanner "types" a code as a burst of key presses a few milliseconds apart and ends it with Enter.
// People do not keep up 30 ms between keys, so timing alone tells a scan from typing. The timing is read in the
// renderer, which can be busy for a moment (a render, a garbage collection) and see one late key inside a burst:
// so the rule is on the burst's typical (median) gap, with a hard ceiling on any single gap.
// This file is pure (no DOM): the caller feeds key presses with their timestamps and gets a verdict back.

export interface WedgeOptions {
  /** the median pause between keys of one scan may be at most this, in ms */
  maxGapMs: number;
  /** any longer pause (also before Enter) ends the burst: what follows is typed anew */
  maxHoldMs: number;
  /** the fewest characters a scan has (shorter bursts are a person's quick double tap) */
  minLength: number;
}

// 200 ms: far more than a scanner's worst pause under load, far less than a cashier needs to put down the keyboard
// and pick up the scanner (so a person's key before a scan does not join it).
export const DEFAULT_WEDGE_OPTIONS: WedgeOptions = { maxGapMs: 30, maxHoldMs: 200, minLength: 4 };

/**
 * The detector's options from the shop's setting. A slow scanner (80 ms a key) needs a higher `maxGapMs`; the hold
 * grows with it (2.5 times, at least 200 ms) so one late key does not split such a scan in two.
 */
export function wedgeOptions(setting?: { maxGapMs: number; minLength: number } | null): WedgeOptions {
  if (!setting) return DEFAULT_WEDGE_OPTIONS;
  const maxGapMs = Math.max(1, setting.maxGapMs);
  return {
    maxGapMs,
    maxHoldMs: Math.max(DEFAULT_WEDGE_OPTIONS.maxHoldMs, Math.round(maxGapMs * 2.5)),
    minLength: Math.max(1, setting.minLength),
  };
}

export interface WedgeState {
  /** characters of the burst in progress */
  chars: string;
  /** pauses before each character after the first, in ms */
  gaps: readonly number[];
  /** timestamp of the latest character */
  lastAt: number;
}

export const IDLE: WedgeState = { chars: '', gaps: [], lastAt: 0 };

/** What one key press meant. A character that starts a new burst says so (the caller notes the field's text then). */
export type WedgeVerdict = { kind: 'char'; burstStart: boolean } | { kind: 'scan'; code: string } | { kind: 'other' };

export interface WedgeKey {
  /** KeyboardEvent.key: one printable character, 'Enter', or any other key name */
  key: string;
  /** ms, from one monotonic clock (KeyboardEvent.timeStamp) */
  at: number;
  /** Ctrl, Alt or Meta held: a shortcut, never part of a scan */
  withCommand?: boolean;
}

/** Keys a scanner may send around characters without breaking the burst (Shift for capitals). */
const NEUTRAL_KEYS = new Set(['Shift', 'CapsLock']);

/** Advances the detector by one key press. */
export function step(
  state: WedgeState,
  press: WedgeKey,
  opts: WedgeOptions = DEFAULT_WEDGE_OPTIONS,
): { state: WedgeState; verdict: WedgeVerdict } {
  const { key, at } = press;
  if (NEUTRAL_KEYS.has(key)) return { state, verdict: { kind: 'other' } };
  if (press.withCommand) return { state: IDLE, verdict: { kind: 'other' } };

  if (key === 'Enter') {
    const gap = at - state.lastAt;
    const scan = state.chars && gap >= 0 && gap <= opts.maxHoldMs ? scanIn(state, opts) : null;
    return { state: IDLE, verdict: scan ? { kind: 'scan', ...scan } : { kind: 'other' } };
  }

  if (key.length !== 1) return { state: IDLE, verdict: { kind: 'other' } };

  const gap = at - state.lastAt;
  if (state.chars.length > 0 && gap >= 0 && gap <= opts.maxHoldMs) {
    return {
      state: { chars: state.chars + key, gaps: [...state.gaps, gap], lastAt: at },
      verdict: { kind: 'char', burstStart: false },
    };
  }
  return { state: { chars: key, gaps: [], lastAt: at }, verdict: { kind: 'char', burstStart: true } };
}

/** The scan in a finished burst: long enough, and typed at a scanner's pace. */
function scanIn(state: WedgeState, opts: WedgeOptions): { code: string } | null {
  if (state.chars.length < opts.minLength) return null;
  const gaps = [...state.gaps].sort((a, b) => a - b);
  const median = gaps[Math.floor((gaps.length - 1) / 2)] ?? 0;
  return median <= opts.maxGapMs ? { code: state.chars } : null;
}

/** Runs a whole sequence of key presses; handy for tests and for replaying recorded input. */
export function scansIn(presses: readonly WedgeKey[], opts: WedgeOptions = DEFAULT_WEDGE_OPTIONS): string[] {
  let state = IDLE;
  const codes: string[] = [];
  for (const p of presses) {
    const r = step(state, p, opts);
    state = r.state;
    if (r.verdict.kind === 'scan') codes.push(r.verdict.code);
  }
  return codes;
}
