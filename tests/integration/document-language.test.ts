import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Product } from '../../src/shared/contract/catalog';
import type { CompleteResult } from '../../src/shared/contract/sales';
import { DEMO, DEMO_PRODUCTS, makeTestApp, signInAs, type TestApp } from '../helpers';

/** Receipts, cards and statements speak the customer's language when Counterline has it, else the shop's. */
describe('printed documents in the customer’s language', () => {
  let app: TestApp;
  const ok = async <T>(name: string, input: unknown): Promise<T> => {
    const res = await app.call(name, input);
    if (!res.ok) throw new Error(`${name}: ${res.error.code} ${res.error.message}`);
    return res.data as T;
  };
  let n = 0;
  const customer = async (firstName: string, preferredLanguage: string | null) =>
    (
      await ok<{ customer: { id: string } }>('customers.create', {
        type: 'individual',
        firstName,
        lastName: 'Test',
        preferredLanguage,
        creditLimit: 1_000_000,
      })
    ).customer.id;
  const sell = async (customerId: string | null, payments: (total: number) => object[]) => {
    const soap = await ok<Product>('catalog.byBarcode', {
      code: DEMO_PRODUCTS.find((p) => p.sku === 'MR-001')?.barcode,
    });
    const cart = { customerId, lines: [{ productId: soap.id, qtyMilli: 2000 }] };
    const quote = await ok<{ total: number }>('sales.quote', { cart });
    return ok<CompleteResult>('sales.complete', {
      cart,
      payments: payments(quote.total),
      idempotencyKey: `language-sale-${++n}`,
    });
  };
  const receiptText = async (jobId: string | null | undefined) =>
    (await ok<{ text: string }>('devices.previewJob', { id: jobId })).text;

  beforeEach(async () => {
    app = makeTestApp();
    app.services.system.createDemoShop();
    await signInAs(app.call, DEMO.owner, DEMO.ownerPin);
  });
  afterEach(() => app.dispose());

  it('a sale receipt in Kiswahili for a customer who prefers it, in Indonesian for one who prefers that', async () => {
    const amina = await customer('Amina', 'sw');
    const sw = await sell(amina, (total) => [{ method: 'cash', amount: total + 1000 }]);
    const text = await receiptText(sw.printJobId);
    expect(text).toContain('Risiti');
    expect(text).toContain('JUMLA');
    expect(text).toContain('Taslimu');
    expect(text).toContain('Chenji');
    expect(text).not.toContain('TOTAL');

    const budi = await customer('Budi', 'id-ID');
    const id = await receiptText((await sell(budi, (total) => [{ method: 'card', amount: total }])).printJobId);
    expect(id).toContain('Struk');
    expect(id).toContain('Kartu');
  });

  it('in the shop’s language for a walk-in or a customer with none, or with one Counterline does not speak', async () => {
    const walkIn = await receiptText((await sell(null, (total) => [{ method: 'cash', amount: total }])).printJobId);
    expect(walkIn).toContain('TOTAL');
    expect(walkIn).toContain('Receipt');
    const fr = await customer('Jean', 'fr');
    const french = await receiptText((await sell(fr, (total) => [{ method: 'cash', amount: total }])).printJobId);
    expect(french).toContain('TOTAL');
    expect(french).toContain('Customer');

    await ok('settings.updateStore', { language: 'sw' });
    const shopSw = await receiptText((await sell(null, (total) => [{ method: 'cash', amount: total }])).printJobId);
    expect(shopSw).toContain('JUMLA');
  });

  it('the A4 statement and the statement slip of a Kiswahili speaker, with the entries in her words', async () => {
    const amina = await customer('Amina', 'sw');
    await sell(amina, (total) => [{ method: 'on_account', amount: total }]);
    const st = await ok<{ language: string; lines: Array<{ description: string }> }>('debts.statement', {
      customerId: amina,
    });
    expect(st.language).toBe('sw');
    expect(st.lines[0]?.description).toMatch(/^Ankara /);

    const file = await ok<{ base64: string }>('debts.statementPdf', { customerId: amina });
    const dir = mkdtempSync(join(tmpdir(), 'cl-lang-'));
    const path = join(dir, 'st.pdf');
    writeFileSync(path, Buffer.from(file.base64, 'base64'));
    const pdf = execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
    expect(pdf).toContain('TAARIFA YA AKAUNTI');
    expect(pdf).toContain('Kiasi kinachodaiwa');
    expect(pdf).toContain('Salio la mwisho');

    const { printJobId } = await ok<{ printJobId: string }>('debts.statementPrint', { customerId: amina });
    const slip = await receiptText(printJobId);
    expect(slip).toContain('TAARIFA YA AKAUNTI');
    expect(slip).toContain('SALIO');
  });
});
