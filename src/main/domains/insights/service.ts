import type { z } from 'zod';
import {
  type ClvHoldout,
  ClvHoldoutQuery,
  ClvQuery,
  type ClvReport,
  type Cohorts,
  CohortsQuery,
  type CustomerAnalysis,
  CustomerAnalysisQuery,
  type CustomerSalesReport,
  type CustomerSalesRow,
  type InactiveCustomers,
  InactiveCustomersQuery,
  type NewVsReturning,
  type NewVsReturningPeriod,
  NewVsReturningQuery,
  RangeQuery,
  RFM_SEGMENTS,
  type RfmCustomer,
  RfmQuery,
  type RfmReport,
  type Rhythm,
  RhythmQuery,
  type TopCustomers,
  TopCustomersQuery,
} from '../../../shared/contract/insights';
import { AppError } from '../../../shared/errors';
import { stmt } from '../../db/statements';
import type { Deps } from '../deps';
import type { SettingsService } from '../settings/service';
import { offsetAt } from '../zone';
import { customerFigures } from './analysis';
import { ClvModels, predictionAt } from './clv';
import { addFirstSalesSince, addMonths, buyersByMonth, cohortsReport, type FirstSale, firstSales } from './cohorts';
import { addDays, DAY, dayStart, daysBetween, isoWeek, localDate, rangeOf, type Window, windowEnding } from './days';
import { PastCache } from './past';
import { QUINTILE_MIN_CUSTOMERS, quintileCuts, scoreDown, scoreUp, segmentOf } from './rfm';
import { type GapStats, gapStats, gapStatsOfHistogram, gapsOf, rhythmStatus } from './rhythm';
import type { InsightsSettingsService } from './settings';
import { addSpend, bySpend, type CustomerSpend, namesOf, spendByCustomer } from './spend';

/** What the reports read through: the database and the clock (the reports' own thread builds one of these). */
export type InsightsDeps = Pick<Deps, 'sqlite' | 'clock'>;

/** Every time-zone offset in use is a whole number of quarter hours, so quarter-hour sums regroup into local days. */
const QUARTER_HOUR = 900_000;
const MAX_DAYS = 3_660;

/** sales counted and summed per quarter hour of a window */
type PeriodSum = { q: number; n: number; s: number };
/** every customer sale of a window, per quarter hour */
const CUSTOMER_SALES = `
  SELECT completed_at / ${QUARTER_HOUR} AS q, count(*) AS n, sum(total) AS s FROM sales_orders
  WHERE completed_at >= :start AND completed_at < :end AND status = 'completed' AND customer_id IS NOT NULL GROUP BY q`;

/** Inputs are checked here too: the CLI calls the service without the router. */
function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const r = schema.safeParse(input ?? {});
  if (r.success) return r.data;
  throw new AppError(
    'VALIDATION',
    r.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; '),
  );
}

/**
 * The customer insights reports (issue 15): reads of the sales, refunds, account and points ledgers, never writes.
 * Definitions in ./spend.ts; every day is a whole day of the shop's time zone.
 */
export class CustomerInsights {
  /** the shop's gap statistics per as-of day: a scan of every sale, so worked out once a day */
  private shopGaps = new Map<string, GapStats | null>();
  /** the RFM cut points of each as-of day the report ran for, for one customer's scores; kept until the next day */
  private rfmCuts = new Map<string, { day: string; cuts: RfmReport['thresholds'] }>();
  /** the lifetime-value models, fitted off this thread and cached until the next shop-local day */
  readonly clvModels: ClvModels;
  /** report parts over past days, kept while nothing under them changes */
  private past: PastCache;

  constructor(
    private deps: InsightsDeps,
    private settings: Pick<SettingsService, 'store'>,
    private insightsSettings: Pick<InsightsSettingsService, 'get'>,
    /** an encrypted shop's key, for the CLV worker's own connection */
    key: string | null = null,
  ) {
    this.clvModels = new ClvModels(deps, () => this.zone(), key);
    this.past = new PastCache(deps.sqlite);
  }

  /**
   * A result over a window read in two parts joined: the days before today, kept (./past.ts), and today's, read
   * each time. A window that ends before today is kept whole.
   */
  private pastAndToday<T>(name: string, w: Window, read: (w: Window) => T, join: (a: T, b: T) => T, none: T): T {
    const split = Math.min(w.end, Math.max(w.start, dayStart(this.today(), this.zone().timeZone)));
    const past =
      split > w.start
        ? this.past.get(`${name} ${w.start} ${split}`, () => read({ start: w.start, end: split }), {
            until: split,
          })
        : none;
    return join(past, split < w.end ? read({ start: split, end: w.end }) : none);
  }

  /** Every customer's display name, kept until a customer is added, edited, merged, imported or erased. */
  private allNames(): ReadonlyMap<string, string> {
    return this.past.get(
      'names',
      () =>
        new Map(
          stmt(this.deps.sqlite, 'SELECT id, display_name FROM customers').raw().all() as Array<[string, string]>,
        ),
      { customers: true },
    );
  }

  /** Every customer with a sale or a refund in the window (./spend.ts); rows shared with the kept parts. */
  spend(w: Window): readonly Readonly<CustomerSpend>[] {
    return this.pastAndToday('spend', w, (part) => spendByCustomer(this.deps.sqlite, part), addSpend, []);
  }

  /** Customers with spend > 0 in the window, by spend descending, ties by id. */
  private spenders(w: Window): Readonly<CustomerSpend>[] {
    return this.spend(w)
      .filter((r) => r.spend > 0)
      .sort(bySpend);
  }

  private zone() {
    return this.settings.store();
  }

  /** The as-of day given, checked against the calendar, or today in the shop. */
  private asOfDay(asOf: string | undefined): string {
    const { timeZone } = this.zone();
    if (asOf === undefined) return localDate(this.deps.clock.now(), timeZone);
    dayStart(asOf, timeZone); // refuses 2026-02-30 in words
    return asOf;
  }

  topCustomers(input: TopCustomersQuery): TopCustomers {
    const q = parse(TopCustomersQuery, input);
    const { timeZone, currency } = this.zone();
    const asOf = this.asOfDay(q.asOf);
    const rows = this.spenders(windowEnding(asOf, q.days, timeZone)).slice(0, q.limit);
    const names = namesOf(
      this.deps.sqlite,
      rows.map((r) => r.id),
    );
    return {
      asOf,
      days: q.days,
      currency,
      customers: rows.map((r) => ({ id: r.id, name: names.get(r.id) ?? '', spend: r.spend, orders: r.orders })),
    };
  }

  inactiveCustomers(input: InactiveCustomersQuery): InactiveCustomers {
    const q = parse(InactiveCustomersQuery, input);
    const { timeZone, currency } = this.zone();
    const asOf = this.asOfDay(q.asOf);
    const ranked = this.spenders(windowEnding(asOf, q.lookbackDays, timeZone));
    const top = q.topPercent !== undefined ? Math.ceil((ranked.length * q.topPercent) / 100) : (q.top ?? 20);
    const rows = ranked.slice(0, top);
    // spend > 0 means a sale in the window, so the window's last sale is the customer's last sale up to the as-of day
    const quiet = rows
      .map((r) => {
        const lastDay = localDate(r.lastAt as number, timeZone);
        return { ...r, lastDay, since: daysBetween(lastDay, asOf) };
      })
      .filter((r) => r.since > q.quietDays);
    const names = namesOf(
      this.deps.sqlite,
      quiet.map((r) => r.id),
    );
    return {
      asOf,
      lookbackDays: q.lookbackDays,
      quietDays: q.quietDays,
      top,
      currency,
      customers: quiet.map((r) => ({
        id: r.id,
        name: names.get(r.id) ?? '',
        spend: r.spend,
        lastPurchaseAt: r.lastDay,
        daysSinceLastPurchase: r.since,
      })),
    };
  }

  newVsReturning(input: NewVsReturningQuery): NewVsReturning {
    const q = parse(NewVsReturningQuery, input);
    const { timeZone, currency } = this.zone();
    const range = rangeOf(q.from, q.to, timeZone);
    if (daysBetween(q.from, q.to) >= MAX_DAYS)
      throw new AppError('VALIDATION', 'That is more than ten years; choose a shorter range.');
    // counted by day, then summed into the periods asked for
    const days = new Map<string, NewVsReturningPeriod>();
    for (let d = q.from; d <= q.to; d = addDays(d, 1)) days.set(d, emptyPeriod(d));
    const periodOf = (q: number) => days.get(localDate(q * QUARTER_HOUR, timeZone)) as NewVsReturningPeriod;
    // a sale is new when it is the customer's first ever (by time, then id) and the customer brought no purchases
    // from before Counterline on their imported opening figures (decision 0017)
    for (const f of this.firstSalesNow().values()) {
      if (f.opening || f.at < range.start || f.at >= range.end) continue;
      const p = periodOf(Math.floor(f.at / QUARTER_HOUR));
      p.newOrders += 1;
      p.newSales += f.total;
    }
    const all = this.pastAndToday(
      'customer sales',
      range,
      (w) => stmt(this.deps.sqlite, CUSTOMER_SALES).all(w) as PeriodSum[],
      (a, b) => [...a, ...b],
      [],
    );
    for (const t of all) {
      const p = periodOf(t.q);
      p.returningOrders += t.n;
      p.returningSales += t.s;
    }
    for (const p of days.values()) {
      p.returningOrders -= p.newOrders;
      p.returningSales -= p.newSales;
    }
    return { from: q.from, to: q.to, by: q.by, currency, periods: regroup([...days.values()], q.by) };
  }

  customerSales(input: { from: string; to: string }): CustomerSalesReport {
    const q = parse(RangeQuery, input);
    const { timeZone, currency } = this.zone();
    const { start, end } = rangeOf(q.from, q.to, timeZone);
    const rows = new Map<string, CustomerSalesRow>();
    const row = (id: string) => {
      let r = rows.get(id);
      if (!r) {
        r = { id, name: '', ...emptyFigures() };
        rows.set(id, r);
      }
      return r;
    };
    const { sqlite } = this.deps;
    for (const s of stmt(
      sqlite,
      `SELECT customer_id AS id, count(*) AS n, sum(total) AS gross, sum(paid_total) AS paid,
         sum(on_account_total) AS onAccount
       FROM sales_orders
       WHERE completed_at >= ? AND completed_at < ? AND status = 'completed' AND customer_id IS NOT NULL
       GROUP BY customer_id`,
    ).all(start, end) as Array<{ id: string; n: number; gross: number; paid: number; onAccount: number }>) {
      const r = row(s.id);
      r.sales = s.n;
      r.gross = s.gross;
      r.paidNow = s.paid;
      r.putOnAccount = s.onAccount;
    }
    for (const s of stmt(
      sqlite,
      `SELECT customer_id AS id, sum(total) AS t FROM refunds
       WHERE at >= ? AND at < ? AND status = 'completed' AND customer_id IS NOT NULL GROUP BY customer_id`,
    ).all(start, end) as Array<{ id: string; t: number }>)
      row(s.id).refunds = s.t;
    for (const s of stmt(
      sqlite,
      `SELECT customer_id AS id, -sum(amount) AS t FROM account_entries
       WHERE at >= ? AND at < ? AND kind IN ('payment', 'payment_reversal') GROUP BY customer_id`,
    ).all(start, end) as Array<{ id: string; t: number }>)
      row(s.id).paidOffOnAccount = s.t;
    // points on the customers who are in the report; earned = points from purchases, redeemed = net of returns
    for (const s of stmt(
      sqlite,
      `SELECT customer_id AS id, sum(CASE WHEN kind = 'earn' THEN points ELSE 0 END) AS earned,
         -sum(CASE WHEN kind = 'redeem' THEN points ELSE 0 END) AS redeemed
       FROM points_entries WHERE at >= ? AND at < ? AND kind IN ('earn', 'redeem') GROUP BY customer_id`,
    ).all(start, end) as Array<{ id: string; earned: number; redeemed: number }>) {
      const r = rows.get(s.id);
      if (!r) continue;
      r.pointsEarned = s.earned;
      r.pointsRedeemed = s.redeemed;
    }
    const ids = [...rows.keys()];
    for (const c of stmt(
      sqlite,
      'SELECT id, display_name AS name, balance FROM customers WHERE id IN (SELECT value FROM json_each(?))',
    ).all(JSON.stringify(ids)) as Array<{ id: string; name: string; balance: number }>) {
      const r = rows.get(c.id) as CustomerSalesRow;
      r.name = c.name;
      r.balanceNow = c.balance;
    }
    const totals = emptyFigures();
    const customers = [...rows.values()];
    for (const r of customers) {
      r.net = r.gross - r.refunds;
      r.averageOrderValue = r.sales ? Math.round(r.gross / r.sales) : 0;
      for (const k of Object.keys(totals) as Array<keyof typeof totals>) totals[k] += r[k];
    }
    totals.averageOrderValue = totals.sales ? Math.round(totals.gross / totals.sales) : 0;
    customers.sort((a, b) => b.net - a.net || (a.id < b.id ? -1 : 1));
    return { from: q.from, to: q.to, currency, customers, totals };
  }

  /** `names: false` for a caller that only counts segments (the dashboard): reading 50k names is most of the report */
  rfm(input: RfmQuery, opts: { names?: boolean } = {}): RfmReport {
    const q = parse(RfmQuery, input);
    const { timeZone, currency } = this.zone();
    const asOf = this.asOfDay(q.asOf);
    const active = this.spend(windowEnding(asOf, q.days, timeZone)).filter((r) => r.orders > 0);
    // day numbers, not a date string per customer: 50k active customers made this ~0.2 s of the report
    const asOfDay = Date.parse(`${asOf}T00:00:00Z`) / DAY;
    const recency = active.map((r) => asOfDay - dayNumber(r.lastAt as number, timeZone));
    const fixed = active.length < QUINTILE_MIN_CUSTOMERS;
    const own = this.insightsSettings.get().rfmThresholds;
    const cuts = {
      recencyDays: fixed ? own.recencyDays : quintileCuts(recency),
      frequency: fixed ? own.frequency : quintileCuts(active.map((r) => r.orders)),
      monetary: fixed && own.monetary ? own.monetary : quintileCuts(active.map((r) => r.spend)),
    };
    const names = opts.names === false ? new Map<string, string>() : this.allNames();
    this.rfmCuts.set(`${asOf}|${q.days}`, { day: this.today(), cuts });
    const customers: RfmCustomer[] = active.map((c, i) => {
      const recencyDays = recency[i] as number;
      const r = scoreDown(recencyDays, cuts.recencyDays);
      const f = scoreUp(c.orders, cuts.frequency);
      return {
        id: c.id,
        name: names.get(c.id) ?? '',
        recencyDays,
        frequency: c.orders,
        monetary: c.spend,
        r,
        f,
        m: scoreUp(c.spend, cuts.monetary),
        segment: segmentOf(r, f),
      };
    });
    customers.sort((a, b) => b.monetary - a.monetary || (a.id < b.id ? -1 : 1));
    const counts = new Map<string, number>();
    for (const c of customers) counts.set(c.segment, (counts.get(c.segment) ?? 0) + 1);
    return {
      asOf,
      days: q.days,
      currency,
      scoring: fixed ? 'fixed' : 'quintiles',
      thresholds: cuts,
      segments: RFM_SEGMENTS.map((segment) => ({ segment, customers: counts.get(segment) ?? 0 })),
      customers,
    };
  }

  private today(): string {
    return localDate(this.deps.clock.now(), this.zone().timeZone);
  }

  /** Each customer's historic and predicted 12-month value, by predicted value (docs/decisions/0027-clv-model.md). */
  async clv(input: ClvQuery): Promise<ClvReport> {
    const q = parse(ClvQuery, input);
    const { timeZone, currency } = this.zone();
    const asOf = this.asOfDay(q.asOf);
    const fitted = await this.clvModels.fitted(asOf);
    const { model, fit } = fitted;
    const ids = fit.ids.slice(q.offset, q.offset + q.limit);
    const year = this.spendOf(ids, windowEnding(asOf, 365, timeZone));
    const all = this.spendOf(ids, { start: 0, end: windowEnding(asOf, 1, timeZone).end });
    const names = namesOf(this.deps.sqlite, ids);
    return {
      asOf,
      currency,
      model,
      total: fit.ids.length,
      offset: q.offset,
      customers: ids.map((id, k) => {
        return {
          id,
          name: names.get(id) ?? '',
          historic365: year.get(id) ?? 0,
          historicAll: all.get(id) ?? 0,
          ...predictionAt(fitted, q.offset + k),
        };
      }),
    };
  }

  /** Fits on the days up to as-of − holdout days and sets the purchases it expected in the holdout against the real. */
  clvHoldout(input: ClvHoldoutQuery): Promise<ClvHoldout> {
    const q = parse(ClvHoldoutQuery, input);
    return this.clvModels.holdout(this.asOfDay(q.asOf), q.holdoutDays);
  }

  /** Net spend (sales − refunds) of some customers over a window: one seek each for a page, a scan for many. */
  private spendOf(ids: readonly string[], w: { start: number; end: number }): Map<string, number> {
    const out = new Map<string, number>();
    if (ids.length > 2_000) {
      const wanted = new Set(ids);
      for (const r of this.spend(w)) if (wanted.has(r.id)) out.set(r.id, r.spend);
      return out;
    }
    const sales = stmt(
      this.deps.sqlite,
      `SELECT coalesce(sum(total), 0) FROM sales_orders
       WHERE customer_id = ? AND completed_at >= ? AND completed_at < ? AND status = 'completed'`,
    ).pluck();
    const refunds = stmt(
      this.deps.sqlite,
      `SELECT coalesce(sum(total), 0) FROM refunds WHERE customer_id = ? AND at >= ? AND at < ? AND status = 'completed'`,
    ).pluck();
    for (const id of ids)
      out.set(id, (sales.get(id, w.start, w.end) as number) - (refunds.get(id, w.start, w.end) as number));
    return out;
  }

  /** Customers by the month of their first sale and how many bought again each month after (default 12 months). */
  cohorts(input: CohortsQuery): Cohorts {
    const q = parse(CohortsQuery, input);
    const { timeZone } = this.zone();
    const to = q.to ?? (q.from ? addMonths(q.from, 11) : this.today().slice(0, 7));
    const from = q.from ?? addMonths(to, -11);
    if (from > to) throw new AppError('VALIDATION', `The first month ${from} comes after the last, ${to}.`);
    return cohortsReport(this.deps.sqlite, from, to, timeZone, this.firstSalesNow(), (months, w) =>
      this.pastAndToday(
        `buyers ${JSON.stringify(months)}`,
        w,
        (part) => buyersByMonth(this.deps.sqlite, months, part),
        // today's buyers join the month's kept ones in a new set; a month with none today shares the kept one
        (a, b) => a.map((ids, i) => (b[i]?.size ? new Set([...ids, ...(b[i] as Set<string>)]) : ids)),
        months.map(() => new Set<string>()),
      ),
    );
  }

  /**
   * Every customer's first sale as of now: the map read once (100k index seeks) and kept while no earlier sale
   * changes (./past.ts), topped up with the customers who first bought today.
   */
  private firstSalesNow(): Map<string, FirstSale> {
    const today = dayStart(this.today(), this.zone().timeZone);
    const firsts = this.past.get(`firsts ${today}`, () => firstSales(this.deps.sqlite), { until: today });
    addFirstSalesSince(this.deps.sqlite, firsts, today);
    return firsts;
  }

  /** Everything the customer page's Analysis tab shows about one customer, as of a day (default today). */
  async customerAnalysis(input: CustomerAnalysisQuery): Promise<CustomerAnalysis> {
    const q = parse(CustomerAnalysisQuery, input);
    const { timeZone, currency } = this.zone();
    const asOf = this.asOfDay(q.asOf);
    const figures = customerFigures(this.deps.sqlite, q.customerId, asOf, timeZone);
    const model = asOf === this.today() ? await this.clvModels.cachedToday() : null;
    const at = model?.position.get(q.customerId);
    const p = model && at !== undefined ? predictionAt(model, at) : null;
    return {
      ...figures,
      asOf,
      currency,
      rfm: this.customerRfm(q.customerId, asOf),
      clv: model
        ? {
            predicted12m: p?.predicted12m ?? null,
            expectedPurchases12m: p?.expectedPurchases12m ?? null,
            pAlive: p?.pAlive ?? null,
            fittedAt: model.model.fittedAt,
          }
        : null,
      rhythm: this.rhythm({ customerId: q.customerId, asOf }),
    };
  }

  /** One customer's RFM scores over 365 days against the shop's cut points of the day (the report's, cached). */
  private customerRfm(customerId: string, asOf: string): CustomerAnalysis['rfm'] {
    const days = 365;
    const { timeZone } = this.zone();
    const w = windowEnding(asOf, days, timeZone);
    const s = stmt(
      this.deps.sqlite,
      `SELECT count(*) AS orders, coalesce(sum(total), 0) AS sales, max(completed_at) AS lastAt FROM sales_orders
       WHERE customer_id = ? AND completed_at >= ? AND completed_at < ? AND status = 'completed'`,
    ).get(customerId, w.start, w.end) as { orders: number; sales: number; lastAt: number | null };
    if (s.orders === 0 || s.lastAt === null) return null;
    const back = stmt(
      this.deps.sqlite,
      `SELECT coalesce(sum(total), 0) FROM refunds WHERE customer_id = ? AND at >= ? AND at < ? AND status = 'completed'`,
    )
      .pluck()
      .get(customerId, w.start, w.end) as number;
    const key = `${asOf}|${days}`;
    let cached = this.rfmCuts.get(key);
    if (!cached || cached.day !== this.today()) {
      this.rfm({ asOf, days });
      cached = this.rfmCuts.get(key) as { day: string; cuts: RfmReport['thresholds'] };
    }
    const { cuts } = cached;
    const recencyDays = daysBetween(localDate(s.lastAt, timeZone), asOf);
    const monetary = s.sales - back;
    const r = scoreDown(recencyDays, cuts.recencyDays);
    const f = scoreUp(s.orders, cuts.frequency);
    return {
      recencyDays,
      frequency: s.orders,
      monetary,
      r,
      f,
      m: scoreUp(monetary, cuts.monetary),
      segment: segmentOf(r, f),
    };
  }

  rhythm(input: RhythmQuery): Rhythm {
    const q = parse(RhythmQuery, input);
    const { timeZone } = this.zone();
    const asOf = this.asOfDay(q.asOf);
    const end = rangeOf(asOf, asOf, timeZone).end;
    const times = stmt(
      this.deps.sqlite,
      `SELECT completed_at AS at FROM sales_orders
       WHERE customer_id = ? AND completed_at < ? AND status = 'completed' ORDER BY completed_at`,
    )
      .pluck()
      .all(q.customerId, end) as number[];
    const days = distinctDayNumbers(times, timeZone);
    const last = days.at(-1);
    if (last === undefined)
      return {
        customerId: q.customerId,
        asOf,
        sales: 0,
        basis: 'none',
        lastPurchaseAt: null,
        daysSinceLastPurchase: null,
        medianGapDays: null,
        p90GapDays: null,
        status: 'unknown',
        expectedNextVisit: null,
      };
    const ownStats = times.length >= 3 ? gapStats(gapsOf(days)) : null;
    const stats = ownStats ?? this.shopGapStats(asOf, end);
    const lastPurchaseAt = new Date(last * DAY).toISOString().slice(0, 10);
    const since = daysBetween(lastPurchaseAt, asOf);
    return {
      customerId: q.customerId,
      asOf,
      sales: times.length,
      basis: ownStats ? 'own' : stats ? 'shop' : 'none',
      lastPurchaseAt,
      daysSinceLastPurchase: since,
      medianGapDays: stats?.median ?? null,
      p90GapDays: stats?.p90 ?? null,
      status: stats ? rhythmStatus(since, stats) : 'unknown',
      expectedNextVisit: stats ? addDays(lastPurchaseAt, Math.round(stats.median)) : null,
    };
  }

  /** The gaps of every customer's distinct purchase days up to the as-of day, pooled; cached per as-of day. */
  private shopGapStats(asOf: string, end: number): GapStats | null {
    const cached = this.shopGaps.get(asOf);
    if (cached !== undefined) return cached;
    const { timeZone } = this.zone();
    const histogram = new Map<number, number>();
    let customer: string | null = null;
    let prev = 0;
    for (const s of stmt(
      this.deps.sqlite,
      `SELECT customer_id AS c, completed_at AS at FROM sales_orders
       WHERE customer_id IS NOT NULL AND status = 'completed' AND completed_at < ? ORDER BY customer_id, completed_at`,
    ).iterate(end) as IterableIterator<{ c: string; at: number }>) {
      const day = dayNumber(s.at, timeZone);
      if (s.c === customer && day > prev) histogram.set(day - prev, (histogram.get(day - prev) ?? 0) + 1);
      customer = s.c;
      prev = day;
    }
    const stats = gapStatsOfHistogram(histogram);
    if (this.shopGaps.size > 30) this.shopGaps.clear();
    this.shopGaps.set(asOf, stats);
    return stats;
  }
}

function emptyFigures() {
  return {
    sales: 0,
    gross: 0,
    refunds: 0,
    net: 0,
    averageOrderValue: 0,
    paidNow: 0,
    putOnAccount: 0,
    paidOffOnAccount: 0,
    balanceNow: 0,
    pointsEarned: 0,
    pointsRedeemed: 0,
  };
}

/** The shop-local calendar day of an instant as a day number (days since 1970-01-01). */
const emptyPeriod = (period: string): NewVsReturningPeriod => ({
  period,
  newOrders: 0,
  newSales: 0,
  returningOrders: 0,
  returningSales: 0,
  loyaltyPercent: null,
});

/**
 * Days of new vs returning summed into days, ISO weeks or months, each with its loyalty % (returning sales of all
 * customer sales; null in a period without any).
 */
export function regroup(days: readonly NewVsReturningPeriod[], by: 'day' | 'week' | 'month'): NewVsReturningPeriod[] {
  const out = new Map<string, NewVsReturningPeriod>();
  for (const d of days) {
    const label = by === 'day' ? d.period : by === 'week' ? isoWeek(d.period) : d.period.slice(0, 7);
    let p = out.get(label);
    if (!p) {
      p = emptyPeriod(label);
      out.set(label, p);
    }
    p.newOrders += d.newOrders;
    p.newSales += d.newSales;
    p.returningOrders += d.returningOrders;
    p.returningSales += d.returningSales;
  }
  for (const p of out.values()) {
    const all = p.newSales + p.returningSales;
    p.loyaltyPercent =
      p.newOrders + p.returningOrders === 0 || all === 0 ? null : Math.round((p.returningSales / all) * 1000) / 10;
  }
  return [...out.values()];
}

function dayNumber(ms: number, timeZone: string): number {
  // the shop's wall clock as if it were UTC, in whole days: no date strings for each of a million sales
  return Math.floor((ms + offsetAt(ms, timeZone)) / DAY);
}

function distinctDayNumbers(times: readonly number[], timeZone: string): number[] {
  const out: number[] = [];
  for (const t of times) {
    const d = dayNumber(t, timeZone);
    if (out.at(-1) !== d) out.push(d);
  }
  return out;
}
