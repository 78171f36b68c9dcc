import PDFDocument from 'pdfkit';
import type { Statement } from '../../../shared/contract/debts';
import type { StoreProfile } from '../../../shared/contract/system';
import { type DocumentWord, documentLanguage, documentWords } from '../../../shared/i18n/documents';
import { formatMoney } from '../../../shared/money';
import { localDate } from './dates';

type Store = Pick<StoreProfile, 'name' | 'address' | 'phone' | 'taxId' | 'locale' | 'timeZone'> &
  Partial<Pick<StoreProfile, 'language'>>;

const BUCKETS: Array<keyof Statement['aging']> = ['current', 'd1_30', 'd31_60', 'd61_90', 'over90'];

const COLUMNS: Array<{ title: DocumentWord; weight: number; right?: boolean }> = [
  { title: 'col.date', weight: 1.1 },
  { title: 'col.details', weight: 3.6 },
  { title: 'col.charges', weight: 1.3, right: true },
  { title: 'col.payments', weight: 1.3, right: true },
  { title: 'col.balance', weight: 1.4, right: true },
];

/**
 * Statements as A4 PDFs: one customer, or many in one file (each starting on a new page). Rows are written without
 * line wrapping (one text call per cell, no measuring), which keeps a 5,000-entry statement well inside half a second.
 * `generatedAt` is the document's creation date, so the same statement gives the same bytes.
 */
export function statementsPdf(store: Store, statements: Iterable<Statement>, generatedAt: number): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 48,
    autoFirstPage: false,
    info: {
      Title: documentWords(documentLanguage(null, store.language))('statementName'),
      CreationDate: new Date(generatedAt),
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  let any = false;
  for (const st of statements) {
    any = true;
    writeStatement(doc, store, st, generatedAt);
  }
  if (!any) {
    doc.addPage();
    doc
      .font('Helvetica')
      .fontSize(11)
      .text(documentWords(documentLanguage(null, store.language))('nobodyOwes'));
  }
  doc.end();
  return done;
}

interface StandardFont {
  id: string;
  ascender: number;
  /** pdfkit's AFM font behind a standard font */
  font: { encodeText(text: string): string[]; characterToGlyph(code: number): string; widthOfGlyph(g: string): number };
  ref(): unknown;
}

const glyphWidths = new WeakMap<object, Map<number, number>>();

/** Width of text in a standard font (thousandths of the size summed per character; no kerning, as drawn). */
function widthOf(font: StandardFont, text: string, size: number): number {
  let widths = glyphWidths.get(font.font);
  if (!widths) {
    widths = new Map();
    glyphWidths.set(font.font, widths);
  }
  let w = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    let g = widths.get(code);
    if (g === undefined) {
      g = font.font.widthOfGlyph(font.font.characterToGlyph(code));
      widths.set(code, g);
    }
    w += g;
  }
  return (w * size) / 1000;
}

/**
 * One line of text in one cell, as PDF operators to put inside a text object: pdfkit's text() lays out, kerns and measures every
 * call (~40 µs each, 2 s for a 5,000-entry statement); a table cell needs none of that. Standard fonts only (a byte
 * per character), cut with an ellipsis when wider than the cell.
 */
function rawText(
  doc: PDFKit.PDFDocument,
  text: string,
  x: number,
  top: number,
  width: number,
  align: 'left' | 'right',
): string {
  const d = doc as unknown as {
    _font: StandardFont;
    _fontSize: number;
    page: { height: number; fonts: Record<string, unknown> };
  };
  const font = d._font;
  const size = d._fontSize;
  let t = text;
  let w = widthOf(font, t, size);
  while (w > width && t.length > 1) {
    t = t.slice(0, -1);
    w = widthOf(font, `${t.trimEnd()}...`, size);
  }
  if (t !== text) t = `${t.trimEnd()}...`;
  const encoded = font.font.encodeText(t);
  const dx = align === 'right' ? width - w : 0;
  const y = d.page.height - top - (font.ascender / 1000) * size;
  d.page.fonts[font.id] ??= font.ref();
  return `1 0 0 1 ${(x + dx).toFixed(2)} ${y.toFixed(2)} Tm <${encoded.join('')}> Tj`;
}

function writeStatement(doc: PDFKit.PDFDocument, store: Store, st: Statement, generatedAt: number) {
  doc.addPage();
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const bottom = doc.page.height - doc.page.margins.bottom;
  const money = (n: number) => formatMoney(n, st.currency, store.locale, { code: false });
  const day = (ms: number) => localDate(ms, store.timeZone);
  const t = documentWords(st.language);
  let y = doc.page.margins.top;

  // letterhead: the shop on the left, the document on the right
  doc
    .font('Helvetica-Bold')
    .fontSize(16)
    .text(store.name, left, y, { width: width / 2 });
  doc.font('Helvetica').fontSize(9);
  for (const line of [store.address, store.phone, store.taxId ? t('taxId', { id: store.taxId }) : ''].filter(Boolean))
    doc.text(line, { width: width / 2 });
  const leftBottom = doc.y;
  doc
    .font('Helvetica-Bold')
    .fontSize(18)
    .text(t('statementTitle'), left + width / 2, y, {
      width: width / 2,
      align: 'right',
    });
  doc.font('Helvetica').fontSize(9);
  for (const line of [
    t('period', { from: st.from, to: st.to }),
    t('date', { date: day(generatedAt) }),
    t('currency', { currency: st.currency }),
  ])
    doc.text(line, left + width / 2, doc.y, { width: width / 2, align: 'right' });
  y = Math.max(leftBottom, doc.y) + 16;

  doc.font('Helvetica-Bold').fontSize(10).text(t('customer'), left, y);
  doc.font('Helvetica').fontSize(10);
  const c = st.customer;
  for (const line of [
    c.name,
    c.code ? t('account', { code: c.code }) : '',
    c.address,
    c.phone ?? '',
    c.email ?? '',
  ].filter(Boolean))
    doc.text(line, left, doc.y);
  y = doc.y + 12;

  const total = COLUMNS.reduce((n, col) => n + col.weight, 0);
  const widths = COLUMNS.map((col) => (col.weight / total) * width);
  const rowHeight = 13;
  const cells = (values: string[], bold: boolean) => {
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(8.5);
    const font = (doc as unknown as { _font: { id: string } })._font.id;
    const ops: string[] = [];
    let x = left;
    COLUMNS.forEach((col, i) => {
      const w = widths[i] as number;
      const v = values[i] ?? '';
      if (v) ops.push(rawText(doc, v, x + 2, y + 3, w - 4, col.right ? 'right' : 'left'));
      x += w;
    });
    // one text object per row; pdfkit's pages are y-down, text is set in a y-up frame as its own text() does
    if (ops.length) doc.addContent(`q 1 0 0 -1 0 ${doc.page.height} cm BT /${font} 8.5 Tf ${ops.join(' ')} ET Q`);
    y += rowHeight;
  };
  const header = () => {
    cells(
      COLUMNS.map((col) => t(col.title)),
      true,
    );
    doc
      .moveTo(left, y)
      .lineTo(left + width, y)
      .stroke();
  };
  header();
  cells(['', t('balanceBroughtForward'), '', '', money(st.opening)], true);
  for (const l of st.lines) {
    if (y + rowHeight > bottom - 20) {
      doc.addPage();
      y = doc.page.margins.top;
      header();
    }
    cells(
      [day(l.at), l.description, l.debit ? money(l.debit) : '', l.credit ? money(l.credit) : '', money(l.balance)],
      false,
    );
  }
  if (y + rowHeight * 12 > bottom) {
    doc.addPage();
    y = doc.page.margins.top;
  }
  doc
    .moveTo(left, y)
    .lineTo(left + width, y)
    .stroke();
  y += 4;
  cells(['', st.closing < 0 ? t('closingInCredit') : t('closingBalance'), '', '', money(st.closing)], true);
  y += 10;

  // aging summary as one row of five figures
  doc.font('Helvetica-Bold').fontSize(10).text(t('agingHeading'), left, y);
  y = doc.y + 4;
  const w5 = width / BUCKETS.length;
  BUCKETS.forEach((k, i) => {
    doc
      .font('Helvetica')
      .fontSize(8.5)
      .text(t(`aging.${k}`), left + i * w5, y, { width: w5 - 6, align: 'right' });
    doc
      .font('Helvetica-Bold')
      .fontSize(9)
      .text(money(st.aging[k]), left + i * w5, y + 12, { width: w5 - 6, align: 'right' });
  });
  y += 34;
  const due = st.closing > 0 ? t('amountDue', { currency: st.currency, amount: money(st.closing) }) : t('nothingDue');
  doc.font('Helvetica-Bold').fontSize(11).text(due, left, y);
  y = doc.y + 8;
  if (st.paymentInstructions) {
    doc.font('Helvetica-Bold').fontSize(10).text(t('howToPay'), left, y);
    doc.font('Helvetica').fontSize(9).text(st.paymentInstructions, left, doc.y, { width });
  }
}
