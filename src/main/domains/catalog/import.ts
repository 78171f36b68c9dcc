import type { ProductUnit } from '../../../shared/contract/catalog';
import { AppError } from '../../../shared/errors';
import { type CurrencyCode, exponentOf, MoneyParseError, parseMoney } from '../../../shared/money';
import type { Actor, AuditService } from '../audit/service';
import type { Deps } from '../deps';
import type { SettingsService } from '../settings/service';
import type { CatalogService } from './service';
import { cellOf, emptyReport, type TableChoice, type TablePreview, TableUploads, tableLayout } from './table-import';

export const PRODUCT_IMPORT_FIELDS = [
  'name',
  'sku',
  'barcode',
  'price',
  'cost',
  'category',
  'unit',
  'tax',
  'stock',
] as const;
type Field = (typeof PRODUCT_IMPORT_FIELDS)[number];

/** Header words per field, in English and Indonesian (as cashier apps export them). */
const WORDS: Record<Field, string[]> = {
  name: [
    'name',
    'product',
    'product name',
    'item',
    'item name',
    'description',
    'nama',
    'nama barang',
    'nama produk',
    'produk',
  ],
  sku: ['sku', 'code', 'item code', 'product code', 'kode', 'kode barang', 'kode produk', 'plu'],
  barcode: ['barcode', 'barcodes', 'ean', 'upc', 'gtin', 'kode barcode'],
  price: ['price', 'selling price', 'sale price', 'retail price', 'unit price', 'harga', 'harga jual'],
  cost: ['cost', 'cost price', 'buying price', 'purchase price', 'harga beli', 'harga pokok', 'hpp', 'modal'],
  category: ['category', 'group', 'department', 'kategori', 'golongan'],
  unit: ['unit', 'uom', 'unit of measure', 'satuan'],
  tax: ['tax', 'vat', 'tax rate', 'vat rate', 'pajak', 'ppn'],
  stock: ['stock', 'qty', 'quantity', 'on hand', 'stock on hand', 'stok', 'jumlah'],
};

const UNITS: Record<string, ProductUnit> = {
  piece: 'piece',
  pieces: 'piece',
  pc: 'piece',
  pcs: 'piece',
  ea: 'piece',
  each: 'piece',
  unit: 'piece',
  buah: 'piece',
  biji: 'piece',
  kg: 'kg',
  kgs: 'kg',
  kilo: 'kg',
  kilogram: 'kg',
  l: 'litre',
  lt: 'litre',
  ltr: 'litre',
  litre: 'litre',
  liter: 'litre',
  litres: 'litre',
};

export interface ProductImportIssue {
  row: number;
  field: string;
  message: string;
}

/** The same shape as the customer import's result, so the wizard and `--json` read both alike. */
export interface ProductImportResult {
  rows: number;
  created: number;
  updated: number;
  skipped: number;
  errors: ProductImportIssue[];
  warnings: ProductImportIssue[];
  ignoredColumns: string[];
  dryRun: boolean;
}

export interface ProductImportOptions {
  fileName: string;
  onDuplicate?: 'skip' | 'update';
  dryRun?: boolean;
  /** the wizard's header row and column choices; without them both are detected */
  choice?: TableChoice;
}

class DryRun extends Error {}

/**
 * Products from xlsx/xls/csv with the customer import's reader (encoding, delimiter, header row): columns guessed
 * from English and Indonesian headers, one transaction, rows with errors reported and left out, a dry run that
 * rolls the same work back. A product whose SKU or barcode exists is skipped or updated.
 */
export class ProductImport {
  /** files the wizard uploaded, for its later steps */
  readonly uploads: TableUploads;

  constructor(
    private deps: Deps,
    private audit: AuditService,
    private settings: SettingsService,
    private catalog: CatalogService,
  ) {
    this.uploads = new TableUploads(deps);
  }

  /** What the wizard shows before a dry run: the header row and which column fills which field. */
  preview(bytes: Uint8Array, choice: TableChoice = {}): TablePreview {
    return layout(bytes, choice).preview;
  }

  run(actor: Actor, bytes: Uint8Array, opts: ProductImportOptions): ProductImportResult {
    const { rows, columns, ignored, preview } = layout(bytes, opts.choice ?? {});
    if (preview.unmapped.length)
      throw new AppError(
        'VALIDATION',
        'This file has no header row with a product name and a price column (such as Name and Price).',
      );
    const store = this.settings.store();
    const result: ProductImportResult = emptyReport(ignored, !!opts.dryRun);
    const taxRates = this.settings.taxRates();
    try {
      this.deps.sqlite.transaction(() => {
        const categories = new Map(this.catalog.categories().map((c) => [c.name.toLowerCase(), c.id]));
        for (const row of rows) {
          result.rows++;
          const cell = cellOf(columns, row.cells);
          const issue = (field: Field, message: string) => result.errors.push({ row: row.line, field, message });
          const name = cell('name');
          if (!name) {
            issue('name', `Row ${row.line}: no product name.`);
            continue;
          }
          const price = amount(cell('price'), store.currency, store.locale);
          if (price === null || price < 0) {
            issue('price', `Row ${row.line} (${name}): "${cell('price')}" is not a price.`);
            continue;
          }
          const costText = cell('cost');
          const cost = costText ? amount(costText, store.currency, store.locale) : null;
          if (costText && (cost === null || cost < 0)) {
            issue('cost', `Row ${row.line} (${name}): "${costText}" is not a cost.`);
            continue;
          }
          const unitText = cell('unit').toLowerCase();
          const unit: ProductUnit | undefined = unitText ? UNITS[unitText] : 'piece';
          if (!unit) {
            issue('unit', `Row ${row.line} (${name}): unit "${cell('unit')}" is not piece, kg or litre.`);
            continue;
          }
          const taxText = cell('tax');
          let taxRateId: string | null = null;
          if (taxText) {
            const bp = percentBp(taxText);
            const rate = taxRates.find(
              (t) => t.name.toLowerCase() === taxText.toLowerCase() || (bp !== null && t.rateBp === bp),
            );
            if (!rate) {
              issue('tax', `Row ${row.line} (${name}): no tax rate "${taxText}" in Settings; add it first.`);
              continue;
            }
            taxRateId = rate.id;
          }
          const barcodes = cell('barcode')
            .split(/[,;|\s]+/)
            .map((b) => b.trim())
            .filter(Boolean);
          if (barcodes.some((b) => !/^[\x21-\x7e]{1,64}$/.test(b))) {
            issue('barcode', `Row ${row.line} (${name}): a barcode has characters a scanner cannot send.`);
            continue;
          }
          const stockText = cell('stock');
          const stock = stockText ? quantityMilli(stockText) : null;
          if (stockText && stock === null) {
            issue('stock', `Row ${row.line} (${name}): "${stockText}" is not a quantity.`);
            continue;
          }
          const categoryName = cell('category');
          let categoryId: string | null = null;
          if (categoryName) {
            categoryId = categories.get(categoryName.toLowerCase()) ?? null;
            if (!categoryId) {
              const saved = this.catalog.saveCategory(actor, { name: categoryName });
              categoryId = saved.find((c) => c.name.toLowerCase() === categoryName.toLowerCase())?.id ?? null;
              if (categoryId) categories.set(categoryName.toLowerCase(), categoryId);
            }
          }
          const sku = cell('sku') || null;
          const existing =
            (sku ? this.catalog.byBarcode(sku) : null) ?? barcodes.map((b) => this.catalog.byBarcode(b)).find(Boolean);
          try {
            if (existing) {
              if (opts.onDuplicate !== 'update') {
                result.skipped++;
                result.warnings.push({
                  row: row.line,
                  // 'duplicate' is how the wizard's report tells a skipped row from a note
                  field: 'duplicate',
                  message: `Row ${row.line} (${name}): already in the catalog as ${existing.name}; skipped.`,
                });
                continue;
              }
              this.catalog.update(actor, {
                id: existing.id,
                name,
                price,
                ...(costText ? { cost } : {}),
                ...(taxText ? { taxRateId } : {}),
                ...(categoryName ? { categoryId } : {}),
                ...(unitText ? { unit } : {}),
                ...(barcodes.length ? { barcodes: [...new Set([...existing.barcodes, ...barcodes])] } : {}),
              });
              result.updated++;
            } else {
              this.catalog.create(actor, {
                sku,
                name,
                price,
                cost,
                taxRateId,
                categoryId,
                unit,
                active: true,
                barcodes,
                ...(stock !== null && stock > 0 ? { openingStockMilli: stock } : {}),
              });
              result.created++;
            }
          } catch (e) {
            if (!(e instanceof AppError)) throw e;
            issue('sku', `Row ${row.line} (${name}): ${e.message}`);
          }
        }
        this.audit.record(actor, {
          action: 'product.import',
          entity: 'product',
          note: `${opts.fileName}: ${result.rows} rows, ${result.created} created, ${result.updated} updated, ${result.skipped} skipped, ${result.errors.length} errors`,
        });
        if (opts.dryRun) throw new DryRun();
      })();
    } catch (e) {
      if (!(e instanceof DryRun)) throw e;
    }
    return result;
  }
}

function layout(bytes: Uint8Array, choice: TableChoice) {
  return tableLayout(
    bytes,
    WORDS,
    ['name', 'price'],
    choice,
    'This file has no header row with a product name and a price column (such as Name and Price).',
  );
}

/** A price as the store's locale writes it; in a currency without decimals "1.500" and "1,500" both mean 1500. */
function amount(text: string, currency: CurrencyCode, locale: string): number | null {
  if (!text) return null;
  if (exponentOf(currency) === 0 && /^\d{1,3}([.,]\d{3})+$/.test(text)) return Number(text.replace(/[.,]/g, ''));
  try {
    return parseMoney(text, currency, locale);
  } catch (e) {
    if (e instanceof MoneyParseError) return null;
    throw e;
  }
}

/** "18", "18%", "0.18" → basis points. */
function percentBp(text: string): number | null {
  const m = /^(\d+(?:[.,]\d+)?)\s*%?$/.exec(text.trim());
  if (!m?.[1]) return null;
  const n = Number(m[1].replace(',', '.'));
  return Math.round((n < 1 && !text.includes('%') ? n * 100 : n) * 100);
}

/** "12", "2.5", "2,5" → milli-units. */
function quantityMilli(text: string): number | null {
  const m = /^(\d+)(?:[.,](\d{1,3}))?$/.exec(text.trim());
  if (!m?.[1]) return null;
  return Number(m[1]) * 1000 + Number((m[2] ?? '').padEnd(3, '0'));
}
