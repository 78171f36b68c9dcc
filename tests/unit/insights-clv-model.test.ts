import { describe, expect, it } from 'vitest';
import {
  bgNbdLogLikelihood,
  expectedPurchases,
  expectedPurchaseValue,
  fitBgNbd,
  fitGammaGamma,
  gammaGammaLogLikelihood,
  groupRfm,
  hyp2f1,
  lnGamma,
  pAlive,
  type Rfm,
  type SpendRow,
} from '../../src/main/domains/insights/clv-model';

/** xorshift32 in [0, 1): the same population on every run */
function rng(seed: number) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4_294_967_296;
  };
}
function normal(u: () => number) {
  return Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
}
/** Gamma(shape, rate) by Marsaglia and Tsang */
function gamma(u: () => number, shape: number, rate: number): number {
  if (shape < 1) return gamma(u, shape + 1, rate) * u() ** (1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const z = normal(u);
    const v = (1 + c * z) ** 3;
    if (v <= 0) continue;
    if (Math.log(1 - u()) < 0.5 * z * z + d - d * v + d * Math.log(v)) return (d * v) / rate;
  }
}
function beta(u: () => number, a: number, b: number) {
  const x = gamma(u, a, 1);
  return x / (x + gamma(u, b, 1));
}

describe('special functions', () => {
  it('ln Γ matches factorials and Γ(½) = √π', () => {
    expect(lnGamma(1)).toBeCloseTo(0, 12);
    expect(lnGamma(5)).toBeCloseTo(Math.log(24), 12);
    expect(lnGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 12);
    expect(lnGamma(101)).toBeCloseTo(363.73937555556347, 9);
  });
  it('₂F₁ matches closed forms: ₂F₁(1, 1; 2; z) = −ln(1−z)/z, ₂F₁(a, b; b; z) = (1−z)^−a', () => {
    expect(hyp2f1(1, 1, 2, 0.5)).toBeCloseTo(-Math.log(0.5) / 0.5, 12);
    expect(hyp2f1(2.5, 3, 3, 0.3)).toBeCloseTo(0.7 ** -2.5, 12);
  });
});

describe('BG/NBD likelihood (Fader, Hardie & Lee 2005)', () => {
  // r = 1, α = 2, a = 1, b = 2 make every Beta and Gamma function a fraction, worked out by hand:
  // x=0, T=4: B(1,2)/B(1,2) · 2/6 = 1/3
  // x=1, tx=2, T=4: B(1,3)/B(1,2) · 1·2/6² + B(2,2)/B(1,2) · 1·2/4² = (2/3)(1/18) + (1/3)(1/8) = 17/216
  // x=2, tx=3, T=4: B(1,4)/B(1,2) · 2·2/6³ + B(2,3)/B(1,2) · 2·2/5³ = (1/2)(4/216) + (1/6)(4/125) = 1/108 + 2/375
  const params = { r: 1, alpha: 2, a: 1, b: 2 };
  const rows: Rfm[] = [
    { x: 0, tx: 0, T: 4 },
    { x: 1, tx: 2, T: 4 },
    { x: 2, tx: 3, T: 4 },
  ];
  const byHand = [1 / 3, 17 / 216, 1 / 108 + 2 / 375];

  it('gives the hand-computed likelihood of each customer', () => {
    rows.forEach((row, i) => {
      expect(bgNbdLogLikelihood(params, groupRfm([row]))).toBeCloseTo(Math.log(byHand[i] as number), 12);
    });
  });

  it('sums over customers, and counts a repeated (x, tx, T) by its weight', () => {
    const total = byHand.reduce((s, l) => s + Math.log(l), 0);
    expect(bgNbdLogLikelihood(params, groupRfm(rows))).toBeCloseTo(total, 12);
    expect(bgNbdLogLikelihood(params, groupRfm([...rows, rows[1] as Rfm]))).toBeCloseTo(total + Math.log(17 / 216), 12);
  });

  it('reproduces the paper’s CDNOW figures: E[Y(39)] = 1.226 for x = 2, tx = 30.43, T = 38.86 weeks', () => {
    const cdnow = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
    expect(expectedPurchases(cdnow, { x: 2, tx: 30.43, T: 38.86 }, 39)).toBeCloseTo(1.226, 2);
  });

  it('P(alive) is 1 without repeat purchases and falls the longer a frequent buyer stays away', () => {
    const p = { r: 0.5, alpha: 10, a: 0.8, b: 2.5 };
    expect(pAlive(p, { x: 0, tx: 0, T: 200 })).toBe(1);
    const recent = pAlive(p, { x: 10, tx: 195, T: 200 });
    const gone = pAlive(p, { x: 10, tx: 60, T: 200 });
    expect(recent).toBeGreaterThan(0.9);
    expect(gone).toBeLessThan(0.01);
    // by hand: a/(b+x−1) · ((α+T)/(α+tx))^(r+x) = 0.8/11.5 · (210/70)^10.5
    expect(gone).toBeCloseTo(1 / (1 + (0.8 / 11.5) * 3 ** 10.5), 12);
  });

  it('stays finite for a customer with hundreds of purchases (Euler’s transformation of ₂F₁)', () => {
    const p = { r: 2, alpha: 30, a: 0.5, b: 5 };
    const e = expectedPurchases(p, { x: 400, tx: 719, T: 720 }, 365);
    expect(Number.isFinite(e)).toBe(true);
    // a customer who bought 401 days out of 720 and was there yesterday keeps about that pace
    expect(e).toBeGreaterThan(150);
    expect(e).toBeLessThan(250);
  });

  it('recovers the parameters of a population drawn from them (seeded)', () => {
    const truth = { r: 0.9, alpha: 25, a: 0.7, b: 3 };
    const u = rng(2026);
    const rows: Rfm[] = [];
    for (let i = 0; i < 20_000; i++) {
      const T = 30 + u() * 700;
      const lambda = gamma(u, truth.r, truth.alpha);
      const drop = beta(u, truth.a, truth.b);
      let t = 0;
      let x = 0;
      let tx = 0;
      for (;;) {
        t += -Math.log(1 - u()) / lambda;
        if (t > T) break;
        x++;
        tx = t;
        if (u() < drop) break;
      }
      rows.push({ x, tx, T });
    }
    const fit = fitBgNbd(groupRfm(rows));
    expect(fit.params.r).toBeGreaterThan(truth.r * 0.8);
    expect(fit.params.r).toBeLessThan(truth.r * 1.2);
    expect(fit.params.alpha).toBeGreaterThan(truth.alpha * 0.75);
    expect(fit.params.alpha).toBeLessThan(truth.alpha * 1.25);
    expect(fit.params.a).toBeGreaterThan(truth.a * 0.6);
    expect(fit.params.a).toBeLessThan(truth.a * 1.4);
    expect(fit.params.b).toBeGreaterThan(truth.b * 0.6);
    expect(fit.params.b).toBeLessThan(truth.b * 1.4);
    // the maximum: the truth is no more likely than the fit
    expect(fit.logLikelihood).toBeGreaterThanOrEqual(bgNbdLogLikelihood(truth, groupRfm(rows)));
  });
});

describe('Gamma-Gamma spend model (Fader & Hardie 2013)', () => {
  it('gives the hand-computed likelihood', () => {
    // Γ(px+q)/(Γ(px)Γ(q)) · γ^q m^(px−1) x^(px) / (γ+mx)^(px+q), p = 1, q = 2, γ = 1
    // x=1, m=1: Γ(3)/(Γ(1)Γ(2)) · 1/2³ = 1/4; x=2, m=3: Γ(4)/(Γ(2)Γ(2)) · 3 · 2² / 7⁴ = 72/2401
    const p = { p: 1, q: 2, gamma: 1 };
    expect(gammaGammaLogLikelihood(p, [{ x: 1, m: 1 }])).toBeCloseTo(Math.log(1 / 4), 12);
    expect(gammaGammaLogLikelihood(p, [{ x: 2, m: 3 }])).toBeCloseTo(Math.log(72 / 2401), 12);
  });

  it('expects a customer’s own mean, pulled towards the population mean pγ/(q−1)', () => {
    const p = { p: 6.25, q: 3.74, gamma: 15.44 };
    const population = (p.p * p.gamma) / (p.q - 1);
    expect(expectedPurchaseValue(p, 0, 0)).toBeCloseTo(population, 12);
    const one = expectedPurchaseValue(p, 1, 100);
    const many = expectedPurchaseValue(p, 50, 100);
    expect(one).toBeGreaterThan(population);
    expect(one).toBeLessThan(many);
    expect(many).toBeLessThan(100);
  });

  it('recovers the parameters of a population drawn from them (seeded)', () => {
    const truth = { p: 4, q: 5, gamma: 40_000 }; // purchases of about UGX 40,000
    const u = rng(15);
    const rows: SpendRow[] = [];
    for (let i = 0; i < 20_000; i++) {
      const x = 1 + Math.floor(u() * 12);
      const nu = gamma(u, truth.q, truth.gamma);
      let sum = 0;
      for (let k = 0; k < x; k++) sum += gamma(u, truth.p, nu);
      rows.push({ x, m: sum / x });
    }
    const fit = fitGammaGamma(rows);
    expect(fit.params.p).toBeGreaterThan(truth.p * 0.8);
    expect(fit.params.p).toBeLessThan(truth.p * 1.2);
    expect(fit.params.q).toBeGreaterThan(truth.q * 0.7);
    expect(fit.params.q).toBeLessThan(truth.q * 1.3);
    expect(fit.params.gamma).toBeGreaterThan(truth.gamma * 0.65);
    expect(fit.params.gamma).toBeLessThan(truth.gamma * 1.35);
    expect(fit.logLikelihood).toBeGreaterThanOrEqual(gammaGammaLogLikelihood(truth, rows));
  });
});
