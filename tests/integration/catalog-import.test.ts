import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/main/app';
import { makeTestApp, type TestApp } from '../helpers';

const FILE = 'tests/fixtures/products/stock-list.csv';

describe('product import', () => {
  let app: TestApp;
  beforeEach(() => {
    app = makeTestApp();
    app.services.system.createDemoShop(); // UGX, UG VAT 18%, 31 demo products
  });
  afterEach(() => app.dispose());

  const run = (opts: { dryRun?: boolean; onDuplicate?: 'skip' | 'update' } = {}) =>
    app.services.productImport.run({ id: null, name: 'test' }, new Uint8Array(readFileSync(FILE)), {
      fileName: 'stock-list.csv',
      ...opts,
    });
  const count = () => (app.sqlite.prepare('SELECT count(*) AS n FROM products').get() as { n: number }).n;

  it('a dry run reports what would happen and saves nothing', () => {
    const before = count();
    const r = run({ dryRun: true });
    expect(r).toMatchObject({ rows: 6, created: 3, skipped: 1, updated: 0, dryRun: true });
    expect(r.errors.map((e) => [e.row, e.field])).toEqual([
      [4, 'price'],
      [6, 'unit'],
    ]);
    expect(r.warnings[0]?.message).toMatch(/Maize flour \(posho\) 1 kg; skipped/);
    expect(count()).toBe(before);
  });

  it('imports prices written with thousands dots, weighed stock, several barcodes, tax by percent or name', () => {
    run();
    const row = (sku: string) => app.services.catalog.byBarcode(sku) ?? (null as never);
    expect(row('SL-175')).toMatchObject({
      price: 2500,
      cost: 1800,
      unit: 'piece',
      taxRateBp: 1800,
      stockOnHandMilli: 48_000,
      categoryName: 'Household',
      barcodes: ['6001087001234'],
    });
    expect(row('CF-1')).toMatchObject({ price: 3200, unit: 'kg', stockOnHandMilli: 12_500, categoryName: 'Staples' });
    expect(row('PF-5')).toMatchObject({ taxRateBp: 0, barcodes: ['6001087009998', '6001087009999'] });
    expect(app.services.audit.list({ action: 'product.import', limit: 1 }).rows[0]?.note).toMatch(/3 created/);
  });

  it('updates an existing product when asked, keeping its barcodes', () => {
    const r = run({ onDuplicate: 'update' });
    expect(r).toMatchObject({ created: 3, updated: 1, skipped: 0 });
    expect(app.services.catalog.byBarcode('6164000000010')).toMatchObject({
      name: 'Maize flour again',
      price: 4600,
      sku: 'MR-001',
    });
  });

  it('counterline import products FILE --json prints the same result shape', () => {
    const dir = app.dir;
    app.close();
    const res = spawnSync(
      process.execPath,
      ['bin/counterline.mjs', 'import', 'products', FILE, '--data-dir', dir, '--json'],
      {
        encoding: 'utf8',
      },
    );
    expect(res.status, res.stderr).toBe(0);
    expect(JSON.parse(res.stdout)).toMatchObject({
      rows: 6,
      created: 3,
      skipped: 1,
      dryRun: false,
      ignoredColumns: [],
    });
    const again = createApp({ dataDir: dir, log: () => {} });
    try {
      expect(again.services.catalog.byBarcode('SL-175')).toMatchObject({ price: 2500 });
    } finally {
      again.close();
    }
    app = Object.assign(app, { close: () => {} });
  });
});
