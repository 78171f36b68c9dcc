import type { ChartSpec } from '../../../shared/charts';
import type {
  Cohorts,
  CustomerSalesReport,
  InactiveCustomers,
  NewVsReturning,
  RfmReport,
  TopCustomers,
} from '../../../shared/contract/insights';
import type { CustomerList } from '../../../shared/contract/insights-files';
import type { CurrencyCode } from '../../../shared/money';
import type { ReportCell as Cell, ReportColumn as Column, ReportTable } from '../exports/report-file';

/**
 * Each insights report as a file table (xlsx, csv, pdf through exports/report-file), the PDF with the chart the
 * screen shows. English headers, as the other report files have.
 */

const m = (minor: number): Cell => ({ minor });
const n = (v: number) => String(v);
/** the first rows of a long list in a bar chart: a chart of 10,000 bars says nothing */
const CHART_BARS = 15;

export function topCustomersTable(r: TopCustomers): ReportTable {
  const columns: Column[] = [
    { header: '#', weight: 0.4 },
    { header: 'Customer', weight: 2.6 },
    { header: 'Sales', weight: 0.8 },
    { header: 'Spend', weight: 1.2, money: true },
  ];
  const shown = r.customers.slice(0, CHART_BARS);
  return {
    title: `Top customers, ${r.days} days to ${r.asOf}`,
    columns,
    rows: r.customers.map((c, i) => [n(i + 1), c.name, n(c.orders), m(c.spend)]),
    emptyText: 'No customer spent anything in these days.',
    chart: shown.length
      ? {
          kind: 'bar',
          horizontal: true,
          categories: shown.map((c) => c.name),
          series: [{ name: 'Spend', values: shown.map((c) => c.spend) }],
          currency: r.currency as CurrencyCode,
        }
      : undefined,
  };
}

export function inactiveCustomersTable(r: InactiveCustomers): ReportTable {
  const columns: Column[] = [
    { header: 'Customer', weight: 2.4 },
    { header: `Spend (${r.lookbackDays} days)`, weight: 1.2, money: true },
    { header: 'Last purchase', weight: 1 },
    { header: 'Days since', weight: 0.8 },
  ];
  const shown = r.customers.slice(0, CHART_BARS);
  return {
    title: `Top ${r.top} spenders quiet more than ${r.quietDays} days, ${r.asOf}`,
    columns,
    rows: r.customers.map((c) => [c.name, m(c.spend), c.lastPurchaseAt, n(c.daysSinceLastPurchase)]),
    emptyText: 'Every high-value customer bought recently.',
    chart: shown.length
      ? {
          kind: 'bar',
          horizontal: true,
          categories: shown.map((c) => c.name),
          series: [{ name: 'Days since last purchase', values: shown.map((c) => c.daysSinceLastPurchase) }],
        }
      : undefined,
  };
}

export function newVsReturningTable(r: NewVsReturning): ReportTable {
  const columns: Column[] = [
    { header: 'Period', weight: 1 },
    { header: 'New sales', weight: 0.8 },
    { header: 'New', weight: 1.2, money: true },
    { header: 'Returning sales', weight: 0.9 },
    { header: 'Returning', weight: 1.2, money: true },
    { header: 'Loyalty %', weight: 0.8 },
  ];
  return {
    title: `New vs returning customers by ${r.by}, ${r.from} to ${r.to}`,
    columns,
    rows: r.periods.map((p) => [
      p.period,
      n(p.newOrders),
      m(p.newSales),
      n(p.returningOrders),
      m(p.returningSales),
      p.loyaltyPercent === null ? '' : p.loyaltyPercent.toFixed(1),
    ]),
    emptyText: 'No customer bought anything in these days.',
    chart: r.periods.length ? newVsReturningChart(r, 'New', 'Returning') : undefined,
  };
}

/** New against returning sales per period, stacked (the screen passes its own words for the series). */
export function newVsReturningChart(
  r: Pick<NewVsReturning, 'periods' | 'currency'>,
  newName: string,
  returningName: string,
): ChartSpec {
  return {
    kind: 'stacked',
    categories: r.periods.map((p) => p.period),
    series: [
      { name: newName, values: r.periods.map((p) => p.newSales) },
      { name: returningName, values: r.periods.map((p) => p.returningSales) },
    ],
    currency: r.currency as CurrencyCode,
  };
}

export function customerSalesTable(r: CustomerSalesReport): ReportTable {
  const columns: Column[] = [
    { header: 'Customer', weight: 2 },
    { header: 'Sales', weight: 0.6 },
    { header: 'Gross', weight: 1, money: true },
    { header: 'Refunds', weight: 1, money: true },
    { header: 'Net', weight: 1, money: true },
    { header: 'Avg order', weight: 1, money: true },
    { header: 'Paid now', weight: 1, money: true },
    { header: 'On account', weight: 1, money: true },
    { header: 'Paid off', weight: 1, money: true },
    { header: 'Balance now', weight: 1, money: true },
    { header: 'Points +', weight: 0.6 },
    { header: 'Points -', weight: 0.6 },
  ];
  const figures = (f: CustomerSalesReport['totals']): Cell[] => [
    n(f.sales),
    m(f.gross),
    m(f.refunds),
    m(f.net),
    m(f.averageOrderValue),
    m(f.paidNow),
    m(f.putOnAccount),
    m(f.paidOffOnAccount),
    m(f.balanceNow),
    n(f.pointsEarned),
    n(f.pointsRedeemed),
  ];
  const shown = r.customers.slice(0, CHART_BARS);
  const rows = r.customers.map((c) => [c.name, ...figures(c)]);
  if (r.customers.length) rows.push(['Total', ...figures(r.totals)]);
  return {
    title: `Customer sales, ${r.from} to ${r.to}`,
    columns,
    rows,
    emptyText: 'No customer bought, returned or paid anything in these days.',
    chart: shown.length
      ? {
          kind: 'bar',
          horizontal: true,
          categories: shown.map((c) => c.name),
          series: [{ name: 'Net', values: shown.map((c) => c.net) }],
          currency: r.currency as CurrencyCode,
        }
      : undefined,
  };
}

export function rfmTable(r: RfmReport, segment?: string): ReportTable {
  const columns: Column[] = [
    { header: 'Customer', weight: 2.2 },
    { header: 'Segment', weight: 1.3 },
    { header: 'Days since', weight: 0.8 },
    { header: 'Sales', weight: 0.6 },
    { header: 'Spend', weight: 1.1, money: true },
    { header: 'R', weight: 0.4 },
    { header: 'F', weight: 0.4 },
    { header: 'M', weight: 0.4 },
  ];
  const customers = segment ? r.customers.filter((c) => c.segment === segment) : r.customers;
  return {
    title: `RFM segments${segment ? `: ${segment}` : ''}, ${r.days} days to ${r.asOf}`,
    columns,
    rows: customers.map((c) => [
      c.name,
      c.segment,
      n(c.recencyDays),
      n(c.frequency),
      m(c.monetary),
      n(c.r),
      n(c.f),
      n(c.m),
    ]),
    emptyText: 'No customer bought anything in these days.',
    chart: segmentChart(r.segments, 'Customers'),
  };
}

/** How many customers are in each segment, as bars. */
export function segmentChart(
  segments: RfmReport['segments'],
  seriesName: string,
  labelOf = (s: string) => s,
): ChartSpec {
  return {
    kind: 'bar',
    horizontal: true,
    categories: segments.map((s) => labelOf(s.segment)),
    series: [{ name: seriesName, values: segments.map((s) => s.customers) }],
  };
}

export function customerListTable(l: CustomerList, title: string): ReportTable {
  return {
    title,
    columns: [
      { header: 'Customer', weight: 2.4 },
      { header: 'Phone', weight: 1.4 },
      { header: 'Spend', weight: 1.2, money: true },
      { header: 'Last purchase', weight: 1 },
      { header: 'Tags', weight: 1.6 },
    ],
    rows: l.customers.map((c) => [c.name, c.phone ?? '', m(c.spend), c.lastPurchaseAt ?? '', c.tags.join(', ')]),
    emptyText: 'No customer is in this list.',
  };
}

export function cohortsTable(r: Cohorts): ReportTable {
  const width = Math.max(0, ...r.cohorts.map((c) => c.retention.length));
  const offsets = Array.from({ length: width }, (_, i) => i);
  const shown = r.cohorts.filter((c) => c.customers > 0);
  return {
    title: `Cohort retention, ${r.from} to ${r.to}`,
    columns: [
      { header: 'First month', weight: 1 },
      { header: 'Customers', weight: 0.9 },
      ...offsets.map((i) => ({ header: `+${i} %`, weight: 0.55 })),
    ],
    rows: r.cohorts.map((c) => [
      c.month,
      n(c.customers),
      ...offsets.map((i) => {
        const cell = c.retention.find((x) => x.offset === i);
        return cell ? cell.percent.toFixed(1) : '';
      }),
    ]),
    emptyText: 'No customer made a first purchase in these months.',
    chart: shown.length
      ? {
          kind: 'heatmap',
          rows: shown.map((c) => `${c.month} (${c.customers})`),
          columns: offsets.map((i) => `+${i}`),
          cells: shown.flatMap((c, row) =>
            c.retention.map((x): [number, number, number] => [x.offset, row, x.percent]),
          ),
        }
      : undefined,
  };
}
