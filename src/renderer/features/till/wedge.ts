// A keyboard-wedge scanner "types" a code as a burst of key presses a few milliseconds apart and ends it with Enter.
// People rarely press more than two keys within 30 ms of each other, so timing alone tells a scan from typing.
// This file is pure (no DOM): the caller feeds key presses with their timestamps and gets a verdict back.

export interface WedgeOptions {
  /** the longest pause between two keys of one scan, in ms */
  maxGapMs: number;
  /** the fewest characters a scan has (shorter bursts are a person's quick double tap) */
  minLength: number;
  /** the longest pause between the last character and Enter (some scanners add a short suffix delay) */
  maxEnterGapMs: number;
}

export const DEFAULT_WEDGE_OPTIONS: WedgeOptions = { maxGapMs: 30, minLength: 4, maxEnterGapMs: 50 };

export interface WedgeState {
  /** characters of the burst in progress */
  chars: string;
  /** timestamp of the burst's first character */
  startedAt: number;
  /** timestamp of the latest character */
  lastAt: number;
}

export const IDLE: WedgeState = { chars: '', startedAt: 0, lastAt: 0 };

/** What one key press meant. `burstStart` is true on a character that starts a new burst (the caller notes where). */
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
    const fastEnough = state.chars.length > 0 && at - state.lastAt <= opts.maxEnterGapMs;
    if (fastEnough && state.chars.length >= opts.minLength) {
      return { state: IDLE, verdict: { kind: 'scan', code: state.chars } };
    }
    return { state: IDLE, verdict: { kind: 'other' } };
  }

  if (key.length !== 1) return { state: IDLE, verdict: { kind: 'other' } };

  const continues = state.chars.length > 0 && at - state.lastAt <= opts.maxGapMs && at >= state.lastAt;
  if (continues) {
    return { state: { ...state, chars: state.chars + key, lastAt: at }, verdict: { kind: 'char', burstStart: false } };
  }
  return { state: { chars: key, startedAt: at, lastAt: at }, verdict: { kind: 'char', burstStart: true } };
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

/**
 * The text a field should keep once a scan that was typed into it is recognised: the scanned characters are taken
 * out again. `before` is the field's value when the burst started (used when the code cannot be found in `now`,
 * e.g. the field changed it on the way).
 */
export function withoutScan(now: string, code: string, before: string): string {
  const at = now.lastIndexOf(code);
  if (at >= 0) return now.slice(0, at) + now.slice(at + code.length);
  return before;
}
