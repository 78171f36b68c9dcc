/**
 * Customer lifetime value, pure functions (docs/decisions/0027-clv-model.md):
 * - BG/NBD (Fader, Hardie & Lee 2005, "Counting your customers the easy way"): while alive a customer buys as a
 *   Poisson process with rate λ ~ Gamma(r, α); after each repeat purchase they drop out with probability
 *   p ~ Beta(a, b). Per customer x = repeat purchases, tx = time of the last, T = time since the first (days).
 * - Gamma-Gamma (Fader & Hardie 2013, "The Gamma-Gamma model of monetary value"): the values of a customer's
 *   purchases are Gamma(p, ν) with ν ~ Gamma(q, γ), independent of how often they buy; fitted on repeat customers'
 *   mean purchase value.
 * Both are fitted by maximum likelihood with Nelder–Mead on the logarithms of the parameters.
 */

export interface Rfm {
  /** repeat purchases (purchase days after the first) */
  x: number;
  /** days from the first purchase to the last */
  tx: number;
  /** days from the first purchase to the end of the calibration period */
  T: number;
}

export interface BgNbdParams {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

export interface GammaGammaParams {
  p: number;
  q: number;
  gamma: number;
}

// ---------------------------------------------------------------------------------------------- special functions

const LANCZOS = [
  676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
  -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(z) for z > 0 (Lanczos, g = 7; about 15 significant digits). */
export function lnGamma(z: number): number {
  if (z < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * z)) - lnGamma(1 - z);
  const zz = z - 1;
  let s = 0.99999999999980993;
  for (let i = 0; i < 8; i++) s += (LANCZOS[i] as number) / (zz + i + 1);
  const t = zz + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (zz + 0.5) * Math.log(t) - t + Math.log(s);
}

/** Gauss's hypergeometric series ₂F₁(a, b; c; z) for 0 ≤ z < 1. */
export function hyp2f1(a: number, b: number, c: number, z: number): number {
  let term = 1;
  let sum = 1;
  for (let j = 0; j < 200_000; j++) {
    term *= (((a + j) * (b + j)) / ((c + j) * (j + 1))) * z;
    sum += term;
    if (Math.abs(term) <= 1e-14 * Math.abs(sum)) break;
  }
  return sum;
}

/** ln ₂F₁(a, b; c; z) for 0 ≤ z < 1, summed with rescaling so terms far beyond 1e308 (large parameters) stay exact. */
export function lnHyp2f1(a: number, b: number, c: number, z: number): number {
  const BIG = 1e200;
  let scale = 0;
  let term = 1;
  let sum = 1;
  for (let j = 0; j < 1_000_000; j++) {
    term *= (((a + j) * (b + j)) / ((c + j) * (j + 1))) * z;
    sum += term;
    if (Math.abs(sum) > BIG) {
      sum /= BIG;
      term /= BIG;
      scale += Math.log(BIG);
    }
    if (Math.abs(term) <= 1e-15 * Math.abs(sum)) break;
  }
  return scale + Math.log(sum);
}

/** ln(e^u + e^v) without overflow. */
function logAddExp(u: number, v: number): number {
  const m = Math.max(u, v);
  return m + Math.log(Math.exp(u - m) + Math.exp(v - m));
}

// ---------------------------------------------------------------------------------------------- Nelder–Mead

export interface Minimum {
  x: number[];
  f: number;
  evaluations: number;
}

/** Minimises f from x0 by the Nelder–Mead simplex (reflect 1, expand 2, contract ½, shrink ½). */
export function nelderMead(
  f: (x: number[]) => number,
  x0: readonly number[],
  { step = 0.5, maxEvaluations = 2_000, tolerance = 1e-10, xTolerance = 1e-7 } = {},
): Minimum {
  const n = x0.length;
  let evaluations = 0;
  const value = (x: number[]) => {
    evaluations++;
    const v = f(x);
    return Number.isFinite(v) ? v : Number.POSITIVE_INFINITY;
  };
  let simplex = [x0.slice()];
  for (let i = 0; i < n; i++) {
    const p = x0.slice();
    p[i] = (p[i] as number) + step;
    simplex.push(p);
  }
  let values = simplex.map(value);
  const order = () => {
    const idx = simplex.map((_, i) => i).sort((i, j) => (values[i] as number) - (values[j] as number));
    simplex = idx.map((i) => simplex[i] as number[]);
    values = idx.map((i) => values[i] as number);
  };
  const along = (c: number[], w: number[], t: number) => c.map((ci, k) => ci + t * ((w[k] as number) - ci));
  while (evaluations < maxEvaluations) {
    order();
    const best = values[0] as number;
    const worst = values[n] as number;
    // converged when the values agree, or the simplex has shrunk to a point (a flat ridge, e.g. along a bound)
    if (Math.abs(worst - best) <= tolerance * (Math.abs(best) + 1)) break;
    let size = 0;
    for (let i = 1; i <= n; i++)
      for (let k = 0; k < n; k++)
        size = Math.max(size, Math.abs((simplex[i]?.[k] as number) - (simplex[0]?.[k] as number)));
    if (size <= xTolerance) break;
    const centroid = new Array<number>(n).fill(0);
    for (let i = 0; i < n; i++)
      for (let k = 0; k < n; k++) centroid[k] = (centroid[k] as number) + (simplex[i]?.[k] as number) / n;
    const w = simplex[n] as number[];
    const reflected = along(centroid, w, -1);
    const fr = value(reflected);
    if (fr < best) {
      const expanded = along(centroid, w, -2);
      const fe = value(expanded);
      simplex[n] = fe < fr ? expanded : reflected;
      values[n] = Math.min(fe, fr);
    } else if (fr < (values[n - 1] as number)) {
      simplex[n] = reflected;
      values[n] = fr;
    } else {
      const outside = fr < worst;
      const contracted = along(centroid, w, outside ? -0.5 : 0.5);
      const fc = value(contracted);
      if (fc < (outside ? fr : worst)) {
        simplex[n] = contracted;
        values[n] = fc;
      } else {
        const b = simplex[0] as number[];
        for (let i = 1; i <= n; i++) {
          simplex[i] = along(b, simplex[i] as number[], 0.5);
          values[i] = value(simplex[i] as number[]);
        }
      }
    }
  }
  order();
  return { x: simplex[0] as number[], f: values[0] as number, evaluations };
}

/** Nelder–Mead restarted from its own answer until a restart no longer improves it (the usual guard against a
 * simplex that collapsed early). */
function minimise(f: (x: number[]) => number, x0: readonly number[]): Minimum {
  let m = nelderMead(f, x0);
  let evaluations = m.evaluations;
  for (let i = 0; i < 3; i++) {
    const again = nelderMead(f, m.x, { step: 0.1 });
    evaluations += again.evaluations;
    const better = again.f < m.f - 1e-8 * (Math.abs(m.f) + 1);
    if (again.f < m.f) m = again;
    if (!better) break;
  }
  return { ...m, evaluations };
}

// ---------------------------------------------------------------------------------------------- BG/NBD

/**
 * The data of a fit, grouped: customers with the same (x, tx, T) are one row with a weight, and the logarithms that
 * depend on tx or T are worked out once per distinct value, so one evaluation is a few operations per row.
 */
export interface BgNbdData {
  x: Int32Array;
  txIndex: Int32Array;
  TIndex: Int32Array;
  weight: Float64Array;
  txValues: Float64Array;
  TValues: Float64Array;
  maxX: number;
  customers: number;
}

export function groupRfm(rows: readonly Rfm[]): BgNbdData {
  const groups = new Map<string, { x: number; tx: number; T: number; w: number }>();
  for (const r of rows) {
    const key = `${r.x}|${r.tx}|${r.T}`;
    const g = groups.get(key);
    if (g) g.w++;
    else groups.set(key, { x: r.x, tx: r.tx, T: r.T, w: 1 });
  }
  const list = [...groups.values()];
  const indexOf = (values: number[]) => {
    const distinct = [...new Set(values)].sort((a, b) => a - b);
    const at = new Map(distinct.map((v, i) => [v, i]));
    return { distinct: Float64Array.from(distinct), index: Int32Array.from(values.map((v) => at.get(v) as number)) };
  };
  const tx = indexOf(list.map((g) => g.tx));
  const T = indexOf(list.map((g) => g.T));
  return {
    x: Int32Array.from(list.map((g) => g.x)),
    txIndex: tx.index,
    TIndex: T.index,
    weight: Float64Array.from(list.map((g) => g.w)),
    txValues: tx.distinct,
    TValues: T.distinct,
    maxX: list.reduce((m, g) => Math.max(m, g.x), 0),
    customers: rows.length,
  };
}

/** Σ log-likelihood of the BG/NBD over the data (FHL 2005, equation 6, in logarithms). */
export function bgNbdLogLikelihood({ r, alpha, a, b }: BgNbdParams, d: BgNbdData): number {
  // ln Γ(r+x)/Γ(r), ln Γ(b+x)/Γ(b), ln Γ(a+b+x)/Γ(a+b) as running sums of logs: x is a whole number
  const m = d.maxX;
  const cumR = new Float64Array(m + 1);
  const cumB = new Float64Array(m + 1);
  const cumAB = new Float64Array(m + 1);
  // ln(b + x − 1) for x ≥ 1
  const lnBX1 = new Float64Array(m + 1);
  for (let k = 0; k < m; k++) {
    lnBX1[k + 1] = Math.log(b + k);
    cumR[k + 1] = (cumR[k] as number) + Math.log(r + k);
    cumB[k + 1] = (cumB[k] as number) + Math.log(b + k);
    cumAB[k + 1] = (cumAB[k] as number) + Math.log(a + b + k);
  }
  const lnAlphaTx = d.txValues.map((t) => Math.log(alpha + t));
  const lnAlphaT = d.TValues.map((t) => Math.log(alpha + t));
  const rLnAlpha = r * Math.log(alpha);
  const lnA = Math.log(a);
  let total = 0;
  for (let i = 0; i < d.x.length; i++) {
    const x = d.x[i] as number;
    const head = (cumR[x] as number) + rLnAlpha + (cumB[x] as number) - (cumAB[x] as number);
    const alive = -(r + x) * (lnAlphaT[d.TIndex[i] as number] as number);
    const ll =
      x > 0
        ? head + logAddExp(alive, lnA - (lnBX1[x] as number) - (r + x) * (lnAlphaTx[d.txIndex[i] as number] as number))
        : head + alive;
    total += (d.weight[i] as number) * ll;
  }
  return total;
}

export interface BgNbdFit {
  params: BgNbdParams;
  logLikelihood: number;
  evaluations: number;
}

/**
 * The search keeps r, a and b within e^±7 (about 0.001 to 1,100; α, a scale in days, within e^±12): on a small shop the
 * likelihood can keep rising as a and b grow together without end (every customer dropping out at one fixed
 * rate), and beyond this the predictions' series would need millions of terms to say the same thing.
 */
const LN_BOUND = 7;
const LN_BOUND_ALPHA = 12;

export function fitBgNbd(d: BgNbdData): BgNbdFit {
  // start from r = 1, a = 1, b = 1 and α the mean time between purchases seen (a rate of one per α days)
  let days = 0;
  let purchases = 0;
  for (let i = 0; i < d.x.length; i++) {
    days += (d.weight[i] as number) * (d.TValues[d.TIndex[i] as number] as number);
    purchases += (d.weight[i] as number) * ((d.x[i] as number) + 1);
  }
  const alpha0 = Math.max(1, days / Math.max(1, purchases));
  const f = (v: number[]) => {
    if (!v.every((t, i) => Math.abs(t) <= (i === 1 ? LN_BOUND_ALPHA : LN_BOUND))) return Number.POSITIVE_INFINITY;
    const [lr, la, laa, lb] = v.map(Math.exp) as [number, number, number, number];
    return -bgNbdLogLikelihood({ r: lr, alpha: la, a: laa, b: lb }, d);
  };
  const m = minimise(f, [0, Math.log(alpha0), 0, 0]);
  const [r, alpha, a, b] = m.x.map(Math.exp) as [number, number, number, number];
  return { params: { r, alpha, a, b }, logLikelihood: -m.f, evaluations: m.evaluations };
}

/** ln of a/(b+x−1) · ((α+T)/(α+tx))^(r+x): the odds that a customer with repeat purchases has dropped out. */
function lnDeadOdds({ r, alpha, a, b }: BgNbdParams, c: Rfm): number {
  return Math.log(a) - Math.log(b + c.x - 1) + (r + c.x) * (Math.log(alpha + c.T) - Math.log(alpha + c.tx));
}

/** P(alive | x, tx, T) (FHL 2005, equation 11); 1 for a customer with no repeat purchase, as the model has it. */
export function pAlive(p: BgNbdParams, c: Rfm): number {
  if (c.x === 0) return 1;
  return 1 / (1 + Math.exp(lnDeadOdds(p, c)));
}

/**
 * E[purchases in the next t days | x, tx, T] (FHL 2005, equation 10). Its ₂F₁(r+x, b+x; a+b+x−1; z) grows huge
 * for a frequent buyer while the factor before it shrinks, so Euler's transformation is used:
 * (1−z)^(r+x) ₂F₁(r+x, b+x; c; z) = (1−z)^(a−1) ₂F₁(a+b−1−r, a−1; c; z), whose series converges fast.
 */
export function expectedPurchases(p: BgNbdParams, c: Rfm, t: number): number {
  const { r, alpha, b } = p;
  // the formula has a removable singularity at a = 1
  const a = Math.abs(p.a - 1) < 1e-6 ? 1 + 1e-6 : p.a;
  const z = t / (alpha + c.T + t);
  const cc = a + b + c.x - 1;
  const tail = Math.exp((a - 1) * Math.log(1 - z) + lnHyp2f1(a + b - 1 - r, a - 1, cc, z));
  const head = (cc / (a - 1)) * (1 - tail);
  const odds = c.x > 0 ? Math.exp(lnDeadOdds({ r, alpha, a, b }, c)) : 0;
  return head / (1 + odds);
}

// ---------------------------------------------------------------------------------------------- Gamma-Gamma

export interface SpendRow {
  /** repeat purchases */
  x: number;
  /** their mean value (> 0), minor units */
  m: number;
}

/** Σ log-likelihood of the Gamma-Gamma model over customers with x ≥ 1 and m > 0 (F&H 2013, equation 3). */
export function gammaGammaLogLikelihood(params: GammaGammaParams, rows: readonly SpendRow[]): number {
  return gammaGammaLl(params, spendData(rows));
}

interface SpendData {
  x: Float64Array;
  m: Float64Array;
  lnM: Float64Array;
}

function spendData(rows: readonly SpendRow[]): SpendData {
  return {
    x: Float64Array.from(rows, (r) => r.x),
    m: Float64Array.from(rows, (r) => r.m),
    lnM: Float64Array.from(rows, (r) => Math.log(r.m)),
  };
}

function gammaGammaLl({ p, q, gamma }: GammaGammaParams, d: SpendData): number {
  const lnGammaQ = lnGamma(q);
  const qLnGamma = q * Math.log(gamma);
  // ln Γ(px+q) − ln Γ(px) once per distinct x
  const byX = new Map<number, number>();
  let total = 0;
  for (let i = 0; i < d.x.length; i++) {
    const x = d.x[i] as number;
    const m = d.m[i] as number;
    let g = byX.get(x);
    if (g === undefined) {
      g = lnGamma(p * x + q) - lnGamma(p * x) - lnGammaQ + qLnGamma + p * x * Math.log(x);
      byX.set(x, g);
    }
    total += g + (p * x - 1) * (d.lnM[i] as number) - (p * x + q) * Math.log(gamma + m * x);
  }
  return total;
}

export interface GammaGammaFit {
  params: GammaGammaParams;
  logLikelihood: number;
  evaluations: number;
}

export function fitGammaGamma(rows: readonly SpendRow[]): GammaGammaFit {
  // fitted in units of the mean purchase value, so the start (1, 1, 1) is near for any currency; γ scales back
  const mean = rows.reduce((s, r) => s + r.m, 0) / rows.length;
  const scaled = spendData(rows.map((r) => ({ x: r.x, m: r.m / mean })));
  const f = (v: number[]) => {
    if (!v.every((t) => Math.abs(t) <= LN_BOUND + 3)) return Number.POSITIVE_INFINITY;
    const [p, q, gamma] = v.map(Math.exp) as [number, number, number];
    return -gammaGammaLl({ p, q, gamma }, scaled);
  };
  const m = minimise(f, [0, Math.log(2), 0]);
  const [p, q, gamma] = m.x.map(Math.exp) as [number, number, number];
  const params = { p, q, gamma: gamma * mean };
  return { params, logLikelihood: gammaGammaLogLikelihood(params, rows), evaluations: m.evaluations };
}

/**
 * E[value of a purchase | x, m] (F&H 2013, equation 5): the customer's own mean weighted against the population
 * mean pγ/(q−1) by how many purchases it rests on; the population mean for x = 0. Needs q > 1.
 */
export function expectedPurchaseValue({ p, q, gamma }: GammaGammaParams, x: number, m: number): number {
  return (p * (gamma + x * m)) / (p * x + q - 1);
}
