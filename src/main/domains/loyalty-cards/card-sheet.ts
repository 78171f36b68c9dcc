import PDFDocument from 'pdfkit';
import type { CardSettings } from '../../../shared/contract/loyalty-cards';
import { code128Widths } from '../../devices/printers/code128';
import { ean13Widths } from '../../devices/printers/ean13';
import { qrModules } from '../../devices/printers/raster';
import { hasValidCheckDigit } from './card-numbers';

export interface SheetInput {
  shopName: string;
  format: CardSettings['format'];
  cards: Array<{ name: string; cardNo: string }>;
}

const MM = 72 / 25.4;
/** ID-1 card size (85.6 × 54 mm), 2 × 5 to an A4 page: the layout of common business-card label sheets. */
export const CARD_W = 85.6 * MM;
export const CARD_H = 54 * MM;
export const COLS = 2;
export const ROWS = 5;
const GAP = 5 * MM;

/** An EAN-13 card number draws as EAN-13 when the shop makes EAN-13 cards; anything else as Code 128. */
function barWidths(format: CardSettings['format'], cardNo: string): number[] {
  return format === 'ean13' && cardNo.length === 13 && hasValidCheckDigit(cardNo)
    ? ean13Widths(cardNo)
    : code128Widths(cardNo);
}

/**
 * A4 sheets of loyalty cards: each card with the shop's name, the customer's name, the barcode with its number
 * under it, and a QR of the number (phones and 2D scanners read that). Thin grey outlines are the cutting guide.
 */
export function cardSheetPdf(input: SheetInput): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 0, info: { Title: `Loyalty cards — ${input.shopName}` } });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const left = (doc.page.width - COLS * CARD_W - (COLS - 1) * GAP) / 2;
  const top = (doc.page.height - ROWS * CARD_H - (ROWS - 1) * GAP) / 2;
  input.cards.forEach((card, i) => {
    const slot = i % (COLS * ROWS);
    if (i > 0 && slot === 0) doc.addPage();
    const x = left + (slot % COLS) * (CARD_W + GAP);
    const y = top + Math.floor(slot / COLS) * (CARD_H + GAP);
    drawCard(doc, x, y, input, card);
  });
  doc.end();
  return done;
}

function drawCard(doc: PDFKit.PDFDocument, x: number, y: number, input: SheetInput, card: SheetInput['cards'][0]) {
  const pad = 4 * MM;
  doc
    .lineWidth(0.5)
    .strokeColor('#999999')
    .roundedRect(x, y, CARD_W, CARD_H, 3 * MM)
    .stroke();
  doc.fillColor('#000000');
  const qrSize = 22 * MM;
  const textW = CARD_W - 2 * pad - qrSize - 3 * MM;
  doc
    .font('Helvetica-Bold')
    .fontSize(9)
    .text(input.shopName, x + pad, y + pad, { width: textW, height: 12, ellipsis: true });
  doc
    .font('Helvetica')
    .fontSize(7)
    .text('Loyalty card', x + pad, y + pad + 11, { width: textW });
  doc
    .font('Helvetica-Bold')
    .fontSize(11)
    .text(card.name, x + pad, y + pad + 22, { width: textW, height: 28, ellipsis: true });

  // QR top right
  const m = qrModules(card.cardNo);
  const cell = qrSize / m.length;
  const qx = x + CARD_W - pad - qrSize;
  const qy = y + pad;
  m.forEach((row, r) => {
    row.forEach((dark, c) => {
      if (dark) doc.rect(qx + c * cell, qy + r * cell, cell, cell).fill('#000000');
    });
  });

  // barcode along the bottom, number under it
  const widths = barWidths(input.format, card.cardNo);
  const modules = widths.reduce((a, w) => a + w, 0);
  const barW = Math.min(CARD_W - 2 * pad, modules * 0.9);
  const unit = barW / modules;
  const barH = 12 * MM;
  const by = y + CARD_H - pad - barH - 10;
  let bx = x + (CARD_W - barW) / 2;
  widths.forEach((w, i) => {
    if (i % 2 === 0) doc.rect(bx, by, w * unit, barH).fill('#000000');
    bx += w * unit;
  });
  doc
    .font('Courier')
    .fontSize(9)
    .text(card.cardNo, x + pad, by + barH + 2, { width: CARD_W - 2 * pad, align: 'center' });
}
