import PDFDocument from 'pdfkit';
import SVGtoPDF from 'svg-to-pdfkit';

export interface PdfColumn {
  header: string;
  /** how wide the column is relative to the others */
  weight: number;
  align?: 'left' | 'right';
}

export interface PdfTable {
  title: string;
  columns: readonly PdfColumn[];
  rows: Iterable<readonly string[]>;
  /** printed under the header when there are no rows */
  emptyText: string;
  /** the heading on page n, in the document's language (default: the title and "page n") */
  pageTitle?: (n: number) => string;
  /** an SVG chart drawn once, under the title of the first page */
  chart?: { svg: string; width: number; height: number };
}

/** An A4 landscape table with the title and header row repeated on every page (used by every list export). */
export function pdfTable(t: PdfTable): Promise<Buffer> {
  const total = t.columns.reduce((n, c) => n + c.weight, 0);
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', layout: 'landscape', margin: 36, info: { Title: t.title } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    const left = doc.page.margins.left;
    const width = doc.page.width - left - doc.page.margins.right;
    const bottom = doc.page.height - doc.page.margins.bottom;
    const fontSize = 8;
    const rowHeight = 14;
    let y = 0;
    let pageNo = 0;
    const cells = (values: readonly string[], bold: boolean) => {
      doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(fontSize);
      let x = left;
      t.columns.forEach((c, i) => {
        const w = (c.weight / total) * width;
        doc.text(values[i] ?? '', x + 2, y + 3, {
          width: w - 4,
          height: rowHeight - 2,
          lineBreak: false,
          ellipsis: true,
          align: c.align ?? 'left',
        });
        x += w;
      });
      y += rowHeight;
    };
    const header = (chart?: PdfTable['chart']) => {
      pageNo += 1;
      y = doc.page.margins.top;
      doc
        .font('Helvetica-Bold')
        .fontSize(12)
        .text(t.pageTitle?.(pageNo) ?? `${t.title} - page ${pageNo}`, left, y);
      y += 22;
      if (chart) {
        const scale = Math.min(1, width / chart.width);
        SVGtoPDF(doc, chart.svg, left, y, { width: chart.width * scale, height: chart.height * scale });
        y += chart.height * scale + 12;
      }
      cells(
        t.columns.map((c) => c.header),
        true,
      );
      doc
        .moveTo(left, y)
        .lineTo(left + width, y)
        .stroke();
    };
    header(t.chart);
    let any = false;
    for (const r of t.rows) {
      any = true;
      if (y + rowHeight > bottom) {
        doc.addPage();
        header();
      }
      cells(
        r.map((v) => v.replace(/\s+/g, ' ')),
        false,
      );
    }
    if (!any)
      doc
        .font('Helvetica')
        .fontSize(fontSize)
        .text(t.emptyText, left, y + 4);
    doc.end();
  });
}
