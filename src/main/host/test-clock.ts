import { type Clock, systemClock } from '../../shared/clock';

/** Set by the end-to-end test configuration only; a normal run never has it, so the clock cannot be moved. */
export const TEST_CLOCK_ENV = 'COUNTERLINE_TEST_CLOCK';

export interface MovableClock extends Clock {
  /** how far ahead of the real time the app runs, in ms */
  offset(): number;
  setOffset(ms: number): void;
}

/**
 * The real clock plus an offset the e2e tests can move (`POST /test/clock {"offsetMs": N}` on the browser host), so a
 * test can see what the shop sees 45 days after a sale. Null unless COUNTERLINE_TEST_CLOCK=1.
 */
export function testClockFromEnv(env: NodeJS.ProcessEnv = process.env): MovableClock | null {
  if (env[TEST_CLOCK_ENV] !== '1') return null;
  let offset = 0;
  return {
    now: () => systemClock.now() + offset,
    offset: () => offset,
    setOffset: (ms) => {
      offset = ms;
    },
  };
}
