import { z } from 'zod';
import { EpochMs, Id, Page } from './common';
import { procedure } from './define';
import { productImportProcedures } from './table-import';

export const PRODUCT_UNITS = ['piece', 'kg', 'litre'] as const;
export type ProductUnit = (typeof PRODUCT_UNITS)[number];

/** Quantities are integer milli-units: 1 piece = 1000, 1.25 kg = 1250. Up to 1,000,000 units on one line. */
export const QtyMilli = z.number().int().positive().max(1_000_000_000);
/** A signed stock change in milli-units (an adjustment may add or remove). */
export const QtyDeltaMilli = z
  .number()
  .int()
  .min(-1_000_000_000)
  .max(1_000_000_000)
  .refine((n) => n !== 0, 'a change of zero changes nothing');
/** Minor units; prices are never negative. */
export const Price = z.number().int().min(0).max(1_000_000_000_000);

export const Barcode = z
  .string()
  .trim()
  .regex(/^[\x21-\x7e]{1,64}$/, 'a barcode is 1 to 64 printable characters without spaces');

export const Product = z.object({
  id: Id,
  sku: z.string().nullable(),
  name: z.string(),
  price: z.number().int(),
  cost: z.number().int().nullable(),
  /** null = the store's default rate */
  taxRateId: Id.nullable(),
  /** the rate that applies today (the product's own or the store default), basis points */
  taxRateBp: z.number().int(),
  categoryId: Id.nullable(),
  categoryName: z.string().nullable(),
  unit: z.enum(PRODUCT_UNITS),
  active: z.boolean(),
  stockOnHandMilli: z.number().int(),
  barcodes: z.array(z.string()),
  createdAt: EpochMs,
  updatedAt: EpochMs,
});
export type Product = z.infer<typeof Product>;

export const ProductFields = z.object({
  sku: z.string().trim().min(1).max(64).nullable().optional(),
  name: z.string().trim().min(1, 'a product needs a name').max(160),
  price: Price,
  cost: Price.nullable().optional(),
  taxRateId: Id.nullable().optional(),
  categoryId: Id.nullable().optional(),
  unit: z.enum(PRODUCT_UNITS).default('piece'),
  active: z.boolean().default(true),
  barcodes: z.array(Barcode).max(20).default([]),
});
export const ProductCreate = ProductFields.extend({
  /** stock counted when the product is added (an 'opening' stock move) */
  openingStockMilli: z.number().int().min(0).max(1_000_000_000).optional(),
});
export type ProductCreate = z.output<typeof ProductCreate>;
export const ProductUpdate = z.object({
  id: Id,
  sku: ProductFields.shape.sku,
  name: ProductFields.shape.name.optional(),
  price: Price.optional(),
  cost: ProductFields.shape.cost,
  taxRateId: ProductFields.shape.taxRateId,
  categoryId: ProductFields.shape.categoryId,
  unit: z.enum(PRODUCT_UNITS).optional(),
  active: z.boolean().optional(),
  /** replaces the product's barcodes when given */
  barcodes: z.array(Barcode).max(20).optional(),
});
export type ProductUpdate = z.output<typeof ProductUpdate>;

export const ProductQuery = z.object({
  /** name, SKU or barcode; empty lists all */
  text: z.string().max(200).default(''),
  categoryId: Id.optional(),
  status: z.enum(['active', 'inactive', 'any']).default('active'),
  cursor: z.string().max(400).optional(),
  limit: z.number().int().min(1).max(200).default(50),
});
export type ProductQuery = z.output<typeof ProductQuery>;

export const ProductCategory = z.object({ id: Id, name: z.string() });
export type ProductCategory = z.infer<typeof ProductCategory>;

export const StockAdjustment = z.object({
  productId: Id,
  /** signed change in milli-units */
  qtyMilli: QtyDeltaMilli,
  reason: z.string().trim().min(1, 'say why the stock changed').max(300),
});

export const StockMove = z.object({
  id: Id,
  productId: Id,
  qtyMilli: z.number().int(),
  kind: z.enum(['sale', 'refund', 'void', 'refund_cancel', 'adjustment', 'opening']),
  reason: z.string().nullable(),
  salesOrderId: Id.nullable(),
  refundId: Id.nullable(),
  staffId: Id.nullable(),
  at: EpochMs,
});

export const catalog = {
  search: procedure({ input: ProductQuery, output: Page(Product), permission: 'till.use' }),
  get: procedure({ input: z.object({ id: Id }), output: Product, permission: 'till.use' }),
  /** an exact barcode or SKU; null when no product has it */
  byBarcode: procedure({ input: z.object({ code: Barcode }), output: Product.nullable(), permission: 'till.use' }),
  create: procedure({ input: ProductCreate, output: Product, permission: 'catalog.edit' }),
  update: procedure({ input: ProductUpdate, output: Product, permission: 'catalog.edit' }),
  setActive: procedure({
    input: z.object({ id: Id, active: z.boolean() }),
    output: Product,
    permission: 'catalog.edit',
  }),
  adjustStock: procedure({ input: StockAdjustment, output: Product, permission: 'catalog.edit' }),
  stockMoves: procedure({
    input: z.object({ productId: Id, limit: z.number().int().min(1).max(500).default(100) }),
    output: z.array(StockMove),
    permission: 'till.use',
  }),
  categories: procedure({ input: z.null(), output: z.array(ProductCategory), permission: 'till.use' }),
  saveCategory: procedure({
    input: z.object({ id: Id.optional(), name: z.string().trim().min(1).max(60) }),
    output: z.array(ProductCategory),
    permission: 'catalog.edit',
  }),
  ...productImportProcedures,
};
