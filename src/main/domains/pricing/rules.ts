import { stmt } from '../../db/statements';
import type { Deps } from '../deps';
import type { PriceRule, PricingCustomer } from '../sales/pricing';

/** A price list as the rules read it (the service's list row, without its status and times). */
export interface ListRow {
  id: string;
  name: string;
  currency: string;
  validFrom: number | null;
  validTo: number | null;
}
interface ItemRow {
  id: string;
  priceListId: string;
  productId: string | null;
  categoryId: string | null;
  kind: 'fixed' | 'percent_off';
  price: number | null;
  bp: number | null;
  minQtyMilli: number;
  raises: number;
}
interface OfferRow {
  id: string;
  name: string;
  kind: 'percent' | 'amount';
  value: number;
  scope: 'product' | 'category' | 'order';
  targetId: string | null;
  minSpend: number | null;
  minQtyMilli: number | null;
  eligibleCategories: string;
  eligibleTags: string;
  eligibleTiers: string;
  startsAt: number | null;
  endsAt: number | null;
  perCustomerLimit: number | null;
  stackable: number;
}

export const OFFER_RULE_PREFIX = 'offer:';
const nonEmpty = <T>(a: T[]) => (a.length ? a : undefined);
const opt = (n: number | null) => n ?? undefined;

/**
 * Price lists and offers as PriceRules, read from the database once and kept until a list or offer changes
 * (invalidate), so re-pricing a sale on customer attach reads only the customer's profile.
 */
export class PriceRules {
  private lists: Map<string, PriceRule[]> | null = null;
  private offers: Array<{ rule: PriceRule; limit: number | null }> | null = null;
  private currency: string | null = null;

  constructor(private deps: Deps) {}

  invalidate(): void {
    this.lists = null;
    this.offers = null;
  }

  /** The customer's own list, category list, tags and tier, as resolvePrice needs them. */
  profile(customerId: string): Partial<PricingCustomer> {
    const r = stmt(
      this.deps.sqlite,
      `SELECT c.price_list_id AS priceListId, k.price_list_id AS categoryPriceListId, c.tags, c.loyalty_tier AS tier
       FROM customers c LEFT JOIN customer_categories k ON k.id = c.category_id WHERE c.id = ?`,
    ).get(customerId) as
      | { priceListId: string | null; categoryPriceListId: string | null; tags: string; tier: string | null }
      | undefined;
    if (!r) return {};
    return { ...r, tags: JSON.parse(r.tags) as string[] };
  }

  /** Rules for one quote: the customer's effective list (in the store's currency) and the offers still open to them. */
  forSale(customer: PricingCustomer | null, currency: string): PriceRule[] {
    if (this.currency !== currency) this.invalidate();
    this.currency = currency;
    const lists = this.loadLists(currency);
    const offers = this.loadOffers();
    const listId = customer?.priceListId ?? customer?.categoryPriceListId ?? null;
    const out: PriceRule[] = listId ? [...(lists.get(listId) ?? [])] : [];
    const limited = offers.some((o) => o.limit !== null);
    const used = customer && limited ? this.usesBy(customer.id) : new Map<string, number>();
    for (const o of offers) {
      // a walk-in cannot be counted, so limited offers are for known customers only
      if (o.limit !== null && (!customer || (used.get(o.rule.id) ?? 0) >= o.limit)) continue;
      out.push(o.rule);
    }
    return out;
  }

  private usesBy(customerId: string): Map<string, number> {
    const rows = stmt(
      this.deps.sqlite,
      'SELECT offer_id AS offerId, COUNT(*) AS n FROM offer_uses WHERE customer_id = ? GROUP BY offer_id',
    ).all(customerId) as Array<{ offerId: string; n: number }>;
    return new Map(rows.map((r) => [OFFER_RULE_PREFIX + r.offerId, r.n]));
  }

  private loadLists(currency: string): Map<string, PriceRule[]> {
    if (this.lists) return this.lists;
    const lists = stmt(
      this.deps.sqlite,
      `SELECT id, name, currency, valid_from AS validFrom, valid_to AS validTo FROM price_lists
       WHERE active = 1 AND currency = ?`,
    ).all(currency) as ListRow[];
    const byId = new Map(lists.map((l) => [l.id, l]));
    const items = stmt(
      this.deps.sqlite,
      `SELECT i.id, i.price_list_id AS priceListId, i.product_id AS productId, i.category_id AS categoryId, i.kind,
         i.price, i.bp, i.min_qty_milli AS minQtyMilli, i.raises
       FROM price_list_items i JOIN price_lists l ON l.id = i.price_list_id WHERE l.active = 1 AND l.currency = ?`,
    ).all(currency) as ItemRow[];
    const out = new Map<string, PriceRule[]>(lists.map((l) => [l.id, []]));
    for (const i of items) {
      const l = byId.get(i.priceListId) as ListRow;
      out.get(l.id)?.push({
        id: i.id,
        reason: i.minQtyMilli > 1000 ? `${l.name} (${i.minQtyMilli / 1000}+)` : l.name,
        priceListId: l.id,
        productIds: i.productId ? [i.productId] : undefined,
        productCategoryIds: i.categoryId ? [i.categoryId] : undefined,
        minQtyMilli: i.minQtyMilli > 0 ? i.minQtyMilli : undefined,
        validFrom: opt(l.validFrom),
        validTo: opt(l.validTo),
        raises: i.raises === 1,
        price: i.kind === 'fixed' ? { kind: 'fixed', unitPrice: i.price ?? 0 } : { kind: 'percentOff', bp: i.bp ?? 0 },
      });
    }
    this.lists = out;
    return out;
  }

  private loadOffers(): Array<{ rule: PriceRule; limit: number | null }> {
    if (this.offers) return this.offers;
    const rows = stmt(
      this.deps.sqlite,
      `SELECT id, name, kind, value, scope, target_id AS targetId, min_spend AS minSpend, min_qty_milli AS minQtyMilli,
         eligible_categories AS eligibleCategories, eligible_tags AS eligibleTags, eligible_tiers AS eligibleTiers,
         starts_at AS startsAt, ends_at AS endsAt, per_customer_limit AS perCustomerLimit, stackable
       FROM offers WHERE active = 1`,
    ).all() as OfferRow[];
    this.offers = rows.map((o) => ({ rule: offerRule(o), limit: o.perCustomerLimit }));
    return this.offers;
  }
}

function offerRule(o: OfferRow): PriceRule {
  return {
    id: OFFER_RULE_PREFIX + o.id,
    reason: o.name,
    productIds: o.scope === 'product' && o.targetId ? [o.targetId] : undefined,
    productCategoryIds: o.scope === 'category' && o.targetId ? [o.targetId] : undefined,
    customerCategoryIds: nonEmpty(JSON.parse(o.eligibleCategories) as string[]),
    tags: nonEmpty(JSON.parse(o.eligibleTags) as string[]),
    tiers: nonEmpty(JSON.parse(o.eligibleTiers) as string[]),
    minQtyMilli: opt(o.minQtyMilli),
    minSpend: opt(o.minSpend),
    validFrom: opt(o.startsAt),
    validTo: opt(o.endsAt),
    stackable: o.stackable === 1,
    // an amount off the whole order is taken once from the order, not from each unit
    ...(o.scope === 'order' && o.kind === 'amount' ? { order: true } : {}),
    price: o.kind === 'percent' ? { kind: 'percentOff', bp: o.value } : { kind: 'amountOff', amount: o.value },
  };
}
