import { z } from 'zod';
import { CURRENCY_CODES } from '../money';
import { Price, QtyMilli } from './catalog';
import { EpochMs, Id } from './common';
import { procedure } from './define';
import { priceImportProcedures } from './table-import';

const Name = z.string().trim().min(1, 'a name is needed').max(80);
const Bp = z.number().int().min(0).max(10_000);

/** One price in a list: a product's price, or a percentage off for a product category or (no target) everything. */
export const PriceListItemInput = z
  .object({
    productId: Id.nullable().default(null),
    categoryId: Id.nullable().default(null),
    kind: z.enum(['fixed', 'percent_off']),
    price: Price.nullable().default(null),
    bp: Bp.nullable().default(null),
    minQtyMilli: z.number().int().min(0).max(1_000_000_000).default(0),
    raises: z.boolean().default(false),
  })
  .refine((i) => !(i.productId && i.categoryId), 'an item is for a product or a category, not both')
  .refine((i) => (i.kind === 'fixed' ? i.price !== null && i.productId !== null : i.bp !== null), {
    message: 'a fixed price needs a product and a price; a percentage off needs the percentage',
  });
export type PriceListItemInput = z.input<typeof PriceListItemInput>;

export const PriceListItem = z.object({
  id: Id,
  productId: Id.nullable(),
  categoryId: Id.nullable(),
  kind: z.enum(['fixed', 'percent_off']),
  price: z.number().int().nullable(),
  bp: z.number().int().nullable(),
  minQtyMilli: z.number().int(),
  raises: z.boolean(),
});
export type PriceListItem = z.infer<typeof PriceListItem>;

/** An item with what the pricing screen shows beside it. */
export const PriceListItemView = PriceListItem.extend({
  productName: z.string().nullable(),
  productSku: z.string().nullable(),
  categoryName: z.string().nullable(),
});
export type PriceListItemView = z.infer<typeof PriceListItemView>;

export const PriceListInput = z.object({
  name: Name,
  currency: z.enum(CURRENCY_CODES),
  validFrom: EpochMs.nullable().default(null),
  validTo: EpochMs.nullable().default(null),
  active: z.boolean().default(true),
  items: z.array(PriceListItemInput).max(20_000).default([]),
});
export type PriceListInput = z.input<typeof PriceListInput>;

export const PriceList = z.object({
  id: Id,
  name: z.string(),
  currency: z.string(),
  validFrom: z.number().nullable(),
  validTo: z.number().nullable(),
  active: z.boolean(),
  items: z.array(PriceListItem),
  categoryIds: z.array(Id),
  customerCount: z.number().int(),
  updatedAt: z.number(),
});
export type PriceList = z.infer<typeof PriceList>;

export const OfferInput = z
  .object({
    name: Name,
    kind: z.enum(['percent', 'amount']),
    /** basis points when percent; minor units off each unit when amount (off the order once, for an order offer) */
    value: z.number().int().min(0).max(1_000_000_000_000),
    scope: z.enum(['product', 'category', 'order']),
    targetId: Id.nullable().default(null),
    minSpend: Price.nullable().default(null),
    minQtyMilli: QtyMilli.nullable().default(null),
    eligibleCategories: z.array(Id).max(100).default([]),
    eligibleTags: z.array(z.string().trim().min(1).max(40)).max(100).default([]),
    eligibleTiers: z.array(z.string().trim().min(1).max(40)).max(20).default([]),
    startsAt: EpochMs.nullable().default(null),
    endsAt: EpochMs.nullable().default(null),
    perCustomerLimit: z.number().int().positive().max(1_000_000).nullable().default(null),
    stackable: z.boolean().default(false),
    active: z.boolean().default(true),
  })
  .refine((o) => o.kind !== 'percent' || o.value <= 10_000, 'a percentage is at most 100%')
  .refine((o) => (o.scope === 'order') === (o.targetId === null), 'a product or category offer needs its target');
export type OfferInput = z.input<typeof OfferInput>;

export const Offer = z.object({
  id: Id,
  name: z.string(),
  kind: z.enum(['percent', 'amount']),
  value: z.number().int(),
  scope: z.enum(['product', 'category', 'order']),
  targetId: Id.nullable(),
  minSpend: z.number().int().nullable(),
  minQtyMilli: z.number().int().nullable(),
  eligibleCategories: z.array(z.string()),
  eligibleTags: z.array(z.string()),
  eligibleTiers: z.array(z.string()),
  startsAt: z.number().nullable(),
  endsAt: z.number().nullable(),
  perCustomerLimit: z.number().int().nullable(),
  stackable: z.boolean(),
  active: z.boolean(),
  updatedAt: z.number(),
});
export type Offer = z.infer<typeof Offer>;

const ById = z.object({ id: Id });

export const pricing = {
  lists: procedure({ input: z.null(), output: z.array(PriceList), permission: 'till.use' }),
  getList: procedure({ input: ById, output: PriceList, permission: 'till.use' }),
  /** the list's items with product and category names, for the pricing screen */
  listItems: procedure({ input: ById, output: z.array(PriceListItemView), permission: 'pricing.manage' }),
  createList: procedure({ input: PriceListInput, output: PriceList, permission: 'pricing.manage' }),
  updateList: procedure({
    input: z.object({ id: Id, list: PriceListInput }),
    output: PriceList,
    permission: 'pricing.manage',
  }),
  /** a list still assigned to a category or customer is refused; deactivate it instead */
  deleteList: procedure({ input: ById, output: z.null(), permission: 'pricing.manage' }),
  assignToCategory: procedure({
    input: z.object({ categoryId: Id, priceListId: Id.nullable() }),
    output: z.null(),
    permission: 'pricing.manage',
  }),
  /** the customer's own list and their category's (the own one wins at the till) */
  customerPriceList: procedure({
    input: z.object({ customerId: Id }),
    output: z.object({ priceListId: Id.nullable(), categoryPriceListId: Id.nullable() }),
    permission: 'customers.view',
  }),
  assignToCustomer: procedure({
    input: z.object({ customerId: Id, priceListId: Id.nullable() }),
    output: z.null(),
    permission: 'pricing.manage',
  }),
  offers: procedure({ input: z.null(), output: z.array(Offer), permission: 'till.use' }),
  createOffer: procedure({ input: OfferInput, output: Offer, permission: 'pricing.manage' }),
  updateOffer: procedure({
    input: z.object({ id: Id, offer: OfferInput }),
    output: Offer,
    permission: 'pricing.manage',
  }),
  /** an offer already used by a sale is kept (deactivated) so its uses still count */
  deleteOffer: procedure({ input: ById, output: z.null(), permission: 'pricing.manage' }),
  ...priceImportProcedures,
};
