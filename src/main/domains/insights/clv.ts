import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ClvHoldout, ClvModel } from '../../../shared/contract/insights';
import { AppError } from '../../../shared/errors';
import { keyStatements } from '../../db/key';
import type { Deps } from '../deps';
import { type ClvFitResult, type ClvJob, fitShop } from './clv-fit';
import { addDays, DAY, dayStart, localDate } from './days';

/** The prediction's horizon: the 12 months ahead. */
export const HORIZON_DAYS = 365;

export interface FittedClv {
  model: ClvModel;
  fit: ClvFitResult;
  /** customer id → position in the fit's arrays */
  position: Map<string, number>;
}

/** A customer's prediction at position i of a fit, rounded at the edge: money to minor units, never a float. */
export function predictionAt(f: FittedClv, i: number) {
  const e = f.fit.expectedPurchases[i] as number;
  const aov = f.fit.expectedAov[i] as number;
  const alive = f.fit.pAlive[i] as number;
  const known = f.model.bgNbd !== null && Number.isFinite(e);
  const value = Number.isFinite(aov) ? Math.round(aov) : null;
  return {
    expectedPurchases12m: known ? Math.round(e * 1000) / 1000 : null,
    expectedAov: value,
    predicted12m: known && value !== null ? Math.round(e * aov) : null,
    pAlive: known && Number.isFinite(alive) ? Math.round(alive * 10_000) / 10_000 : null,
  };
}

function workerEntry(): URL {
  const built = new URL('./clv-worker.mjs', import.meta.url);
  return existsSync(fileURLToPath(built)) ? built : new URL('./clv-worker-source.mjs', import.meta.url);
}

/**
 * BG/NBD + Gamma-Gamma fits of the shop's own history (docs/decisions/0027-clv-model.md), each kept in memory until
 * the next shop-local day. A fit reads every sale once, so on a shop of any size it runs on a worker thread over its
 * own read-only connection; a small shop (or one in memory, which a second connection cannot see) fits here.
 */
export class ClvModels {
  private fits = new Map<string, Promise<FittedClv>>();
  /** the shop-local day the cached fits were made on */
  private fitDay: string | null = null;
  /** below this many customers a fit takes less than starting a thread; tests set 0 to use the worker */
  inThreadBelowCustomers = 3_000;
  private workers = new Set<Worker>();

  constructor(
    private deps: Pick<Deps, 'sqlite' | 'clock'>,
    private zone: () => { timeZone: string },
    private key: string | null,
  ) {}

  /** The model fitted on the days up to `asOf` − `holdoutDays`, counting the holdout days' purchases. */
  fitted(asOf: string, holdoutDays = 0): Promise<FittedClv> {
    const { timeZone } = this.zone();
    const today = localDate(this.deps.clock.now(), timeZone);
    if (this.fitDay !== today) {
      this.fits.clear();
      this.fitDay = today;
    }
    const key = `${asOf}|${holdoutDays}`;
    let fit = this.fits.get(key);
    if (!fit) {
      fit = this.fit(asOf, holdoutDays, timeZone);
      this.fits.set(key, fit);
      // a failed fit is not kept: the next call tries again
      fit.catch(() => this.fits.delete(key));
    }
    return fit;
  }

  /** Today's fit as of today, if one has been made (for the customer page: never starts a fit). */
  async cachedToday(): Promise<FittedClv | null> {
    const { timeZone } = this.zone();
    const today = localDate(this.deps.clock.now(), timeZone);
    if (this.fitDay !== today) return null;
    const fit = this.fits.get(`${today}|0`);
    return fit ? fit.catch(() => null) : null;
  }

  private async fit(asOf: string, holdoutDays: number, timeZone: string): Promise<FittedClv> {
    const calibrationEnd = addDays(asOf, -holdoutDays);
    const job: ClvJob = {
      timeZone,
      calibrationEnd: dayStart(addDays(calibrationEnd, 1), timeZone),
      calibrationDay: Date.parse(`${calibrationEnd}T00:00:00Z`) / DAY,
      holdoutEnd: holdoutDays > 0 ? dayStart(addDays(asOf, 1), timeZone) : null,
      horizonDays: holdoutDays > 0 ? holdoutDays : HORIZON_DAYS,
    };
    const fittedAt = this.deps.clock.now();
    const fit = await this.run(job);
    const model: ClvModel = {
      bgNbd: fit.bgNbd,
      gammaGamma: fit.gammaGamma,
      logLikelihood: fit.logLikelihood,
      customers: fit.customers,
      repeatCustomers: fit.repeatCustomers,
      calibrationEnd,
      fittedAt,
      fitMs: fit.fitMs,
      horizonDays: job.horizonDays,
    };
    return { model, fit, position: new Map(fit.ids.map((id, i) => [id, i])) };
  }

  private run(job: ClvJob): Promise<ClvFitResult> {
    const { sqlite } = this.deps;
    const small =
      sqlite.memory ||
      (sqlite.prepare('SELECT count(*) FROM customers').pluck().get() as number) < this.inThreadBelowCustomers;
    if (small) return Promise.resolve().then(() => fitShop(sqlite, job));
    return new Promise((resolve, reject) => {
      const worker = new Worker(workerEntry(), {
        workerData: { file: sqlite.name, keyPragmas: this.key ? keyStatements(this.key) : [], job },
      });
      this.workers.add(worker);
      worker.once('exit', () => this.workers.delete(worker));
      let settled = false;
      worker.once('message', (m: { type: 'done'; value: ClvFitResult } | { type: 'error'; message: string }) => {
        settled = true;
        if (m.type === 'done') resolve(m.value);
        else reject(new AppError('INTERNAL', `The lifetime-value model could not be fitted: ${m.message}`));
        void worker.terminate();
      });
      worker.once('error', (e) => {
        settled = true;
        reject(new AppError('INTERNAL', `The lifetime-value model stopped unexpectedly: ${e.message}`));
      });
      worker.once('exit', (code) => {
        if (!settled) reject(new AppError('INTERNAL', `The lifetime-value model stopped unexpectedly (exit ${code}).`));
      });
    });
  }

  /** Stops fits still running (the app is closing): their callers get an error, nothing is kept. */
  stop(): void {
    for (const w of this.workers) void w.terminate();
    this.workers.clear();
    this.fits.clear();
  }

  /** Predicted against actual purchases in the holdout days, in total and by repeat purchases before them. */
  async holdout(asOf: string, holdoutDays: number): Promise<ClvHoldout> {
    const { model, fit } = await this.fitted(asOf, holdoutDays);
    const labels = ['0', '1', '2', '3', '4', '5', '6', '7+'];
    const groups = labels.map((frequency) => ({ frequency, customers: 0, predicted: 0, actual: 0 }));
    let predicted = 0;
    let actual = 0;
    for (let i = 0; i < fit.ids.length; i++) {
      const g = groups[Math.min(fit.x[i] as number, 7)] as (typeof groups)[number];
      const e = fit.expectedPurchases[i] as number;
      const a = fit.holdoutPurchases[i] as number;
      g.customers++;
      if (Number.isFinite(e)) g.predicted += e;
      g.actual += a;
      if (Number.isFinite(e)) predicted += e;
      actual += a;
    }
    const round = (v: number) => Math.round(v * 100) / 100;
    return {
      asOf,
      holdoutDays,
      model,
      customers: fit.ids.length,
      predicted: round(predicted),
      actual,
      byFrequency: groups.map((g) => ({ ...g, predicted: round(g.predicted) })),
    };
  }
}
