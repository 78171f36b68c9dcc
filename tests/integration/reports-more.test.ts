import { execFileSync, spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/main/app';
import type { Product } from '../../src/shared/contract/catalog';
import type {
  BasketReport,
  DiscountsReport,
  PeaksReport,
  SalesByReport,
  StockReport,
  Takings,
  TaxesReport,
} from '../../src/shared/contract/reports';
import type { CompleteResult } from '../../src/shared/contract/sales';
import { seededRandom, uuidv7Source } from '../../src/shared/ids';
import { DEMO, DEMO_PRODUCTS, makeTestApp, signInAs, type TestApp } from '../helpers';

const code = (sku: string) => DEMO_PRODUCTS.find((p) => p.sku === sku)?.barcode as string;
const HOUR = 3_600_000;
const SECOND_TILL = '01890000-0000-7000-8000-00000000b0b0';

type Call = TestApp['call'];
const okOf =
  (call: Call) =>
  async <T>(name: string, input: unknown = null, client = 'test-client'): Promise<T> => {
    const res = await call(name, input, client);
    if (!res.ok) throw new Error(`${name}: ${res.error.code} ${res.error.message}`);
    return res.data as T;
  };

describe('reports narrowed by till and staff, and the owner’s other reports', () => {
  let app: TestApp;
  let ok: ReturnType<typeof okOf>;
  let key = 0;
  let sugar: Product; // 18% VAT, UGX 5,000
  let rice: Product; // no VAT, UGX 5,500
  const line = (p: Product, qty: number, extra: object = {}) => ({ productId: p.id, qtyMilli: qty * 1000, ...extra });
  const sell = (lines: unknown[], payments: unknown[], client = 'test-client', orderDiscount: unknown = null) =>
    ok<CompleteResult>(
      'sales.complete',
      { cart: { customerId: null, lines, orderDiscount }, payments, idempotencyKey: `reports-more-${++key}` },
      client,
    );
  const range = { from: '2026-01-05', to: '2026-01-06' };

  beforeEach(async () => {
    app = makeTestApp(); // 2026-01-05 09:00 UTC: 12:00 in Kampala, a Monday
    app.services.system.createDemoShop();
    ok = okOf(app.call);
    await signInAs(app.call, DEMO.manager, DEMO.managerPin);
    sugar = await ok<Product>('catalog.byBarcode', { code: code('MR-003') });
    rice = await ok<Product>('catalog.byBarcode', { code: code('MR-002') });
  });
  afterEach(() => app.dispose());

  it('narrows takings and sales to one member of staff', async () => {
    const managerId = await signInAs(app.call, DEMO.manager, DEMO.managerPin);
    const cashierId = await signInAs(app.call, DEMO.cashier, DEMO.cashierPin, 'cashier');
    await sell([line(sugar, 2)], [{ method: 'cash', amount: 10_000 }]);
    await sell([line(rice, 1)], [{ method: 'card', amount: 5_500 }], 'cashier');
    const all = await ok<Takings>('reports.takings', range);
    expect(all.totals.taken).toBe(15_500);
    const cashier = await ok<Takings>('reports.takings', { ...range, staffId: cashierId });
    expect(cashier.totals).toMatchObject({ orders: 1, sales: [{ method: 'card', amount: 5_500 }], taken: 5_500 });
    const byProduct = await ok<SalesByReport>('reports.salesBy', { ...range, by: 'product', staffId: managerId });
    expect(byProduct.rows.map((r) => r.label)).toEqual([sugar.name]);
    expect(byProduct).toMatchObject({ orders: 1, total: 10_000, averageBasket: 10_000 });
    const nobody = await ok<Takings>('reports.takings', { ...range, tillId: SECOND_TILL });
    expect(nobody.totals).toMatchObject({ orders: 0, taken: 0 });
  });

  it('narrows takings and sales to one till when a second till has sold too', async () => {
    await sell([line(sugar, 1)], [{ method: 'cash', amount: 5_000 }]);
    const firstTill = (await ok<{ tills: Array<{ id: string }> }>('reports.filters')).tills[0]?.id as string;
    // the same shop opened as a second till (as a synced till's rows would arrive): its own till row and prefix
    app.sqlite.exec(
      `INSERT INTO tills (id, name, prefix, is_this_till, created_at) VALUES ('${SECOND_TILL}', 'Till 2', 'B', 0, 0);
       UPDATE tills SET is_this_till = (id = '${SECOND_TILL}')`,
    );
    app.close();
    const second = createApp({
      dataDir: app.dir,
      clock: app.clock,
      newId: uuidv7Source(app.clock, seededRandom(8)),
      log: () => {},
    });
    try {
      const call: Call = (name, input = null, clientKey = 'test-client') =>
        second.router.call(name, input, { clientKey });
      const ok2 = okOf(call);
      await signInAs(call, DEMO.manager, DEMO.managerPin);
      await ok2('sales.complete', {
        cart: { customerId: null, lines: [line(rice, 2)] },
        payments: [{ method: 'mobile_money', amount: 11_000, reference: 'MM1' }],
        idempotencyKey: 'second-till-1',
      });
      const filters = await ok2<{ tills: Array<{ id: string; name: string }> }>('reports.filters');
      expect(filters.tills.map((t) => t.name).sort()).toEqual(['Till 1', 'Till 2']);
      const t1 = await ok2<Takings>('reports.takings', { ...range, tillId: firstTill });
      expect(t1.totals).toMatchObject({ orders: 1, sales: [{ method: 'cash', amount: 5_000 }] });
      const t2 = await ok2<Takings>('reports.takings', { ...range, tillId: SECOND_TILL });
      expect(t2.totals).toMatchObject({ orders: 1, sales: [{ method: 'mobile_money', amount: 11_000 }] });
      const s2 = await ok2<SalesByReport>('reports.salesBy', { ...range, by: 'product', tillId: SECOND_TILL });
      expect(s2.rows.map((r) => [r.label, r.qtyMilli])).toEqual([[rice.name, 2000]]);
      // the command line takes the till by name
      second.close();
      const cli = (...args: string[]) =>
        spawnSync(process.execPath, ['bin/counterline.mjs', 'report', 'takings', ...args], { encoding: 'utf8' });
      const out = cli(
        '--from',
        range.from,
        '--to',
        range.to,
        '--till',
        'Till 2',
        '--json',
        '--data-dir',
        app.dir,
      ).stdout;
      expect((JSON.parse(out) as Takings).totals.taken).toBe(11_000);
      const none = cli('--from', range.from, '--to', range.to, '--staff', 'Nobody', '--data-dir', app.dir);
      expect(none.status).toBe(1);
      expect(none.stderr).toContain('No staff member is called Nobody.');
    } finally {
      if (second.sqlite.open) second.close();
      rmSync(app.dir, { recursive: true, force: true });
      app.dispose = () => {};
    }
  }, 60_000);

  it('finds the busy hours and weekdays in shop time, across midnight', async () => {
    await sell([line(sugar, 1)], [{ method: 'cash', amount: 5_000 }]); // Monday 12:00 Kampala
    app.clock.advance(HOUR / 2);
    await signInAs(app.call, DEMO.manager, DEMO.managerPin);
    await sell([line(sugar, 2)], [{ method: 'cash', amount: 10_000 }]); // Monday 12:30
    app.clock.advance(11 * HOUR + HOUR / 4); // 23:45 Kampala = 20:45 UTC, still Monday in the shop
    await signInAs(app.call, DEMO.manager, DEMO.managerPin);
    await sell([line(rice, 1)], [{ method: 'cash', amount: 5_500 }]);
    app.clock.advance(HOUR / 2); // 00:15 Tuesday in Kampala, still Monday in UTC
    await signInAs(app.call, DEMO.manager, DEMO.managerPin);
    await sell([line(rice, 1)], [{ method: 'cash', amount: 5_500 }]);
    const p = await ok<PeaksReport>('reports.peaks', range);
    expect(p.cells).toEqual([
      { weekday: 0, hour: 12, orders: 2, total: 15_000 },
      { weekday: 0, hour: 23, orders: 1, total: 5_500 },
      { weekday: 1, hour: 0, orders: 1, total: 5_500 },
    ]);
    expect(p.hours).toHaveLength(24);
    expect(p.hours[12]).toEqual({ hour: 12, orders: 2, total: 15_000 });
    expect(p.weekdays.map((w) => w.orders)).toEqual([3, 1, 0, 0, 0, 0, 0]);
    expect(p).toMatchObject({ orders: 4, total: 26_000 });

    const b = await ok<BasketReport>('reports.basket', range);
    expect(b.days).toEqual([
      { day: '2026-01-05', orders: 3, total: 20_500, lines: 3, qtyMilli: 4000, average: 6_833 },
      { day: '2026-01-06', orders: 1, total: 5_500, lines: 1, qtyMilli: 1000, average: 5_500 },
    ]);
    expect(b.totals).toEqual({ orders: 4, total: 26_000, lines: 4, qtyMilli: 5000, average: 6_500 });
  });

  it('says who gave discounts and overrode prices, and which a manager approved', async () => {
    const managerId = await signInAs(app.call, DEMO.manager, DEMO.managerPin);
    // 10% off a line, and the price of rice overridden from 5,500 to 5,000 (two of them: 1,000 below regular)
    const quote = await ok<{ total: number }>('sales.quote', {
      cart: {
        customerId: null,
        lines: [line(sugar, 2, { discount: { kind: 'percent', bp: 1000 } }), line(rice, 2, { unitPrice: 5_000 })],
      },
    });
    const a = await sell(
      [line(sugar, 2, { discount: { kind: 'percent', bp: 1000 } }), line(rice, 2, { unitPrice: 5_000 })],
      [{ method: 'cash', amount: quote.total }],
    );
    // an order discount of 500
    await sell([line(sugar, 1)], [{ method: 'cash', amount: 4_500 }], 'test-client', { kind: 'amount', amount: 500 });
    await sell([line(sugar, 1)], [{ method: 'cash', amount: 5_000 }]); // no discount: not counted
    const d = await ok<DiscountsReport>('reports.discounts', range);
    expect(d.rows).toEqual([
      {
        staffId: managerId,
        name: DEMO.manager,
        orders: 2,
        lineDiscounts: 1_000,
        orderDiscounts: 500,
        overrides: 1,
        overrideAmount: 1_000,
        approved: 0,
        total: a.order.total + 4_500,
      },
    ]);
    expect(d.totals).toMatchObject({ orders: 2, lineDiscounts: 1_000, orderDiscounts: 500, overrideAmount: 1_000 });
  });

  it('adds up tax by rate for the return, refunds taken off on the day they were paid back', async () => {
    const a = await sell([line(sugar, 2), line(rice, 1)], [{ method: 'cash', amount: 15_500 }]);
    await sell([line(sugar, 1)], [{ method: 'card', amount: 5_000 }]);
    const voided = await sell([line(sugar, 3)], [{ method: 'cash', amount: 15_000 }]);
    await ok('sales.void', { id: voided.order.id, reason: 'wrong item' });
    app.clock.advance(15 * HOUR); // 03:00 on Tuesday in Kampala
    await signInAs(app.call, DEMO.manager, DEMO.managerPin);
    const sugarLine = a.order.lines.find((l) => l.productId === sugar.id);
    const refund = await ok<{ refund: { taxTotal: number; subtotal: number; total: number } }>('refunds.create', {
      salesOrderId: a.order.id,
      lines: [{ salesLineId: sugarLine?.id, qtyMilli: 1000, restock: true }],
      method: 'cash',
      reason: 'damaged',
      idempotencyKey: 'more-refund-1',
    });
    const one = (await ok<TaxesReport>('reports.taxes', { from: '2026-01-05', to: '2026-01-05' })).rows;
    // 18% included in the price: UGX 5,000 is 4,237 + 763 tax
    expect(one).toEqual([
      { rateBp: 1800, salesNet: 12_712, salesTax: 2_288, refundsNet: 0, refundsTax: 0, net: 12_712, tax: 2_288 },
      { rateBp: 0, salesNet: 5_500, salesTax: 0, refundsNet: 0, refundsTax: 0, net: 5_500, tax: 0 },
    ]);
    const both = await ok<TaxesReport>('reports.taxes', range);
    const vat = both.rows.find((r) => r.rateBp === 1800);
    expect(vat?.refundsTax).toBe(refund.refund.taxTotal);
    expect(vat?.tax).toBe(2_288 - refund.refund.taxTotal);
    expect(both.totals.tax).toBe(2_288 - refund.refund.taxTotal);
    expect(both.totals.net + both.totals.tax).toBe(20_500 - refund.refund.total);
  });

  it('lists stock sold and returned over the days, and on hand at their end and now', async () => {
    const before = sugar.stockOnHandMilli;
    const a = await sell([line(sugar, 3)], [{ method: 'cash', amount: 15_000 }]);
    app.clock.advance(15 * HOUR); // Tuesday
    await signInAs(app.call, DEMO.manager, DEMO.managerPin);
    await ok('refunds.create', {
      salesOrderId: a.order.id,
      lines: [{ salesLineId: a.order.lines[0]?.id, qtyMilli: 1000, restock: true }],
      method: 'cash',
      reason: 'damaged',
      idempotencyKey: 'more-refund-2',
    });
    app.clock.advance(24 * HOUR); // Wednesday: after the period
    await signInAs(app.call, DEMO.manager, DEMO.managerPin);
    await sell([line(sugar, 2)], [{ method: 'cash', amount: 10_000 }]);
    const monday = await ok<StockReport>('reports.stock', { from: '2026-01-05', to: '2026-01-05' });
    expect(monday.rows[0]).toMatchObject({
      productId: sugar.id,
      soldMilli: 3000,
      returnedMilli: 0,
      sales: 15_000,
      onHandAtEndMilli: before - 3000,
      onHandNowMilli: before - 3000 + 1000 - 2000,
    });
    const two = await ok<StockReport>('reports.stock', range);
    expect(two.rows[0]).toMatchObject({ soldMilli: 3000, returnedMilli: 1000, onHandAtEndMilli: before - 2000 });
    expect(two.rows.find((r) => r.productId === rice.id)).toMatchObject({ soldMilli: 0, sales: 0 });
  });

  it('exports each report as xlsx, csv and pdf with its chart and totals, and audits the export', async () => {
    await sell([line(sugar, 2)], [{ method: 'cash', amount: 10_000 }]);
    await sell([line(rice, 1)], [{ method: 'card', amount: 5_500 }]);
    type File = { fileName: string; mimeType: string; base64: string; rows: number };
    const csv = await ok<File>('reports.export', { ...range, report: 'takings', format: 'csv' });
    const text = Buffer.from(csv.base64, 'base64').toString('utf8');
    expect(text).toContain('Day,Sales,Cash (UGX),Card (UGX),Refunds (UGX),Debt payments (UGX),Money taken (UGX)');
    expect(text).toContain('2026-01-05,2,10000,5500,0,0,15500');
    expect(text).toContain('Total,2,10000,5500,0,0,15500');
    const xlsx = await ok<File>('reports.export', { ...range, report: 'sales', by: 'product', format: 'xlsx' });
    expect(xlsx.fileName).toBe('sales-by-product-2026-01-05-to-2026-01-06.xlsx');
    const { read, utils } = await import('xlsx');
    const sheet = read(Buffer.from(xlsx.base64, 'base64'));
    const rows = utils.sheet_to_json<unknown[]>(sheet.Sheets[sheet.SheetNames[0] as string] as never, {
      header: 1,
      defval: '',
    });
    expect(rows).toContainEqual([sugar.name, '1', '2', 0, expect.any(Number), 10_000]);
    expect(rows).toContainEqual(['Total', '2', '', '', '', 15_500]);
    expect(rows).toContainEqual(['Average basket', '', '', '', '', 7_750]);
    for (const report of ['takings', 'peaks', 'basket', 'discounts', 'taxes', 'stock', 'sales'] as const) {
      const pdf = await ok<File>('reports.export', { ...range, report, format: 'pdf' });
      expect(pdf.mimeType).toBe('application/pdf');
      const file = join(app.dir, `${report}.pdf`);
      writeFileSync(file, Buffer.from(pdf.base64, 'base64'));
      const words = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
      if (report === 'takings') {
        // the chart's legend and axis (days), and the total row
        expect(words).toMatch(/Cash[\s\S]*Card/);
        expect(words).toContain('2026-01-05');
        expect(words).toMatch(/Total\s+2\s+10,?000(\.00)?\s+5,?500/);
      }
      if (report === 'peaks') {
        // the x axis of the hour bars (an hour with no sales between two busy ones is drawn too) and the total
        expect(words).toContain('12:00');
        expect(words).toMatch(/Total\s+2\s/);
      }
    }
    const audit = app.sqlite
      .prepare("SELECT action, note FROM audit_log WHERE action = 'reports.export' ORDER BY at")
      .all() as Array<{ note: string }>;
    expect(audit).toHaveLength(9);
    expect(audit[0]?.note).toContain('Daily takings 2026-01-05 to 2026-01-06');
  });
});
