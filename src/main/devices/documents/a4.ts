import PDFDocument from 'pdfkit';
import type { StoreHeader } from '../printers/receipt-data';

export interface Column {
  title: string;
  /** share of the table width */
  weight: number;
  align?: 'left' | 'right';
}

/**
 * An A4 portrait document with the shop's letterhead: the base for invoices here and for statements later. The
 * same bytes come out in Electron and in tests (pdfkit, standard fonts, no system fonts).
 */
export class A4Document {
  private doc: PDFKit.PDFDocument;
  private chunks: Buffer[] = [];
  private done: Promise<Buffer>;
  readonly left: number;
  readonly width: number;
  private y: number;

  constructor(title: string) {
    this.doc = new PDFDocument({ size: 'A4', margin: 48, info: { Title: title } });
    this.done = new Promise((resolve, reject) => {
      this.doc.on('data', (c: Buffer) => this.chunks.push(c));
      this.doc.on('end', () => resolve(Buffer.concat(this.chunks)));
      this.doc.on('error', reject);
    });
    this.left = this.doc.page.margins.left;
    this.width = this.doc.page.width - this.left - this.doc.page.margins.right;
    this.y = this.doc.page.margins.top;
  }

  letterhead(store: StoreHeader, title: string, meta: Array<[string, string]>): this {
    const d = this.doc;
    d.font('Helvetica-Bold')
      .fontSize(16)
      .text(store.name, this.left, this.y, { width: this.width / 2 });
    d.font('Helvetica').fontSize(9);
    for (const line of [store.address, store.phone, store.taxId ? `Tax ID ${store.taxId}` : ''].filter(Boolean))
      d.text(line, { width: this.width / 2 });
    const leftBottom = d.y;
    d.font('Helvetica-Bold')
      .fontSize(20)
      .text(title, this.left + this.width / 2, this.y, { width: this.width / 2, align: 'right' });
    d.font('Helvetica').fontSize(9);
    for (const [k, v] of meta)
      d.text(`${k}: ${v}`, this.left + this.width / 2, d.y, { width: this.width / 2, align: 'right' });
    this.y = Math.max(leftBottom, d.y) + 18;
    return this;
  }

  block(heading: string, lines: string[]): this {
    const d = this.doc;
    d.font('Helvetica-Bold').fontSize(10).text(heading, this.left, this.y);
    d.font('Helvetica').fontSize(10);
    for (const l of lines) d.text(l, this.left, d.y);
    this.y = d.y + 14;
    return this;
  }

  table(columns: Column[], rows: string[][]): this {
    const d = this.doc;
    const total = columns.reduce((a, c) => a + c.weight, 0);
    const widths = columns.map((c) => (c.weight / total) * this.width);
    const row = (cells: string[], bold: boolean) => {
      d.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(9);
      let x = this.left;
      let bottom = this.y;
      cells.forEach((text, i) => {
        const w = widths[i] as number;
        d.text(text, x + 3, this.y + 4, { width: w - 6, align: columns[i]?.align ?? 'left' });
        bottom = Math.max(bottom, d.y);
        x += w;
      });
      this.y = bottom + 4;
    };
    const header = () => {
      row(
        columns.map((c) => c.title),
        true,
      );
      d.moveTo(this.left, this.y)
        .lineTo(this.left + this.width, this.y)
        .stroke();
    };
    header();
    for (const r of rows) {
      if (this.y > this.doc.page.height - this.doc.page.margins.bottom - 40) {
        d.addPage();
        this.y = d.page.margins.top;
        header();
      }
      row(r, false);
    }
    d.moveTo(this.left, this.y)
      .lineTo(this.left + this.width, this.y)
      .stroke();
    this.y += 10;
    return this;
  }

  /** Label/amount pairs on the right half, the last one bold when `strongLast`. */
  totals(pairs: Array<[string, string]>, strong: string[] = []): this {
    const d = this.doc;
    const x = this.left + this.width / 2;
    const w = this.width / 2;
    for (const [label, value] of pairs) {
      d.font(strong.includes(label) ? 'Helvetica-Bold' : 'Helvetica').fontSize(10);
      d.text(label, x, this.y, { width: w * 0.6 });
      d.text(value, x + w * 0.6, this.y, { width: w * 0.4, align: 'right' });
      this.y += 15;
    }
    this.y += 10;
    return this;
  }

  note(text: string): this {
    this.doc.font('Helvetica').fontSize(9).text(text, this.left, this.y, { width: this.width, align: 'center' });
    this.y = this.doc.y + 10;
    return this;
  }

  finish(): Promise<Buffer> {
    this.doc.end();
    return this.done;
  }
}
