import type { ChartSpec } from '../../../shared/charts';
import { chartOption, LIGHT_LOOK } from '../../../shared/charts';
import type { ExportFormat } from '../../../shared/contract/customers';
import { type CurrencyCode, toDecimalString } from '../../../shared/money';
import { csvLine, neutraliseFormula } from '../customers/export-cells';
import { writeXlsx, type XlsxCell } from '../customers/xlsx-writer';
import { pdfTable } from './pdf-table';

/** Cells are text or money in minor units; each format renders them its own way (a number cell in XLSX). */
export type ReportCell = string | { minor: number };
export interface ReportColumn {
  header: string;
  /** how wide the column is in the PDF, relative to the others */
  weight: number;
  money?: boolean;
}
export interface ReportTable {
  title: string;
  columns: ReportColumn[];
  rows: ReportCell[][];
  /** printed in the PDF when there are no rows */
  emptyText?: string;
  /** the PDF's heading on page n (default: the title and "page n", in English) */
  pageTitle?: (n: number) => string;
  /** drawn above the table in the PDF (the spreadsheet formats carry the figures only) */
  chart?: ChartSpec;
}

const CHART_WIDTH = 760;
const CHART_HEIGHT = 220;

/**
 * A chart as SVG text, rendered by ECharts on the server side without a DOM (the same option as on screen). ECharts is
 * loaded on the first chart, not when the app starts (it is large and most runs never export a PDF).
 */
export async function chartSvg(spec: ChartSpec, locale: string, width = CHART_WIDTH, height = CHART_HEIGHT) {
  const echarts = await import('echarts');
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption(chartOption(spec, { ...LIGHT_LOOK, locale }));
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** One report table as XLSX, CSV or PDF (the PDF with its chart), with the same writers as the customer export. */
export async function writeReport(
  t: ReportTable,
  format: ExportFormat,
  currency: CurrencyCode,
  locale = 'en',
): Promise<Buffer> {
  const headers = t.columns.map((c) => (c.money ? `${c.header} (${currency})` : c.header));
  const text = (c: ReportCell) => (typeof c === 'string' ? c : toDecimalString(c.minor, currency));
  if (format === 'csv')
    return Buffer.from(
      ['\uFEFF', csvLine(headers), ...t.rows.map((r) => csvLine(r.map((c) => neutraliseFormula(text(c)))))].join(''),
      'utf8',
    );
  if (format === 'xlsx') {
    const num = (c: ReportCell): XlsxCell => (typeof c === 'string' ? neutraliseFormula(c) : Number(text(c)));
    return writeXlsx(
      t.title.slice(0, 31),
      headers,
      t.rows.map((r) => r.map(num)),
    );
  }
  return pdfTable({
    title: t.title,
    columns: t.columns.map((c, i) => ({
      header: headers[i] as string,
      weight: c.weight,
      align: c.money ? 'right' : 'left',
    })),
    rows: t.rows.map((r) => r.map(text)),
    emptyText: t.emptyText ?? 'Nothing in this period.',
    pageTitle: t.pageTitle,
    chart: t.chart && { svg: await chartSvg(t.chart, locale), width: CHART_WIDTH, height: CHART_HEIGHT },
  });
}
