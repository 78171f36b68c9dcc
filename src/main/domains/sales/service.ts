import { createHash } from 'node:crypto';
import type {
  Approval,
  ApprovalNeed,
  Cart,
  CompleteInput,
  CompleteResult,
  Discount,
  PaymentInput,
  Quote,
  SalesOrder,
} from '../../../shared/contract/sales';
import { AppError } from '../../../shared/errors';
import { formatMoney } from '../../../shared/money';
import { withProps } from '../../../shared/objects';
import type { Role } from '../../../shared/permissions';
import { stmt } from '../../db/statements';
import type { Actor, AuditService } from '../audit/service';
import type { CatalogService } from '../catalog/service';
import type { Deps } from '../deps';
import { nextDocumentNumber } from '../documents';
import {
  type CartDraft,
  type CustomerForSale,
  check,
  type Flow,
  post,
  type SaleDocument,
  type SaleDraft,
  type SaleLine,
} from '../flow';
import type { SettingsService } from '../settings/service';
import { rolesOf } from '../staff/roles';
import type { StaffService } from '../staff/service';
import { approvalGrants } from './approval-grants';
import { discountNeeds } from './approval-rules';
import { refuseUncovered, SaleApprovals } from './approvals';
import { discountFrom, SalesOrders } from './orders';
import { planPayments } from './payment-plan';
import {
  type CartLineToPrice,
  mulDivRound,
  type PricedCart,
  type PriceRule,
  type PricingCustomer,
  priceCart,
  resolveOrderOffer,
  resolvePrice,
  rulesForCart,
} from './pricing';
import type { TillSettingsService } from './settings';

export type SalesActor = Actor & { role?: Role };

/** Where a sale's prices come from beyond the catalog: the pricing domain's price lists and offers. */
export interface PriceSource {
  forSale(customer: PricingCustomer | null, currency: string): readonly PriceRule[];
  /** what pricing needs to know about a customer beyond the sale's own read (own list, tags, tier) */
  profile(customerId: string): Partial<PricingCustomer>;
}

interface Priced {
  priced: PricedCart;
  lines: Array<CartLineToPrice & Pick<SaleLine, 'name' | 'sku' | 'unit' | 'categoryId'>>;
  customer: CustomerForSale | null;
  needs: ApprovalNeed[];
}

const APPROVAL_WORDS: Record<ApprovalNeed['kind'], string> = {
  discount: 'a discount',
  priceOverride: 'a price change',
  creditLimit: 'a sale over the credit limit',
};

/**
 * Checkout: pricing a cart, completing a sale in one transaction, reading and voiding sales. A sale is priced, the
 * guards may refuse it, the order is written, then the postings (src/main/postings.ts) do the rest.
 */
export class SalesService {
  readonly orders: SalesOrders;
  private approvals: SaleApprovals;

  constructor(
    private deps: Deps,
    private audit: AuditService,
    private settings: SettingsService,
    private till: TillSettingsService,
    private catalog: CatalogService,
    private staff: StaffService,
    private prices: PriceSource,
    /** payment methods beyond the till settings' (e.g. 'points' while the loyalty program is on) */
    private extraPaymentMethods: () => readonly PaymentInput['method'][],
    private flow: Flow,
  ) {
    this.orders = new SalesOrders(deps);
    this.approvals = new SaleApprovals(deps, staff, till);
  }

  private customerForSale(id: string): CustomerForSale {
    const c = stmt(
      this.deps.sqlite,
      `SELECT c.id, c.display_name AS displayName, c.status, c.category_id AS categoryId, c.merged_into_id AS mergedIntoId,
         c.payment_terms_days AS paymentTermsDays, k.payment_terms_days AS categoryTermsDays
       FROM customers c LEFT JOIN customer_categories k ON k.id = c.category_id WHERE c.id = ?`,
    ).get(id) as CustomerForSale | undefined;
    if (!c) throw new AppError('NOT_FOUND', 'That customer was not found. Search for them again.', { id });
    if (c.status === 'merged')
      throw new AppError(
        'CONFLICT',
        `${c.displayName} was merged into another customer; attach that customer instead.`,
        {
          mergedIntoId: c.mergedIntoId,
        },
      );
    if (c.status === 'inactive')
      throw new AppError('VALIDATION', `${c.displayName} is marked inactive. Reactivate them on their page first.`);
    return c;
  }

  /** Prices a cart and works out what needs a manager's approval; reads only. */
  private price(cart: Cart, actor: SalesActor): Priced {
    const store = this.settings.store();
    const customer = cart.customerId ? this.customerForSale(cart.customerId) : null;
    const date = this.deps.clock.now();
    const pricingCustomer: PricingCustomer | null = customer
      ? { id: customer.id, categoryId: customer.categoryId, ...this.prices.profile(customer.id) }
      : null;
    const rules = this.prices.forSale(pricingCustomer, store.currency);
    const needs: ApprovalNeed[] = [];
    const products = this.catalog.forPricing(cart.lines.map((l) => l.productId));
    // for minimum-spend offers: the cart at regular prices
    let cartRegularTotal = 0;
    for (const l of cart.lines)
      cartRegularTotal += mulDivRound(products.get(l.productId)?.price ?? 0, l.qtyMilli, 1000);
    const rulesFor = rulesForCart({ rules, customer: pricingCustomer, date, cartRegularTotal });
    const lines = cart.lines.map((l, i) => {
      const p = products.get(l.productId);
      if (!p) throw new AppError('NOT_FOUND', `Line ${i + 1}: that product no longer exists.`, { lineNo: i + 1 });
      if (!p.active)
        throw new AppError('VALIDATION', `${p.name} is no longer sold (inactive). Remove it from the sale.`, {
          lineNo: i + 1,
        });
      if (p.unit === 'piece' && l.qtyMilli % 1000 !== 0)
        throw new AppError('VALIDATION', `${p.name} is sold by the piece: the quantity must be a whole number.`, {
          lineNo: i + 1,
        });
      const resolved = resolvePrice({
        product: { id: p.id, price: p.price, categoryId: p.categoryId },
        quantityMilli: l.qtyMilli,
        customer: pricingCustomer,
        date,
        rules: rulesFor({ id: p.id, price: p.price, categoryId: p.categoryId }),
        cartRegularTotal,
      });
      const overridden = l.unitPrice !== null && l.unitPrice !== undefined && l.unitPrice !== resolved.unitPrice;
      if (overridden && !(actor.role && rolesOf(this.deps.sqlite).can(actor.role, 'sales.overridePrice')))
        needs.push({ kind: 'priceOverride', lineNo: i + 1, message: `Line ${i + 1}: a changed price for ${p.name}.` });
      return {
        productId: p.id,
        name: p.name,
        sku: p.sku,
        unit: p.unit,
        categoryId: p.categoryId,
        qtyMilli: l.qtyMilli,
        regularUnitPrice: resolved.regularUnitPrice,
        unitPrice: overridden ? (l.unitPrice as number) : resolved.unitPrice,
        priceRuleId: overridden ? null : resolved.ruleId,
        priceReason: overridden ? 'override' : resolved.reason,
        priceOverridden: overridden,
        discount: l.discount ?? null,
        taxRateBp: p.taxRateBp,
      };
    });
    const cartQtyMilli = cart.lines.reduce((a, l) => a + l.qtyMilli, 0);
    const priced = priceCart({
      lines,
      orderDiscount: cart.orderDiscount,
      pricesIncludeTax: store.pricesIncludeTax,
      cashIncrement: this.till.cashIncrement(store.currency),
      orderOffer: resolveOrderOffer({ customer: pricingCustomer, date, rules, cartRegularTotal, cartQtyMilli }),
    });
    const limitBp = actor.role ? this.till.discountLimitBp(actor.role) : 0;
    needs.push(...discountNeeds(priced, limitBp));
    return { priced, lines, customer, needs };
  }

  quote(actor: SalesActor, cart: Cart, approval?: Approval): Quote {
    const { priced, needs } = this.price(cart, actor);
    const store = this.settings.store();
    let open = needs;
    if (needs.length && approval) {
      try {
        this.approvals.approve(needs, approval, priced, { actor, cart, useKey: null });
        open = [];
      } catch (e) {
        // a token for another cart (the cashier changed it since): the quote shows what needs approving again
        if (!approval.token) throw e;
      }
    }
    const { lines, offerRuleIds: _offers, ...totals } = priced;
    return {
      ...totals,
      currency: store.currency,
      pricesIncludeTax: store.pricesIncludeTax,
      lines: lines.map((l) => ({ ...l })),
      approvalsNeeded: open,
    } as Quote;
  }

  /** Checks a manager's PIN for the till's approval dialog; audited. */
  checkApprover(actor: SalesActor, input: { staffId: string; pin: string; action: ApprovalNeed['kind']; cart?: Cart }) {
    const approver = this.staff.verifyApprover(input.staffId, input.pin);
    const allowed =
      input.action === 'creditLimit'
        ? rolesOf(this.deps.sqlite).can(approver.role, 'receivables.manage')
        : input.action === 'priceOverride'
          ? rolesOf(this.deps.sqlite).can(approver.role, 'sales.overridePrice')
          : this.till.discountLimitBp(approver.role) > (actor.role ? this.till.discountLimitBp(actor.role) : 0);
    if (!allowed) throw new AppError('FORBIDDEN', `${approver.name} (${approver.role}) cannot approve this.`);
    this.audit.record(actor, {
      action: 'sale.approvalChecked',
      entity: 'staff',
      entityId: approver.id,
      note: `${approver.name} approved ${APPROVAL_WORDS[input.action]} for ${actor.name}`,
    });
    // with the cart: a token for exactly this cart and what it needs (checked now, so a refusal comes at once)
    let token: string | null = null;
    if (input.cart && actor.id) {
      const { priced, needs } = this.price(input.cart, actor);
      refuseUncovered(this.deps, this.till, approver, needs, priced);
      token = approvalGrants(this.deps).issue(approver, {
        actorId: actor.id,
        cart: input.cart,
        kinds: [input.action, ...needs.map((n) => n.kind)],
      });
    }
    return { staffId: approver.id, name: approver.name, role: approver.role, token };
  }

  complete(actor: SalesActor, input: CompleteInput): CompleteResult {
    const requestHash = hashRequest(input);
    // one transaction from the first read: the replay check, the prices and the checks read the state the sale is
    // written on, and SQLite opens one read snapshot instead of one per statement
    return this.deps.sqlite.transaction((): CompleteResult => {
      const replay = this.replay(input.idempotencyKey, requestHash);
      if (replay) return replay;
      if (!actor.id) throw new AppError('UNAUTHENTICATED', 'Please sign in first.');
      const staffId = actor.id;
      if (input.cart.lines.length === 0)
        throw new AppError('VALIDATION', 'The sale has no lines yet: scan or search a product first.');
      const { priced, lines: meta, customer, needs } = this.price(input.cart, actor);
      const cart: CartDraft = { actor, input, customer, priced, needs, approver: null };
      check(this.flow, 'cart', cart);
      const lines = priced.lines.map((l, i) => {
        const { name, sku, unit, categoryId } = meta[i] as (typeof meta)[number];
        return withProps(l, { name, sku, unit, categoryId });
      });
      const store = this.settings.store();
      const plan = planPayments(
        input.payments,
        priced,
        customer !== null,
        [...this.till.get().paymentMethods, ...this.extraPaymentMethods()],
        (n) => formatMoney(n, store.currency, store.locale),
      );
      const draft: SaleDraft = withProps(cart, { lines, plan, credit: null, pointsRedeemed: 0 });
      check(this.flow, 'sale', draft);
      const sale = this.writeOrder(draft, staffId, store.currency, requestHash);
      post(this.flow, 'sale', sale);
      return { order: sale.order, replayed: false, printJobId: sale.out.printJobId };
    })();
  }

  /** The sale's own rows: the order, its lines and its payments. */
  private writeOrder(d: SaleDraft, staffId: string, currency: string, requestHash: string): SaleDocument {
    const { priced, plan, lines } = d;
    const now = this.deps.clock.now();
    const tillId = this.deps.tillId();
    const id = this.deps.newId();
    const number = nextDocumentNumber(this.deps, 'sale');
    const od = d.input.cart.orderDiscount;
    const pricesIncludeTax = this.settings.store().pricesIncludeTax;
    stmt(
      this.deps.sqlite,
      `INSERT INTO sales_orders (id, number, customer_id, staff_id, status, currency, prices_include_tax, subtotal,
         discount_total, tax_total, rounding, total, regular_total, paid_total, on_account_total, change_given,
         order_discount_kind, order_discount_value, approved_by, idempotency_key, request_hash, completed_at,
         created_at, till_id)
       VALUES (?, ?, ?, ?, 'completed', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      id,
      number,
      d.customer?.id ?? null,
      staffId,
      currency,
      pricesIncludeTax ? 1 : 0,
      priced.subtotal,
      priced.discountTotal,
      priced.taxTotal,
      plan.rounding,
      priced.total,
      priced.regularTotal,
      plan.paidTotal,
      plan.onAccount,
      plan.change,
      od?.kind ?? null,
      od ? discountValue(od) : null,
      d.approver?.id ?? null,
      d.input.idempotencyKey,
      requestHash,
      now,
      now,
      tillId,
    );
    const insertLine = stmt(
      this.deps.sqlite,
      `INSERT INTO sales_lines (id, sales_order_id, line_no, product_id, name, sku, unit, qty_milli,
         regular_unit_price, unit_price, price_rule_id, price_reason, price_overridden, amount, line_discount_kind,
         line_discount_value, line_discount, order_discount_share, tax_rate_bp, tax, net, total, created_at, till_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const lineIds = lines.map(() => this.deps.newId());
    lines.forEach((l, i) => {
      const disc = l.discount;
      insertLine.run(
        lineIds[i],
        id,
        l.lineNo,
        l.productId,
        l.name,
        l.sku,
        l.unit,
        l.qtyMilli,
        l.regularUnitPrice,
        l.unitPrice,
        l.priceRuleId,
        l.priceReason,
        l.priceOverridden ? 1 : 0,
        l.amount,
        disc?.kind ?? null,
        disc ? discountValue(disc) : null,
        l.lineDiscount,
        l.orderDiscountShare,
        l.taxRateBp,
        l.tax,
        l.net,
        l.total,
        now,
        tillId,
      );
    });
    const insertPayment = stmt(
      this.deps.sqlite,
      `INSERT INTO payments (id, sales_order_id, customer_id, method, amount, tendered, change, reference, note,
         reverses_id, staff_id, at, till_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?)`,
    );
    const written = plan.rows.map((p) => {
      const paymentId = this.deps.newId();
      insertPayment.run(
        paymentId,
        id,
        d.customer?.id ?? null,
        p.method,
        p.amount,
        p.tendered,
        p.change,
        p.reference,
        p.note,
        staffId,
        now,
        tillId,
      );
      return withProps(p, { id: paymentId });
    });
    // the order as SalesOrders.find reads it back (tests/integration/sale-document.test.ts holds them equal)
    const staffName = (stmt(this.deps.sqlite, 'SELECT name FROM staff WHERE id = ?').get(staffId) as { name: string })
      .name;
    const order: SalesOrder = {
      id,
      number,
      status: 'completed',
      customerId: d.customer?.id ?? null,
      customerName: d.customer?.displayName ?? null,
      staffId,
      staffName,
      currency: currency as SalesOrder['currency'],
      subtotal: priced.subtotal,
      discountTotal: priced.discountTotal,
      taxTotal: priced.taxTotal,
      rounding: plan.rounding,
      total: priced.total,
      regularTotal: priced.regularTotal,
      paidTotal: plan.paidTotal,
      onAccountTotal: plan.onAccount,
      changeGiven: plan.change,
      approvedBy: d.approver?.id ?? null,
      completedAt: now,
      voidedAt: null,
      voidedBy: null,
      voidReason: null,
      pricesIncludeTax,
      savings: Math.max(0, priced.regularTotal - priced.total),
      orderDiscount: od ? discountFrom(od.kind, discountValue(od)) : null,
      lines: lines.map((l, i) => ({
        id: lineIds[i] as string,
        lineNo: l.lineNo,
        productId: l.productId,
        name: l.name,
        sku: l.sku,
        unit: l.unit,
        qtyMilli: l.qtyMilli,
        regularUnitPrice: l.regularUnitPrice,
        unitPrice: l.unitPrice,
        priceRuleId: l.priceRuleId,
        priceReason: l.priceReason,
        amount: l.amount,
        lineDiscount: l.lineDiscount,
        orderDiscountShare: l.orderDiscountShare,
        taxRateBp: l.taxRateBp,
        tax: l.tax,
        net: l.net,
        total: l.total,
        priceOverridden: l.priceOverridden,
        discount: l.discount ? discountFrom(l.discount.kind, discountValue(l.discount)) : null,
      })),
      payments: written.map((p) => ({
        id: p.id,
        method: p.method,
        amount: p.amount,
        tendered: p.tendered,
        change: p.change,
        reference: p.reference,
        note: p.note,
        reversesId: null,
        at: now,
      })),
    };
    return withProps(d, {
      id,
      number,
      at: now,
      staffId,
      currency,
      payments: written,
      order,
      out: { points: null, printJobId: null },
    });
  }

  /** The sale an idempotency key already completed, or null; the same key with a different request is refused. */
  private replay(key: string, requestHash: string): CompleteResult | null {
    const row = stmt(this.deps.sqlite, 'SELECT id, request_hash AS h FROM sales_orders WHERE idempotency_key = ?').get(
      key,
    ) as { id: string; h: string } | undefined;
    if (!row) return null;
    if (row.h !== requestHash)
      throw new AppError(
        'CONFLICT',
        'This sale key was already used for a different sale. Start a new sale (the till makes a new key).',
        { idempotencyKey: key },
      );
    const job = stmt(
      this.deps.sqlite,
      "SELECT id FROM print_jobs WHERE sales_order_id = ? AND template = 'sale-receipt' ORDER BY created_at LIMIT 1",
    ).get(row.id) as { id: string } | undefined;
    return { order: this.orders.get({ id: row.id }), replayed: true, printJobId: job?.id ?? null };
  }

  get(ref: { id: string } | { number: string }): SalesOrder {
    return this.orders.get(ref);
  }

  /** Voids a completed sale with new reversing rows: payments reversed here, stock, points and account by postings. */
  void(actor: SalesActor, input: { id: string; reason: string }): SalesOrder {
    return this.deps.sqlite.transaction(() => {
      const order = this.orders.get({ id: input.id });
      if (order.status === 'voided')
        throw new AppError(
          'CONFLICT',
          `${order.number} was already voided${order.voidReason ? ` (${order.voidReason})` : ''}.`,
        );
      const refunded = stmt(
        this.deps.sqlite,
        "SELECT count(*) AS n FROM refunds WHERE sales_order_id = ? AND status = 'completed'",
      ).get(order.id) as { n: number };
      if (refunded.n > 0)
        throw new AppError('CONFLICT', `${order.number} has refunds. Cancel them before voiding the sale.`);
      const now = this.deps.clock.now();
      const tillId = this.deps.tillId();
      for (const p of order.payments) {
        if (p.reversesId) continue;
        stmt(
          this.deps.sqlite,
          `INSERT INTO payments (id, sales_order_id, customer_id, method, amount, tendered, change, reference, note,
             reverses_id, staff_id, at, till_id) VALUES (?, ?, ?, ?, ?, NULL, NULL, ?, ?, ?, ?, ?, ?)`,
        ).run(
          this.deps.newId(),
          order.id,
          order.customerId,
          p.method,
          -p.amount,
          p.reference,
          `void: ${input.reason}`,
          p.id,
          actor.id,
          now,
          tillId,
        );
      }
      stmt(
        this.deps.sqlite,
        "UPDATE sales_orders SET status = 'voided', voided_at = ?, voided_by = ?, void_reason = ? WHERE id = ?",
      ).run(now, actor.id, input.reason, order.id);
      post(this.flow, 'saleVoid', { actor, order, reason: input.reason, at: now });
      return this.orders.get({ id: order.id });
    })();
  }
}

/** A stable fingerprint of a completion request, so a reused key with another cart is recognised. */
function hashRequest(input: CompleteInput): string {
  const { approval: _a, ...rest } = input;
  return createHash('sha256').update(stableJson(rest)).digest('hex');
}

function stableJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableJson).join(',')}]`;
  if (v && typeof v === 'object')
    return `{${Object.keys(v)
      .sort()
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${stableJson((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v);
}

/** A discount's stored value: basis points for a percentage, minor units for an amount. */
function discountValue(d: Discount): number {
  return d.kind === 'percent' ? d.bp : d.amount;
}
