import type { Bitmap } from './code128';
import { decodePng } from './png';

/** Printable dots across the paper at 203 dpi (the common thermal head): 48 mm on 58 mm paper, 72 mm on 80 mm. */
export const PAPER_DOTS: Record<58 | 80, number> = { 58: 384, 80: 576 };
/** A logo taller than this would push the receipt's content off the first glance; it is scaled down. */
export const LOGO_MAX_HEIGHT = 200;

/** A 1-bit image kept as rows of packed booleans, so it can be printed and previewed from the same dots. */
export interface LogoBitmap extends Bitmap {
  dots: Uint8Array;
}

/**
 * The shop logo (a PNG data URL from the store settings) as the dots the printer prints: scaled down to fit the
 * paper (never up), transparent pixels white, then black where the pixel is darker than mid-grey. A plain threshold
 * rather than dithering: logos are mostly flat colour and text, which dithering turns grey and fuzzy.
 * Returns null when there is no logo or it is not a PNG (the receipt then prints without it).
 */
export function logoBitmap(dataUrl: string | null | undefined, maxWidth: number): LogoBitmap | null {
  const m = /^data:image\/png;base64,(.+)$/.exec(dataUrl ?? '');
  if (!m?.[1]) return null;
  const img = decodePng(Buffer.from(m[1], 'base64'));
  const scale = Math.min(1, maxWidth / img.width, LOGO_MAX_HEIGHT / img.height);
  const width = Math.max(1, Math.round(img.width * scale));
  const height = Math.max(1, Math.round(img.height * scale));
  const dots = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    // box filter: the average of the source pixels this dot covers
    const y0 = Math.floor(y / scale);
    const y1 = Math.max(y0 + 1, Math.floor((y + 1) / scale));
    for (let x = 0; x < width; x++) {
      const x0 = Math.floor(x / scale);
      const x1 = Math.max(x0 + 1, Math.floor((x + 1) / scale));
      let sum = 0;
      let n = 0;
      for (let sy = y0; sy < Math.min(y1, img.height); sy++)
        for (let sx = x0; sx < Math.min(x1, img.width); sx++) {
          const o = (sy * img.width + sx) * 4;
          const a = (img.rgba[o + 3] as number) / 255;
          const lum =
            0.299 * (img.rgba[o] as number) + 0.587 * (img.rgba[o + 1] as number) + 0.114 * (img.rgba[o + 2] as number);
          sum += lum * a + 255 * (1 - a);
          n++;
        }
      dots[y * width + x] = n && sum / n < 128 ? 1 : 0;
    }
  }
  return { width, height, dots, get: (x, y) => x < width && y < height && dots[y * width + x] === 1 };
}

/**
 * `ESC * 33` (24-dot double density bit image) for printers without `GS v 0`: the image in bands 24 dots high,
 * each column three bytes top to bottom, most significant bit at the top. Line spacing is set to 24 dots so the
 * bands touch, and put back to the default (`ESC 2`) after.
 */
export function bitImageCommands(bmp: Bitmap): Buffer {
  const parts: Buffer[] = [Buffer.from([0x1b, 0x33, 24])];
  const w = bmp.width;
  for (let y0 = 0; y0 < bmp.height; y0 += 24) {
    const band = Buffer.alloc(5 + w * 3 + 1);
    band.set([0x1b, 0x2a, 33, w & 0xff, w >> 8]);
    for (let x = 0; x < w; x++) {
      for (let k = 0; k < 3; k++) {
        let byte = 0;
        for (let bit = 0; bit < 8; bit++) {
          const y = y0 + k * 8 + bit;
          if (y < bmp.height && bmp.get(x, y)) byte |= 0x80 >> bit;
        }
        band[5 + x * 3 + k] = byte;
      }
    }
    band[band.length - 1] = 0x0a;
    parts.push(band);
  }
  parts.push(Buffer.from([0x1b, 0x32]));
  return Buffer.concat(parts);
}
