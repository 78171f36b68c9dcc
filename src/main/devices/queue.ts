import type { PrinterProfile, PrintJob } from '../../shared/contract/devices';
import { SalesOrder } from '../../shared/contract/sales';
import { AppError } from '../../shared/errors';
import { stmt } from '../db/statements';
import type { Deps } from '../domains/deps';
import { DrainLoop } from '../drain-loop';
import type { Block } from './printers/document';
import { encode } from './printers/escpos';
import type { PrinterProfiles } from './printers/profiles';
import { type CustomerExtras, type StoreSnapshot, saleReceiptFromOrder } from './printers/snapshots';
import { StoreLogo } from './printers/store-logo';
import { renderTemplate } from './printers/templates';
import { PrinterTransport, type TransportOptions } from './printers/transport';

export interface JobRow {
  id: string;
  printerId: string | null;
  template: string;
  data: string;
  status: PrintJob['status'];
  attempts: number;
  lastError: string | null;
  nextAttemptAt: number | null;
  salesOrderId: string | null;
  refundId: string | null;
  createdAt: number;
  updatedAt: number;
}

const JOB_SQL = `SELECT id, printer_id AS printerId, template, data, status, attempts, last_error AS lastError,
  next_attempt_at AS nextAttemptAt, sales_order_id AS salesOrderId, refund_id AS refundId, created_at AS createdAt,
  updated_at AS updatedAt FROM print_jobs`;

export interface QueueOptions {
  /** first retry after this long, doubling up to maxBackoffMs */
  backoffMs?: number;
  maxBackoffMs?: number;
  transport?: TransportOptions;
  /** wall clock for retry times (the app clock may be a frozen test clock) */
  now?: () => number;
}

/**
 * The durable print queue's worker. Jobs are rows in print_jobs, written before anything is sent (sales.complete
 * writes its receipt job in the sale's transaction). Jobs go out oldest first, one printer's jobs strictly in
 * order: a job waiting for its printer holds back the ones behind it. Device errors keep the job queued with its
 * error and a growing wait; a job whose data cannot be printed fails at once.
 */
export class PrintQueue extends DrainLoop {
  private opts: Required<Omit<QueueOptions, 'transport'>> & { transport: TransportOptions };
  readonly logo: StoreLogo;

  constructor(
    private deps: Deps,
    private profiles: PrinterProfiles,
    opts: QueueOptions = {},
  ) {
    super();
    this.opts = { backoffMs: 1000, maxBackoffMs: 30_000, now: Date.now, transport: {}, ...opts };
    this.logo = new StoreLogo(deps.sqlite);
  }

  /** Tests and the bench shorten the waits. */
  configure(opts: QueueOptions): void {
    this.opts = { ...this.opts, ...opts, transport: { ...this.opts.transport, ...opts.transport } };
  }

  /** Starts the worker: jobs a crash left 'printing' are sent again (a duplicate beats a lost receipt). */
  start(): void {
    if (!this.begin()) return;
    stmt(
      this.deps.sqlite,
      "UPDATE print_jobs SET status = 'queued', next_attempt_at = NULL WHERE status = 'printing'",
    ).run();
    this.wake();
  }

  protected async pass(): Promise<void> {
    const queued = stmt(
      this.deps.sqlite,
      `${JOB_SQL} WHERE status = 'queued' ORDER BY created_at, id LIMIT 500`,
    ).all() as JobRow[];
    const heldBack = new Set<string>();
    for (const job of queued) {
      if (!this.started) return;
      const printer = this.profiles.resolve(job.printerId);
      const lane = printer?.id ?? '';
      if (heldBack.has(lane)) continue;
      heldBack.add(lane);
      if (job.nextAttemptAt !== null && job.nextAttemptAt > this.opts.now()) continue;
      if (!printer) {
        const words = 'No receipt printer is set up: add one under Devices.';
        if (job.lastError !== words) this.update(job.id, 'queued', job.attempts, words, null);
        continue;
      }
      // a failed send holds back the printer's later jobs until the next pass
      await this.send(job, printer);
    }
  }

  private async send(job: JobRow, printer: PrinterProfile): Promise<void> {
    const attempts = job.attempts + 1;
    this.update(job.id, 'printing', attempts, job.lastError, null);
    let bytes: Buffer;
    try {
      bytes = await encode(this.blocksFor(job, printer), printer, this.logo.for(printer));
    } catch (e) {
      this.update(job.id, 'failed', attempts, (e as Error).message, null);
      return;
    }
    try {
      await new PrinterTransport(printer.uri, this.opts.transport).execute(bytes, {
        checkStatus: printer.statusQuery,
        transmitStatus: printer.statusTransmit,
      });
      // stopped (app closing) while sending: the row stays 'printing' and the next start sends it again
      if (!this.started) return;
      this.update(job.id, 'done', attempts, null, null);
    } catch (e) {
      if (!this.started) return;
      const message = e instanceof AppError ? e.message : `The printer failed: ${(e as Error).message}`;
      const wait = Math.min(this.opts.maxBackoffMs, this.opts.backoffMs * 2 ** Math.min(attempts - 1, 16));
      const current = this.row(job.id);
      // cancelled while it was on its way: leave it cancelled
      if (current?.status === 'printing') this.update(job.id, 'queued', attempts, message, this.opts.now() + wait);
    }
  }

  /** The job's blocks, from its data snapshot (a sale job carries {store, order}; others carry template data). */
  blocksFor(job: Pick<JobRow, 'template' | 'data'>, printer: Pick<PrinterProfile, 'logo'> | null): Block[] {
    const data = JSON.parse(job.data) as Record<string, unknown>;
    const opts = { logo: !!printer?.logo };
    if (job.template === 'sale-receipt' && data.order) {
      const order = SalesOrder.safeParse(data.order);
      if (!order.success) throw new AppError('VALIDATION', 'The receipt data of this sale cannot be read.');
      const receipt = saleReceiptFromOrder(
        data.store as StoreSnapshot,
        order.data,
        this.customerExtras(order.data.customerId),
        data.copy === true,
        (data.points as { earned: number; redeemed: number; balance: number } | null | undefined) ?? null,
      );
      return renderTemplate('sale-receipt', receipt, opts);
    }
    return renderTemplate(job.template, data, opts);
  }

  /** The card number and balances printed under the sale, as they are when the receipt prints. */
  customerExtras(customerId: string | null): CustomerExtras | null {
    if (!customerId) return null;
    const row = stmt(
      this.deps.sqlite,
      `SELECT loyalty_card_no AS cardNo, balance, points_balance AS pointsBalance, preferred_language AS language
       FROM customers WHERE id = ?`,
    ).get(customerId) as CustomerExtras | undefined;
    return row ?? null;
  }

  row(id: string): JobRow | undefined {
    return stmt(this.deps.sqlite, `${JOB_SQL} WHERE id = ?`).get(id) as JobRow | undefined;
  }

  update(id: string, status: PrintJob['status'], attempts: number, lastError: string | null, next: number | null) {
    stmt(
      this.deps.sqlite,
      'UPDATE print_jobs SET status = ?, attempts = ?, last_error = ?, next_attempt_at = ?, updated_at = ? WHERE id = ?',
    ).run(status, attempts, lastError, next, this.deps.clock.now(), id);
    this.deps.events.emit('print.job', { id, status, lastError });
  }

  protected nextDelay(): number | null {
    const next = stmt(
      this.deps.sqlite,
      "SELECT min(coalesce(next_attempt_at, 0)) AS at, count(*) AS n FROM print_jobs WHERE status = 'queued'",
    ).get() as { at: number | null; n: number };
    if (!next.n) return null;
    // without a printer, jobs wait for one to be saved (saving wakes the queue)
    if (this.profiles.list().length === 0) return null;
    return Math.max(50, (next.at ?? 0) - this.opts.now());
  }
}
