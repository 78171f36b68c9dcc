import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Product } from '../../src/shared/contract/catalog';
import { DEMO, DEMO_PRODUCTS, makeTestApp, signInAs, type TestApp } from '../helpers';

type File = { fileName: string; mimeType: string; base64: string; rows: number };

/** Issue 20: a report file speaks the shop's language (titles, headers, period words, payment methods). */
describe("report files in the shop's language", () => {
  let app: TestApp;
  let key = 0;
  const ok = async <T>(name: string, input: unknown = null): Promise<T> => {
    const res = await app.call(name, input);
    if (!res.ok) throw new Error(`${name}: ${res.error.code} ${res.error.message}`);
    return res.data as T;
  };
  const range = { from: '2026-01-05', to: '2026-01-06' };
  const csvOf = async (input: object) =>
    Buffer.from((await ok<File>('reports.export', { ...range, format: 'csv', ...input })).base64, 'base64').toString(
      'utf8',
    );
  const pdfOf = async (input: object) => {
    const pdf = await ok<File>('reports.export', { ...range, format: 'pdf', ...input });
    const file = join(app.dir, `report-${++key}.pdf`);
    writeFileSync(file, Buffer.from(pdf.base64, 'base64'));
    return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  };

  beforeEach(async () => {
    app = makeTestApp(); // 2026-01-05 09:00 UTC
    app.services.system.createDemoShop();
    await signInAs(app.call, DEMO.owner, DEMO.ownerPin);
    const sugar = await ok<Product>('catalog.byBarcode', {
      code: DEMO_PRODUCTS.find((p) => p.sku === 'MR-003')?.barcode,
    });
    for (const [method, amount] of [
      ['cash', 10_000],
      ['card', 5_000],
    ] as const)
      await ok('sales.complete', {
        cart: { customerId: null, lines: [{ productId: sugar.id, qtyMilli: 1000 }] },
        payments: [{ method, amount }],
        idempotencyKey: `lang-${method}`,
      });
  });
  afterEach(() => app.dispose());

  it('in English by default', async () => {
    const csv = await csvOf({ report: 'takings' });
    expect(csv).toContain('Day,Sales,Cash (UGX),Card (UGX),Refunds (UGX),Debt payments (UGX),Money taken (UGX)');
    expect(await pdfOf({ report: 'takings' })).toContain('Daily takings 2026-01-05 to 2026-01-06 - page 1');
  });

  it('in Indonesian', async () => {
    await ok('settings.updateStore', { language: 'id' });
    const csv = await csvOf({ report: 'takings' });
    expect(csv).toContain(
      'Hari,Penjualan,Tunai (UGX),Kartu (UGX),Pengembalian (UGX),Pembayaran piutang (UGX),Uang diterima (UGX)',
    );
    expect(csv).toMatch(/\nTotal,2,/);
    expect(await csvOf({ report: 'sales', by: 'product' })).toMatch(/^\uFEFFProduk,Penjualan,Kuantitas,Diskon/);
    expect(await csvOf({ report: 'sales', by: 'weekday' })).toContain('Senin,');
    const takings = await pdfOf({ report: 'takings' });
    expect(takings).toContain('Pendapatan harian 2026-01-05 sampai 2026-01-06 - halaman 1');
    expect(takings).toMatch(/Tunai[\s\S]*Kartu/); // the chart's legend
    expect(takings).not.toMatch(/Daily takings|Money taken|Cash/);
    const sales = await pdfOf({ report: 'sales', by: 'product' });
    expect(sales).toContain('Penjualan menurut produk 2026-01-05 sampai 2026-01-06');
    expect(sales).toContain('Rata-rata belanja');
    const peaks = await pdfOf({ report: 'peaks' });
    expect(peaks).toContain('Jam ramai 2026-01-05 sampai 2026-01-06');
    expect(peaks).toMatch(/Sen\s/);
    const discounts = await pdfOf({ report: 'discounts' });
    expect(discounts).toContain('Diskon dan ubah harga 2026-01-05 sampai 2026-01-06');
    expect(discounts).toMatch(/Diskon\s+baris/);
  });

  it('in Kiswahili, with what the file was narrowed to', async () => {
    await ok('settings.updateStore', { language: 'sw' });
    const till = (app.sqlite.prepare('SELECT id FROM tills LIMIT 1').get() as { id: string }).id;
    const csv = await csvOf({ report: 'takings', tillId: till });
    expect(csv).toContain(
      'Siku,Mauzo,Taslimu (UGX),Kadi (UGX),Marejesho (UGX),Malipo ya madeni (UGX),Fedha zilizopokelewa (UGX)',
    );
    expect(csv).toMatch(/\nJumla,2,/);
    const takings = await pdfOf({ report: 'takings', tillId: till });
    expect(takings).toMatch(/Mapato ya kila siku 2026-01-05 hadi 2026-01-06 \(.+\) - ukurasa 1/);
    expect(takings).not.toMatch(/Daily takings|Money taken|Cash/);
    const taxes = await pdfOf({ report: 'taxes' });
    expect(taxes).toContain('Kodi iliyokusanywa kwa kiwango 2026-01-05 hadi 2026-01-06');
    expect(taxes).toContain('Kiwango cha kodi');
    expect(await csvOf({ report: 'stock' })).toMatch(/^\uFEFFBidhaa,SKU,Zimeuzwa,Zimerudishwa,Mauzo/);
  });
});
