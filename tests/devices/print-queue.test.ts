import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/main/app';
import { DEMO_PRODUCTS } from '../../src/main/seed/products';
import type { Product } from '../../src/shared/contract/catalog';
import type { PrinterProfile, PrintJob } from '../../src/shared/contract/devices';
import type { CompleteResult } from '../../src/shared/contract/sales';
import { DEMO, makeTestApp, signInAs, type TestApp } from '../helpers';
import { decodeEscPos } from './escpos-decoder';
import { ANSWERS, startTcpPrinter, unusedPort } from './fake-printers';

const FAST = { backoffMs: 40, maxBackoffMs: 120, transport: { connectTimeoutMs: 500, statusTimeoutMs: 200 } };

async function until<T>(what: string, fn: () => T | undefined | false, timeoutMs = 5000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 15));
  }
}

describe('the durable print queue', () => {
  let app: TestApp;
  const cleanups: Array<() => Promise<void>> = [];
  const ok = async <T>(name: string, input: unknown = null, client?: string): Promise<T> => {
    const res = await app.call(name, input, client);
    if (!res.ok) throw new Error(`${name}: ${res.error.code} ${res.error.message}`);
    return res.data as T;
  };
  let key = 0;
  const sell = async (): Promise<CompleteResult> => {
    const sugar = await ok<Product>('catalog.byBarcode', {
      code: DEMO_PRODUCTS.find((p) => p.sku === 'MR-003')?.barcode,
    });
    return ok<CompleteResult>('sales.complete', {
      cart: { lines: [{ productId: sugar.id, qtyMilli: 2000 }] },
      payments: [{ method: 'cash', amount: 20_000 }],
      idempotencyKey: `queue-test-${++key}`,
    });
  };
  const job = (id: string) => app.services.devices.job(id);
  const addPrinter = (uri: string, extra: Partial<PrinterProfile> = {}) =>
    ok<PrinterProfile[]>('devices.savePrinter', { name: 'Front counter', uri, drawerKick: true, ...extra }, 'owner');

  beforeEach(async () => {
    app = makeTestApp();
    app.services.system.createDemoShop();
    await signInAs(app.call, DEMO.cashier, DEMO.cashierPin);
    await signInAs(app.call, DEMO.owner, DEMO.ownerPin, 'owner');
    app.services.devices.queue.configure(FAST);
    app.services.devices.queue.start();
  });
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
    app.dispose();
  });

  it('prints the receipt of a completed sale on the default printer, with the drawer kick for cash', async () => {
    const printer = await startTcpPrinter();
    cleanups.push(printer.close);
    await addPrinter(`tcp://127.0.0.1:${printer.port}`);
    const sale = await sell();
    const bytes = decodeEscPos(await printer.nextJob());
    expect(bytes.text).toContain(`Receipt ${sale.order.number}`);
    expect(bytes.commands).toContainEqual({ op: 'drawer', pin: 0 });
    expect(bytes.commands).toContainEqual({ op: 'barcode', type: 73, data: sale.order.number });
    const done = await until('done', () => job(sale.printJobId as string).status === 'done');
    expect(done).toBe(true);
    expect(job(sale.printJobId as string)).toMatchObject({ attempts: 1, lastError: null, documentNumber: 'S-000001' });
  });

  it('completes the sale while the printer refuses, keeps the job with its error, and prints once the printer is back', async () => {
    const port = await unusedPort();
    await addPrinter(`tcp://127.0.0.1:${port}`);
    const events: string[] = [];
    app.events.subscribe((name, p) => {
      if (name === 'print.job') events.push((p as { status: string }).status);
    });
    const sale = await sell();
    expect(sale.order.status).toBe('completed');
    const id = sale.printJobId as string;
    const waiting = await until('a refused attempt', () => {
      const j = job(id);
      return j.status === 'queued' && j.attempts >= 2 && j;
    });
    expect(waiting.lastError).toMatch(/refused the connection/);
    expect(events).toContain('printing');
    const printer = await startTcpPrinter({ port });
    cleanups.push(printer.close);
    const bytes = await printer.nextJob();
    expect(decodeEscPos(bytes).text).toContain('Receipt S-000001');
    await until('done', () => job(id).status === 'done');
    expect(job(id).lastError).toBeNull();
  });

  it('holds a job while the printer answers paper out, then prints when paper is back', async () => {
    const printer = await startTcpPrinter({ answers: ANSWERS.paperOut });
    cleanups.push(printer.close);
    await addPrinter(`tcp://127.0.0.1:${printer.port}`, { statusQuery: true });
    const sale = await sell();
    const id = sale.printJobId as string;
    await until('paper-out error', () => job(id).lastError?.includes('paper has run out'));
    expect(job(id).status).toBe('queued');
    for (const s of printer.sinks) s.answers = ANSWERS.ready;
    // new connections get the ready answers
    const later = await startTcpPrinter({ port: 0 });
    cleanups.push(later.close);
    await addPrinter(`tcp://127.0.0.1:${later.port}`, {
      statusQuery: true,
      id: app.services.devices.printers()[0]?.id,
    });
    await later.nextJob();
    await until('done', () => job(id).status === 'done');
  });

  it('sends one printer its jobs in order, even when the first had to wait', async () => {
    const port = await unusedPort();
    await addPrinter(`tcp://127.0.0.1:${port}`);
    const first = await sell();
    const second = await sell();
    await until('two attempts', () => job(first.printJobId as string).attempts >= 2);
    expect(job(second.printJobId as string).attempts).toBe(0);
    const printer = await startTcpPrinter({ port });
    cleanups.push(printer.close);
    const a = decodeEscPos(await printer.nextJob()).text;
    const b = decodeEscPos(await printer.nextJob()).text;
    expect(a).toContain(first.order.number);
    expect(b).toContain(second.order.number);
  });

  it('survives a restart: a job left printing is queued again and printed by the next start', async () => {
    const printer = await startTcpPrinter();
    cleanups.push(printer.close);
    app.services.devices.queue.stop();
    await addPrinter(`tcp://127.0.0.1:${printer.port}`);
    const sale = await sell();
    const id = sale.printJobId as string;
    app.sqlite.prepare("UPDATE print_jobs SET status = 'printing', attempts = 1 WHERE id = ?").run(id);
    app.close();
    const again = createApp({ dataDir: app.dir, log: () => {} });
    try {
      again.services.devices.queue.configure(FAST);
      again.services.devices.queue.start();
      await printer.nextJob();
      await until('done', () => again.services.devices.job(id).status === 'done');
      expect(again.services.devices.job(id).attempts).toBe(2);
    } finally {
      again.close();
    }
    app = makeTestApp(); // afterEach disposes this fresh one; the first was closed above
  });

  it('lets the cashier cancel and retry jobs, and reprint a sale as a copy', async () => {
    const port = await unusedPort();
    await addPrinter(`tcp://127.0.0.1:${port}`);
    const sale = await sell();
    const id = sale.printJobId as string;
    const cancelled = await ok<PrintJob>('devices.cancelJob', { id });
    expect(cancelled.status).toBe('cancelled');
    const printer = await startTcpPrinter({ port });
    cleanups.push(printer.close);
    const retried = await ok<PrintJob>('devices.retryJob', { id });
    expect(retried.status).toBe('queued');
    await printer.nextJob();
    await until('done', () => job(id).status === 'done');
    const retryDone = await app.call('devices.retryJob', { id });
    expect(retryDone).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: expect.stringMatching(/Reprint/) },
    });
    const copy = await ok<PrintJob>('devices.reprint', { salesOrderId: sale.order.id });
    const text = decodeEscPos(await printer.nextJob());
    expect(text.text).toContain('*** COPY ***');
    expect(text.commands.some((c) => c.op === 'drawer')).toBe(false);
    await until('copy done', () => job(copy.id).status === 'done');
    const list = await ok<PrintJob[]>('devices.queue', {});
    expect(list.map((j) => j.id)).toEqual([copy.id, id]);
  });

  it('waits with words when no printer is set up, and prints once one is saved', async () => {
    const sale = await sell();
    const id = sale.printJobId as string;
    await until('no printer error', () => job(id).lastError?.includes('No receipt printer is set up'));
    const printer = await startTcpPrinter();
    cleanups.push(printer.close);
    await addPrinter(`tcp://127.0.0.1:${printer.port}`);
    await printer.nextJob();
    await until('done', () => job(id).status === 'done');
  });

  it('prints a refund receipt as soon as the refund is recorded', async () => {
    const printer = await startTcpPrinter();
    cleanups.push(printer.close);
    await addPrinter(`tcp://127.0.0.1:${printer.port}`);
    const sale = await sell();
    await printer.nextJob();
    await signInAs(app.call, DEMO.manager, DEMO.managerPin, 'manager');
    const res = await app.call(
      'refunds.create',
      {
        salesOrderId: sale.order.id,
        lines: [{ salesLineId: sale.order.lines[0]?.id, qtyMilli: 1000, restock: true }],
        method: 'cash',
        reason: 'damaged packet',
        idempotencyKey: 'queue-refund-1',
      },
      'manager',
    );
    expect(res.ok).toBe(true);
    const text = decodeEscPos(await printer.nextJob()).text;
    expect(text).toContain('REFUND');
    expect(text).toContain(`For sale ${sale.order.number}`);
    expect(text).toContain('Reason: damaged packet');
  });

  it('previews a queued receipt as SVG with the same lines the printer gets', async () => {
    const sale = await sell();
    const preview = await ok<{ svg: string; text: string }>('devices.previewJob', { id: sale.printJobId });
    expect(preview.svg.startsWith('<svg')).toBe(true);
    expect(preview.text).toContain(`Receipt ${sale.order.number}`);
    expect(preview.svg).toContain(`Receipt ${sale.order.number}`);
  });

  it('keeps printer set-up to those allowed to manage devices', async () => {
    const res = await app.call('devices.savePrinter', { name: 'X', uri: 'tcp://10.0.0.9:9100' });
    expect(res).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const bad = await app.call('devices.savePrinter', { name: 'X', uri: 'lpt1' }, 'owner');
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });
});
