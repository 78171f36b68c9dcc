// vitest global setup: tests that spawn `bin/counterline.mjs` run the built main process, so build it once here
// rather than let several test files rebuild it at the same time.
// @ts-expect-error: a plain .mjs build script, without type declarations
import { buildMain } from '../scripts/build.mjs';

export default async function setup(): Promise<void> {
  await buildMain();
}
