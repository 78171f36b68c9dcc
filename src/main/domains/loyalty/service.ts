import type {
  DailyRunResult,
  LoyaltyProgram,
  LoyaltyQuote,
  PointsEntry,
  TillLoyalty,
} from '../../../shared/contract/loyalty';
import type { Cart, PaymentInput, PaymentMethod, PricedLine, Quote } from '../../../shared/contract/sales';
import { AppError } from '../../../shared/errors';
import { formatMoney } from '../../../shared/money';
import { stmt } from '../../db/statements';
import { type Actor, type AuditService, SYSTEM_ACTOR } from '../audit/service';
import type { Deps } from '../deps';
import type { RefundDocument } from '../flow';
import type { SettingsService } from '../settings/service';
import { grantBirthday } from './birthday';
import { pointsOnRefundCancel, pointsOnVoid, writeRefundPoints } from './clawback';
import { DailyJob, runDailyJob, tierSpendSlices } from './daily';
import { earnPoints } from './earn';
import { lotsOf, pointsBalance, postPoints } from './entries';
import { expireDueFor, expiresAtFor, nextExpiry } from './expiry';
import { LoyaltyProgramStore } from './program';
import { checkRedemption, redeemable } from './redeem';
import { cachedTier, recomputeTier } from './tiers';

/** Payments that earn no points: points themselves and store credit (already the shop's money). */
const NON_EARNING: readonly PaymentMethod[] = ['points', 'store_credit'];

export interface SaleForPoints {
  actor: Actor;
  salesOrderId: string;
  number: string;
  customerId: string | null;
  /** with each product's category when the caller has it (the till's sale does), else it is read */
  lines: ReadonlyArray<Pick<PricedLine, 'productId' | 'net' | 'total'> & { categoryId?: string | null }>;
  /** Σ line totals */
  saleTotal: number;
  payments: ReadonlyArray<{ method: PaymentMethod; amount: number }>;
}

/** The points lines of a sale receipt. */
export interface ReceiptPoints {
  earned: number;
  redeemed: number;
  balance: number;
  tier: string | null;
}

/**
 * The loyalty engine: the program, points earned and redeemed in the sale's own transaction, taken back and given
 * back on refunds and voids, expiry, birthday bonuses, tiers and manual adjustments. Every write goes through
 * postPoints, which keeps customers.points_balance equal to Σ points_entries.
 */
export class LoyaltyService {
  readonly program: LoyaltyProgramStore;

  constructor(
    private deps: Deps,
    private audit: AuditService,
    private settings: SettingsService,
  ) {
    this.program = new LoyaltyProgramStore(deps, audit);
  }

  private tz(): string {
    return this.settings.store().timeZone;
  }

  private money(n: number): string {
    const s = this.settings.store();
    return formatMoney(n, s.currency, s.locale);
  }

  getProgram(): LoyaltyProgram {
    return this.program.get();
  }

  setProgram(actor: Actor, program: LoyaltyProgram): LoyaltyProgram {
    return this.program.set(actor, program);
  }

  /** 'points' is a till payment method while the program is on. */
  paymentMethods(): PaymentMethod[] {
    return this.program.get().enabled ? ['points'] : [];
  }

  private customerRow(customerId: string) {
    const c = stmt(
      this.deps.sqlite,
      'SELECT points_balance AS balance, loyalty_tier AS tier, status FROM customers WHERE id = ?',
    ).get(customerId) as { balance: number; tier: string | null; status: string } | undefined;
    if (!c) throw new AppError('NOT_FOUND', 'That customer was not found. Search for them again.', { customerId });
    return c;
  }

  tillSummary(customerId: string): TillLoyalty {
    const program = this.program.get();
    const c = this.customerRow(customerId);
    const tier = cachedTier(program, c.tier);
    const next =
      program.expiry.kind === 'none' ? null : nextExpiry(lotsOf(this.deps, customerId).lots, this.deps.clock.now());
    return {
      enabled: program.enabled,
      customerId,
      tier: tier ? { id: tier.id, name: tier.name, multiplierBp: tier.multiplierBp } : null,
      balance: c.balance,
      nextExpiry: next,
      pointValue: program.redeem.pointValue,
      minRedeemPoints: program.redeem.minPoints,
    };
  }

  /** What the cart would earn and may redeem; `price` prices it as the till does (only when the program is on). */
  quote(cart: Cart, payments: readonly PaymentInput[], price: () => Quote): LoyaltyQuote {
    const program = this.program.get();
    const off = { enabled: false, earnPoints: 0, multiplierBp: 10_000, maxRedeemPoints: 0, maxRedeemAmount: 0 };
    if (!program.enabled) return { ...off, noRedeemReason: 'The loyalty program is switched off.' };
    if (!cart.customerId)
      return { ...off, enabled: true, noRedeemReason: 'Attach a customer to earn or redeem points.' };
    const c = this.customerRow(cart.customerId);
    const quote = price();
    const multiplierBp = cachedTier(program, c.tier)?.multiplierBp ?? 10_000;
    const r = redeemable(program, c.balance, quote.total);
    return {
      enabled: true,
      earnPoints: earnPoints({
        program,
        lines: this.earnLines(quote.lines),
        saleTotal: quote.total,
        paidWithoutEarning: nonEarning(payments),
        multiplierBp,
      }),
      multiplierBp,
      maxRedeemPoints: r.maxPoints,
      maxRedeemAmount: r.maxAmount,
      noRedeemReason: r.reason,
    };
  }

  private earnLines(lines: SaleForPoints['lines']) {
    if (lines.every((l) => l.categoryId !== undefined))
      return lines.map((l) => ({
        productId: l.productId,
        categoryId: l.categoryId ?? null,
        net: l.net,
        total: l.total,
      }));
    const ids = [...new Set(lines.map((l) => l.productId))];
    const cats = new Map<string, string | null>();
    if (ids.length) {
      const rows = stmt(
        this.deps.sqlite,
        'SELECT id, category_id AS c FROM products WHERE id IN (SELECT value FROM json_each(?))',
      ).all(JSON.stringify(ids)) as Array<{ id: string; c: string | null }>;
      for (const r of rows) cats.set(r.id, r.c);
    }
    return lines.map((l) => ({
      productId: l.productId,
      categoryId: cats.get(l.productId) ?? null,
      net: l.net,
      total: l.total,
    }));
  }

  /**
   * Before a sale is written: a points payment needs a customer and must keep to the program's rules (points past
   * their date are expired first, so the balance is what may be spent). Returns the points that will pay.
   */
  redemptionFor(s: {
    customerId: string | null;
    staffId: string | null;
    saleTotal: number;
    payments: SaleForPoints['payments'];
  }): number {
    const redeemAmount = s.payments.filter((p) => p.method === 'points').reduce((a, p) => a + p.amount, 0);
    if (!s.customerId) {
      if (redeemAmount > 0)
        throw new AppError(
          'VALIDATION',
          'Paying with points needs a customer: scan their card or search for them first.',
        );
      return 0;
    }
    if (redeemAmount === 0) return 0;
    expireDueFor(this.deps, s.customerId, s.staffId);
    return checkRedemption(this.program.get(), {
      amount: redeemAmount,
      balance: pointsBalance(this.deps, s.customerId),
      saleTotal: s.saleTotal,
      hasCustomer: true,
      money: (n) => this.money(n),
    });
  }

  /**
   * Inside the sale's transaction: writes the redemption the guard allowed, the earned points (operation ids derived
   * from the sale, so nothing is written twice), a due birthday bonus, and the tier.
   */
  onSale(s: SaleForPoints, redeemed: number): ReceiptPoints | null {
    const program = this.program.get();
    const redeemAmount = s.payments.filter((p) => p.method === 'points').reduce((a, p) => a + p.amount, 0);
    if (!s.customerId) return null;
    if (!program.enabled && redeemAmount === 0) return null;
    const customerId = s.customerId;
    const staffId = s.actor.id;
    const tz = this.tz();
    if (redeemAmount > 0)
      postPoints(this.deps, {
        customerId,
        kind: 'redeem',
        points: -redeemed,
        operationId: `redeem:${s.salesOrderId}`,
        salesOrderId: s.salesOrderId,
        reason: `paid ${this.money(redeemAmount)} of ${s.number}`,
        staffId,
      });
    const c = this.customerRow(customerId);
    const earned = earnPoints({
      program,
      lines: this.earnLines(s.lines),
      saleTotal: s.saleTotal,
      paidWithoutEarning: nonEarning(s.payments),
      multiplierBp: cachedTier(program, c.tier)?.multiplierBp ?? 10_000,
    });
    const now = this.deps.clock.now();
    postPoints(this.deps, {
      customerId,
      kind: 'earn',
      points: earned,
      operationId: `earn:${s.salesOrderId}`,
      salesOrderId: s.salesOrderId,
      expiresAt: expiresAtFor(program, now, tz),
      staffId,
    });
    const birthday = grantBirthday(this.deps, program, customerId, tz, staffId);
    const tier = program.enabled ? recomputeTier(this.deps, program, customerId, tz) : null;
    const balance = pointsBalance(this.deps, customerId);
    if (earned || redeemed || birthday || tier?.changed)
      this.audit.record(s.actor, {
        action: 'loyalty.sale',
        entity: 'customer',
        entityId: customerId,
        after: { sale: s.number, earned, redeemed, birthday, balance, tier: tier?.tier?.id ?? c.tier },
        note: tier?.changed ? `tier ${tier.before ?? 'none'} → ${tier.tier?.id ?? 'none'}` : null,
      });
    const tierNow = tier?.tier ?? cachedTier(program, c.tier);
    return { earned: earned + birthday, redeemed, balance, tier: tierNow?.name ?? null };
  }

  /** Inside the refund's transaction, after its row: the planned points entries, the tier (audited). */
  onRefund(r: RefundDocument): void {
    const p = r.points;
    if (!p.customerId) return;
    const customerId = p.customerId;
    writeRefundPoints(
      this.deps,
      { ...p, customerId },
      {
        refundId: r.refund.id,
        salesOrderId: r.order.id,
        staffId: r.actor.id,
        reason: r.reason,
      },
    );
    if (!r.order.customerId) return;
    if (p.returnedAmount)
      stmt(this.deps.sqlite, 'UPDATE customers SET total_spent = total_spent - ? WHERE id = ?').run(
        p.returnedAmount,
        r.order.customerId,
      );
    const program = this.program.get();
    const tier = program.enabled
      ? recomputeTier(this.deps, program, r.order.customerId, this.tz())
      : { changed: false, before: null, tier: null };
    if (p.clawback || p.returned || tier.changed)
      this.audit.record(r.actor, {
        action: 'loyalty.refund',
        entity: 'customer',
        entityId: r.order.customerId,
        after: {
          refund: r.refund.number,
          clawback: p.clawback,
          returned: p.returned,
          balance: pointsBalance(this.deps, r.order.customerId),
        },
        note: tier.changed ? `tier ${tier.before ?? 'none'} → ${tier.tier?.id ?? 'none'}` : null,
      });
  }

  /** Inside the void's transaction, after the sale is marked voided: its points taken back and given back. */
  onVoid(actor: Actor, order: { id: string; number: string; customerId: string | null }, reason: string) {
    if (!order.customerId) return;
    const p = pointsOnVoid(this.deps, { salesOrderId: order.id, staffId: actor.id, reason });
    const program = this.program.get();
    const tier = program.enabled
      ? recomputeTier(this.deps, program, order.customerId, this.tz())
      : { changed: false, before: null, tier: null };
    if (p.clawback || p.returned || tier.changed)
      this.audit.record(actor, {
        action: 'loyalty.void',
        entity: 'customer',
        entityId: order.customerId,
        after: {
          sale: order.number,
          clawback: p.clawback,
          returned: p.returned,
          balance: pointsBalance(this.deps, order.customerId),
        },
        note: tier.changed ? `tier ${tier.before ?? 'none'} → ${tier.tier?.id ?? 'none'}` : null,
      });
  }

  /** Inside a refund cancel's transaction: its points entries undone. */
  onRefundCancel(actor: Actor, refund: { id: string; number: string; customerId: string | null }, reason: string) {
    const returned = stmt(
      this.deps.sqlite,
      "SELECT coalesce(sum(points), 0) AS p FROM points_entries WHERE refund_id = ? AND kind = 'redeem'",
    ).get(refund.id) as { p: number };
    const n = pointsOnRefundCancel(this.deps, { refundId: refund.id, staffId: actor.id, reason });
    if (!n || !refund.customerId) return;
    const sale = stmt(this.deps.sqlite, 'SELECT sales_order_id AS id FROM refunds WHERE id = ?').get(refund.id) as {
      id: string;
    };
    const { points, amount } = stmt(
      this.deps.sqlite,
      `SELECT -coalesce(sum(points), 0) AS points, (SELECT coalesce(sum(amount), 0) FROM payments WHERE sales_order_id = @o
         AND method = 'points' AND reverses_id IS NULL) AS amount
       FROM points_entries WHERE sales_order_id = @o AND kind = 'redeem' AND refund_id IS NULL`,
    ).get({ o: sale.id }) as { points: number; amount: number };
    if (returned.p > 0 && points > 0)
      stmt(this.deps.sqlite, 'UPDATE customers SET total_spent = total_spent + ? WHERE id = ?').run(
        Math.floor((returned.p * amount) / points),
        refund.customerId,
      );
    this.audit.record(actor, {
      action: 'loyalty.refundCancel',
      entity: 'customer',
      entityId: refund.customerId,
      after: { refund: refund.number, entries: n, balance: pointsBalance(this.deps, refund.customerId) },
    });
  }

  adjust(
    actor: Actor,
    input: { customerId: string; points: number; reason: string; idempotencyKey: string },
  ): PointsEntry {
    return this.deps.sqlite.transaction(() => {
      const operationId = `adjust:${input.idempotencyKey}`;
      const existing = this.entryByOperation(operationId);
      if (existing) {
        if (existing.customerId !== input.customerId || existing.points !== input.points)
          throw new AppError('CONFLICT', 'This adjustment key was already used for another adjustment. Start again.');
        return existing;
      }
      const c = this.customerRow(input.customerId);
      if (c.status === 'merged')
        throw new AppError('CONFLICT', 'That customer was merged into another; adjust the one they were merged into.');
      const program = this.program.get();
      const now = this.deps.clock.now();
      postPoints(this.deps, {
        customerId: input.customerId,
        kind: 'adjust',
        points: input.points,
        operationId,
        expiresAt: input.points > 0 ? expiresAtFor(program, now, this.tz()) : null,
        reason: input.reason,
        staffId: actor.id,
      });
      const entry = this.entryByOperation(operationId) as PointsEntry;
      this.audit.record(actor, {
        action: 'loyalty.adjust',
        entity: 'customer',
        entityId: input.customerId,
        before: { points: c.balance },
        after: { points: c.balance + input.points },
        note: input.reason,
      });
      return entry;
    })();
  }

  private entryByOperation(operationId: string): PointsEntry | null {
    return (
      (stmt(
        this.deps.sqlite,
        `SELECT id, customer_id AS customerId, kind, points, sales_order_id AS salesOrderId, refund_id AS refundId,
           operation_id AS operationId, expires_at AS expiresAt, reason, staff_id AS staffId, at
         FROM points_entries WHERE operation_id = ?`,
      ).get(operationId) as PointsEntry | undefined) ?? null
    );
  }

  private daily: DailyJob | null = null;

  /** Runs the daily job a minute after the app starts, then once a day (each run is safe to repeat). */
  /** After a merge the survivor carries both customers' spend: its tier is worked out again at once (audited). */
  afterMerge(actor: Actor, customerId: string): void {
    const program = this.getProgram();
    if (!program.enabled) return;
    const t = recomputeTier(this.deps, program, customerId, this.tz());
    if (t.changed)
      this.audit.record(actor, {
        action: 'loyalty.tier',
        entity: 'customer',
        entityId: customerId,
        changes: [{ field: 'loyaltyTier', before: t.before, after: t.tier?.id ?? null }],
        note: 'customers merged',
      });
  }

  startDaily(firstAfterMs = 60_000, everyMs = 86_400_000): void {
    this.daily ??= new DailyJob(() => {
      this.runDaily(SYSTEM_ACTOR);
      this.fillTierSpend().catch((e) =>
        console.error('Filling the cached tier spend failed; the next run goes on.', e),
      );
    });
    this.closing = false;
    this.daily.start(firstAfterMs, everyMs);
  }

  /** Stops the daily job, and the tier spend's filling after its current slice (the app is closing). */
  stopDaily(): void {
    this.daily?.stop();
    this.closing = true;
  }

  /** The daily job: expire points past their date, birthday bonuses, tiers recomputed for customers with sales. */
  runDaily(actor: Actor): DailyRunResult {
    return runDailyJob(this.deps, this.audit, this.program.get(), this.tz(), actor);
  }

  private filling: Promise<void> | null = null;
  private closing = false;

  /** The slices fillTierSpend runs, for a caller that may block (the bench). */
  tierSpendSlices(): Generator<void, void, void> {
    return tierSpendSlices(this.deps, this.program.get(), this.tz());
  }

  /** Fills the cached tier spend where it no longer answers, a slice of customers at a time (the one run going on). */
  fillTierSpend(): Promise<void> {
    if (this.filling) return this.filling;
    const run = async () => {
      for (const _ of this.tierSpendSlices()) {
        await new Promise((done) => setImmediate(done));
        if (this.closing) return;
      }
    };
    this.filling = run().finally(() => {
      this.filling = null;
    });
    return this.filling;
  }
}

function nonEarning(payments: ReadonlyArray<{ method: PaymentMethod; amount: number }>): number {
  return payments.filter((p) => NON_EARNING.includes(p.method)).reduce((a, p) => a + p.amount, 0);
}
