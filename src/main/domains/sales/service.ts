import { createHash } from 'node:crypto';
import type {
  Approval,
  ApprovalNeed,
  Cart,
  CompleteInput,
  CompleteResult,
  PaymentInput,
  Quote,
  SalesOrder,
} from '../../../shared/contract/sales';
import { AppError } from '../../../shared/errors';
import { formatMoney } from '../../../shared/money';
import { can, type Role } from '../../../shared/permissions';
import { stmt } from '../../db/statements';
import type { Actor, AuditService } from '../audit/service';
import type { CatalogService } from '../catalog/service';
import type { Deps } from '../deps';
import { nextDocumentNumber } from '../documents';
import { postAccountEntry } from '../ledgers/account';
import { postStockMove } from '../ledgers/stock';
import type { ReceiptPoints, SaleForPoints } from '../loyalty/service';
import type { CreditDecision, SaleCredit } from '../receivables/credit';
import type { SettingsService } from '../settings/service';
import type { StaffService } from '../staff/service';
import { approvalGrants } from './approval-grants';
import { approverMissing, discountNeeds } from './approval-rules';
import { SalesOrders } from './orders';
import { ParkedSales } from './parked';
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

interface CustomerForSale {
  id: string;
  displayName: string;
  status: 'active' | 'inactive' | 'merged';
  categoryId: string | null;
  mergedIntoId: string | null;
  paymentTermsDays: number | null;
  categoryTermsDays: number | null;
}

interface Priced {
  priced: PricedCart;
  lines: Array<CartLineToPrice & { name: string; sku: string | null; unit: 'piece' | 'kg' | 'litre' }>;
  customer: CustomerForSale | null;
  needs: ApprovalNeed[];
}

const DAY_MS = 86_400_000;

const APPROVAL_WORDS: Record<ApprovalNeed['kind'], string> = {
  discount: 'a discount',
  priceOverride: 'a price change',
  creditLimit: 'a sale over the credit limit',
};

/** Checkout: pricing a cart, completing a sale in one transaction, reading and voiding sales. */
export class SalesService {
  readonly orders: SalesOrders;
  /** price rules for a sale; the pricing domain supplies price lists and offers here */
  priceRules: (ctx: { customer: PricingCustomer | null; date: number; currency: string }) => readonly PriceRule[] =
    () => [];
  /** what pricing needs to know about a customer beyond the sale's own read (own list, tags, tier) */
  pricingProfile: (customerId: string) => Partial<PricingCustomer> = () => ({});
  /** runs inside the sale's transaction with each line's price rule, e.g. to count offer uses */
  afterSale: (salesOrderId: string, customerId: string | null, ruleIds: ReadonlyArray<string | null>) => void =
    () => {};
  /** payment methods beyond the till settings' (e.g. 'points' while the loyalty program is on) */
  extraPaymentMethods: () => readonly PaymentInput['method'][] = () => [];
  /** loyalty points for the sale, inside its transaction (throws to refuse a points payment); the receipt's lines */
  pointsOnSale: (sale: SaleForPoints) => ReceiptPoints | null = () => null;
  /** takes back the sale's points, inside the void's transaction */
  pointsOnVoid: (
    actor: SalesActor,
    order: { id: string; number: string; customerId: string | null; spend: number },
    reason: string,
  ) => void = () => {};
  /** credit limit and store credit, inside the sale's transaction before anything is written (throws to refuse) */
  creditCheck: (actor: SalesActor, c: Parameters<SaleCredit['beforeSale']>[1]) => CreditDecision | null = () => null;
  /** after the sale's ledger rows: the store-credit entry, allocations, the audit of a sale over the limit */
  creditAfterSale: (
    actor: SalesActor,
    decision: CreditDecision | null,
    sale: { id: string; number: string; currency: string; storeCreditPaymentId: string | null },
  ) => void = () => {};
  /** after a void's reversing account entries: their allocations */
  accountAfterVoid: (customerId: string, staffId: string | null) => void = () => {};

  constructor(
    private deps: Deps,
    private audit: AuditService,
    private settings: SettingsService,
    private till: TillSettingsService,
    private catalog: CatalogService,
    private staff: StaffService,
  ) {
    this.orders = new SalesOrders(deps);
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
      ? { id: customer.id, categoryId: customer.categoryId, ...this.pricingProfile(customer.id) }
      : null;
    const rules = this.priceRules({ customer: pricingCustomer, date, currency: store.currency });
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
      if (overridden && !(actor.role && can(actor.role, 'sales.overridePrice')))
        needs.push({ kind: 'priceOverride', lineNo: i + 1, message: `Line ${i + 1}: a changed price for ${p.name}.` });
      return {
        productId: p.id,
        name: p.name,
        sku: p.sku,
        unit: p.unit,
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

  /** The request an approval token is checked against while complete() runs (synchronous: one at a time). */
  private approvalScope: { actor: SalesActor; cart: Cart; useKey: string | null } | null = null;

  /**
   * Checks an approval against what is needed; returns the approver, or throws saying what is needed. A token is
   * checked against the cashier, cart and needs it was given for (and used up by the completing sale); a PIN is
   * checked as typed.
   */
  private approve(
    needs: ApprovalNeed[],
    approval: Approval | undefined,
    priced: PricedCart,
    scope = this.approvalScope,
  ) {
    if (needs.length === 0) return null;
    if (!approval || !(approval.pin || approval.token))
      throw new AppError('FORBIDDEN', `A manager's PIN is needed: ${needs.map((n) => n.message).join(' ')}`, {
        approvalsNeeded: needs,
      });
    if (approval.token) {
      if (!scope) throw new AppError('FORBIDDEN', "The manager's approval cannot be used here: ask for it again.");
      return approvalGrants(this.deps).redeem(approval.token, {
        actorId: scope.actor.id ?? null,
        cart: scope.cart,
        needs,
        useKey: scope.useKey,
      });
    }
    const approver = this.staff.verifyApprover(approval.staffId, approval.pin as string);
    const refused = approverMissing(approver.role, needs, priced, this.till.discountLimitBp(approver.role));
    if (refused.length)
      throw new AppError('FORBIDDEN', `${approver.name} (${approver.role}) cannot approve this: ${refused.join(' ')}`, {
        approvalsNeeded: needs,
      });
    return approver;
  }

  quote(actor: SalesActor, cart: Cart, approval?: Approval): Quote {
    const { priced, needs } = this.price(cart, actor);
    const store = this.settings.store();
    let open = needs;
    if (needs.length && approval) {
      try {
        this.approve(needs, approval, priced, { actor, cart, useKey: null });
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
        ? can(approver.role, 'receivables.manage')
        : input.action === 'priceOverride'
          ? can(approver.role, 'sales.overridePrice')
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
      const refused = approverMissing(approver.role, needs, priced, this.till.discountLimitBp(approver.role));
      if (refused.length)
        throw new AppError(
          'FORBIDDEN',
          `${approver.name} (${approver.role}) cannot approve this: ${refused.join(' ')}`,
        );
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
    const replay = this.replay(input.idempotencyKey, requestHash);
    if (replay) return replay;
    if (!actor.id) throw new AppError('UNAUTHENTICATED', 'Please sign in first.');
    const staffId = actor.id;
    if (input.cart.lines.length === 0)
      throw new AppError('VALIDATION', 'The sale has no lines yet: scan or search a product first.');
    const { priced, lines, customer, needs } = this.price(input.cart, actor);
    this.approvalScope = { actor, cart: input.cart, useKey: input.idempotencyKey };
    const approver = this.approve(needs, input.approval, priced);
    const store = this.settings.store();
    const plan = planPayments(
      input.payments,
      priced,
      customer !== null,
      [...this.till.get().paymentMethods, ...this.extraPaymentMethods()],
      (n) => formatMoney(n, store.currency, store.locale),
    );

    const write = this.deps.sqlite.transaction((): CompleteResult => {
      // the unique index is the last word; this check answers a retry that raced the first attempt
      const again = this.replay(input.idempotencyKey, requestHash);
      if (again) return again;
      const credit = this.creditCheck(actor, {
        customerId: customer?.id ?? null,
        onAccount: plan.onAccount,
        storeCredit: plan.rows.reduce((a, p) => a + (p.method === 'store_credit' ? p.amount : 0), 0),
        // over the credit limit, the manager's approval is checked here like any other
        approve: input.approval ? (need) => this.approve([need], input.approval, priced) : undefined,
      });
      const now = this.deps.clock.now();
      const tillId = this.deps.tillId();
      const id = this.deps.newId();
      const number = nextDocumentNumber(this.deps, 'sale');
      const od = input.cart.orderDiscount;
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
        customer?.id ?? null,
        staffId,
        store.currency,
        store.pricesIncludeTax ? 1 : 0,
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
        od ? (od.kind === 'percent' ? od.bp : od.amount) : null,
        approver?.id ?? null,
        input.idempotencyKey,
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
      priced.lines.forEach((l, i) => {
        const meta = lines[i] as (typeof lines)[number];
        const d = l.discount;
        insertLine.run(
          this.deps.newId(),
          id,
          l.lineNo,
          l.productId,
          meta.name,
          meta.sku,
          meta.unit,
          l.qtyMilli,
          l.regularUnitPrice,
          l.unitPrice,
          l.priceRuleId,
          l.priceReason,
          l.priceOverridden ? 1 : 0,
          l.amount,
          d?.kind ?? null,
          d ? (d.kind === 'percent' ? d.bp : d.amount) : null,
          l.lineDiscount,
          l.orderDiscountShare,
          l.taxRateBp,
          l.tax,
          l.net,
          l.total,
          now,
          tillId,
        );
        postStockMove(this.deps, {
          productId: l.productId,
          qtyMilli: -l.qtyMilli,
          kind: 'sale',
          salesOrderId: id,
          staffId,
        });
      });
      this.afterSale(id, customer?.id ?? null, [...priced.lines.map((l) => l.priceRuleId), ...priced.offerRuleIds]);
      const insertPayment = stmt(
        this.deps.sqlite,
        `INSERT INTO payments (id, sales_order_id, customer_id, method, amount, tendered, change, reference, note,
           reverses_id, staff_id, at, till_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?)`,
      );
      let onAccountPaymentId: string | null = null;
      let storeCreditPaymentId: string | null = null;
      for (const p of plan.rows) {
        const paymentId = this.deps.newId();
        if (p.method === 'on_account') onAccountPaymentId = paymentId;
        if (p.method === 'store_credit') storeCreditPaymentId = paymentId;
        insertPayment.run(
          paymentId,
          id,
          customer?.id ?? null,
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
      }
      const points = this.pointsOnSale({
        actor,
        salesOrderId: id,
        number,
        customerId: customer?.id ?? null,
        lines: priced.lines,
        saleTotal: priced.total,
        payments: plan.rows,
      });
      if (customer && plan.onAccount > 0) {
        const terms =
          customer.paymentTermsDays ?? customer.categoryTermsDays ?? this.till.get().defaultPaymentTermsDays;
        postAccountEntry(this.deps, {
          customerId: customer.id,
          kind: 'invoice',
          amount: plan.onAccount,
          currency: store.currency,
          documentNo: number,
          salesOrderId: id,
          paymentId: onAccountPaymentId,
          dueAt: now + terms * DAY_MS,
          staffId,
        });
      }
      this.creditAfterSale(actor, credit, { id, number, currency: store.currency, storeCreditPaymentId });
      if (customer) {
        stmt(
          this.deps.sqlite,
          'UPDATE customers SET last_activity_at = ?, total_spent = total_spent + ? WHERE id = ?',
        ).run(now, priced.total + plan.rounding, customer.id);
      }
      if (input.parkedId) new ParkedSales(this.deps).consume(input.parkedId);
      const order = this.orders.get({ id });
      const printJobId = this.deps.newId();
      stmt(
        this.deps.sqlite,
        `INSERT INTO print_jobs (id, printer_id, template, data, status, attempts, sales_order_id, created_at, updated_at,
           till_id) VALUES (?, NULL, 'sale-receipt', ?, 'queued', 0, ?, ?, ?, ?)`,
      ).run(printJobId, JSON.stringify({ store: receiptStore(store), order, points }), id, now, now, tillId);
      this.audit.record(actor, {
        action: 'sale.complete',
        entity: 'salesOrder',
        entityId: id,
        after: {
          number,
          customer: customer?.displayName ?? null,
          total: order.total,
          rounding: order.rounding,
          lines: order.lines.length,
          payments: order.payments.map((p) => `${p.method} ${p.amount}`),
          onAccount: order.onAccountTotal,
        },
        note: approver
          ? `approved by ${approver.name}: ${needs.map((n) => n.message).join(' ')}`
          : input.parkedId
            ? 'resumed from a parked sale'
            : null,
      });
      return { order, replayed: false, printJobId };
    });
    return write();
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

  /** Voids a completed sale with new reversing rows: stock back, payments reversed, the account invoice reversed. */
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
      for (const l of order.lines) {
        postStockMove(this.deps, {
          productId: l.productId,
          qtyMilli: l.qtyMilli,
          kind: 'void',
          reason: input.reason,
          salesOrderId: order.id,
          staffId: actor.id,
        });
      }
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
      this.pointsOnVoid(actor, { ...order, spend: order.total + order.rounding }, input.reason);
      if (order.customerId) {
        const invoices = stmt(
          this.deps.sqlite,
          "SELECT id, amount, currency FROM account_entries WHERE sales_order_id = ? AND kind = 'invoice'",
        ).all(order.id) as Array<{ id: string; amount: number; currency: string }>;
        for (const inv of invoices) {
          postAccountEntry(this.deps, {
            customerId: order.customerId,
            kind: 'void',
            amount: -inv.amount,
            currency: inv.currency,
            documentNo: order.number,
            salesOrderId: order.id,
            reversesId: inv.id,
            reason: input.reason,
            staffId: actor.id,
          });
        }
        this.accountAfterVoid(order.customerId, actor.id);
        stmt(this.deps.sqlite, 'UPDATE customers SET total_spent = total_spent - ? WHERE id = ?').run(
          order.total + order.rounding,
          order.customerId,
        );
      }
      stmt(
        this.deps.sqlite,
        "UPDATE sales_orders SET status = 'voided', voided_at = ?, voided_by = ?, void_reason = ? WHERE id = ?",
      ).run(now, actor.id, input.reason, order.id);
      const after = this.orders.get({ id: order.id });
      this.audit.record(actor, {
        action: 'sale.void',
        entity: 'salesOrder',
        entityId: order.id,
        changes: [{ field: 'status', before: 'completed', after: 'voided' }],
        note: `${order.number}: ${input.reason}`,
      });
      return after;
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

function receiptStore(store: ReturnType<SettingsService['store']>) {
  const { name, address, phone, taxId, receiptHeader, receiptFooter, currency, locale, timeZone } = store;
  return { name, address, phone, taxId, receiptHeader, receiptFooter, currency, locale, timeZone };
}
