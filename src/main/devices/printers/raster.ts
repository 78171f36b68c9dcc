import QRCode from 'qrcode';
import type { Bitmap } from './code128';

/** A QR code as a bitmap, each module `scale` dots square, with a 4-module quiet zone. */
export function qrBitmap(data: string, scale = 4): Bitmap {
  const qr = QRCode.create(data, { errorCorrectionLevel: 'M' });
  const size = qr.modules.size;
  const quiet = 4;
  const total = (size + quiet * 2) * scale;
  return {
    width: total,
    height: total,
    get: (x, y) => {
      const c = Math.floor(x / scale) - quiet;
      const r = Math.floor(y / scale) - quiet;
      return c >= 0 && r >= 0 && c < size && r < size && qr.modules.get(r, c) === 1;
    },
  };
}

/** The QR modules (true = dark), for the preview. */
export function qrModules(data: string): boolean[][] {
  const qr = QRCode.create(data, { errorCorrectionLevel: 'M' });
  const size = qr.modules.size;
  return Array.from({ length: size }, (_, r) => Array.from({ length: size }, (_, c) => qr.modules.get(r, c) === 1));
}

/** `GS v 0`: print a raster bit image, 8 dots a byte, most significant bit left. */
export function rasterCommand(bmp: Bitmap): Buffer {
  const bytesPerRow = Math.ceil(bmp.width / 8);
  const out = Buffer.alloc(8 + bytesPerRow * bmp.height);
  out.set([0x1d, 0x76, 0x30, 0x00, bytesPerRow & 0xff, bytesPerRow >> 8, bmp.height & 0xff, bmp.height >> 8]);
  let o = 8;
  for (let y = 0; y < bmp.height; y++) {
    for (let xb = 0; xb < bytesPerRow; xb++) {
      let byte = 0;
      for (let bit = 0; bit < 8; bit++) if (bmp.get(xb * 8 + bit, y)) byte |= 0x80 >> bit;
      out[o++] = byte;
    }
  }
  return out;
}
