import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { InsightsSettings } from '../../../shared/contract/insights';
import type { StoreProfile } from '../../../shared/contract/system';
import { AppError, type ErrorCode } from '../../../shared/errors';
import { keyStatements } from '../../db/key';
import type { Deps } from '../deps';
import type { SettingsService } from '../settings/service';
import { localDate } from './days';
import type { InsightsFiles } from './files';
import type { CustomerInsights } from './service';
import type { InsightsSettingsService } from './settings';

/** The reports that read every customer or every sale, and what the Insights screens build from them. */
const REPORTS = ['topCustomers', 'inactiveCustomers', 'newVsReturning', 'customerSales', 'rfm', 'cohorts'] as const;
const SCREENS = ['dashboard', 'customerList'] as const;
type Report = (typeof REPORTS)[number];
type Screen = (typeof SCREENS)[number];
export type ThreadMethod = Report | Screen;

type Answer<M extends ThreadMethod> = M extends Report
  ? ReturnType<CustomerInsights[M]>
  : M extends Screen
    ? ReturnType<InsightsFiles[M]>
    : never;
type Input<M extends ThreadMethod> = M extends Report
  ? Parameters<CustomerInsights[M]>[0]
  : M extends Screen
    ? Parameters<InsightsFiles[M]>[0]
    : never;

export interface ReportCall {
  id: number;
  method: ThreadMethod;
  input: unknown;
  now: number;
  store: StoreProfile;
  settings: InsightsSettings;
}
export type ReportReply =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; code: ErrorCode; message: string };

/** Beside the bundle when built, else the TypeScript source through tsx. */
function workerEntry(): URL {
  const built = new URL('./reports-worker.mjs', import.meta.url);
  return existsSync(fileURLToPath(built)) ? built : new URL('./reports-worker-source.mjs', import.meta.url);
}

/**
 * Runs the insights reports on a thread of their own with its own read-only connection (issue 15: a scan still
 * resolves while the dashboard of 100k customers is worked out). Each call carries the app's clock and the shop's
 * settings, so the thread answers exactly as this thread would. An in-memory shop, or a shop smaller than
 * `inThreadBelowCustomers` (where a report takes a few milliseconds), is answered here.
 */
export class InsightsThread {
  /** tests set 0 to send every report to the thread */
  inThreadBelowCustomers = 5_000;
  private worker: Worker | null = null;
  private pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private nextId = 1;
  private daily: { timer: NodeJS.Timeout; day: string } | null = null;

  constructor(
    private deps: Pick<Deps, 'sqlite' | 'clock'>,
    private settings: Pick<SettingsService, 'store'>,
    private insightsSettings: Pick<InsightsSettingsService, 'get'>,
    private here: { insights: CustomerInsights; files: InsightsFiles },
    private key: string | null,
  ) {}

  run<M extends ThreadMethod>(method: M, input: Input<M>): Promise<Answer<M>> {
    if (!this.offThread()) {
      const target = (SCREENS as readonly string[]).includes(method) ? this.here.files : this.here.insights;
      return Promise.resolve().then(() => (target[method as keyof typeof target] as (i: unknown) => Answer<M>)(input));
    }
    const id = this.nextId++;
    const call: ReportCall = {
      id,
      method,
      input,
      now: this.deps.clock.now(),
      store: this.settings.store(),
      settings: this.insightsSettings.get(),
    };
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.thread().postMessage(call);
    });
  }

  /** Whether reports go to the thread: a shop in a file with enough customers to make them slow. */
  offThread(): boolean {
    const { sqlite } = this.deps;
    if (sqlite.memory) return false;
    if (this.inThreadBelowCustomers <= 0) return true;
    const n = sqlite.prepare('SELECT count(*) FROM customers').pluck().get() as number;
    return n >= this.inThreadBelowCustomers;
  }

  private thread(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(workerEntry(), {
      workerData: { file: this.deps.sqlite.name, keyPragmas: this.key ? keyStatements(this.key) : [] },
    });
    // a command that ran one report still exits; a host keeps running for its own reasons
    worker.unref();
    worker.on('message', (reply: ReportReply) => {
      const waiting = this.pending.get(reply.id);
      if (!waiting) return;
      this.pending.delete(reply.id);
      if (reply.ok) waiting.resolve(reply.value);
      else waiting.reject(new AppError(reply.code, reply.message));
    });
    const fail = (why: string) => {
      if (this.worker === worker) this.worker = null;
      for (const w of this.pending.values())
        w.reject(new AppError('INTERNAL', `The report stopped unexpectedly: ${why}`));
      this.pending.clear();
    };
    worker.on('error', (e) => fail(e.message));
    worker.on('exit', (code) => fail(`exit ${code}`));
    this.worker = worker;
    return worker;
  }

  /**
   * Long-running hosts: the dashboard worked out on the thread as the host starts and again on each new shop-local
   * day, so its past days are kept (decision 0032) before the first screen asks. A small shop needs none of it.
   */
  startDaily(everyMs = 600_000): void {
    if (this.daily) return;
    const tick = () => {
      const today = localDate(this.deps.clock.now(), this.settings.store().timeZone);
      if (!this.daily || this.daily.day === today || !this.offThread()) return;
      this.daily.day = today;
      this.run('dashboard', {}).catch((err) =>
        console.error(`Counterline: working out the day's insights failed: ${(err as Error).message}`),
      );
    };
    this.daily = { timer: setInterval(tick, everyMs), day: '' };
    this.daily.timer.unref();
    tick();
  }

  stopDaily(): void {
    if (this.daily) clearInterval(this.daily.timer);
    this.daily = null;
  }

  /** Ends the thread (the app is closing or the shop is being restored); calls waiting get an error. */
  stop(): void {
    const worker = this.worker;
    this.worker = null;
    if (worker) void worker.terminate();
  }
}
