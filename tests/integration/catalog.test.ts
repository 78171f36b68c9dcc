import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_PRODUCTS } from '../../src/main/seed/products';
import type { Product, ProductCategory } from '../../src/shared/contract/catalog';
import { DEMO, makeTestApp, signInAs, type TestApp } from '../helpers';

describe('catalog', () => {
  let app: TestApp;
  let call: TestApp['call'];
  const ok = async <T>(name: string, input: unknown, client?: string): Promise<T> => {
    const res = await call(name, input, client);
    if (!res.ok) throw new Error(`${name}: ${res.error.code} ${res.error.message}`);
    return res.data as T;
  };

  beforeEach(async () => {
    app = makeTestApp();
    call = app.call;
    app.services.system.createDemoShop();
    await signInAs(call, DEMO.manager, DEMO.managerPin);
    await signInAs(call, DEMO.cashier, DEMO.cashierPin, 'cashier');
  });
  afterEach(() => app.dispose());

  it('the demo shop has its products, barcodes, VAT or no-tax rates and opening stock', async () => {
    const page = await ok<{ rows: Product[] }>('catalog.search', { limit: 200 });
    expect(page.rows).toHaveLength(DEMO_PRODUCTS.length);
    const beans = page.rows.find((p) => p.sku === 'MR-004');
    expect(beans).toMatchObject({
      unit: 'kg',
      price: 4800,
      taxRateBp: 0,
      stockOnHandMilli: 25_000,
      categoryName: 'Staples',
    });
    const sugar = page.rows.find((p) => p.sku === 'MR-003');
    expect(sugar).toMatchObject({ taxRateId: null, taxRateBp: 1800, barcodes: ['6164000000034'] });
  });

  it('creates a product with barcodes (audited), refuses a barcode or SKU another product has, and finds it by name, SKU or barcode', async () => {
    const categories = await ok<ProductCategory[]>('catalog.saveCategory', { name: 'Pharmacy' });
    const categoryId = categories.find((c) => c.name === 'Pharmacy')?.id;
    const p = await ok<Product>('catalog.create', {
      sku: 'PH-1',
      name: 'Paracetamol 500 mg x 10',
      price: 2000,
      cost: 1200,
      categoryId,
      barcodes: ['5012345678900', '5012345678900'],
      openingStockMilli: 12_000,
    });
    expect(p).toMatchObject({
      name: 'Paracetamol 500 mg x 10',
      barcodes: ['5012345678900'],
      stockOnHandMilli: 12_000,
      unit: 'piece',
    });
    expect(app.services.audit.list({ entity: 'product', entityId: p.id, limit: 5 }).rows[0]).toMatchObject({
      action: 'product.create',
      actorName: DEMO.manager,
    });
    expect(await call('catalog.create', { name: 'Other', price: 1, barcodes: ['6164000000010'] })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: expect.stringMatching(/Maize flour/) },
    });
    expect(await call('catalog.create', { name: 'Other', price: 1, sku: 'PH-1' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    for (const text of ['parac', '500 para', 'PH-1', '5012345678900']) {
      const rows = (await ok<{ rows: Product[] }>('catalog.search', { text })).rows;
      expect(
        rows.map((r) => r.id),
        text,
      ).toEqual([p.id]);
    }
    expect(await ok('catalog.byBarcode', { code: 'nothing-here' })).toBeNull();
  });

  it('updates price and barcodes, deactivates (then the till refuses the product), audited field by field', async () => {
    const p = (await ok<Product>('catalog.byBarcode', { code: '6164000000010' })) as Product;
    const updated = await ok<Product>('catalog.update', { id: p.id, price: 4700, barcodes: ['6164000000010', '111'] });
    expect(updated).toMatchObject({ price: 4700, barcodes: ['111', '6164000000010'] });
    const changes = app.services.audit.list({ entity: 'product', entityId: p.id, limit: 1 }).rows[0]?.changes;
    expect(changes).toEqual(expect.arrayContaining([{ field: 'price', before: 4500, after: 4700 }]));
    await ok('catalog.setActive', { id: p.id, active: false });
    expect((await ok<{ rows: Product[] }>('catalog.search', { text: 'maize' })).rows).toEqual([]);
    const res = await call(
      'sales.complete',
      {
        cart: { lines: [{ productId: p.id, qtyMilli: 1000 }] },
        payments: [{ method: 'cash', amount: 5000 }],
        idempotencyKey: 'inactive-1',
      },
      'cashier',
    );
    expect(res).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: expect.stringMatching(/no longer sold/) },
    });
  });

  it('adjusts stock with a reason as a new ledger row; a cashier may look but not change the catalog', async () => {
    const p = (await ok<Product>('catalog.byBarcode', { code: '6164000000089' })) as Product; // tomatoes, kg
    const after = await ok<Product>('catalog.adjustStock', { productId: p.id, qtyMilli: -2_350, reason: 'spoilt' });
    expect(after.stockOnHandMilli).toBe(25_000 - 2_350);
    const moves = await ok<Array<{ kind: string; qtyMilli: number; reason: string | null }>>('catalog.stockMoves', {
      productId: p.id,
    });
    expect(moves.map((m) => [m.kind, m.qtyMilli, m.reason])).toEqual([
      ['adjustment', -2_350, 'spoilt'],
      ['opening', 25_000, 'opening stock'],
    ]);
    expect(
      await call('catalog.adjustStock', { productId: p.id, qtyMilli: 1000, reason: 'x' }, 'cashier'),
    ).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await call('catalog.adjustStock', { productId: p.id, qtyMilli: 1000, reason: '  ' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    expect((await ok<{ rows: Product[] }>('catalog.search', { text: 'tomat' }, 'cashier')).rows).toHaveLength(1);
  });

  it('sells a weighed item only by weight and a piece item only in whole pieces', async () => {
    const bread = (await ok<Product>('catalog.byBarcode', { code: '6164000000171' })) as Product;
    const res = await call('sales.quote', { cart: { lines: [{ productId: bread.id, qtyMilli: 1500 }] } }, 'cashier');
    expect(res).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: expect.stringMatching(/whole number/) },
    });
  });
});
