import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { PRODUCT_UNITS } from '../../../shared/contract/catalog';
import { taxRates } from './core';

export const productCategories = sqliteTable('product_categories', {
  id: text('id').primaryKey(),
  name: text('name').notNull().unique(),
  createdAt: integer('created_at').notNull(),
  tillId: text('till_id').notNull(),
});

export const products = sqliteTable(
  'products',
  {
    id: text('id').primaryKey(),
    sku: text('sku'),
    name: text('name').notNull(),
    /** minor units per unit (per piece, per kg, per litre) */
    price: integer('price').notNull(),
    cost: integer('cost'),
    /** null = the store's default tax rate at the time of sale */
    taxRateId: text('tax_rate_id').references(() => taxRates.id),
    categoryId: text('category_id').references(() => productCategories.id),
    unit: text('unit', { enum: PRODUCT_UNITS }).notNull().default('piece'),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    /** cached Σ stock_moves.qty_milli, written in the same transaction as each move */
    stockOnHandMilli: integer('stock_on_hand_milli').notNull().default(0),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
    tillId: text('till_id').notNull(),
  },
  (t) => [
    uniqueIndex('products_sku').on(t.sku),
    index('products_active_name').on(t.active, t.name),
    index('products_category').on(t.categoryId, t.name),
  ],
);

export const productBarcodes = sqliteTable(
  'product_barcodes',
  {
    code: text('code').primaryKey(),
    productId: text('product_id')
      .notNull()
      .references(() => products.id),
    createdAt: integer('created_at').notNull(),
    tillId: text('till_id').notNull(),
  },
  (t) => [index('product_barcodes_product').on(t.productId)],
);

export const STOCK_MOVE_KINDS = ['sale', 'refund', 'void', 'refund_cancel', 'adjustment', 'opening'] as const;

/** Append-only (triggers refuse UPDATE and DELETE): stock on hand = Σ qty_milli per product. */
export const stockMoves = sqliteTable(
  'stock_moves',
  {
    id: text('id').primaryKey(),
    productId: text('product_id')
      .notNull()
      .references(() => products.id),
    /** signed: a sale is negative, a refund with restock positive */
    qtyMilli: integer('qty_milli').notNull(),
    kind: text('kind', { enum: STOCK_MOVE_KINDS }).notNull(),
    reason: text('reason'),
    salesOrderId: text('sales_order_id'),
    refundId: text('refund_id'),
    staffId: text('staff_id'),
    at: integer('at').notNull(),
    tillId: text('till_id').notNull(),
  },
  (t) => [index('stock_moves_product').on(t.productId, t.at), index('stock_moves_sales_order').on(t.salesOrderId)],
);
