import { inflateSync } from 'node:zlib';
import { AppError } from '../../../shared/errors';

/** A decoded image: `rgba` holds 4 bytes a pixel, rows top to bottom. */
export interface Rgba {
  width: number;
  height: number;
  rgba: Uint8Array;
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

const bad = (why: string) =>
  new AppError('VALIDATION', `The logo cannot be read: ${why}. Save it as a PNG and try again.`);

/**
 * A small PNG reader (non-interlaced, every colour type, 8-bit channels or palette/grey at 1-8 bits): enough for a
 * shop logo, with no image library to install for it. 16-bit and interlaced files are refused in words.
 */
export function decodePng(file: Uint8Array): Rgba {
  const buf = Buffer.from(file);
  if (buf.length < 8 || !buf.subarray(0, 8).equals(SIGNATURE)) throw bad('it is not a PNG file');
  let width = 0;
  let height = 0;
  let depth = 0;
  let type = 0;
  let palette: Buffer | null = null;
  let alpha: Buffer | null = null;
  const idat: Buffer[] = [];
  for (let o = 8; o + 8 <= buf.length; ) {
    const len = buf.readUInt32BE(o);
    const kind = buf.toString('latin1', o + 4, o + 8);
    const body = buf.subarray(o + 8, o + 8 + len);
    if (kind === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      depth = body[8] as number;
      type = body[9] as number;
      if (body[12] !== 0) throw bad('it is interlaced');
    } else if (kind === 'PLTE') palette = body;
    else if (kind === 'tRNS') alpha = body;
    else if (kind === 'IDAT') idat.push(body);
    else if (kind === 'IEND') break;
    o += 12 + len;
  }
  const channels = CHANNELS[type];
  if (!width || !height || channels === undefined) throw bad('its header is missing or unknown');
  if (depth === 16 || (depth !== 8 && type !== 0 && type !== 3)) throw bad(`${depth}-bit colour is not supported`);
  if (width * height > 4_000_000) throw bad('it is larger than 4 megapixels');
  const bpp = Math.max(1, (channels * depth) / 8);
  const stride = Math.ceil((width * channels * depth) / 8);
  const raw = inflateSync(Buffer.concat(idat));
  if (raw.length < (stride + 1) * height) throw bad('the file is cut short');
  const rows = unfilter(raw, stride, height, bpp);
  const rgba = new Uint8Array(width * height * 4);
  const sample = (row: Uint8Array, i: number): number => {
    if (depth === 8) return row[i] as number;
    const bitPos = i * depth;
    return ((row[bitPos >> 3] as number) >> (8 - depth - (bitPos & 7))) & ((1 << depth) - 1);
  };
  const scale = 255 / ((1 << depth) - 1);
  for (let y = 0; y < height; y++) {
    const row = rows[y] as Uint8Array;
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 4;
      const i = x * channels;
      let r: number;
      let g: number;
      let b: number;
      let a = 255;
      if (type === 3) {
        const p = sample(row, x);
        r = palette?.[p * 3] ?? 0;
        g = palette?.[p * 3 + 1] ?? 0;
        b = palette?.[p * 3 + 2] ?? 0;
        a = alpha?.[p] ?? 255;
      } else if (type === 0 || type === 4) {
        r = g = b = Math.round(sample(row, i) * scale);
        if (type === 4) a = row[i + 1] as number;
      } else {
        r = row[i] as number;
        g = row[i + 1] as number;
        b = row[i + 2] as number;
        if (type === 6) a = row[i + 3] as number;
      }
      rgba.set([r, g, b, a], o);
    }
  }
  return { width, height, rgba };
}

/** Undoes the PNG row filters (none, sub, up, average, Paeth). */
function unfilter(raw: Buffer, stride: number, height: number, bpp: number): Uint8Array[] {
  const rows: Uint8Array[] = [];
  let prev = new Uint8Array(stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)] as number;
    const line = new Uint8Array(raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1)));
    for (let i = 0; i < stride; i++) {
      const left = i >= bpp ? (line[i - bpp] as number) : 0;
      const up = prev[i] as number;
      const upLeft = i >= bpp ? (prev[i - bpp] as number) : 0;
      const add =
        filter === 1
          ? left
          : filter === 2
            ? up
            : filter === 3
              ? (left + up) >> 1
              : filter === 4
                ? paeth(left, up, upLeft)
                : 0;
      line[i] = ((line[i] as number) + add) & 0xff;
    }
    rows.push(line);
    prev = line;
  }
  return rows;
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}
