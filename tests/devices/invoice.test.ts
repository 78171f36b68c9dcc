import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_PRODUCTS } from '../../src/main/seed/products';
import type { Product } from '../../src/shared/contract/catalog';
import type { CompleteResult } from '../../src/shared/contract/sales';
import { DEMO, makeTestApp, signInAs, type TestApp } from '../helpers';

describe('A4 invoice PDF', () => {
  let app: TestApp;
  const ok = async <T>(name: string, input: unknown = null): Promise<T> => {
    const res = await app.call(name, input);
    if (!res.ok) throw new Error(`${name}: ${res.error.code} ${res.error.message}`);
    return res.data as T;
  };
  beforeEach(async () => {
    app = makeTestApp();
    app.services.system.createDemoShop();
    await signInAs(app.call, DEMO.cashier, DEMO.cashierPin);
  });
  afterEach(() => app.dispose());

  it('lists the shop, customer, lines, tax, total, payments and the amount left on account (read back with pdftotext)', async () => {
    const code = (sku: string) => DEMO_PRODUCTS.find((p) => p.sku === sku)?.barcode;
    const sugar = await ok<Product>('catalog.byBarcode', { code: code('MR-003') });
    const beans = await ok<Product>('catalog.byBarcode', { code: code('MR-004') });
    const customer = await ok<{ customer: { id: string } }>('customers.create', {
      type: 'individual',
      firstName: 'Grace',
      lastName: 'Atim',
      loyaltyCardNo: '2000000000015',
    });
    const sale = await ok<CompleteResult>('sales.complete', {
      cart: {
        lines: [
          { productId: sugar.id, qtyMilli: 2000 },
          { productId: beans.id, qtyMilli: 1250 },
        ],
        customerId: customer.customer.id,
      },
      payments: [
        { method: 'cash', amount: 5_000 },
        { method: 'on_account', amount: 11_000 },
      ],
      idempotencyKey: 'invoice-test-1',
    });
    const file = await ok<{ fileName: string; mimeType: string; base64: string }>('devices.invoicePdf', {
      salesOrderId: sale.order.id,
    });
    expect(file.fileName).toBe(`invoice-${sale.order.number}.pdf`);
    const pdf = join(app.dir, file.fileName);
    writeFileSync(pdf, Buffer.from(file.base64, 'base64'));
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    for (const expected of [
      'INVOICE',
      `Invoice: ${sale.order.number}`,
      app.services.settings.store().name,
      'Bill to',
      'Grace Atim',
      'Card 2000000000015',
      'Sugar',
      'Total UGX',
      'Paid: Cash',
      'Amount due UGX',
      '11,000',
    ])
      expect(text).toContain(expected);
    expect(text).toMatch(/Total UGX\s+16,000/);
  });

  it('prints through the system print dialog where the host has one, and says so where it has none', async () => {
    const sugar = await ok<Product>('catalog.byBarcode', {
      code: DEMO_PRODUCTS.find((p) => p.sku === 'MR-003')?.barcode,
    });
    const sale = await ok<CompleteResult>('sales.complete', {
      cart: { lines: [{ productId: sugar.id, qtyMilli: 1000 }] },
      payments: [{ method: 'cash', amount: 10_000 }],
      idempotencyKey: 'print-a4-1',
    });
    // the browser host: no dialog here, the screen opens the PDF in a tab
    expect(await ok('devices.printInvoice', { salesOrderId: sale.order.id })).toEqual({ dialog: false });
    const printed: Array<{ head: string; title: string }> = [];
    app.services.devices.systemPrint = {
      printPdf: async (pdf, title) => {
        printed.push({ head: pdf.subarray(0, 5).toString('latin1'), title });
      },
    };
    expect(await ok('devices.printInvoice', { salesOrderId: sale.order.id })).toEqual({ dialog: true });
    expect(printed).toEqual([{ head: '%PDF-', title: `Invoice ${sale.order.number}` }]);
  });
});
