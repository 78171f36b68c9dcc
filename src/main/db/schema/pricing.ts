import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/** A named set of prices for some customers (a category's or a single customer's list). */
export const priceLists = sqliteTable(
  'price_lists',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    currency: text('currency').notNull(),
    /** epoch ms; null = open-ended */
    validFrom: integer('valid_from'),
    validTo: integer('valid_to'),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
    tillId: text('till_id').notNull(),
  },
  (t) => [uniqueIndex('price_lists_name').on(t.name)],
);

export const PRICE_ITEM_KINDS = ['fixed', 'percent_off'] as const;

/**
 * One price in a list: for a product, for a product category, or (both null) for every product. A fixed price or a
 * percentage off the regular price, from min_qty_milli units up (quantity breaks are several items, one per break).
 */
export const priceListItems = sqliteTable(
  'price_list_items',
  {
    id: text('id').primaryKey(),
    priceListId: text('price_list_id')
      .notNull()
      .references(() => priceLists.id),
    productId: text('product_id'),
    categoryId: text('category_id'),
    kind: text('kind', { enum: PRICE_ITEM_KINDS }).notNull(),
    /** minor units, when kind = fixed */
    price: integer('price'),
    /** basis points off the regular price, when kind = percent_off */
    bp: integer('bp'),
    minQtyMilli: integer('min_qty_milli').notNull().default(0),
    /** a fixed price above the regular price applies only when the manager said so */
    raises: integer('raises', { mode: 'boolean' }).notNull().default(false),
    createdAt: integer('created_at').notNull(),
    tillId: text('till_id').notNull(),
  },
  (t) => [index('price_list_items_list').on(t.priceListId)],
);

export const OFFER_KINDS = ['percent', 'amount'] as const;
export const OFFER_SCOPES = ['product', 'category', 'order'] as const;

/** A segment offer: a discount limited to customer categories, tags or loyalty tiers, between two dates. */
export const offers = sqliteTable(
  'offers',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    kind: text('kind', { enum: OFFER_KINDS }).notNull(),
    /** basis points when percent, minor units per unit when amount */
    value: integer('value').notNull(),
    scope: text('scope', { enum: OFFER_SCOPES }).notNull(),
    /** product id or product category id; null for order */
    targetId: text('target_id'),
    /** minor units of the cart at regular prices */
    minSpend: integer('min_spend'),
    minQtyMilli: integer('min_qty_milli'),
    eligibleCategories: text('eligible_categories', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
    eligibleTags: text('eligible_tags', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
    eligibleTiers: text('eligible_tiers', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
    startsAt: integer('starts_at'),
    endsAt: integer('ends_at'),
    perCustomerLimit: integer('per_customer_limit'),
    stackable: integer('stackable', { mode: 'boolean' }).notNull().default(false),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
    tillId: text('till_id').notNull(),
  },
  (t) => [index('offers_active').on(t.active)],
);

/** Which completed sale used which offer, for per-customer limits; one row per sale and offer. */
export const offerUses = sqliteTable(
  'offer_uses',
  {
    id: text('id').primaryKey(),
    offerId: text('offer_id')
      .notNull()
      .references(() => offers.id),
    customerId: text('customer_id'),
    salesOrderId: text('sales_order_id').notNull(),
    at: integer('at').notNull(),
    tillId: text('till_id').notNull(),
  },
  (t) => [
    index('offer_uses_customer').on(t.customerId, t.offerId),
    uniqueIndex('offer_uses_order_offer').on(t.salesOrderId, t.offerId),
  ],
);
