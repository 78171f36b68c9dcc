import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_PRODUCTS } from '../../src/main/seed/products';
import type { Product } from '../../src/shared/contract/catalog';
import type { Shift } from '../../src/shared/contract/shifts';
import { DEMO, makeTestApp, signInAs, type TestApp } from '../helpers';
import { decodeEscPos } from './escpos-decoder';
import { startTcpPrinter, type TcpPrinter } from './fake-printers';

const FAST = { backoffMs: 40, maxBackoffMs: 120, transport: { connectTimeoutMs: 500, statusTimeoutMs: 200 } };

describe('shift slips and reports on a receipt printer over TCP', () => {
  let app: TestApp;
  let printer: TcpPrinter;
  const ok = async <T>(name: string, input: unknown = null, client?: string): Promise<T> => {
    const res = await app.call(name, input, client);
    if (!res.ok) throw new Error(`${name}: ${res.error.code} ${res.error.message}`);
    return res.data as T;
  };

  beforeEach(async () => {
    app = makeTestApp();
    app.services.system.createDemoShop();
    await signInAs(app.call, DEMO.cashier, DEMO.cashierPin);
    await signInAs(app.call, DEMO.owner, DEMO.ownerPin, 'owner');
    printer = await startTcpPrinter();
    await ok(
      'devices.savePrinter',
      { name: 'Front counter', uri: `tcp://127.0.0.1:${printer.port}`, drawerKick: true },
      'owner',
    );
    app.services.devices.queue.configure(FAST);
    app.services.devices.queue.start();
  });
  afterEach(async () => {
    await printer.close();
    app.dispose();
  });

  it('opens the drawer with a pay-out slip, and prints the Z report with expected, counted and short', async () => {
    await ok<Shift>('shifts.open', { float: { amount: 50_000 } });
    await ok('shifts.move', { kind: 'pay_out', amount: 2_000, reason: 'bought milk for the shop' });
    const slip = decodeEscPos(await printer.nextJob());
    expect(slip.commands).toContainEqual({ op: 'drawer', pin: 0 });
    expect(slip.text).toContain('PAY-OUT');
    expect(slip.text).toContain('bought milk for the shop');

    const sugar = await ok<Product>('catalog.byBarcode', {
      code: DEMO_PRODUCTS.find((p) => p.sku === 'MR-003')?.barcode,
    });
    await ok('sales.complete', {
      cart: { lines: [{ productId: sugar.id, qtyMilli: 2000 }] },
      payments: [{ method: 'cash', amount: 10_000 }],
      idempotencyKey: 'shift-print-sale-1',
    });
    await printer.nextJob(); // the sale's receipt
    const closed = await ok<Shift>('shifts.close', { counted: { amount: 57_000 }, note: 'a coin rolled away' });
    await ok('shifts.print', { id: closed.id });
    const z = decodeEscPos(await printer.nextJob());
    expect(z.text).toContain('Z REPORT');
    expect(z.text).toMatch(/Expected UGX\s+58,000/);
    expect(z.text).toMatch(/Counted UGX\s+57,000/);
    expect(z.text).toMatch(/Short\s+-1,000/);
    expect(z.text).toMatch(/Pay-outs \(1\)\s+-2,000/);
  });

  it('prints the slips and the Z report in the shop’s language (Kiswahili here)', async () => {
    await ok('settings.updateStore', { language: 'sw' }, 'owner');
    await ok<Shift>('shifts.open', { float: { amount: 50_000 } });
    await ok('shifts.move', { kind: 'pay_out', amount: 2_000, reason: 'maziwa ya duka' });
    const slip = decodeEscPos(await printer.nextJob());
    expect(slip.text).toContain('PESA IMETOLEWA');
    expect(slip.text).toContain('Sahihi:');
    const closed = await ok<Shift>('shifts.close', { counted: { amount: 48_000 } });
    await ok('shifts.print', { id: closed.id });
    const z = decodeEscPos(await printer.nextJob());
    expect(z.text).toContain('RIPOTI Z');
    expect(z.text).toContain('PESA TASLIMU KWENYE DROO');
    expect(z.text).toMatch(/Inayotarajiwa UGX\s+48,000/);
    expect(z.text).toMatch(/Iliyohesabiwa UGX\s+48,000/);
    expect(z.text).not.toContain('Expected');
  });
});
