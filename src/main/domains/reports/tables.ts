import { barLabel } from '../../../shared/chart-labels';
import type { ReportKind, ReportQuery, SalesBy, SalesByRow, TakingsDay } from '../../../shared/contract/reports';
import type { Language } from '../../../shared/contract/system';
import { documentWords } from '../../../shared/i18n/documents';
import type { CurrencyCode } from '../../../shared/money';
import type { ReportCell as Cell, ReportColumn as Column, ReportTable } from '../exports/report-file';
import type { ShopReports } from './service';

type Words = ReturnType<typeof documentWords>;
type Word = Parameters<Words>[0];
const WEEKDAY_KEYS = [0, 1, 2, 3, 4, 5, 6] as const;

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

/**
 * One report as a file's table: its columns, rows (a total row last), and the chart the PDF draws above it, in the
 * shop's language (the same words as the Reports screen; a word missing in a language falls back to English).
 */
export function reportTable(
  reports: ShopReports,
  w: {
    report: ReportKind;
    by: SalesBy;
    q: ReportQuery;
    names: { till?: string; staff?: string };
    language: Language;
  },
): ReportTable {
  const t = documentWords(w.language);
  const narrowed = [w.names.till, w.names.staff].filter(Boolean).join(', ');
  const what =
    w.report === 'sales'
      ? t('report.title.sales', { by: t(`report.by.${w.by}`).toLocaleLowerCase(w.language) })
      : t(`report.title.${w.report}` as Word);
  const title = `${t('report.period', { title: what, from: w.q.from, to: w.q.to })}${narrowed ? ` (${narrowed})` : ''}`;
  return {
    title,
    pageTitle: (n: number) => t('report.page', { title, n: String(n) }),
    emptyText: t('report.empty'),
    ...build(reports, w.report, w.by, w.q, t),
  };
}

function build(
  reports: ShopReports,
  report: ReportKind,
  by: SalesBy,
  q: ReportQuery,
  t: Words,
): Omit<ReportTable, 'title'> {
  const methodWord = (m: string) => t(`method.${m}` as Word);
  const total = t('report.total');
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
          { header: t('report.col.day'), weight: 1.1 },
          { header: t('report.col.sales'), weight: 0.6 },
          ...r.methods.map((m): Column => ({ header: methodWord(m), weight: 1, money: true })),
          { header: t('report.col.refunds'), weight: 1, money: true },
          { header: t('report.col.debt'), weight: 1, money: true },
          { header: t('report.col.taken'), weight: 1.1, money: true },
        ],
        rows: [...r.days.map((d) => row(d.day, d)), row(total, r.totals)],
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
      // the service names weekdays and the products without a category in English: the file says them in its language
      const label = (x: SalesByRow) =>
        by === 'weekday'
          ? t(`report.weekday.${x.key}` as Word)
          : by === 'category' && x.key === ''
            ? t('report.noCategory')
            : x.label;
      return {
        columns: [
          { header: t(`report.by.${by}`), weight: 2.2 },
          { header: t('report.col.sales'), weight: 0.7 },
          ...(product ? [{ header: t('report.col.quantity'), weight: 0.8 }] : []),
          { header: t('report.col.discounts'), weight: 1, money: true },
          { header: t('report.col.tax'), weight: 1, money: true },
          { header: t('report.col.total'), weight: 1.1, money: true },
        ],
        rows: [
          ...r.rows.map((x): Cell[] => [
            label(x),
            String(x.orders),
            ...(product ? [qtyText(x.qtyMilli ?? 0)] : []),
            money(x.discounts),
            money(x.tax),
            money(x.total),
          ]),
          [total, String(r.orders), ...(product ? [''] : []), '', '', money(r.total)],
          [t('report.averageBasket'), '', ...(product ? [''] : []), '', '', money(r.averageBasket)],
        ],
        chart: {
          kind: 'bar',
          categories: r.rows
            .slice(0, by === 'hour' || by === 'weekday' ? 24 : 8)
            .map((x) => (by === 'hour' || by === 'weekday' ? label(x) : barLabel(label(x)))),
          series: [
            { name: total, values: r.rows.slice(0, by === 'hour' || by === 'weekday' ? 24 : 8).map((x) => x.total) },
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
          { header: t('report.col.hour'), weight: 0.8 },
          { header: t('report.col.sales'), weight: 0.6 },
          ...WEEKDAY_KEYS.map((d): Column => ({ header: t(`report.day.${d}`), weight: 1, money: true })),
          { header: t('report.col.total'), weight: 1.1, money: true },
        ],
        rows: [
          ...busy.map((h): Cell[] => [
            hourText(h.hour),
            String(h.orders),
            ...WEEKDAY_KEYS.map((wd) => money(cell(wd, h.hour))),
            money(h.total),
          ]),
          [total, String(r.orders), ...r.weekdays.map((w) => money(w.total)), money(r.total)],
        ],
        chart: {
          kind: 'bar',
          categories: shown.map((h) => hourText(h.hour)),
          series: [{ name: t('report.salesByHour'), values: shown.map((h) => h.total) }],
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
          { header: t('report.col.day'), weight: 1.1 },
          { header: t('report.col.sales'), weight: 0.7 },
          { header: t('report.col.lines'), weight: 0.7 },
          { header: t('report.col.quantity'), weight: 0.8 },
          { header: t('report.col.total'), weight: 1.1, money: true },
          { header: t('report.col.average'), weight: 1.1, money: true },
        ],
        rows: [...r.days.map((d) => row(d.day, d)), row(total, r.totals)],
        chart: {
          kind: 'line',
          categories: r.days.map((d) => d.day),
          series: [{ name: t('report.averageBasket'), values: r.days.map((d) => (d.orders ? d.average : null)) }],
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
          { header: t('report.col.staff'), weight: 1.6 },
          { header: t('report.col.sales'), weight: 0.6 },
          { header: t('report.col.lineDiscounts'), weight: 1, money: true },
          { header: t('report.col.orderDiscounts'), weight: 1, money: true },
          { header: t('report.col.overrides'), weight: 0.8 },
          { header: t('report.col.overrideAmount'), weight: 1, money: true },
          { header: t('report.col.approved'), weight: 0.8 },
          { header: t('report.col.salesTotal'), weight: 1.1, money: true },
        ],
        rows: [...r.rows.map((x) => row(x.name, x)), row(total, r.totals)],
        emptyText: t('report.noDiscounts'),
        chart: {
          kind: 'stacked',
          categories: r.rows.map((x) => barLabel(x.name)),
          series: [
            { name: t('report.col.lineDiscounts'), values: r.rows.map((x) => x.lineDiscounts) },
            { name: t('report.col.orderDiscounts'), values: r.rows.map((x) => x.orderDiscounts) },
            { name: t('report.col.overrides'), values: r.rows.map((x) => x.overrideAmount) },
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
          { header: t('report.col.rate'), weight: 0.8 },
          { header: t('report.col.salesNet'), weight: 1.1, money: true },
          { header: t('report.col.salesTax'), weight: 1, money: true },
          { header: t('report.col.refundsNet'), weight: 1.1, money: true },
          { header: t('report.col.refundsTax'), weight: 1, money: true },
          { header: t('report.col.net'), weight: 1.1, money: true },
          { header: t('report.col.taxDue'), weight: 1.1, money: true },
        ],
        rows: [...r.rows.map((x) => row(rateText(x.rateBp), x)), row(total, r.totals)],
        chart: {
          kind: 'bar',
          categories: r.rows.map((x) => rateText(x.rateBp)),
          series: [{ name: t('report.col.taxDue'), values: r.rows.map((x) => x.tax) }],
          currency: r.currency as CurrencyCode,
        },
      };
    }
    case 'stock': {
      const r = reports.stock(q);
      const top = r.rows.filter((x) => x.soldMilli > 0).slice(0, 8);
      return {
        columns: [
          { header: t('report.col.product'), weight: 2.2 },
          { header: t('report.col.sku'), weight: 0.9 },
          { header: t('report.col.sold'), weight: 0.7 },
          { header: t('report.col.returned'), weight: 0.7 },
          { header: t('report.col.salesAmount'), weight: 1.1, money: true },
          { header: t('report.col.onHandEnd'), weight: 0.9 },
          { header: t('report.col.onHandNow'), weight: 0.9 },
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
        emptyText: t('report.noProducts'),
        chart: {
          kind: 'bar',
          categories: top.map((x) => barLabel(x.name)),
          // quantities in whole units for the chart only; the table has them exactly
          series: [{ name: t('report.col.sold'), values: top.map((x) => Math.round(x.soldMilli / 1000)) }],
        },
      };
    }
  }
}
