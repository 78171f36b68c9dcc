import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { DEMO_PRODUCTS } from '../../src/main/seed/products';
import type { Product } from '../../src/shared/contract/catalog';
import type { ImportReport } from '../../src/shared/contract/customer-import';
import type { PriceList } from '../../src/shared/contract/pricing';
import type { Quote } from '../../src/shared/contract/sales';
import type { TablePreview } from '../../src/shared/contract/table-import';
import { DEMO, makeTestApp, signInAs, type TestApp, tableCount } from '../helpers';

const M = 'manager-client';
const code = (sku: string) => DEMO_PRODUCTS.find((p) => p.sku === sku)?.barcode as string;
const csv = (text: string) => Buffer.from(text).toString('base64');

describe('price list import and export, product import wizard, manual prices at the till', () => {
  let app: TestApp;
  let list: PriceList;
  let sugar: Product;
  let flour: Product;
  const ok = async <T>(name: string, input: unknown, client = M): Promise<T> => {
    const res = await app.call(name, input, client);
    if (!res.ok) throw new Error(`${name}: ${res.error.code} ${res.error.message}`);
    return res.data as T;
  };
  const upload = (domain: 'pricing' | 'catalog', fileName: string, base64: string) =>
    ok<{ uploadId: string }>(`${domain}.importUpload`, { fileName, base64 }).then((u) => u.uploadId);

  beforeEach(async () => {
    app = makeTestApp();
    app.services.system.createDemoShop();
    await signInAs(app.call, DEMO.manager, DEMO.managerPin, M);
    await signInAs(app.call, DEMO.cashier, DEMO.cashierPin);
    sugar = await ok<Product>('catalog.byBarcode', { code: code('MR-003') });
    flour = await ok<Product>('catalog.byBarcode', { code: code('MR-001') });
    list = await ok<PriceList>('pricing.createList', {
      name: 'Wholesale',
      currency: 'UGX',
      items: [
        { productId: flour.id, kind: 'fixed', price: 4000 },
        { kind: 'percent_off', bp: 200 },
      ],
    });
  });
  afterEach(() => app.dispose());

  it('imports prices by SKU or barcode with quantity breaks: the dry run reports by row and saves nothing, the commit saves and is audited', async () => {
    const file = [
      'SKU,Barcode,Price,Min quantity',
      'MR-003,,4600,6',
      ',' + code('MR-003') + ',"4,200",12',
      'NOPE-1,,100,',
      'MR-001,,abc,',
      'MR-001,,3900,',
    ].join('\n');
    const id = await upload('pricing', 'wholesale.csv', csv(file));
    const preview = await ok<TablePreview>('pricing.importPreview', { uploadId: id });
    expect(preview.columns.map((c) => c.field)).toEqual(['sku', 'barcode', 'price', 'minQty']);
    expect(preview).toMatchObject({ headerRow: 1, rows: 5, unmapped: [] });

    const audits = tableCount(app, 'audit_log');
    const dry = await ok<ImportReport>('pricing.importRun', { uploadId: id, priceListId: list.id, dryRun: true });
    expect(dry).toMatchObject({ rows: 5, created: 2, updated: 1, dryRun: true });
    expect(dry.errors.map((e) => [e.row, e.field])).toEqual([
      [4, 'sku'],
      [5, 'price'],
    ]);
    expect(dry.errors[0]?.message).toContain('NOPE-1');
    expect((await ok<PriceList>('pricing.getList', { id: list.id })).items).toHaveLength(2);
    expect(tableCount(app, 'audit_log')).toBe(audits);

    const done = await ok<ImportReport>('pricing.importRun', { uploadId: id, priceListId: list.id, dryRun: false });
    expect(done).toMatchObject({ created: 2, updated: 1, dryRun: false });
    const after = await ok<PriceList>('pricing.getList', { id: list.id });
    const fixed = after.items.filter((i) => i.kind === 'fixed').map((i) => [i.productId, i.price, i.minQtyMilli]);
    expect(fixed).toEqual(
      expect.arrayContaining([
        [flour.id, 3900, 0],
        [sugar.id, 4600, 6000],
        [sugar.id, 4200, 12_000],
      ]),
    );
    // the percentage rule is not in the file and stays
    expect(after.items.some((i) => i.kind === 'percent_off' && i.bp === 200)).toBe(true);
    expect(tableCount(app, 'audit_log')).toBe(audits + 1);
  });

  it('replace mode drops product prices the file does not have; a file without a price column is refused in words', async () => {
    const id = await upload('pricing', 'p.csv', csv('SKU,Price\nMR-003,4700\n'));
    await ok('pricing.importRun', { uploadId: id, priceListId: list.id, mode: 'replace', dryRun: false });
    const after = await ok<PriceList>('pricing.getList', { id: list.id });
    expect(after.items.filter((i) => i.kind === 'fixed').map((i) => i.productId)).toEqual([sugar.id]);

    const bad = await upload('pricing', 'b.csv', csv('SKU,Colour\nMR-003,red\n'));
    const res = await app.call('pricing.importRun', { uploadId: bad, priceListId: list.id, dryRun: true }, M);
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error.message).toMatch(/price and a SKU or barcode/);
  });

  it('exports a list to csv and xlsx that import back unchanged', async () => {
    await ok('pricing.updateList', {
      id: list.id,
      list: {
        name: 'Wholesale',
        currency: 'UGX',
        items: [
          { productId: flour.id, kind: 'fixed', price: 4000 },
          { productId: sugar.id, kind: 'fixed', price: 4200, minQtyMilli: 12_000 },
        ],
      },
    });
    const c = await ok<{ fileName: string; base64: string }>('pricing.exportList', { id: list.id, format: 'csv' });
    expect(c.fileName).toBe('Wholesale.csv');
    const text = Buffer.from(c.base64, 'base64').toString('utf8');
    expect(text).toContain('SKU,Barcode,Product,Price,Min quantity');
    expect(text).toContain(`MR-003,${code('MR-003')},`);
    expect(text).toMatch(/,4200,12\r\n/);

    const x = await ok<{ base64: string }>('pricing.exportList', { id: list.id, format: 'xlsx' });
    const rows = XLSX.utils.sheet_to_json<unknown[]>(
      XLSX.read(Buffer.from(x.base64, 'base64')).Sheets.Wholesale as XLSX.WorkSheet,
      { header: 1 },
    );
    expect(rows[0]).toEqual(['SKU', 'Barcode', 'Product', 'Price', 'Min quantity']);
    for (const f of [c.base64, x.base64]) {
      const id = await upload('pricing', 'back.xlsx', f);
      const r = await ok<ImportReport>('pricing.importRun', { uploadId: id, priceListId: list.id, dryRun: true });
      expect(r).toMatchObject({ rows: 2, created: 0, updated: 0, skipped: 2, errors: [] });
    }
  });

  it('the product import wizard: detected columns, a chosen mapping, a dry run by row, then the commit', async () => {
    const file = 'Nama Barang,Harga Jual,Code,Colour\nTea 50g,2500,TEA-50,green\n,300,X,\nSoap,1.500,SOAP-1,white\n';
    const id = await upload('catalog', 'products.csv', csv(file));
    const preview = await ok<TablePreview>('catalog.importPreview', { uploadId: id });
    expect(preview.columns.map((c) => c.field)).toEqual(['name', 'price', 'sku', null]);
    // the user says "Code" is the barcode, not the SKU
    const choice = { uploadId: id, columns: [{ index: 2, field: 'barcode' }] };
    const remapped = await ok<TablePreview>('catalog.importPreview', choice);
    expect(remapped.columns[2]?.field).toBe('barcode');
    const products = tableCount(app, 'products');
    const dry = await ok<ImportReport>('catalog.importRun', { ...choice, dryRun: true });
    expect(dry).toMatchObject({ rows: 3, created: 2, dryRun: true, ignoredColumns: ['Colour'] });
    expect(dry.errors.map((e) => [e.row, e.field])).toEqual([[3, 'name']]);
    expect(tableCount(app, 'products')).toBe(products);
    await ok('catalog.importRun', { ...choice, dryRun: false });
    expect(tableCount(app, 'products')).toBe(products + 2);
    const soap = await ok<Product>('catalog.byBarcode', { code: 'SOAP-1' });
    expect(soap).toMatchObject({ name: 'Soap', price: 1500, sku: null });
    const report = await ok<{ base64: string }>('catalog.importReportExport', { uploadId: id });
    expect(Buffer.from(report.base64, 'base64').toString('utf8')).toContain('3,error,name');
  });

  it('a whole-order amount offer comes off the order once, says why, needs no manager for a cashier, and counts as used', async () => {
    const offer = await ok<{ id: string }>('pricing.createOffer', {
      name: 'Spend 20k, 1,000 off',
      kind: 'amount',
      value: 1000,
      scope: 'order',
      minSpend: 20_000,
    });
    const lines = (n: number) => [{ productId: sugar.id, qtyMilli: n * 1000 }];
    const small = await ok<Quote>('sales.quote', { cart: { lines: lines(3) } }, undefined);
    expect(small).toMatchObject({ offerDiscount: 0, offerReason: null, total: 15_000 });
    // the cashier's quote: no approval is needed for the shop's own offer
    const q = await app.call('sales.quote', { cart: { lines: lines(4) } });
    expect(q.ok && q.data).toMatchObject({
      offerDiscount: 1000,
      offerReason: 'Spend 20k, 1,000 off',
      total: 19_000,
      savings: 1000,
      approvalsNeeded: [],
      lines: [{ unitPrice: 5000, orderDiscountShare: 1000 }],
    });
    const sale = await app.call('sales.complete', {
      cart: { lines: lines(4) },
      payments: [{ method: 'cash', amount: 19_000 }],
      idempotencyKey: 'order-offer-1',
    });
    expect(sale.ok).toBe(true);
    expect(app.sqlite.prepare('SELECT offer_id AS o FROM offer_uses').all()).toEqual([{ o: offer.id }]);
  });

  it('a manual price stays when a customer with a price list is attached or detached; the line says it is an override', async () => {
    const cat = '01900000-0000-7000-8000-0000000000ca';
    app.sqlite.prepare("INSERT INTO customer_categories (id, name, created_at) VALUES (?, 'Trade', 0)").run(cat);
    await ok('pricing.assignToCategory', { categoryId: cat, priceListId: list.id });
    const w = await ok<{ customer: { id: string } }>('customers.create', {
      type: 'individual',
      firstName: 'Wanda',
      lastName: 'T',
      categoryId: cat,
    });
    const cart = (customerId: string | null) => ({
      cart: {
        customerId,
        lines: [
          { productId: flour.id, qtyMilli: 1000, unitPrice: 4300 },
          { productId: sugar.id, qtyMilli: 1000 },
        ],
      },
    });
    expect(await ok('pricing.customerPriceList', { customerId: w.customer.id }, undefined)).toEqual({
      priceListId: null,
      categoryPriceListId: list.id,
    });
    for (const customerId of [null, w.customer.id, null]) {
      const q = await ok<Quote>('sales.quote', cart(customerId));
      expect(q.lines[0]).toMatchObject({ unitPrice: 4300, priceOverridden: true, priceReason: 'override' });
      // the other line follows the customer
      expect(q.lines[1]?.unitPrice).toBe(customerId ? 4900 : 5000);
    }
  });
});
