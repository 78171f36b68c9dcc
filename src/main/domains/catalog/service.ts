import type {
  Product,
  ProductCategory,
  ProductCreate,
  ProductQuery,
  ProductUpdate,
} from '../../../shared/contract/catalog';
import { AppError, notFound } from '../../../shared/errors';
import type { products } from '../../db/schema';
import { stmt } from '../../db/statements';
import type { Actor, AuditService } from '../audit/service';
import type { Deps } from '../deps';
import { postStockMove } from '../ledgers/stock';

type ProductRow = typeof products.$inferSelect;
const ENTITY = 'product';

const SELECT_PRODUCT = `SELECT p.id, p.sku, p.name, p.price, p.cost, p.tax_rate_id AS taxRateId, p.category_id AS categoryId,
  c.name AS categoryName, p.unit, p.active, p.stock_on_hand_milli AS stockOnHandMilli, p.created_at AS createdAt,
  p.updated_at AS updatedAt, coalesce(t.rate_bp, (SELECT rate_bp FROM tax_rates WHERE is_default = 1 LIMIT 1), 0) AS taxRateBp
  FROM products p
  LEFT JOIN product_categories c ON c.id = p.category_id
  LEFT JOIN tax_rates t ON t.id = p.tax_rate_id`;

const FOR_PRICING_SQL = SELECT_PRODUCT.replace(
  'FROM products p',
  'FROM json_each(?) j CROSS JOIN products p ON p.id = j.value',
);

type RawProduct = Omit<Product, 'active' | 'barcodes'> & { active: number };

/** Products, barcodes and stock: only what a till needs. */
export class CatalogService {
  constructor(
    private deps: Deps,
    private audit: AuditService,
  ) {}

  private barcodesOf(id: string): string[] {
    return (
      stmt(this.deps.sqlite, 'SELECT code FROM product_barcodes WHERE product_id = ? ORDER BY code').all(id) as Array<{
        code: string;
      }>
    ).map((r) => r.code);
  }

  private toProduct(r: RawProduct): Product {
    return { ...r, active: r.active === 1, barcodes: this.barcodesOf(r.id) };
  }

  find(id: string): Product | null {
    const r = stmt(this.deps.sqlite, `${SELECT_PRODUCT} WHERE p.id = ?`).get(id) as RawProduct | undefined;
    return r ? this.toProduct(r) : null;
  }

  /** What pricing needs of each product, in one query (no barcodes): the checkout path calls this every sale. */
  forPricing(ids: readonly string[]): Map<string, Omit<Product, 'barcodes'>> {
    const unique = [...new Set(ids)];
    // the ids drive the join: `p.id IN (SELECT value FROM json_each(?))` made SQLite build a temporary b-tree, and
    // the first one after a commit page-faults its fresh page-cache memory: ~0.25 ms, a sixth of a credit sale
    const rows = unique.length
      ? (stmt(this.deps.sqlite, FOR_PRICING_SQL).all(JSON.stringify(unique)) as RawProduct[])
      : [];
    return new Map(rows.map((r) => [r.id, { ...r, active: r.active === 1 }]));
  }

  get(id: string): Product {
    const p = this.find(id);
    if (!p) throw notFound('Product', id);
    return p;
  }

  /** An exact barcode, else an exact SKU. */
  byBarcode(code: string): Product | null {
    const hit = (stmt(this.deps.sqlite, 'SELECT product_id AS id FROM product_barcodes WHERE code = ?').get(code) ??
      stmt(this.deps.sqlite, 'SELECT id FROM products WHERE sku = ?').get(code)) as { id: string } | undefined;
    return hit ? this.find(hit.id) : null;
  }

  /** Name words (prefix, any order), or an exact barcode/SKU first; keyset-paged by name. */
  search(q: ProductQuery): { rows: Product[]; nextCursor: string | null } {
    const text = q.text.trim();
    const where: string[] = [];
    const params: unknown[] = [];
    if (q.status !== 'any') {
      where.push('p.active = ?');
      params.push(q.status === 'active' ? 1 : 0);
    }
    if (q.categoryId) {
      where.push('p.category_id = ?');
      params.push(q.categoryId);
    }
    if (text) {
      const words = text.toLowerCase().split(/\s+/).slice(0, 6);
      const nameMatch = words.map(() => "lower(p.name) LIKE ? ESCAPE '\\'").join(' AND ');
      where.push(`((${nameMatch}) OR p.sku = ? OR p.id IN (SELECT product_id FROM product_barcodes WHERE code = ?))`);
      params.push(...words.map((w) => `%${w.replace(/[\\%_]/g, (m) => `\\${m}`)}%`), text, text);
    }
    if (q.cursor) {
      const [name, id] = pageAfter(q.cursor);
      where.push('(p.name > ? OR (p.name = ? AND p.id > ?))');
      params.push(name, name, id);
    }
    const sql = `${SELECT_PRODUCT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY p.name, p.id LIMIT ?`;
    const rows = this.deps.sqlite.prepare(sql).all(...params, q.limit + 1) as RawProduct[];
    const page = rows.slice(0, q.limit).map((r) => this.toProduct(r));
    const last = page.at(-1);
    return { rows: page, nextCursor: rows.length > q.limit && last ? JSON.stringify([last.name, last.id]) : null };
  }

  private checkRefs(input: { taxRateId?: string | null; categoryId?: string | null }): void {
    if (input.taxRateId && !this.deps.sqlite.prepare('SELECT 1 FROM tax_rates WHERE id = ?').get(input.taxRateId))
      throw new AppError('VALIDATION', 'That tax rate does not exist; pick one from the list.');
    if (
      input.categoryId &&
      !this.deps.sqlite.prepare('SELECT 1 FROM product_categories WHERE id = ?').get(input.categoryId)
    )
      throw new AppError('VALIDATION', 'That product category does not exist; pick one from the list.');
  }

  private checkUnique(id: string, sku: string | null | undefined, barcodes: string[]): void {
    if (sku) {
      const other = this.deps.sqlite.prepare('SELECT name FROM products WHERE sku = ? AND id != ?').get(sku, id) as
        | { name: string }
        | undefined;
      if (other) throw new AppError('CONFLICT', `SKU ${sku} already belongs to ${other.name}.`, { field: 'sku' });
    }
    for (const code of barcodes) {
      const other = this.deps.sqlite
        .prepare(
          'SELECT p.name FROM product_barcodes b JOIN products p ON p.id = b.product_id WHERE b.code = ? AND b.product_id != ?',
        )
        .get(code, id) as { name: string } | undefined;
      if (other)
        throw new AppError('CONFLICT', `Barcode ${code} already belongs to ${other.name}.`, {
          field: 'barcodes',
          code,
        });
    }
  }

  private setBarcodes(id: string, barcodes: string[], now: number): void {
    this.deps.sqlite.prepare('DELETE FROM product_barcodes WHERE product_id = ?').run(id);
    const insert = this.deps.sqlite.prepare(
      'INSERT INTO product_barcodes (code, product_id, created_at, till_id) VALUES (?, ?, ?, ?)',
    );
    for (const code of new Set(barcodes)) insert.run(code, id, now, this.deps.tillId());
  }

  private auditView(p: Product) {
    const { createdAt: _c, updatedAt: _u, stockOnHandMilli: _s, id: _id, ...rest } = p;
    return rest;
  }

  create(actor: Actor, input: ProductCreate): Product {
    return this.deps.sqlite.transaction(() => {
      const id = this.deps.newId();
      const now = this.deps.clock.now();
      this.checkRefs(input);
      this.checkUnique(id, input.sku, input.barcodes);
      const row: ProductRow = {
        id,
        sku: input.sku ?? null,
        name: input.name,
        price: input.price,
        cost: input.cost ?? null,
        taxRateId: input.taxRateId ?? null,
        categoryId: input.categoryId ?? null,
        unit: input.unit,
        active: input.active,
        stockOnHandMilli: 0,
        createdAt: now,
        updatedAt: now,
        tillId: this.deps.tillId(),
      };
      this.deps.sqlite
        .prepare(
          `INSERT INTO products (id, sku, name, price, cost, tax_rate_id, category_id, unit, active, stock_on_hand_milli,
             created_at, updated_at, till_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)`,
        )
        .run(
          id,
          row.sku,
          row.name,
          row.price,
          row.cost,
          row.taxRateId,
          row.categoryId,
          row.unit,
          row.active ? 1 : 0,
          now,
          now,
          row.tillId,
        );
      this.setBarcodes(id, input.barcodes, now);
      if (input.openingStockMilli) {
        postStockMove(this.deps, {
          productId: id,
          qtyMilli: input.openingStockMilli,
          kind: 'opening',
          reason: 'opening stock',
          staffId: actor.id,
        });
      }
      const product = this.get(id);
      this.audit.record(actor, {
        action: 'product.create',
        entity: ENTITY,
        entityId: id,
        after: this.auditView(product),
      });
      return product;
    })();
  }

  update(actor: Actor, input: ProductUpdate): Product {
    return this.deps.sqlite.transaction(() => {
      const before = this.get(input.id);
      this.checkRefs(input);
      const next = {
        sku: input.sku === undefined ? before.sku : input.sku,
        name: input.name ?? before.name,
        price: input.price ?? before.price,
        cost: input.cost === undefined ? before.cost : input.cost,
        taxRateId: input.taxRateId === undefined ? before.taxRateId : input.taxRateId,
        categoryId: input.categoryId === undefined ? before.categoryId : input.categoryId,
        unit: input.unit ?? before.unit,
        active: input.active ?? before.active,
      };
      this.checkUnique(before.id, next.sku, input.barcodes ?? []);
      const now = this.deps.clock.now();
      this.deps.sqlite
        .prepare(
          `UPDATE products SET sku = ?, name = ?, price = ?, cost = ?, tax_rate_id = ?, category_id = ?, unit = ?,
             active = ?, updated_at = ? WHERE id = ?`,
        )
        .run(
          next.sku,
          next.name,
          next.price,
          next.cost,
          next.taxRateId,
          next.categoryId,
          next.unit,
          next.active ? 1 : 0,
          now,
          before.id,
        );
      if (input.barcodes) this.setBarcodes(before.id, input.barcodes, now);
      const after = this.get(before.id);
      this.audit.record(actor, {
        action: 'product.update',
        entity: ENTITY,
        entityId: before.id,
        before: this.auditView(before),
        after: this.auditView(after),
      });
      return after;
    })();
  }

  setActive(actor: Actor, id: string, active: boolean): Product {
    return this.update(actor, { id, active });
  }

  adjustStock(actor: Actor, input: { productId: string; qtyMilli: number; reason: string }): Product {
    return this.deps.sqlite.transaction(() => {
      const before = this.get(input.productId);
      postStockMove(this.deps, {
        productId: before.id,
        qtyMilli: input.qtyMilli,
        kind: 'adjustment',
        reason: input.reason,
        staffId: actor.id,
      });
      const after = this.get(before.id);
      this.audit.record(actor, {
        action: 'product.adjustStock',
        entity: ENTITY,
        entityId: before.id,
        changes: [{ field: 'stockOnHandMilli', before: before.stockOnHandMilli, after: after.stockOnHandMilli }],
        note: input.reason,
      });
      return after;
    })();
  }

  stockMoves(productId: string, limit: number) {
    this.get(productId);
    return this.deps.sqlite
      .prepare(
        `SELECT id, product_id AS productId, qty_milli AS qtyMilli, kind, reason, sales_order_id AS salesOrderId,
           refund_id AS refundId, staff_id AS staffId, at FROM stock_moves WHERE product_id = ? ORDER BY at DESC, id DESC LIMIT ?`,
      )
      .all(productId, limit) as Array<{
      id: string;
      productId: string;
      qtyMilli: number;
      kind: 'sale' | 'refund' | 'void' | 'refund_cancel' | 'adjustment' | 'opening';
      reason: string | null;
      salesOrderId: string | null;
      refundId: string | null;
      staffId: string | null;
      at: number;
    }>;
  }

  categories(): ProductCategory[] {
    return this.deps.sqlite.prepare('SELECT id, name FROM product_categories ORDER BY name').all() as ProductCategory[];
  }

  saveCategory(actor: Actor, input: { id?: string; name: string }): ProductCategory[] {
    return this.deps.sqlite.transaction(() => {
      const before = input.id ? this.categories().find((c) => c.id === input.id) : undefined;
      if (input.id && !before) throw new AppError('NOT_FOUND', 'That product category no longer exists.');
      const clash = this.categories().find(
        (c) => c.name.toLowerCase() === input.name.toLowerCase() && c.id !== input.id,
      );
      if (clash) throw new AppError('CONFLICT', `There is already a product category called ${clash.name}.`);
      const id = input.id ?? this.deps.newId();
      if (before) this.deps.sqlite.prepare('UPDATE product_categories SET name = ? WHERE id = ?').run(input.name, id);
      else
        this.deps.sqlite
          .prepare('INSERT INTO product_categories (id, name, created_at, till_id) VALUES (?, ?, ?, ?)')
          .run(id, input.name, this.deps.clock.now(), this.deps.tillId());
      this.audit.record(actor, {
        action: before ? 'productCategory.update' : 'productCategory.create',
        entity: 'productCategory',
        entityId: id,
        before: before ?? null,
        after: { id, name: input.name },
      });
      return this.categories();
    })();
  }
}

/** The keyset cursor a page handed out ([name, id]); anything else is a page link that is no longer valid. */
function pageAfter(cursor: string): [string, string] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(cursor);
  } catch {
    parsed = null;
  }
  if (!Array.isArray(parsed) || parsed.length !== 2 || !parsed.every((v) => typeof v === 'string'))
    throw new AppError('VALIDATION', 'That page of products is no longer valid; search again.');
  return parsed as [string, string];
}
