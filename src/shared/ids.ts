import type { Clock } from './clock';

/**
 * Time-ordered ids (UUIDv7 layout): 48-bit millisecond timestamp, then a counter that keeps ids made in the same
 * millisecond in order, then random bits. Text ids let several tills merge their data later.
 */
export type IdSource = () => string;

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export function uuidv7Source(clock: Clock, random: (bytes: Uint8Array) => void = defaultRandom): IdSource {
  let lastMs = -1;
  let seq = 0;
  return () => {
    let ms = clock.now();
    if (ms <= lastMs) {
      ms = lastMs;
      seq += 1;
      if (seq > 0xfff) {
        ms = lastMs + 1;
        seq = 0;
      }
    } else {
      seq = 0;
    }
    lastMs = ms;
    const b = new Uint8Array(16);
    random(b);
    const hi = Math.floor(ms / 2 ** 16);
    const lo = ms % 2 ** 16;
    b[0] = (hi >>> 24) & 0xff;
    b[1] = (hi >>> 16) & 0xff;
    b[2] = (hi >>> 8) & 0xff;
    b[3] = hi & 0xff;
    b[4] = (lo >>> 8) & 0xff;
    b[5] = lo & 0xff;
    b[6] = 0x70 | ((seq >>> 8) & 0x0f);
    b[7] = seq & 0xff;
    b[8] = 0x80 | ((b[8] as number) & 0x3f);
    let hex = '';
    for (let i = 0; i < 16; i++) hex += HEX[b[i] as number];
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  };
}

// Web Crypto exists in browsers and Node alike; typed by hand so src/shared needs neither DOM nor Node types.
const webCrypto = (globalThis as unknown as { crypto: { getRandomValues(b: Uint8Array): Uint8Array } }).crypto;

// one getRandomValues call per 256 ids instead of one per id: an import of 100k customers makes ~400k ids
const pool = new Uint8Array(4096);
let poolAt = pool.length;

function defaultRandom(bytes: Uint8Array): void {
  if (bytes.length > pool.length) {
    webCrypto.getRandomValues(bytes);
    return;
  }
  if (poolAt + bytes.length > pool.length) {
    webCrypto.getRandomValues(pool);
    poolAt = 0;
  }
  bytes.set(pool.subarray(poolAt, poolAt + bytes.length));
  poolAt += bytes.length;
}

/** Deterministic ids for tests: same clock and seed, same ids. */
export function seededRandom(seed: number): (bytes: Uint8Array) => void {
  let s = seed >>> 0 || 1;
  return (bytes) => {
    for (let i = 0; i < bytes.length; i++) {
      s ^= s << 13;
      s ^= s >>> 17;
      s ^= s << 5;
      bytes[i] = s & 0xff;
    }
  };
}

/** Human document numbers: S-000123, or with a till prefix T2-S-000123. */
export function documentNumber(kind: string, n: number, tillPrefix = ''): string {
  return `${tillPrefix ? `${tillPrefix}-` : ''}${kind}-${String(n).padStart(6, '0')}`;
}
