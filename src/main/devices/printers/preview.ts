import { type Bitmap, code128Widths } from './code128';
import type { Line } from './document';
import { plainText } from './document';
import { qrModules } from './raster';

const CHAR_W = 8.4;
const LINE_H = 18;
const PAD = 12;

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * The laid-out lines as an SVG "paper strip", drawn from the same lines the ESC/POS encoder sends, so what the
 * cashier sees is what prints (characters per line, alignment, bold, double size, barcodes, QR codes).
 */
export function previewSvg(lines: Line[], width: number, logo?: Bitmap | null): { svg: string; text: string } {
  const paperW = width * CHAR_W + PAD * 2;
  const parts: string[] = [];
  let y = PAD;
  for (const l of lines) {
    switch (l.kind) {
      case 'text': {
        const scale = l.big ? 2 : 1;
        const cols = l.big ? Math.floor(width / 2) : width;
        const pad = cols - l.text.length;
        const offset = l.align === 'center' ? Math.floor(pad / 2) : l.align === 'right' ? pad : 0;
        const x = PAD + Math.max(0, offset) * CHAR_W * scale;
        y += LINE_H * scale;
        if (l.text)
          parts.push(
            `<text x="${x.toFixed(1)}" y="${y - 4 * scale}" font-size="${14 * scale}"${l.bold ? ' font-weight="bold"' : ''} xml:space="preserve">${esc(l.text)}</text>`,
          );
        break;
      }
      case 'barcode': {
        const widths = code128Widths(l.data);
        const modules = widths.reduce((a, b) => a + b, 0);
        const unit = Math.min(2, (paperW - PAD * 2) / modules);
        let x = (paperW - modules * unit) / 2;
        widths.forEach((w, i) => {
          if (i % 2 === 0)
            parts.push(`<rect x="${x.toFixed(2)}" y="${y + 4}" width="${(w * unit).toFixed(2)}" height="50"/>`);
          x += w * unit;
        });
        y += 58;
        parts.push(`<text x="${paperW / 2}" y="${y + 12}" font-size="12" text-anchor="middle">${esc(l.data)}</text>`);
        y += 16;
        break;
      }
      case 'qr': {
        const m = qrModules(l.data);
        const cell = 4;
        const x0 = (paperW - m.length * cell) / 2;
        m.forEach((row, r) => {
          row.forEach((dark, c) => {
            if (dark)
              parts.push(`<rect x="${x0 + c * cell}" y="${y + 8 + r * cell}" width="${cell}" height="${cell}"/>`);
          });
        });
        y += m.length * cell + 16;
        break;
      }
      case 'logo': {
        if (!logo) break;
        // one preview pixel a printer dot, scaled to the paper: the printer's 576 dots span the 48 columns
        const unit = (paperW - PAD * 2) / Math.max(logo.width, width * 12);
        const x0 = (paperW - logo.width * unit) / 2;
        parts.push(`<g aria-label="logo">${logoRects(logo, x0, y + 4, unit)}</g>`);
        y += logo.height * unit + 8;
        break;
      }
      case 'cut':
        y += 10;
        parts.push(
          `<line x1="0" y1="${y}" x2="${paperW}" y2="${y}" stroke="#999" stroke-dasharray="6 4" fill="none"/>`,
        );
        break;
      default:
        break;
    }
  }
  const height = y + PAD;
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${paperW}" height="${height}" viewBox="0 0 ${paperW} ${height}" role="img">` +
    `<rect width="100%" height="100%" fill="#fff"/>` +
    `<g font-family="DejaVu Sans Mono, Consolas, monospace" fill="#111">${parts.join('')}</g></svg>`;
  return { svg, text: plainText(lines, width) };
}

/** The logo's dots as runs of black per row: what the printer prints, a rect per run. */
function logoRects(bmp: Bitmap, x0: number, y0: number, unit: number): string {
  const out: string[] = [];
  for (let y = 0; y < bmp.height; y++) {
    let x = 0;
    while (x < bmp.width) {
      if (!bmp.get(x, y)) {
        x++;
        continue;
      }
      const start = x;
      while (x < bmp.width && bmp.get(x, y)) x++;
      out.push(
        `<rect x="${(x0 + start * unit).toFixed(2)}" y="${(y0 + y * unit).toFixed(2)}" width="${((x - start) * unit).toFixed(2)}" height="${unit.toFixed(2)}"/>`,
      );
    }
  }
  return out.join('');
}
