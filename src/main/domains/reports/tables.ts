import { barLabel } from '../../../shared/chart-labels';
import type { ReportKind, ReportQuery, SalesBy, TakingsDay } from '../../../shared/contract/reports';
import { documentWords } from '../../../shared/i18n/documents';
import type { CurrencyCode } from '../../../shared/money';
import type { ReportCell as Cell, ReportColumn as Column, ReportTable } from '../exports/report-file';
import type { ShopReports } from './service';

/** the report files are in English, like the other exports */
const english = documentWords('en');
const methodWord = (m: string) => english(`method.${m}` as Parameters<typeof english>[0]);

/** The reports' words in files (English, as the other exports; the screen has them in the shop's language). */
const WEEKDAY_SHORT = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const BY_WORDS: Record<SalesBy, string> = {
  staff: 'Staff',
  product: 'Product',
  category: 'Category',
  hour: 'Hour of day',
  weekday: 'Weekday',
};
const TITLES: Record<ReportKind, string> = {
  takings: 'Daily takings',
  sales: 'Sales',
  peaks: 'Busy hours and days',
  basket: 'Average basket',
  discounts: 'Discounts and price overrides',
  taxes: 'Tax collected by rate',
  stock: 'Stock sold and on hand',
};

/** A quantity in thousandths as the shop reads it (1500 → "1.5"), without floating point. */
export function qtyText(milli: number): string {
  const sign = milli < 0 ? '-' : '';
  const a = Math.abs(milli);
  const frac = String(a % 1000)
    .padStart(3, '0')
    .replace(/0+$/, '');
  return `${sign}${Math.floor(a / 1000)}${frac ? `.${frac}` : ''}`;
}

/** A rate in basis points as a percentage (1800 → "18%", 1250 → "12.5%"). */
export function rateText(bp: number): string {
  const frac = String(bp % 100)
    .padStart(2, '0')
    .replace(/0+$/, '');
  return `${Math.floor(bp / 100)}${frac ? `.${frac}` : ''}%`;
}

export const hourText = (h: number) => `${String(h).padStart(2, '0')}:00`;

const money = (minor: number): Cell => ({ minor });
const sumOf = (l: TakingsDay['sales']) => l.reduce((a, r) => a + r.amount, 0);
const amountOf = (l: TakingsDay['sales'], m: string) => l.find((r) => r.method === m)?.amount ?? 0;

/** One report as a file's table: its columns, rows (a total row last), and the chart the PDF draws above it. */
export function reportTable(
  reports: ShopReports,
  w: { report: ReportKind; by: SalesBy; q: ReportQuery; names: { till?: string; staff?: string } },
): ReportTable {
  const narrowed = [w.names.till, w.names.staff].filter(Boolean).join(', ');
  const title = `${TITLES[w.report]}${w.report === 'sales' ? ` by ${BY_WORDS[w.by].toLowerCase()}` : ''} ${w.q.from} to ${w.q.to}${narrowed ? ` (${narrowed})` : ''}`;
  const t = build(reports, w.report, w.by, w.q);
  return { title, ...t };
}

function build(reports: ShopReports, report: ReportKind, by: SalesBy, q: ReportQuery): Omit<ReportTable, 'title'> {
  switch (report) {
    case 'takings': {
      const r = reports.takings(q);
      const row = (label: string, d: Omit<TakingsDay, 'day'>): Cell[] => [
        label,
        String(d.orders),
        ...r.methods.map((m) => money(amountOf(d.sales, m))),
        money(-sumOf(d.refunds)),
        money(sumOf(d.debt)),
        money(d.taken),
      ];
      return {
        columns: [
          { header: 'Day', weight: 1.1 },
          { header: 'Sales', weight: 0.6 },
          ...r.methods.map((m): Column => ({ header: methodWord(m), weight: 1, money: true })),
          { header: 'Refunds', weight: 1, money: true },
          { header: 'Debt payments', weight: 1, money: true },
          { header: 'Money taken', weight: 1.1, money: true },
        ],
        rows: [...r.days.map((d) => row(d.day, d)), row('Total', r.totals)],
        chart: {
          kind: 'stacked',
          categories: r.days.map((d) => d.day),
          series: r.methods.map((m) => ({
            name: methodWord(m),
            values: r.days.map((d) => amountOf(d.sales, m)),
          })),
          currency: r.currency as CurrencyCode,
        },
      };
    }
    case 'sales': {
      const r = reports.salesBy({ ...q, by, limit: 5000 });
      const product = by === 'product';
      return {
        columns: [
          { header: BY_WORDS[by], weight: 2.2 },
          { header: 'Sales', weight: 0.7 },
          ...(product ? [{ header: 'Quantity', weight: 0.8 }] : []),
          { header: 'Discounts', weight: 1, money: true },
          { header: 'Tax', weight: 1, money: true },
          { header: 'Total', weight: 1.1, money: true },
        ],
        rows: [
          ...r.rows.map((x): Cell[] => [
            x.label,
            String(x.orders),
            ...(product ? [qtyText(x.qtyMilli ?? 0)] : []),
            money(x.discounts),
            money(x.tax),
            money(x.total),
          ]),
          ['Total', String(r.orders), ...(product ? [''] : []), '', '', money(r.total)],
          ['Average basket', '', ...(product ? [''] : []), '', '', money(r.averageBasket)],
        ],
        chart: {
          kind: 'bar',
          categories: r.rows
            .slice(0, by === 'hour' || by === 'weekday' ? 24 : 8)
            .map((x) => (by === 'hour' || by === 'weekday' ? x.label : barLabel(x.label))),
          series: [
            { name: 'Total', values: r.rows.slice(0, by === 'hour' || by === 'weekday' ? 24 : 8).map((x) => x.total) },
          ],
          currency: r.currency as CurrencyCode,
        },
      };
    }
    case 'peaks': {
      const r = reports.peaks(q);
      const busy = r.hours.filter((h) => h.orders > 0);
      const first = busy[0]?.hour ?? 8;
      const last = busy.at(-1)?.hour ?? 20;
      const shown = r.hours.filter((h) => h.hour >= first && h.hour <= last);
      const cell = (wd: number, h: number) => r.cells.find((c) => c.weekday === wd && c.hour === h)?.total ?? 0;
      return {
        columns: [
          { header: 'Hour', weight: 0.8 },
          { header: 'Sales', weight: 0.6 },
          ...WEEKDAY_SHORT.map((d): Column => ({ header: d, weight: 1, money: true })),
          { header: 'Total', weight: 1.1, money: true },
        ],
        rows: [
          ...busy.map((h): Cell[] => [
            hourText(h.hour),
            String(h.orders),
            ...WEEKDAY_SHORT.map((_, wd) => money(cell(wd, h.hour))),
            money(h.total),
          ]),
          ['Total', String(r.orders), ...r.weekdays.map((w) => money(w.total)), money(r.total)],
        ],
        chart: {
          kind: 'bar',
          categories: shown.map((h) => hourText(h.hour)),
          series: [{ name: 'Sales by hour', values: shown.map((h) => h.total) }],
          currency: r.currency as CurrencyCode,
        },
      };
    }
    case 'basket': {
      const r = reports.basket(q);
      const row = (label: string, d: Omit<(typeof r.days)[number], 'day'>): Cell[] => [
        label,
        String(d.orders),
        String(d.lines),
        qtyText(d.qtyMilli),
        money(d.total),
        money(d.average),
      ];
      return {
        columns: [
          { header: 'Day', weight: 1.1 },
          { header: 'Sales', weight: 0.7 },
          { header: 'Lines', weight: 0.7 },
          { header: 'Quantity', weight: 0.8 },
          { header: 'Total', weight: 1.1, money: true },
          { header: 'Average basket', weight: 1.1, money: true },
        ],
        rows: [...r.days.map((d) => row(d.day, d)), row('Total', r.totals)],
        chart: {
          kind: 'line',
          categories: r.days.map((d) => d.day),
          series: [{ name: 'Average basket', values: r.days.map((d) => (d.orders ? d.average : null)) }],
          currency: r.currency as CurrencyCode,
        },
      };
    }
    case 'discounts': {
      const r = reports.discounts(q);
      const row = (label: string, d: Omit<(typeof r.rows)[number], 'staffId' | 'name'>): Cell[] => [
        label,
        String(d.orders),
        money(d.lineDiscounts),
        money(d.orderDiscounts),
        String(d.overrides),
        money(d.overrideAmount),
        String(d.approved),
        money(d.total),
      ];
      return {
        columns: [
          { header: 'Staff', weight: 1.6 },
          { header: 'Sales', weight: 0.6 },
          { header: 'Line discounts', weight: 1, money: true },
          { header: 'Order discounts', weight: 1, money: true },
          { header: 'Price overrides', weight: 0.8 },
          { header: 'Below regular price', weight: 1, money: true },
          { header: 'Manager approved', weight: 0.8 },
          { header: 'Sales total', weight: 1.1, money: true },
        ],
        rows: [...r.rows.map((x) => row(x.name, x)), row('Total', r.totals)],
        emptyText: 'No discounts or price overrides in this period.',
        chart: {
          kind: 'stacked',
          categories: r.rows.map((x) => barLabel(x.name)),
          series: [
            { name: 'Line discounts', values: r.rows.map((x) => x.lineDiscounts) },
            { name: 'Order discounts', values: r.rows.map((x) => x.orderDiscounts) },
            { name: 'Price overrides', values: r.rows.map((x) => x.overrideAmount) },
          ],
          currency: r.currency as CurrencyCode,
        },
      };
    }
    case 'taxes': {
      const r = reports.taxes(q);
      const row = (label: string, d: Omit<(typeof r.rows)[number], 'rateBp'>): Cell[] => [
        label,
        money(d.salesNet),
        money(d.salesTax),
        money(d.refundsNet),
        money(d.refundsTax),
        money(d.net),
        money(d.tax),
      ];
      return {
        columns: [
          { header: 'Tax rate', weight: 0.8 },
          { header: 'Sales before tax', weight: 1.1, money: true },
          { header: 'Tax on sales', weight: 1, money: true },
          { header: 'Refunds before tax', weight: 1.1, money: true },
          { header: 'Tax refunded', weight: 1, money: true },
          { header: 'Net before tax', weight: 1.1, money: true },
          { header: 'Tax collected', weight: 1.1, money: true },
        ],
        rows: [...r.rows.map((x) => row(rateText(x.rateBp), x)), row('Total', r.totals)],
        chart: {
          kind: 'bar',
          categories: r.rows.map((x) => rateText(x.rateBp)),
          series: [{ name: 'Tax collected', values: r.rows.map((x) => x.tax) }],
          currency: r.currency as CurrencyCode,
        },
      };
    }
    case 'stock': {
      const r = reports.stock(q);
      const top = r.rows.filter((x) => x.soldMilli > 0).slice(0, 8);
      return {
        columns: [
          { header: 'Product', weight: 2.2 },
          { header: 'SKU', weight: 0.9 },
          { header: 'Sold', weight: 0.7 },
          { header: 'Returned', weight: 0.7 },
          { header: 'Sales', weight: 1.1, money: true },
          { header: 'On hand at the end', weight: 0.9 },
          { header: 'On hand now', weight: 0.9 },
        ],
        rows: r.rows.map((x): Cell[] => [
          x.name,
          x.sku ?? '',
          qtyText(x.soldMilli),
          qtyText(x.returnedMilli),
          money(x.sales),
          qtyText(x.onHandAtEndMilli),
          qtyText(x.onHandNowMilli),
        ]),
        emptyText: 'No products.',
        chart: {
          kind: 'bar',
          categories: top.map((x) => barLabel(x.name)),
          // quantities in whole units for the chart only; the table has them exactly
          series: [{ name: 'Sold', values: top.map((x) => Math.round(x.soldMilli / 1000)) }],
        },
      };
    }
  }
}
