import {
  Offer,
  OfferInput,
  type PriceList,
  PriceListInput,
  type PriceListItem,
  type PriceListItemView,
} from '../../../shared/contract/pricing';
import { AppError, notFound } from '../../../shared/errors';
import { stmt } from '../../db/statements';
import type { Actor, AuditService } from '../audit/service';
import type { Deps } from '../deps';
import { OFFER_RULE_PREFIX, PriceRules, type ListRow as RuleListRow } from './rules';
import { PriceListTransfer } from './transfer';

interface ListRow extends RuleListRow {
  active: number;
  updatedAt: number;
}

const SELECT_LIST = `SELECT id, name, currency, valid_from AS validFrom, valid_to AS validTo, active, updated_at AS updatedAt
  FROM price_lists`;
const SELECT_OFFER = `SELECT id, name, kind, value, scope, target_id AS targetId, min_spend AS minSpend,
  min_qty_milli AS minQtyMilli, eligible_categories AS eligibleCategories, eligible_tags AS eligibleTags,
  eligible_tiers AS eligibleTiers, starts_at AS startsAt, ends_at AS endsAt, per_customer_limit AS perCustomerLimit,
  stackable, active, updated_at AS updatedAt FROM offers`;

/** Price lists, their assignment to customer categories and customers, and segment offers; every change audited. */
export class PricingService {
  readonly rules: PriceRules;
  /** import and export of a list's prices as xlsx/csv */
  readonly transfer: PriceListTransfer;

  constructor(
    private deps: Deps,
    private audit: AuditService,
  ) {
    this.rules = new PriceRules(deps);
    this.transfer = new PriceListTransfer(deps, this);
  }

  lists(): PriceList[] {
    const rows = stmt(this.deps.sqlite, `${SELECT_LIST} ORDER BY name`).all() as ListRow[];
    return rows.map((r) => this.toList(r));
  }

  getList(id: string): PriceList {
    const r = stmt(this.deps.sqlite, `${SELECT_LIST} WHERE id = ?`).get(id) as ListRow | undefined;
    if (!r) throw notFound('Price list', id);
    return this.toList(r);
  }

  listItems(id: string): PriceListItemView[] {
    this.getList(id);
    const rows = stmt(
      this.deps.sqlite,
      `SELECT i.id, i.product_id AS productId, i.category_id AS categoryId, i.kind, i.price, i.bp,
         i.min_qty_milli AS minQtyMilli, i.raises, p.name AS productName, p.sku AS productSku, c.name AS categoryName
       FROM price_list_items i LEFT JOIN products p ON p.id = i.product_id
         LEFT JOIN product_categories c ON c.id = i.category_id
       WHERE i.price_list_id = ? ORDER BY i.product_id IS NULL, p.name, c.name, i.min_qty_milli`,
    ).all(id) as Array<Omit<PriceListItemView, 'raises'> & { raises: number }>;
    return rows.map((r) => ({ ...r, raises: r.raises === 1 }));
  }

  private toList(r: ListRow): PriceList {
    const items = stmt(
      this.deps.sqlite,
      `SELECT id, product_id AS productId, category_id AS categoryId, kind, price, bp, min_qty_milli AS minQtyMilli,
         raises FROM price_list_items WHERE price_list_id = ? ORDER BY product_id, category_id, min_qty_milli`,
    ).all(r.id) as Array<Omit<PriceListItem, 'raises'> & { raises: number }>;
    const categoryIds = (
      stmt(this.deps.sqlite, 'SELECT id FROM customer_categories WHERE price_list_id = ? ORDER BY name').all(
        r.id,
      ) as Array<{ id: string }>
    ).map((c) => c.id);
    const { n } = stmt(this.deps.sqlite, 'SELECT COUNT(*) AS n FROM customers WHERE price_list_id = ?').get(r.id) as {
      n: number;
    };
    return {
      ...r,
      active: r.active === 1,
      items: items.map((i) => ({ ...i, raises: i.raises === 1 })),
      categoryIds,
      customerCount: n,
    };
  }

  private checkList(input: ReturnType<typeof PriceListInput.parse>, id: string | null) {
    if (input.validFrom !== null && input.validTo !== null && input.validFrom > input.validTo)
      throw new AppError('VALIDATION', 'The list ends before it starts: check the dates.');
    const clash = stmt(this.deps.sqlite, 'SELECT id FROM price_lists WHERE name = ? AND id IS NOT ?').get(
      input.name,
      id,
    );
    if (clash) throw new AppError('CONFLICT', `A price list called "${input.name}" already exists.`);
    input.items.forEach((item, i) => {
      if (item.productId && !stmt(this.deps.sqlite, 'SELECT 1 FROM products WHERE id = ?').get(item.productId))
        throw new AppError('VALIDATION', `Item ${i + 1}: that product was not found.`, { index: i });
      if (
        item.categoryId &&
        !stmt(this.deps.sqlite, 'SELECT 1 FROM product_categories WHERE id = ?').get(item.categoryId)
      )
        throw new AppError('VALIDATION', `Item ${i + 1}: that product category was not found.`, { index: i });
    });
  }

  private writeItems(listId: string, items: ReturnType<typeof PriceListInput.parse>['items']) {
    stmt(this.deps.sqlite, 'DELETE FROM price_list_items WHERE price_list_id = ?').run(listId);
    const ins = stmt(
      this.deps.sqlite,
      `INSERT INTO price_list_items (id, price_list_id, product_id, category_id, kind, price, bp, min_qty_milli, raises,
         created_at, till_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const now = this.deps.clock.now();
    for (const i of items)
      ins.run(
        this.deps.newId(),
        listId,
        i.productId,
        i.categoryId,
        i.kind,
        i.kind === 'fixed' ? i.price : null,
        i.kind === 'percent_off' ? i.bp : null,
        i.minQtyMilli,
        i.raises ? 1 : 0,
        now,
        this.deps.tillId(),
      );
  }

  private summary(l: PriceList) {
    const { items, categoryIds, customerCount, updatedAt, ...rest } = l;
    return { ...rest, items: items.length };
  }

  createList(actor: Actor, raw: PriceListInput): PriceList {
    const input = PriceListInput.parse(raw);
    this.checkList(input, null);
    return this.deps.sqlite.transaction(() => {
      const id = this.deps.newId();
      const now = this.deps.clock.now();
      stmt(
        this.deps.sqlite,
        `INSERT INTO price_lists (id, name, currency, valid_from, valid_to, active, created_at, updated_at, till_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        id,
        input.name,
        input.currency,
        input.validFrom,
        input.validTo,
        input.active ? 1 : 0,
        now,
        now,
        this.deps.tillId(),
      );
      this.writeItems(id, input.items);
      const after = this.getList(id);
      this.audit.record(actor, {
        action: 'priceList.created',
        entity: 'price_list',
        entityId: id,
        after: this.summary(after),
      });
      this.rules.invalidate();
      return after;
    })();
  }

  updateList(actor: Actor, id: string, raw: PriceListInput): PriceList {
    const input = PriceListInput.parse(raw);
    const before = this.getList(id);
    this.checkList(input, id);
    return this.deps.sqlite.transaction(() => {
      stmt(
        this.deps.sqlite,
        `UPDATE price_lists SET name = ?, currency = ?, valid_from = ?, valid_to = ?, active = ?, updated_at = ?
         WHERE id = ?`,
      ).run(
        input.name,
        input.currency,
        input.validFrom,
        input.validTo,
        input.active ? 1 : 0,
        this.deps.clock.now(),
        id,
      );
      this.writeItems(id, input.items);
      const after = this.getList(id);
      this.audit.record(actor, {
        action: 'priceList.updated',
        entity: 'price_list',
        entityId: id,
        before: this.summary(before),
        after: this.summary(after),
        note: `${after.items.length} item(s)`,
      });
      this.rules.invalidate();
      return after;
    })();
  }

  deleteList(actor: Actor, id: string): null {
    const l = this.getList(id);
    if (l.categoryIds.length || l.customerCount)
      throw new AppError(
        'CONFLICT',
        `"${l.name}" is still given to ${l.categoryIds.length} categor(ies) and ${l.customerCount} customer(s); take it off them or deactivate it instead.`,
      );
    this.deps.sqlite.transaction(() => {
      stmt(this.deps.sqlite, 'DELETE FROM price_list_items WHERE price_list_id = ?').run(id);
      stmt(this.deps.sqlite, 'DELETE FROM price_lists WHERE id = ?').run(id);
      this.audit.record(actor, {
        action: 'priceList.deleted',
        entity: 'price_list',
        entityId: id,
        before: this.summary(l),
      });
      this.rules.invalidate();
    })();
    return null;
  }

  private requireList(id: string | null) {
    if (id !== null) this.getList(id);
  }

  assignToCategory(actor: Actor, categoryId: string, priceListId: string | null): null {
    this.requireList(priceListId);
    const c = stmt(
      this.deps.sqlite,
      'SELECT name, price_list_id AS priceListId FROM customer_categories WHERE id = ?',
    ).get(categoryId) as { name: string; priceListId: string | null } | undefined;
    if (!c) throw notFound('Customer category', categoryId);
    this.deps.sqlite.transaction(() => {
      stmt(this.deps.sqlite, 'UPDATE customer_categories SET price_list_id = ? WHERE id = ?').run(
        priceListId,
        categoryId,
      );
      this.audit.record(actor, {
        action: 'priceList.assignedToCategory',
        entity: 'customer_category',
        entityId: categoryId,
        before: { priceListId: c.priceListId },
        after: { priceListId },
        note: c.name,
      });
    })();
    return null;
  }

  customerPriceList(customerId: string): { priceListId: string | null; categoryPriceListId: string | null } {
    const r = stmt(
      this.deps.sqlite,
      `SELECT c.price_list_id AS priceListId, k.price_list_id AS categoryPriceListId
       FROM customers c LEFT JOIN customer_categories k ON k.id = c.category_id WHERE c.id = ?`,
    ).get(customerId) as { priceListId: string | null; categoryPriceListId: string | null } | undefined;
    if (!r) throw notFound('Customer', customerId);
    return r;
  }

  assignToCustomer(actor: Actor, customerId: string, priceListId: string | null): null {
    this.requireList(priceListId);
    const c = stmt(
      this.deps.sqlite,
      'SELECT display_name AS name, price_list_id AS priceListId FROM customers WHERE id = ?',
    ).get(customerId) as { name: string; priceListId: string | null } | undefined;
    if (!c) throw notFound('Customer', customerId);
    this.deps.sqlite.transaction(() => {
      stmt(this.deps.sqlite, 'UPDATE customers SET price_list_id = ?, updated_at = ? WHERE id = ?').run(
        priceListId,
        this.deps.clock.now(),
        customerId,
      );
      this.audit.record(actor, {
        action: 'priceList.assignedToCustomer',
        entity: 'customer',
        entityId: customerId,
        before: { priceListId: c.priceListId },
        after: { priceListId },
        note: c.name,
      });
    })();
    return null;
  }

  offers(): Offer[] {
    return (stmt(this.deps.sqlite, `${SELECT_OFFER} ORDER BY name`).all() as Record<string, unknown>[]).map(toOffer);
  }

  getOffer(id: string): Offer {
    const r = stmt(this.deps.sqlite, `${SELECT_OFFER} WHERE id = ?`).get(id) as Record<string, unknown> | undefined;
    if (!r) throw notFound('Offer', id);
    return toOffer(r);
  }

  private writeOffer(id: string, o: ReturnType<typeof OfferInput.parse>, insert: boolean) {
    if (o.startsAt !== null && o.endsAt !== null && o.startsAt > o.endsAt)
      throw new AppError('VALIDATION', 'The offer ends before it starts: check the dates.');
    if (o.scope === 'product' && !stmt(this.deps.sqlite, 'SELECT 1 FROM products WHERE id = ?').get(o.targetId))
      throw new AppError('VALIDATION', 'The offer is for a product that was not found.');
    if (
      o.scope === 'category' &&
      !stmt(this.deps.sqlite, 'SELECT 1 FROM product_categories WHERE id = ?').get(o.targetId)
    )
      throw new AppError('VALIDATION', 'The offer is for a product category that was not found.');
    const now = this.deps.clock.now();
    const values = [
      o.name,
      o.kind,
      o.value,
      o.scope,
      o.targetId,
      o.minSpend,
      o.minQtyMilli,
      JSON.stringify(o.eligibleCategories),
      JSON.stringify(o.eligibleTags),
      JSON.stringify(o.eligibleTiers),
      o.startsAt,
      o.endsAt,
      o.perCustomerLimit,
      o.stackable ? 1 : 0,
      o.active ? 1 : 0,
      now,
    ];
    if (insert)
      stmt(
        this.deps.sqlite,
        `INSERT INTO offers (name, kind, value, scope, target_id, min_spend, min_qty_milli, eligible_categories,
           eligible_tags, eligible_tiers, starts_at, ends_at, per_customer_limit, stackable, active, updated_at, id,
           created_at, till_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(...values, id, now, this.deps.tillId());
    else
      stmt(
        this.deps.sqlite,
        `UPDATE offers SET name = ?, kind = ?, value = ?, scope = ?, target_id = ?, min_spend = ?, min_qty_milli = ?,
           eligible_categories = ?, eligible_tags = ?, eligible_tiers = ?, starts_at = ?, ends_at = ?,
           per_customer_limit = ?, stackable = ?, active = ?, updated_at = ? WHERE id = ?`,
      ).run(...values, id);
  }

  createOffer(actor: Actor, raw: OfferInput): Offer {
    const input = OfferInput.parse(raw);
    return this.deps.sqlite.transaction(() => {
      const id = this.deps.newId();
      this.writeOffer(id, input, true);
      const after = this.getOffer(id);
      this.audit.record(actor, { action: 'offer.created', entity: 'offer', entityId: id, after: stripTime(after) });
      this.rules.invalidate();
      return after;
    })();
  }

  updateOffer(actor: Actor, id: string, raw: OfferInput): Offer {
    const input = OfferInput.parse(raw);
    const before = this.getOffer(id);
    return this.deps.sqlite.transaction(() => {
      this.writeOffer(id, input, false);
      const after = this.getOffer(id);
      this.audit.record(actor, {
        action: 'offer.updated',
        entity: 'offer',
        entityId: id,
        before: stripTime(before),
        after: stripTime(after),
      });
      this.rules.invalidate();
      return after;
    })();
  }

  deleteOffer(actor: Actor, id: string): null {
    const before = this.getOffer(id);
    const used = stmt(this.deps.sqlite, 'SELECT 1 FROM offer_uses WHERE offer_id = ? LIMIT 1').get(id);
    this.deps.sqlite.transaction(() => {
      if (used)
        stmt(this.deps.sqlite, 'UPDATE offers SET active = 0, updated_at = ? WHERE id = ?').run(
          this.deps.clock.now(),
          id,
        );
      else stmt(this.deps.sqlite, 'DELETE FROM offers WHERE id = ?').run(id);
      this.audit.record(actor, {
        action: used ? 'offer.deactivated' : 'offer.deleted',
        entity: 'offer',
        entityId: id,
        before: stripTime(before),
        note: used ? 'used by past sales, so kept and switched off' : null,
      });
      this.rules.invalidate();
    })();
    return null;
  }

  /** Called inside the sale's transaction: one use per offer that set a line's price, for per-customer limits. */
  recordUses(salesOrderId: string, customerId: string | null, ruleIds: ReadonlyArray<string | null>): void {
    const ids = new Set(ruleIds.filter((r): r is string => !!r?.startsWith(OFFER_RULE_PREFIX)));
    const ins = stmt(
      this.deps.sqlite,
      'INSERT INTO offer_uses (id, offer_id, customer_id, sales_order_id, at, till_id) VALUES (?, ?, ?, ?, ?, ?)',
    );
    for (const r of ids)
      ins.run(
        this.deps.newId(),
        r.slice(OFFER_RULE_PREFIX.length),
        customerId,
        salesOrderId,
        this.deps.clock.now(),
        this.deps.tillId(),
      );
  }
}

function toOffer(r: Record<string, unknown>): Offer {
  return Offer.parse({
    ...r,
    eligibleCategories: JSON.parse(r.eligibleCategories as string),
    eligibleTags: JSON.parse(r.eligibleTags as string),
    eligibleTiers: JSON.parse(r.eligibleTiers as string),
    stackable: r.stackable === 1,
    active: r.active === 1,
  });
}

const stripTime = ({ updatedAt, ...o }: Offer) => o;
