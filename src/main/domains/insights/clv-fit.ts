import type { Sqlite } from '../../db/open';
import { offsetAt } from '../zone';
import {
  type BgNbdParams,
  expectedPurchases,
  expectedPurchaseValue,
  fitBgNbd,
  fitGammaGamma,
  type GammaGammaParams,
  groupRfm,
  pAlive,
  type Rfm,
  type SpendRow,
} from './clv-model';
import { DAY } from './days';

/**
 * What a CLV fit reads and works out, on whichever thread runs it (./clv-worker.ts or the caller's): the per-customer
 * purchase history up to the end of the calibration period, the fitted models, and each customer's prediction.
 * A *purchase* is a distinct shop-local day with at least one counted sale (docs/decisions/0027-clv-model.md).
 */
export interface ClvJob {
  timeZone: string;
  /** first instant after the calibration period (exclusive) */
  calibrationEnd: number;
  /** the calibration period's last shop-local day, as a day number (days since 1970-01-01) */
  calibrationDay: number;
  /** first instant after the holdout period, to count what happened in it; null: no holdout */
  holdoutEnd: number | null;
  /** days ahead the prediction covers */
  horizonDays: number;
}

export interface ClvFitResult {
  bgNbd: BgNbdParams | null;
  gammaGamma: GammaGammaParams | null;
  logLikelihood: number | null;
  /** customers the model was fitted on (at least one purchase in the calibration period) */
  customers: number;
  /** of them, with at least one repeat purchase */
  repeatCustomers: number;
  fitMs: number;
  /** per customer, in the same order: by predicted value descending, ties by id */
  ids: string[];
  x: Int32Array;
  tx: Int32Array;
  T: Int32Array;
  expectedPurchases: Float64Array;
  expectedAov: Float64Array;
  pAlive: Float64Array;
  /** purchases (days) in the holdout period, when there was one */
  holdoutPurchases: Int32Array;
}

/** Fewer customers than this, or no repeat purchase at all, say too little for a model. */
export const MIN_CUSTOMERS_TO_FIT = 10;

interface History {
  ids: string[];
  x: number[];
  tx: number[];
  T: number[];
  /** mean value of the repeat purchases (net of refunds), 0 when there is none or it is not positive */
  m: number[];
  holdout: number[];
}

/** Every customer's purchase days up to the calibration end, from the covering index in customer order. */
function readHistory(sqlite: Sqlite, job: ClvJob): History {
  const end = job.holdoutEnd ?? job.calibrationEnd;
  const refunds = new Map<string, number>();
  for (const [id, t] of sqlite
    .prepare(
      `SELECT customer_id, sum(total) FROM refunds
       WHERE at < ? AND status = 'completed' AND customer_id IS NOT NULL GROUP BY customer_id`,
    )
    .raw()
    .all(job.calibrationEnd) as Array<[string, number]>)
    refunds.set(id, t);
  const h: History = { ids: [], x: [], tx: [], T: [], m: [], holdout: [] };
  let id: string | null = null;
  let first = 0;
  let last = 0;
  let days = 0;
  let firstDaySales = 0;
  let sales = 0;
  let holdoutLast = -1;
  let holdout = 0;
  const flush = () => {
    if (id === null) return;
    if (days > 0) {
      const x = days - 1;
      const repeatValue = sales - (refunds.get(id) ?? 0) - firstDaySales;
      h.ids.push(id);
      h.x.push(x);
      h.tx.push(last - first);
      h.T.push(job.calibrationDay - first);
      h.m.push(x > 0 && repeatValue > 0 ? repeatValue / x : 0);
      h.holdout.push(holdout);
    }
  };
  const rows = sqlite
    .prepare(
      `SELECT customer_id, completed_at, total FROM sales_orders INDEXED BY sales_orders_customer_spend
       WHERE customer_id IS NOT NULL AND completed_at < ? AND status = 'completed'
       ORDER BY customer_id, completed_at`,
    )
    .raw()
    .iterate(end) as IterableIterator<[string, number, number]>;
  for (const [c, at, total] of rows) {
    if (c !== id) {
      flush();
      id = c;
      days = 0;
      sales = 0;
      firstDaySales = 0;
      holdout = 0;
      holdoutLast = -1;
    }
    const day = Math.floor((at + offsetAt(at, job.timeZone)) / DAY);
    if (at >= job.calibrationEnd) {
      // after the calibration period: only counted, as the holdout's actual purchases (customers already known)
      if (day !== holdoutLast) {
        holdout++;
        holdoutLast = day;
      }
      continue;
    }
    if (days === 0) {
      first = day;
      last = day;
      days = 1;
      firstDaySales = total;
    } else if (day !== last) {
      days++;
      last = day;
    } else if (day === first) firstDaySales += total;
    sales += total;
  }
  flush();
  return h;
}

/** Reads the shop's history and fits BG/NBD and Gamma-Gamma to it; predictions for every customer in it. */
export function fitShop(sqlite: Sqlite, job: ClvJob): ClvFitResult {
  const t0 = performance.now();
  const h = readHistory(sqlite, job);
  const n = h.ids.length;
  const rfm: Rfm[] = h.ids.map((_, i) => ({ x: h.x[i] as number, tx: h.tx[i] as number, T: h.T[i] as number }));
  const repeat = h.x.filter((x) => x > 0).length;
  const canFit = n >= MIN_CUSTOMERS_TO_FIT && repeat > 0;
  const bg = canFit ? fitBgNbd(groupRfm(rfm)) : null;
  const spendRows: SpendRow[] = [];
  for (let i = 0; i < n; i++) if ((h.m[i] as number) > 0) spendRows.push({ x: h.x[i] as number, m: h.m[i] as number });
  // the expected value of a purchase needs q > 1 (a finite population mean); else each customer's own mean is used
  const ggFit = canFit && spendRows.length >= MIN_CUSTOMERS_TO_FIT ? fitGammaGamma(spendRows) : null;
  const gg = ggFit && ggFit.params.q > 1 ? ggFit.params : null;
  const meanValue = spendRows.length ? spendRows.reduce((s, r) => s + r.m, 0) / spendRows.length : 0;
  const ePurchases = new Float64Array(n);
  const eAov = new Float64Array(n);
  const alive = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const c = rfm[i] as Rfm;
    const m = h.m[i] as number;
    ePurchases[i] = bg ? expectedPurchases(bg.params, c, job.horizonDays) : Number.NaN;
    alive[i] = bg ? pAlive(bg.params, c) : Number.NaN;
    eAov[i] = gg ? expectedPurchaseValue(gg, m > 0 ? c.x : 0, m) : m > 0 ? m : meanValue;
  }
  const value = (i: number) => (bg ? (ePurchases[i] as number) * (eAov[i] as number) : 0);
  const order = h.ids.map((_, i) => i);
  const values = Float64Array.from(order, value);
  order.sort(
    (i, j) => (values[j] as number) - (values[i] as number) || ((h.ids[i] as string) < (h.ids[j] as string) ? -1 : 1),
  );
  const pick = <A extends Int32Array | Float64Array>(make: (n: number) => A, from: ArrayLike<number>) => {
    const out = make(n);
    order.forEach((i, k) => {
      out[k] = from[i] as number;
    });
    return out;
  };
  return {
    bgNbd: bg?.params ?? null,
    gammaGamma: gg,
    logLikelihood: bg?.logLikelihood ?? null,
    customers: n,
    repeatCustomers: repeat,
    fitMs: Math.round(performance.now() - t0),
    ids: order.map((i) => h.ids[i] as string),
    x: pick((k) => new Int32Array(k), h.x),
    tx: pick((k) => new Int32Array(k), h.tx),
    T: pick((k) => new Int32Array(k), h.T),
    expectedPurchases: pick((k) => new Float64Array(k), ePurchases),
    expectedAov: pick((k) => new Float64Array(k), eAov),
    pAlive: pick((k) => new Float64Array(k), alive),
    holdoutPurchases: pick((k) => new Int32Array(k), h.holdout),
  };
}
