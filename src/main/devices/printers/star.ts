import type { Bitmap } from './code128';

/**
 * Star Line Mode commands we build ourselves, because node-thermal-printer's Star driver gets them wrong (checked
 * byte by byte in tests/devices/star.test.ts against the Star command specification):
 * - its printQR never sends the "store data" header (ESC GS y D 1 m nL nH), so the printer prints the length bytes
 *   and the data as text instead of a QR code;
 * - its code128 drops the HRI and width bytes unless given Star-only option names (we pass those, see escpos.ts).
 */
const ESC = 0x1b;
const GS = 0x1d;

/** QR code, model 2, correction M, `cell` dots a module: ESC GS y S 0/1/2, ESC GS y D 1 0 nL nH data, ESC GS y P. */
export function starQr(data: string, cell = 5): Buffer {
  const bytes = Buffer.from(data, 'latin1');
  return Buffer.concat([
    Buffer.from([ESC, GS, 0x79, 0x53, 0x30, 0x02]),
    Buffer.from([ESC, GS, 0x79, 0x53, 0x31, 0x01]),
    Buffer.from([ESC, GS, 0x79, 0x53, 0x32, cell]),
    Buffer.from([ESC, GS, 0x79, 0x44, 0x31, 0x00, bytes.length & 0xff, bytes.length >> 8]),
    bytes,
    Buffer.from([ESC, GS, 0x79, 0x50]),
  ]);
}

/**
 * An image in Star Line Mode (which has no GS v 0): ESC 0 (3 mm line spacing, the height of one band), then per
 * 24-dot band ESC k nL nH and three bytes a column, top bit first, and LF; ESC z 1 puts the 4 mm spacing back.
 */
export function starBitImage(bmp: Bitmap): Buffer {
  const parts: Buffer[] = [Buffer.from([ESC, 0x30])];
  const w = bmp.width;
  for (let y0 = 0; y0 < bmp.height; y0 += 24) {
    const band = Buffer.alloc(4 + w * 3 + 1);
    band.set([ESC, 0x6b, w & 0xff, w >> 8]);
    for (let x = 0; x < w; x++)
      for (let k = 0; k < 3; k++) {
        let byte = 0;
        for (let bit = 0; bit < 8; bit++) {
          const y = y0 + k * 8 + bit;
          if (y < bmp.height && bmp.get(x, y)) byte |= 0x80 >> bit;
        }
        band[4 + x * 3 + k] = byte;
      }
    band[band.length - 1] = 0x0a;
    parts.push(band);
  }
  parts.push(Buffer.from([ESC, 0x7a, 0x01]));
  return Buffer.concat(parts);
}
