import type { PriceListInput } from '../../../shared/contract/pricing';
import { AppError } from '../../../shared/errors';
import { type CurrencyCode, exponentOf, MoneyParseError, parseMoney, toDecimalString } from '../../../shared/money';
import { stmt } from '../../db/statements';
import type { Actor } from '../audit/service';
import {
  cellOf,
  emptyReport,
  type TableChoice,
  type TablePreview,
  type TableReport,
  TableUploads,
  tableLayout,
} from '../catalog/table-import';
import { csvLine } from '../customers/export-cells';
import { writeXlsx } from '../customers/xlsx-writer';
import type { Deps } from '../deps';
import type { PricingService } from './service';

type Field = 'sku' | 'barcode' | 'price' | 'minQty';

const WORDS: Record<Field, readonly string[]> = {
  sku: ['sku', 'code', 'item code', 'product code', 'kode', 'kode barang', 'kode produk', 'plu'],
  barcode: ['barcode', 'ean', 'upc', 'gtin', 'kode barcode'],
  price: ['price', 'list price', 'special price', 'unit price', 'harga', 'harga khusus', 'harga grosir'],
  minQty: [
    'min quantity',
    'min qty',
    'minimum quantity',
    'from quantity',
    'from qty',
    'quantity',
    'qty',
    'break',
    'min',
    'jumlah minimal',
    'min jumlah',
  ],
};
const EXPORT_HEADER = ['SKU', 'Barcode', 'Product', 'Price', 'Min quantity'];
const NO_HEADER = 'This file has no header row with a price and a SKU or barcode column (such as SKU and Price).';

/**
 * A price list's product prices to and from xlsx/csv, with the import wizard's steps (upload, detected columns,
 * dry run report by row, commit). A commit saves through PricingService.updateList, so it is validated and audited
 * like an edit on screen. Percentage rules are not in the file; they stay as they are.
 */
export class PriceListTransfer {
  readonly uploads: TableUploads;

  constructor(
    private deps: Deps,
    private pricing: PricingService,
  ) {
    this.uploads = new TableUploads(deps);
  }

  preview(uploadId: string, choice: TableChoice): TablePreview {
    return layout(this.uploads.get(uploadId).bytes, choice).preview;
  }

  run(
    actor: Actor,
    uploadId: string,
    opts: { priceListId: string; mode: 'merge' | 'replace'; dryRun: boolean; choice: TableChoice; locale: string },
  ): TableReport {
    const upload = this.uploads.get(uploadId);
    const list = this.pricing.getList(opts.priceListId);
    const currency = list.currency as CurrencyCode;
    const { rows, columns, ignored } = layout(upload.bytes, opts.choice);
    if (!columns.has('price') || !(columns.has('sku') || columns.has('barcode')))
      throw new AppError('VALIDATION', NO_HEADER);
    const report: TableReport = emptyReport(ignored, opts.dryRun);
    const key = (productId: string | null, min: number) => `${productId}|${min}`;
    const existing = new Map(
      list.items.filter((i) => i.kind === 'fixed').map((i) => [key(i.productId, i.minQtyMilli), i]),
    );
    const fromFile = new Map<string, { productId: string; price: number; minQtyMilli: number; row: number }>();
    const bySku = stmt(this.deps.sqlite, 'SELECT id, name FROM products WHERE sku = ?');
    const byBarcode = stmt(
      this.deps.sqlite,
      'SELECT p.id, p.name FROM product_barcodes b JOIN products p ON p.id = b.product_id WHERE b.code = ?',
    );
    // a SKU column is matched against SKUs first (then barcodes, as shops mix them); a barcode column against barcodes
    const find = (code: string, asSku: boolean) =>
      ((asSku ? (bySku.get(code) ?? byBarcode.get(code)) : (byBarcode.get(code) ?? bySku.get(code))) ?? undefined) as
        | { id: string; name: string }
        | undefined;
    for (const row of rows) {
      report.rows++;
      const cell = cellOf(columns, row.cells);
      const error = (field: string, message: string) => report.errors.push({ row: row.line, field, message });
      const code = cell('sku') || cell('barcode');
      if (!code) {
        error('sku', `Row ${row.line}: no SKU or barcode, so the product is not known.`);
        continue;
      }
      const sku = cell('sku');
      const barcode = cell('barcode');
      const product = (sku ? find(sku, true) : undefined) ?? (barcode ? find(barcode, false) : undefined);
      if (!product) {
        error(sku ? 'sku' : 'barcode', `Row ${row.line}: no product has the code "${code}".`);
        continue;
      }
      const price = amount(cell('price'), currency, opts.locale);
      if (price === null) {
        error('price', `Row ${row.line} (${product.name}): "${cell('price')}" is not a price in ${currency}.`);
        continue;
      }
      const minQtyMilli = quantityMilli(cell('minQty'));
      if (minQtyMilli === null) {
        error('minQty', `Row ${row.line} (${product.name}): "${cell('minQty')}" is not a quantity.`);
        continue;
      }
      const k = key(product.id, minQtyMilli);
      const twice = fromFile.get(k);
      if (twice)
        report.warnings.push({
          row: row.line,
          field: 'duplicate',
          message: `Row ${row.line} (${product.name}): the same product and quantity as row ${twice.row}; this row wins.`,
        });
      fromFile.set(k, { productId: product.id, price, minQtyMilli, row: row.line });
    }
    for (const [k, v] of fromFile) {
      const before = existing.get(k);
      if (!before) report.created++;
      else if (before.price !== v.price) report.updated++;
      else report.skipped++;
    }
    upload.report = report;
    if (opts.dryRun || report.created + report.updated === 0) return report;
    const keep = list.items.filter(
      (i) => i.kind !== 'fixed' || (opts.mode === 'merge' && !fromFile.has(key(i.productId, i.minQtyMilli))),
    );
    const items: NonNullable<PriceListInput['items']> = [
      ...keep.map((i) => ({
        productId: i.productId,
        categoryId: i.categoryId,
        kind: i.kind,
        price: i.price,
        bp: i.bp,
        minQtyMilli: i.minQtyMilli,
        raises: i.raises,
      })),
      ...[...fromFile.values()].map((v) => ({
        productId: v.productId,
        kind: 'fixed' as const,
        price: v.price,
        minQtyMilli: v.minQtyMilli,
      })),
    ];
    const { id, items: _i, categoryIds: _c, customerCount: _n, updatedAt: _u, ...rest } = list;
    this.pricing.updateList(actor, id, { ...rest, currency, items });
    return report;
  }

  /** The list's product prices as a file the import reads back (SKU, Barcode, Product, Price, Min quantity). */
  export(id: string, format: 'xlsx' | 'csv'): { fileName: string; mimeType: string; base64: string } {
    const list = this.pricing.getList(id);
    const currency = list.currency as CurrencyCode;
    const rows = this.pricing.listItems(id).filter((i) => i.kind === 'fixed');
    const barcodes = stmt(this.deps.sqlite, 'SELECT code FROM product_barcodes WHERE product_id = ? ORDER BY code');
    const cells = rows.map((i) => [
      i.productSku ?? '',
      ((barcodes.all(i.productId) as Array<{ code: string }>)[0]?.code ?? '') as string,
      i.productName ?? '',
      toDecimalString(i.price ?? 0, currency),
      i.minQtyMilli ? String(i.minQtyMilli / 1000) : '',
    ]);
    const base = list.name.replace(/[^\p{L}\p{N} _-]+/gu, '').trim() || 'price-list';
    if (format === 'csv')
      return {
        fileName: `${base}.csv`,
        mimeType: 'text/csv',
        base64: Buffer.from(`\ufeff${[EXPORT_HEADER, ...cells].map(csvLine).join('')}`).toString('base64'),
      };
    const exact = exponentOf(currency) === 0;
    const buf = writeXlsx(
      list.name.slice(0, 31) || 'Prices',
      EXPORT_HEADER,
      cells.map(([sku, code, name, price, min]) => [
        sku || null,
        code || null,
        name || null,
        // whole-unit currencies as numbers; decimals as text so no float ever stands in for money
        exact ? Number(price) : (price ?? null),
        min ? Number(min) : null,
      ]),
    );
    return {
      fileName: `${base}.xlsx`,
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      base64: buf.toString('base64'),
    };
  }
}

function layout(bytes: Uint8Array, choice: TableChoice) {
  return tableLayout(bytes, WORDS, ['price'], choice, NO_HEADER);
}

/** A price as written in the file; in a currency without decimals "1.500" and "1,500" both mean 1500. */
function amount(text: string, currency: CurrencyCode, locale: string): number | null {
  if (!text) return null;
  if (exponentOf(currency) === 0 && /^\d{1,3}([.,]\d{3})+$/.test(text)) return Number(text.replace(/[.,]/g, ''));
  try {
    const n = parseMoney(text, currency, locale);
    return n >= 0 ? n : null;
  } catch (e) {
    if (e instanceof MoneyParseError) return null;
    throw e;
  }
}

/** "", "12", "2.5", "2,5" → milli-units (blank = from the first unit). */
function quantityMilli(text: string): number | null {
  if (!text) return 0;
  const m = /^(\d{1,9})(?:[.,](\d{1,3}))?$/.exec(text);
  if (!m?.[1]) return null;
  return Number(m[1]) * 1000 + Number((m[2] ?? '').padEnd(3, '0'));
}
