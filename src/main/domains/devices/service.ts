import type { PrinterProfile, PrinterStatus, PrintJob } from '../../../shared/contract/devices';
import type { SalesOrder } from '../../../shared/contract/sales';
import { AppError } from '../../../shared/errors';
import { stmt } from '../../db/statements';
import { invoicePdf } from '../../devices/documents/invoice';
import type { Bitmap } from '../../devices/printers/code128';
import { layout } from '../../devices/printers/document';
import { charsPerLine, encode } from '../../devices/printers/escpos';
import { previewSvg } from '../../devices/printers/preview';
import { PrinterProfiles } from '../../devices/printers/profiles';
import type { TestPageData } from '../../devices/printers/receipt-data';
import { type StoreSnapshot, saleReceiptFromOrder, storeHeader } from '../../devices/printers/snapshots';
import { testPage } from '../../devices/printers/templates';
import { PrinterTransport } from '../../devices/printers/transport';
import { type JobRow, PrintQueue, type QueueOptions } from '../../devices/queue';
import { ScannerHub } from '../../devices/scanners/hub';
import type { SystemPrint } from '../../host/system-print';
import type { Actor, AuditService } from '../audit/service';
import type { Deps } from '../deps';
import type { SettingsService } from '../settings/service';

/** Audited actions that queue a document to print. */
const PRINTING_ACTIONS = new Set(['sale.complete', 'refund.create', 'payment.create', 'payment.receive']);

/** Printers, the print queue and previews: what the devices.* procedures and the CLI call. */
export class DevicesService {
  readonly profiles: PrinterProfiles;
  readonly queue: PrintQueue;
  readonly scanners: ScannerHub;

  constructor(
    private deps: Deps,
    private audit: AuditService,
    private settings: SettingsService,
    queueOptions: QueueOptions = {},
  ) {
    this.profiles = new PrinterProfiles(deps, audit);
    this.queue = new PrintQueue(deps, this.profiles, queueOptions);
    this.scanners = new ScannerHub(deps, audit);
    // a sale or refund has queued its receipt in its own transaction; print it as soon as that has committed
    deps.events.subscribe((name, payload) => {
      if (name === 'audit.appended' && PRINTING_ACTIONS.has((payload as { action: string }).action)) this.queue.wake();
    });
  }

  /** Printing and the scanners the main process reads; the hosts call this (tests start what they need). */
  start(): void {
    this.queue.start();
    this.scanners.start();
  }

  stop(): void {
    this.queue.stop();
    void this.scanners.stop();
  }

  printers(): PrinterProfile[] {
    return this.profiles.list();
  }

  savePrinter(actor: Actor, input: Parameters<PrinterProfiles['save']>[1]): PrinterProfile[] {
    const list = this.profiles.save(actor, input);
    this.retryWaiting();
    return list;
  }

  removePrinter(actor: Actor, id: string): PrinterProfile[] {
    return this.profiles.remove(actor, id);
  }

  /** Prints the test page straight away (not queued) and says whether it went. */
  async testPrinter(id: string): Promise<PrinterStatus> {
    const p = this.profiles.get(id);
    try {
      const status = await printTestPage(p, this.testData(p), this.queue.logo.for(p));
      return { online: true, problem: null, warning: status?.warning ?? null };
    } catch (e) {
      if (e instanceof AppError && e.code === 'DEVICE_OFFLINE') return { online: false, problem: e.message };
      throw e;
    }
  }

  testData(p: Pick<PrinterProfile, 'name' | 'uri' | 'dialect' | 'paperMm' | 'codePage'>): TestPageData {
    const s = this.settings.store();
    return {
      store: storeHeader({ ...s, receiptHeader: s.receiptHeader, receiptFooter: s.receiptFooter }),
      printerName: p.name,
      uri: p.uri,
      at: this.deps.clock.now(),
      profile: `${p.dialect}, ${p.paperMm} mm, ${p.codePage}`,
    };
  }

  jobs(filter: { status?: PrintJob['status']; limit: number }): PrintJob[] {
    const rows = (
      filter.status
        ? stmt(this.deps.sqlite, `${LIST_SQL} WHERE status = ? ORDER BY created_at DESC, id DESC LIMIT ?`).all(
            filter.status,
            filter.limit,
          )
        : stmt(this.deps.sqlite, `${LIST_SQL} ORDER BY created_at DESC, id DESC LIMIT ?`).all(filter.limit)
    ) as JobRow[];
    return rows.map((r) => this.view(r));
  }

  job(id: string): PrintJob {
    return this.view(this.mustRow(id));
  }

  retryJob(actor: Actor, id: string): PrintJob {
    const row = this.mustRow(id);
    if (row.status === 'done' || row.status === 'printing')
      throw new AppError(
        'CONFLICT',
        row.status === 'done' ? 'That job has printed; use Reprint for another copy.' : 'That job is printing now.',
      );
    this.queue.update(id, 'queued', row.attempts, row.lastError, null);
    this.audit.record(actor, { action: 'print.retry', entity: 'printJob', entityId: id, note: row.lastError });
    this.queue.wake();
    return this.job(id);
  }

  cancelJob(actor: Actor, id: string): PrintJob {
    const row = this.mustRow(id);
    if (row.status === 'done') throw new AppError('CONFLICT', 'That job has already printed.');
    if (row.status !== 'cancelled') {
      this.queue.update(id, 'cancelled', row.attempts, row.lastError, null);
      this.audit.record(actor, { action: 'print.cancel', entity: 'printJob', entityId: id });
    }
    return this.job(id);
  }

  /** The sale as an A4 invoice (PDF), with the shop details of its receipt. */
  /** The system print dialog of the Electron shell; null in the browser host and the CLI. */
  systemPrint: SystemPrint | null = null;

  /** The invoice in the system print dialog, when this host has one; says whether it did. */
  async printInvoice(order: SalesOrder): Promise<{ dialog: boolean }> {
    if (!this.systemPrint) return { dialog: false };
    const pdf = await this.invoicePdf(order);
    await this.systemPrint.printPdf(Buffer.from(pdf.base64, 'base64'), `Invoice ${order.number}`);
    return { dialog: true };
  }

  async invoicePdf(order: SalesOrder) {
    const store = this.storeOfSale(order.id) as StoreSnapshot;
    const data = saleReceiptFromOrder(store, order, this.queue.customerExtras(order.customerId));
    const bytes = await invoicePdf(data);
    return {
      fileName: `invoice-${order.number}.pdf`,
      mimeType: 'application/pdf' as const,
      base64: bytes.toString('base64'),
    };
  }

  /** The shop details snapshotted with the sale's first receipt (today's when there is none). */
  private storeOfSale(salesOrderId: string): unknown {
    const first = stmt(
      this.deps.sqlite,
      "SELECT data FROM print_jobs WHERE sales_order_id = ? AND template = 'sale-receipt' ORDER BY created_at, id LIMIT 1",
    ).get(salesOrderId) as { data: string } | undefined;
    return first ? (JSON.parse(first.data) as { store: unknown }).store : this.settings.store();
  }

  /** Queues a copy of a sale's receipt, from the sale as recorded and the shop details of its first receipt. */
  reprint(actor: Actor, salesOrderId: string, order: unknown): PrintJob {
    const store = this.storeOfSale(salesOrderId);
    const id = this.deps.newId();
    const now = this.deps.clock.now();
    this.deps.sqlite.transaction(() => {
      stmt(
        this.deps.sqlite,
        `INSERT INTO print_jobs (id, printer_id, template, data, status, attempts, sales_order_id, created_at, updated_at,
           till_id) VALUES (?, NULL, 'sale-receipt', ?, 'queued', 0, ?, ?, ?, ?)`,
      ).run(id, JSON.stringify({ store, order, copy: true }), salesOrderId, now, now, this.deps.tillId());
      this.audit.record(actor, { action: 'print.reprint', entity: 'salesOrder', entityId: salesOrderId });
    })();
    this.queue.wake();
    return this.job(id);
  }

  previewJob(id: string) {
    const row = this.mustRow(id);
    const printer = this.profiles.resolve(row.printerId);
    const width = charsPerLine(printer ?? { paperMm: 80, charsPerLine: 0 });
    return previewSvg(layout(this.queue.blocksFor(row, printer), width), width, this.queue.logo.for(printer));
  }

  previewTest(id?: string) {
    const p = id ? this.profiles.get(id) : this.profiles.resolve(null);
    const profile = p ?? {
      name: 'Receipt printer',
      uri: 'tcp://printer:9100',
      dialect: 'epson' as const,
      paperMm: 80 as const,
      codePage: 'PC858' as const,
      charsPerLine: 0,
    };
    const width = charsPerLine(profile);
    const logo = p ? this.queue.logo.for(p) : null;
    return previewSvg(layout(testPage(this.testData(profile), { logo: !!logo }), width), width, logo);
  }

  /** After a printer is saved, jobs that were waiting for one go now rather than at their next retry. */
  private retryWaiting() {
    stmt(this.deps.sqlite, "UPDATE print_jobs SET next_attempt_at = NULL WHERE status = 'queued'").run();
    this.queue.wake();
  }

  private mustRow(id: string): JobRow {
    const row = this.queue.row(id);
    if (!row) throw new AppError('NOT_FOUND', 'That print job is not in the queue.', { id });
    return row;
  }

  private view(r: JobRow): PrintJob {
    const printer = this.profiles.resolve(r.printerId);
    let documentNumber: string | null = null;
    try {
      const d = JSON.parse(r.data) as { number?: unknown; order?: { number?: unknown } };
      const n = d.order?.number ?? d.number;
      documentNumber = typeof n === 'string' ? n : null;
    } catch {
      documentNumber = null;
    }
    return {
      id: r.id,
      printerId: r.printerId,
      printerName: printer?.name ?? null,
      template: r.template,
      status: r.status,
      attempts: r.attempts,
      lastError: r.lastError,
      nextAttemptAt: r.nextAttemptAt,
      salesOrderId: r.salesOrderId,
      refundId: r.refundId,
      documentNumber,
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
    };
  }
}

const LIST_SQL = `SELECT id, printer_id AS printerId, template, data, status, attempts, last_error AS lastError,
  next_attempt_at AS nextAttemptAt, sales_order_id AS salesOrderId, refund_id AS refundId, created_at AS createdAt,
  updated_at AS updatedAt FROM print_jobs`;

/** Sends the test page to a printer profile now; throws DEVICE_OFFLINE in words when it cannot. */
export async function printTestPage(
  p: Pick<
    PrinterProfile,
    'uri' | 'dialect' | 'paperMm' | 'charsPerLine' | 'codePage' | 'cut' | 'drawerKick' | 'codes' | 'statusQuery'
  > &
    Partial<Pick<PrinterProfile, 'imageMode' | 'statusTransmit'>>,
  data: TestPageData,
  logo: Bitmap | null = null,
): Promise<PrinterStatus | null> {
  const bytes = await encode(testPage(data, { logo: !!logo }), p, logo);
  return new PrinterTransport(p.uri).execute(bytes, { checkStatus: p.statusQuery, transmitStatus: p.statusTransmit });
}
