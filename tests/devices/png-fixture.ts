import { crc32, deflateSync } from 'node:zlib';

type Pixel = [number, number, number, number];

function chunk(kind: string, body: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(body.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([Buffer.from(kind, 'latin1'), body])) >>> 0);
  return Buffer.concat([len, Buffer.from(kind, 'latin1'), body, crc]);
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/**
 * A PNG written the way image editors do, for tests: RGBA 8-bit (colour type 6), each row with a different filter
 * (none, sub, up, average, Paeth in turn) so a reader must undo every one of them.
 */
export function makePng(width: number, height: number, pixel: (x: number, y: number) => Pixel): Buffer {
  const stride = width * 4;
  const raw = Buffer.alloc((stride + 1) * height);
  let prev = Buffer.alloc(stride);
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(stride);
    for (let x = 0; x < width; x++) row.set(pixel(x, y), x * 4);
    const filter = y % 5;
    raw[y * (stride + 1)] = filter;
    for (let i = 0; i < stride; i++) {
      const left = i >= 4 ? (row[i - 4] as number) : 0;
      const up = prev[i] as number;
      const upLeft = i >= 4 ? (prev[i - 4] as number) : 0;
      const pred = [0, left, up, (left + up) >> 1, paeth(left, up, upLeft)][filter] as number;
      raw[y * (stride + 1) + 1 + i] = ((row[i] as number) - pred) & 0xff;
    }
    prev = row;
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

export const pngDataUrl = (png: Buffer) => `data:image/png;base64,${png.toString('base64')}`;

/** A 100 × 40 logo: black left half, white right half, a transparent (so white) band at the bottom 8 rows, and a
 * mid-grey square (light enough to print white) at the top right. */
export const TEST_LOGO = makePng(100, 40, (x, y) => {
  if (y >= 32) return [0, 0, 0, 0];
  if (x >= 80 && y < 10) return [150, 150, 150, 255];
  return x < 50 ? [0, 0, 0, 255] : [255, 255, 255, 255];
});
export const isBlackInTestLogo = (x: number, y: number) => y < 32 && x < 50;
