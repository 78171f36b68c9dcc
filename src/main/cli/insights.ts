import { parseArgs } from 'node:util';
import { TOP_WINDOWS } from '../../shared/contract/insights';
import { type CurrencyCode, formatMoney } from '../../shared/money';
import type { App } from '../app';
import { fail, withShop } from './shop';

/** The customer insights reports `counterline report <name>` runs (issue 15); `report aging` is in ./debts.ts. */
export const INSIGHT_REPORTS = [
  'top-customers',
  'inactive-customers',
  'new-vs-returning',
  'customer-sales',
  'rfm',
  'clv',
  'cohorts',
  'customer',
] as const;
type InsightReport = (typeof INSIGHT_REPORTS)[number];

export const INSIGHTS_HELP = `  report top-customers [--as-of YYYY-MM-DD] [--days 7|30|90|180|365] [--limit N] [--json] [--data-dir DIR]
        The customers who spent most over the window (sales less refunds; default 90 days, 10 customers).
  report inactive-customers [--as-of D] [--lookback-days N] [--quiet-days Q] [--top N|P%] [--json] [--data-dir DIR]
        Of the top N spenders over the lookback (default 180 days, 20 customers), those with no sale for more
        than Q days (default 60).
  report new-vs-returning --from D --to D [--by day|week|month] [--json] [--data-dir DIR]
        Sales to first-time and returning customers per day, ISO week or month (default month), with loyalty %.
  report customer-sales --from D --to D [--json] [--data-dir DIR]
        Per customer over the days: sales, gross, refunds, net, average order, paid now, put on and paid off
        account, balance now, points earned and redeemed; totals at the bottom.
  report rfm [--as-of D] [--days N] [--json] [--data-dir DIR]
        Recency, frequency and money scores 1-5 and segments (default window 365 days).
  report clv [--as-of D] [--limit N] [--holdout-days N] [--json] [--data-dir DIR]
        Each customer's historic and predicted 12-month value (BG/NBD + Gamma-Gamma fitted on the shop's sales),
        by predicted value (default 50 customers); --holdout-days also fits on the days before the last N and
        sets the purchases it expected in them against those that happened.
  report cohorts [--from YYYY-MM] [--to YYYY-MM] [--json] [--data-dir DIR]
        Customers by the month of their first sale and how many bought again each month after (default 12 months).
  report customer ID [--as-of D] [--json] [--data-dir DIR]
        One customer's analysis: spend by month, favourites, basket, visit times, payments, debts, points, RFM,
        predicted value, rhythm and imported opening figures.`;

const USAGE: Record<InsightReport, string> = {
  'top-customers':
    'Usage: counterline report top-customers [--as-of YYYY-MM-DD] [--days N] [--limit N] [--json] [--data-dir DIR]',
  'inactive-customers':
    'Usage: counterline report inactive-customers [--as-of YYYY-MM-DD] [--lookback-days N] [--quiet-days Q] [--top N|P%] [--json] [--data-dir DIR]',
  'new-vs-returning':
    'Usage: counterline report new-vs-returning --from YYYY-MM-DD --to YYYY-MM-DD [--by day|week|month] [--json] [--data-dir DIR]',
  'customer-sales':
    'Usage: counterline report customer-sales --from YYYY-MM-DD --to YYYY-MM-DD [--json] [--data-dir DIR]',
  rfm: 'Usage: counterline report rfm [--as-of YYYY-MM-DD] [--days N] [--json] [--data-dir DIR]',
  clv: 'Usage: counterline report clv [--as-of YYYY-MM-DD] [--limit N] [--holdout-days N] [--json] [--data-dir DIR]',
  cohorts: 'Usage: counterline report cohorts [--from YYYY-MM] [--to YYYY-MM] [--json] [--data-dir DIR]',
  customer: 'Usage: counterline report customer CUSTOMER_ID [--as-of YYYY-MM-DD] [--json] [--data-dir DIR]',
};

const OPTIONS = {
  'as-of': { type: 'string' },
  days: { type: 'string' },
  limit: { type: 'string' },
  'lookback-days': { type: 'string' },
  'quiet-days': { type: 'string' },
  top: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  by: { type: 'string' },
  'holdout-days': { type: 'string' },
  json: { type: 'boolean', default: false },
  'data-dir': { type: 'string' },
} as const;
type OptionName = keyof typeof OPTIONS;

/** Which options each report takes, besides --json and --data-dir. */
const TAKES: Record<InsightReport, OptionName[]> = {
  'top-customers': ['as-of', 'days', 'limit'],
  'inactive-customers': ['as-of', 'lookback-days', 'quiet-days', 'top'],
  'new-vs-returning': ['from', 'to', 'by'],
  'customer-sales': ['from', 'to'],
  rfm: ['as-of', 'days'],
  clv: ['as-of', 'limit', 'holdout-days'],
  cohorts: ['from', 'to'],
  customer: ['as-of'],
};

/** A mistake in the options, said in plain words (exit 2). */
class OptionError extends Error {}

function date(name: string, v: string | undefined): string | undefined {
  if (v === undefined) return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  const t = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : Number.NaN;
  if (!m || Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== v)
    throw new OptionError(`--${name} must be a date on the calendar as YYYY-MM-DD, not ${v}`);
  return v;
}

function whole(name: string, v: string | undefined, min: number, max: number): number | undefined {
  if (v === undefined) return undefined;
  const n = /^\d+$/.test(v) ? Number(v) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max)
    throw new OptionError(`--${name} must be a whole number from ${min} to ${max}, not ${v}`);
  return n;
}

function month(name: string, v: string | undefined): string | undefined {
  if (v === undefined) return undefined;
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(v)) throw new OptionError(`--${name} must be a month as YYYY-MM, not ${v}`);
  return v;
}

function required(name: string, v: string | undefined): string {
  if (v === undefined) throw new OptionError(`--${name} YYYY-MM-DD is needed`);
  return v;
}

/** `counterline report <insight> …`: one JSON object on stdout with --json (money in minor units), else a table. */
export async function insightsReportCommand(args: string[]): Promise<number> {
  const name = args[0] as InsightReport;
  let values: { [K in OptionName]?: string | boolean };
  let positionals: string[];
  try {
    const parsed = parseArgs({ args: args.slice(1), options: OPTIONS, allowPositionals: true, strict: true });
    // `report customer ID` takes the customer's id; the others take options only
    positionals = parsed.positionals;
    const allowed = name === 'customer' ? 1 : 0;
    if (name === 'customer' && positionals.length === 0) throw new OptionError('Which customer? Give their id.');
    if (positionals.length > allowed) throw new OptionError(`Unexpected argument "${positionals[allowed]}".`);
    values = parsed.values;
    for (const k of Object.keys(values) as OptionName[])
      if (k !== 'json' && k !== 'data-dir' && !TAKES[name].includes(k))
        throw new OptionError(`report ${name} does not take --${k}.`);
  } catch (e) {
    return fail(`${e instanceof Error ? e.message : String(e)}\n${USAGE[name]}`, 2);
  }
  const s = (k: OptionName) => values[k] as string | undefined;
  let run: (app: App) => unknown;
  try {
    run = build(name, s, positionals);
  } catch (e) {
    if (e instanceof OptionError) return fail(e.message, 2);
    throw e;
  }
  return withShop(s('data-dir'), async (app) => {
    const report = (await run(app)) as Record<string, unknown>;
    if (values.json) console.log(JSON.stringify(report));
    else console.log(text(name, report, app.services.settings.store().currency as CurrencyCode));
    return 0;
  });
}

/** Checks the options and returns what runs the report, shaped as the JSON of issue 15. */
function build(
  name: InsightReport,
  s: (k: OptionName) => string | undefined,
  positionals: string[],
): (app: App) => unknown {
  const insights = (app: App) => app.services.insights;
  switch (name) {
    case 'top-customers': {
      const asOf = date('as-of', s('as-of'));
      const days = whole('days', s('days'), 1, 3660);
      if (days !== undefined && !(TOP_WINDOWS as readonly number[]).includes(days))
        throw new OptionError(`--days must be one of ${TOP_WINDOWS.join(', ')}, not ${days}`);
      const limit = whole('limit', s('limit'), 1, 10_000);
      return (app) => insights(app).topCustomers({ asOf, days, limit });
    }
    case 'inactive-customers': {
      const asOf = date('as-of', s('as-of'));
      const lookbackDays = whole('lookback-days', s('lookback-days'), 1, 3660);
      const quietDays = whole('quiet-days', s('quiet-days'), 0, 3660);
      const topArg = s('top');
      let top: number | undefined;
      let topPercent: number | undefined;
      if (topArg?.endsWith('%')) {
        topPercent = Number(topArg.slice(0, -1));
        if (!(topPercent > 0 && topPercent <= 100))
          throw new OptionError(`--top as a percentage must be above 0% and at most 100%, not ${topArg}`);
      } else top = whole('top', topArg, 1, 100_000);
      return (app) => {
        const r = insights(app).inactiveCustomers({ asOf, lookbackDays, quietDays, top, topPercent });
        return { asOf: r.asOf, customers: r.customers };
      };
    }
    case 'new-vs-returning': {
      const from = required('from', date('from', s('from')));
      const to = required('to', date('to', s('to')));
      if (from > to) throw new OptionError(`--from ${from} is after --to ${to}`);
      const by = s('by') ?? 'month';
      if (by !== 'day' && by !== 'week' && by !== 'month')
        throw new OptionError(`--by must be day, week or month, not ${by}`);
      return (app) => ({ periods: insights(app).newVsReturning({ from, to, by }).periods });
    }
    case 'customer-sales': {
      const from = required('from', date('from', s('from')));
      const to = required('to', date('to', s('to')));
      if (from > to) throw new OptionError(`--from ${from} is after --to ${to}`);
      return (app) => insights(app).customerSales({ from, to });
    }
    case 'rfm': {
      const asOf = date('as-of', s('as-of'));
      const days = whole('days', s('days'), 1, 3660);
      return (app) => insights(app).rfm({ asOf, days });
    }
    case 'clv': {
      const asOf = date('as-of', s('as-of'));
      const limit = whole('limit', s('limit'), 1, 100_000);
      const holdoutDays = whole('holdout-days', s('holdout-days'), 7, 730);
      return async (app) => {
        const report = await insights(app).clv({ asOf, limit });
        if (holdoutDays === undefined) return report;
        return { ...report, holdout: await insights(app).clvHoldout({ asOf: report.asOf, holdoutDays }) };
      };
    }
    case 'cohorts': {
      const from = month('from', s('from'));
      const to = month('to', s('to'));
      if (from && to && from > to) throw new OptionError(`--from ${from} is after --to ${to}`);
      return (app) => insights(app).cohorts({ from, to });
    }
    case 'customer': {
      const asOf = date('as-of', s('as-of'));
      const customerId = positionals[0] as string;
      return (app) => insights(app).customerAnalysis({ customerId, asOf });
    }
  }
}

/** The report as lines a person reads in a terminal. */
function text(name: InsightReport, r: Record<string, unknown>, currency: CurrencyCode): string {
  const money = (n: unknown) => formatMoney(n as number, currency, 'en', { code: false });
  const line = (cells: unknown[]) =>
    cells.map((c, i) => (i === 0 ? String(c).slice(0, 28).padEnd(28) : String(c).padStart(14))).join(' ');
  const rows = (key: string) => (r[key] ?? []) as Array<Record<string, unknown>>;
  switch (name) {
    case 'top-customers':
      return [
        `Top customers over the ${r.days} days to ${r.asOf} (${currency})`,
        line(['Customer', 'Spend', 'Sales']),
        ...rows('customers').map((c) => line([c.name, money(c.spend), c.orders])),
      ].join('\n');
    case 'inactive-customers':
      return [
        `High-value customers quiet as of ${r.asOf} (${currency})`,
        line(['Customer', 'Spend', 'Last sale', 'Days since']),
        ...rows('customers').map((c) => line([c.name, money(c.spend), c.lastPurchaseAt, c.daysSinceLastPurchase])),
      ].join('\n');
    case 'new-vs-returning':
      return [
        line(['Period', 'New', 'New sales', 'Returning', 'Returning sales', 'Loyalty %']),
        ...rows('periods').map((p) =>
          line([
            p.period,
            p.newOrders,
            money(p.newSales),
            p.returningOrders,
            money(p.returningSales),
            p.loyaltyPercent ?? '-',
          ]),
        ),
      ].join('\n');
    case 'customer-sales': {
      const head = ['Customer', 'Sales', 'Gross', 'Refunds', 'Net', 'Avg order', 'Balance now'];
      const cells = (c: Record<string, unknown>) => [
        c.sales,
        money(c.gross),
        money(c.refunds),
        money(c.net),
        money(c.averageOrderValue),
        money(c.balanceNow),
      ];
      return [
        `Customer sales ${r.from} to ${r.to} (${currency})`,
        line(head),
        ...rows('customers').map((c) => line([c.name, ...cells(c)])),
        line(['Total', ...cells(r.totals as Record<string, unknown>)]),
      ].join('\n');
    }
    case 'rfm':
      return [
        `RFM segments over the ${r.days} days to ${r.asOf} (${r.scoring})`,
        ...rows('segments').map((g) => line([g.segment, g.customers])),
      ].join('\n');
    case 'clv': {
      const h = r.holdout as { predicted: number; actual: number; holdoutDays: number } | undefined;
      return [
        `Customer lifetime value as of ${r.asOf}: predicted 12 months (${currency})`,
        line(['Customer', 'Last 365 days', 'All time', 'Purchases', 'Avg purchase', 'Predicted', 'P(alive)']),
        ...rows('customers').map((c) =>
          line([
            c.name,
            money(c.historic365),
            money(c.historicAll),
            c.expectedPurchases12m ?? '-',
            c.expectedAov === null ? '-' : money(c.expectedAov),
            c.predicted12m === null ? '-' : money(c.predicted12m),
            c.pAlive ?? '-',
          ]),
        ),
        ...(h ? [`Holdout, last ${h.holdoutDays} days: ${h.predicted} purchases expected, ${h.actual} made`] : []),
      ].join('\n');
    }
    case 'cohorts':
      return [
        `Cohorts by month of first sale, ${r.from} to ${r.to}`,
        ...rows('cohorts').map((c) =>
          [
            String(c.month),
            String(c.customers).padStart(7),
            ...(c.retention as Array<{ percent: number }>).map((x) => `${x.percent}%`.padStart(7)),
          ].join(' '),
        ),
      ].join('\n');
    case 'customer': {
      const basket = r.basket as { orders: number; averageValue: number };
      const rfm = r.rfm as { segment: string } | null;
      const clv = r.clv as { predicted12m: number | null } | null;
      return [
        `${r.name} as of ${r.asOf} (${currency})`,
        `Sales: ${basket.orders}, average ${money(basket.averageValue)}; owes ${money(r.balance)}; points ${r.pointsBalance}`,
        `Segment: ${rfm?.segment ?? '-'}; rhythm: ${(r.rhythm as { status: string }).status}; predicted 12 months: ${clv?.predicted12m == null ? '-' : money(clv.predicted12m)}`,
        ...rows('spendByMonth').map((m) => line([m.month, m.orders, money(m.spend)])),
      ].join('\n');
    }
  }
}
