import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_PROGRAM } from '../../src/main/domains/loyalty/program';
import type {
  CustomerSalesReport,
  InactiveCustomers,
  NewVsReturning,
  RfmReport,
  Rhythm,
  TopCustomers,
} from '../../src/shared/contract/insights';
import { DEMO, signInAs } from '../helpers';
import { type InsightsShop, insightsShop, kampala } from './insights-fixture';

const P = 4_500; // a piece of flour, UGX

describe('insights reports to the definitions of issue 15 (Africa/Kampala, UTC+3)', () => {
  let s: InsightsShop;
  beforeEach(async () => {
    s = await insightsShop();
  });
  afterEach(() => s.app.dispose());

  describe('top customers', () => {
    it('counts whole shop-local days ending on the as-of day: local midnight, not UTC midnight, bounds the window', async () => {
      const a = await s.customer('Amina');
      const b = await s.customer('Brian');
      const c = await s.customer('Cissy');
      const d = await s.customer('Dan');
      await s.sale(a, 1, kampala('2026-03-24', '23:59')); // the day before a 7-day window ending 2026-03-31
      await s.sale(b, 2, kampala('2026-03-25', '00:00')); // its first instant
      // 23:59 in Kampala is 20:59 UTC: in the window
      await s.sale(c, 3, kampala('2026-03-31', '23:59'));
      // 00:30 on 1 April in Kampala is still 31 March in UTC (21:30): not in the window
      await s.sale(d, 4, kampala('2026-04-01', '00:30'));
      const r = await s.ok<TopCustomers>('insights.topCustomers', { asOf: '2026-03-31', days: 7 });
      expect(r).toEqual({
        asOf: '2026-03-31',
        days: 7,
        currency: 'UGX',
        customers: [
          { id: c, name: 'Cissy Shopper', spend: 3 * P, orders: 1 },
          { id: b, name: 'Brian Shopper', spend: 2 * P, orders: 1 },
        ],
      });
      // a day later the window starts on 26 March: Brian's first-instant sale drops out
      const day = await s.ok<TopCustomers>('insights.topCustomers', { asOf: '2026-04-01', days: 7 });
      expect(day.customers.map((x) => x.id)).toEqual([d, c]);
    });

    it('takes refunds on their own day: a refund in the next window lowers that window, not the sale’s', async () => {
      const a = await s.customer('Amina');
      const b = await s.customer('Brian');
      const saleA = await s.sale(a, 10, kampala('2026-01-20'));
      await s.sale(b, 4, kampala('2026-01-21'));
      await s.refund(saleA, 3, kampala('2026-02-10'));
      await s.sale(a, 1, kampala('2026-02-11'));
      const jan = await s.ok<TopCustomers>('insights.topCustomers', { asOf: '2026-01-31', days: 30 });
      expect(jan.customers).toEqual([
        expect.objectContaining({ id: a, spend: 10 * P, orders: 1 }),
        expect.objectContaining({ id: b, spend: 4 * P, orders: 1 }),
      ]);
      // February: 1 piece bought, 3 refunded: spend −2 pieces, so Amina is not a top customer
      const feb = await s.ok<TopCustomers>('insights.topCustomers', { asOf: '2026-02-28', days: 30 });
      expect(feb.customers).toEqual([]);
      // both months in one window: the refund comes off the sale
      const both = await s.ok<TopCustomers>('insights.topCustomers', { asOf: '2026-02-28', days: 90 });
      expect(both.customers).toEqual([
        expect.objectContaining({ id: a, spend: 8 * P, orders: 2 }),
        expect.objectContaining({ id: b, spend: 4 * P, orders: 1 }),
      ]);
    });

    it('leaves out voided sales, cancelled refunds and walk-ins; ties go by id and the limit cuts the list', async () => {
      const a = await s.customer('Amina');
      const b = await s.customer('Brian');
      const c = await s.customer('Cissy');
      const voided = await s.sale(a, 50, kampala('2026-05-02', '09:00'));
      await s.voidSale(voided, kampala('2026-05-02', '09:05'));
      await s.sale(a, 2, kampala('2026-05-03'));
      const saleB = await s.sale(b, 2, kampala('2026-05-03'));
      const back = await s.refund(saleB, 1, kampala('2026-05-04'));
      await s.cancelRefund(back.id, kampala('2026-05-04', '12:30'));
      await s.sale(c, 1, kampala('2026-05-04'));
      await s.sale(null, 99, kampala('2026-05-04')); // a walk-in
      const r = await s.ok<TopCustomers>('insights.topCustomers', { asOf: '2026-05-05', days: 7 });
      const tied = [a, b].sort();
      expect(r.customers.map((x) => [x.id, x.spend, x.orders])).toEqual([
        [tied[0], 2 * P, 1],
        [tied[1], 2 * P, 1],
        [c, P, 1],
      ]);
      const two = await s.ok<TopCustomers>('insights.topCustomers', { asOf: '2026-05-05', days: 7, limit: 2 });
      expect(two.customers.map((x) => x.id)).toEqual(tied);
    });

    it('gives a merged customer’s sales and refunds to the survivor, and the merged one none', async () => {
      const keep = await s.customer('Grace', 'Atim');
      const dup = await s.customer('Grace', 'Atim 2');
      await s.sale(keep, 2, kampala('2026-06-01'));
      const dupSale = await s.sale(dup, 5, kampala('2026-06-02'));
      await s.refund(dupSale, 1, kampala('2026-06-03'));
      await s.merge(keep, dup);
      const r = await s.ok<TopCustomers>('insights.topCustomers', { asOf: '2026-06-05', days: 7 });
      expect(r.customers).toEqual([{ id: keep, name: 'Grace Atim', spend: 6 * P, orders: 2 }]);
    });

    it('defaults to 90 days as of today and refuses a window it does not offer', async () => {
      const a = await s.customer('Amina');
      // 90 days ending 2026-03-31 start on 2026-01-01 (1 January + 89 days = 31 March)
      await s.sale(a, 1, kampala('2025-12-31', '23:59'));
      await s.sale(a, 2, kampala('2026-01-01', '00:00'));
      s.app.clock.set(kampala('2026-03-31', '18:00'));
      const r = await s.ok<TopCustomers>('insights.topCustomers', {});
      expect([r.asOf, r.days, r.customers[0]?.spend]).toEqual(['2026-03-31', 90, 2 * P]);
      const err = await s.fails('insights.topCustomers', { days: 45 });
      expect(err.code).toBe('VALIDATION');
      expect(err.message).toMatch(/7, 30, 90, 180, 365/);
    });
  });

  describe('high-value customer inactivity', () => {
    it('lists the top spenders whose last sale is more than Q days before the as-of day, in shop-local days', async () => {
      const late = await s.customer('Late');
      const early = await s.customer('Early');
      const small = await s.customer('Small');
      const recent = await s.customer('Recent');
      // 23:30 on 10 January in Kampala (20:30 UTC): 61 days before 12 March
      await s.sale(late, 20, kampala('2026-01-10', '23:30'));
      // 00:30 on 11 January in Kampala is 21:30 UTC on the 10th: still only 60 days, not "more than 60"
      await s.sale(early, 19, kampala('2026-01-11', '00:30'));
      await s.sale(small, 1, kampala('2025-12-01'));
      await s.sale(recent, 30, kampala('2026-03-01'));
      const r = await s.ok<InactiveCustomers>('insights.inactiveCustomers', { asOf: '2026-03-12' });
      expect(r.customers).toEqual([
        { id: late, name: 'Late Shopper', spend: 20 * P, lastPurchaseAt: '2026-01-10', daysSinceLastPurchase: 61 },
        { id: small, name: 'Small Shopper', spend: P, lastPurchaseAt: '2025-12-01', daysSinceLastPurchase: 101 },
      ]);
      // only the top 3 spenders: Small is 4th
      const top3 = await s.ok<InactiveCustomers>('insights.inactiveCustomers', { asOf: '2026-03-12', top: 3 });
      expect(top3.customers.map((c) => c.id)).toEqual([late]);
      // the top 50% of the four who spent = 2: Recent and Late
      const half = await s.ok<InactiveCustomers>('insights.inactiveCustomers', { asOf: '2026-03-12', topPercent: 50 });
      expect([half.top, half.customers.map((c) => c.id)]).toEqual([2, [late]]);
      const quiet30 = await s.ok<InactiveCustomers>('insights.inactiveCustomers', {
        asOf: '2026-03-12',
        quietDays: 30,
        lookbackDays: 90,
      });
      // Small's sale is outside a 90-day lookback
      expect(quiet30.customers.map((c) => c.id)).toEqual([late, early]);
    });
  });

  describe('new vs returning', () => {
    it('calls a customer’s first ever sale new and the rest returning, per local day, ISO week and month', async () => {
      const a = await s.customer('Amina');
      const b = await s.customer('Brian');
      await s.sale(a, 1, kampala('2025-12-29', '10:00')); // Monday of ISO week 2026-W01
      await s.sale(a, 2, kampala('2026-01-04', '23:50')); // Sunday, still W01 in Kampala (20:50 UTC)
      await s.sale(b, 3, kampala('2026-01-05', '00:10')); // Monday W02 locally, Sunday in UTC
      await s.sale(b, 4, kampala('2026-02-01'));
      await s.sale(null, 9, kampala('2026-02-01')); // walk-in: neither
      const byWeek = await s.ok<NewVsReturning>('insights.newVsReturning', {
        from: '2025-12-29',
        to: '2026-01-11',
        by: 'week',
      });
      expect(byWeek.periods).toEqual([
        {
          period: '2026-W01',
          newOrders: 1,
          newSales: P,
          returningOrders: 1,
          returningSales: 2 * P,
          loyaltyPercent: 66.7,
        },
        { period: '2026-W02', newOrders: 1, newSales: 3 * P, returningOrders: 0, returningSales: 0, loyaltyPercent: 0 },
      ]);
      const byMonth = await s.ok<NewVsReturning>('insights.newVsReturning', { from: '2026-01-01', to: '2026-02-28' });
      expect(byMonth.periods).toEqual([
        // Amina's first sale was in December, outside the range: her January sale is still returning
        {
          period: '2026-01',
          newOrders: 1,
          newSales: 3 * P,
          returningOrders: 1,
          returningSales: 2 * P,
          loyaltyPercent: 40,
        },
        {
          period: '2026-02',
          newOrders: 0,
          newSales: 0,
          returningOrders: 1,
          returningSales: 4 * P,
          loyaltyPercent: 100,
        },
      ]);
      const byDay = await s.ok<NewVsReturning>('insights.newVsReturning', {
        from: '2026-01-04',
        to: '2026-01-06',
        by: 'day',
      });
      expect(byDay.periods.map((p) => [p.period, p.newOrders, p.returningOrders, p.loyaltyPercent])).toEqual([
        ['2026-01-04', 0, 1, 100],
        ['2026-01-05', 1, 0, 0],
        ['2026-01-06', 0, 0, null],
      ]);
    });

    it('a voided first sale is not the first; after a merge only the survivor’s earliest sale is new', async () => {
      const a = await s.customer('Amina');
      const b = await s.customer('Brian');
      const first = await s.sale(a, 1, kampala('2026-03-01'));
      await s.voidSale(first, kampala('2026-03-01', '12:10'));
      await s.sale(a, 2, kampala('2026-03-02'));
      await s.sale(b, 3, kampala('2026-03-03'));
      const before = await s.ok<NewVsReturning>('insights.newVsReturning', {
        from: '2026-03-01',
        to: '2026-03-31',
      });
      expect(before.periods[0]).toMatchObject({ newOrders: 2, newSales: 5 * P, returningOrders: 0 });
      await s.merge(a, b);
      const after = await s.ok<NewVsReturning>('insights.newVsReturning', { from: '2026-03-01', to: '2026-03-31' });
      expect(after.periods[0]).toMatchObject({
        newOrders: 1,
        newSales: 2 * P,
        returningOrders: 1,
        returningSales: 3 * P,
        loyaltyPercent: 60,
      });
    });
  });

  describe('customer sales report', () => {
    it('gives each customer sales, gross, refunds, net, average order, paid now, on account, paid off, balance and points, with totals', async () => {
      await s.ok('loyalty.setProgram', { ...DEFAULT_PROGRAM, enabled: true });
      await signInAs(s.app.call, DEMO.owner, DEMO.ownerPin);
      const a = await s.customer('Amina');
      const b = await s.customer('Brian');
      const c = await s.customer('Cissy');
      // Amina: 2 sales in April, one half on account; a refund in April; a debt payment in April
      const s1 = await s.sale(a, 4, kampala('2026-04-02'));
      await s.sale(a, 2, kampala('2026-04-05'), [
        { method: 'cash', amount: P },
        { method: 'on_account', amount: P },
      ]);
      await s.refund(s1, 1, kampala('2026-04-06'));
      s.app.clock.set(kampala('2026-04-07'));
      await s.ok('receivables.receivePayment', {
        customerId: a,
        amount: 1_000,
        method: 'cash',
        idempotencyKey: 'insights-pay-1',
      });
      // Brian: a sale before the range and its refund in it
      const s2 = await s.sale(b, 3, kampala('2026-03-31', '23:00'));
      await s.refund(s2, 3, kampala('2026-04-01', '08:00'));
      // Cissy: nothing in April
      await s.sale(c, 1, kampala('2026-05-01', '00:00'));
      const r = await s.ok<CustomerSalesReport>('insights.customerSales', { from: '2026-04-01', to: '2026-04-30' });
      expect(r.customers.map((x) => x.id)).toEqual([a, b]);
      const pts = (n: number) => Math.floor(n / 1000);
      expect(r.customers[0]).toEqual({
        id: a,
        name: 'Amina Shopper',
        sales: 2,
        gross: 6 * P,
        refunds: P,
        net: 5 * P,
        averageOrderValue: 3 * P,
        paidNow: 5 * P,
        putOnAccount: P,
        paidOffOnAccount: 1_000,
        balanceNow: P - 1_000,
        pointsEarned: pts(4 * P) + pts(2 * P),
        pointsRedeemed: 0,
      });
      expect(r.customers[1]).toMatchObject({ id: b, sales: 0, gross: 0, refunds: 3 * P, net: -3 * P });
      expect(r.totals).toMatchObject({
        sales: 2,
        gross: 6 * P,
        refunds: 4 * P,
        net: 2 * P,
        averageOrderValue: 3 * P,
        paidOffOnAccount: 1_000,
        balanceNow: P - 1_000,
      });
    });
  });

  describe('RFM', () => {
    it('scores R, F and M 1–5 with the fixed thresholds under 500 customers and names the R/F segment', async () => {
      const champ = await s.customer('Champ');
      const sleepy = await s.customer('Sleepy');
      const fresh = await s.customer('Fresh');
      for (let i = 0; i < 10; i++) await s.sale(champ, 2, kampala(`2026-06-${String(10 + i).padStart(2, '0')}`));
      await s.sale(sleepy, 1, kampala('2026-02-01'));
      await s.sale(sleepy, 1, kampala('2026-03-15'));
      await s.sale(fresh, 5, kampala('2026-06-25', '23:59'));
      const r = await s.ok<RfmReport>('insights.rfm', { asOf: '2026-06-30' });
      expect(r.scoring).toBe('fixed');
      expect(r.thresholds.recencyDays).toEqual([14, 30, 60, 120]);
      const by = Object.fromEntries(r.customers.map((c) => [c.id, c]));
      expect(by[champ]).toMatchObject({ recencyDays: 11, frequency: 10, monetary: 20 * P, r: 5, f: 5 });
      expect(by[champ]?.segment).toBe('Champions');
      // 107 days, 2 sales: R 2, F 2
      expect(by[sleepy]).toMatchObject({ recencyDays: 107, frequency: 2, r: 2, f: 2, segment: 'Hibernating' });
      expect(by[fresh]).toMatchObject({ recencyDays: 5, frequency: 1, r: 5, f: 1, segment: 'New' });
      expect(r.segments.find((g) => g.segment === 'Champions')?.customers).toBe(1);
      expect(r.segments.reduce((t, g) => t + g.customers, 0)).toBe(3);
      // the owner moves the thresholds: 107 days is now recent enough for a 3
      await s.ok('insights.updateSettings', {
        rfmThresholds: { recencyDays: [7, 30, 120, 200], frequency: [1, 2, 4, 9], monetary: null },
      });
      const again = await s.ok<RfmReport>('insights.rfm', { asOf: '2026-06-30' });
      expect(again.customers.find((c) => c.id === sleepy)).toMatchObject({ r: 3, segment: 'About to sleep' });
    });
  });

  describe('personal rhythm', () => {
    it('is due past the median gap and at risk past the 90th percentile, with the expected next visit', async () => {
      const a = await s.customer('Amina');
      // local days 1, 11, 21, 41 March (gaps 10, 10, 20): median 10, 90th percentile 20
      for (const [d, hm] of [
        ['2026-03-01', '10:00'],
        ['2026-03-11', '23:59'],
        ['2026-03-21', '00:01'],
        ['2026-04-10', '12:00'],
      ] as const)
        await s.sale(a, 1, kampala(d, hm));
      const at = (asOf: string) => s.ok<Rhythm>('insights.rhythm', { customerId: a, asOf });
      expect(await at('2026-04-15')).toEqual({
        customerId: a,
        asOf: '2026-04-15',
        sales: 4,
        basis: 'own',
        lastPurchaseAt: '2026-04-10',
        daysSinceLastPurchase: 5,
        medianGapDays: 10,
        p90GapDays: 20,
        status: 'ok',
        expectedNextVisit: '2026-04-20',
      });
      expect((await at('2026-04-21')).status).toBe('due');
      expect((await at('2026-04-30')).status).toBe('due');
      expect((await at('2026-05-01')).status).toBe('at_risk');
    });

    it('measures a customer with fewer than 3 sales against the shop’s gaps', async () => {
      const regular = await s.customer('Regular');
      const once = await s.customer('Once');
      for (const d of ['2026-03-01', '2026-03-05', '2026-03-09', '2026-03-13']) await s.sale(regular, 1, kampala(d));
      await s.sale(once, 1, kampala('2026-03-10'));
      const r = await s.ok<Rhythm>('insights.rhythm', { customerId: once, asOf: '2026-03-20' });
      expect(r).toMatchObject({ basis: 'shop', sales: 1, medianGapDays: 4, p90GapDays: 4, status: 'at_risk' });
      expect(r.expectedNextVisit).toBe('2026-03-14');
      const none = await s.ok<Rhythm>('insights.rhythm', { customerId: await s.customer('Never'), asOf: '2026-03-20' });
      expect(none).toMatchObject({ basis: 'none', sales: 0, status: 'unknown', expectedNextVisit: null });
    });
  });

  it('is for the owner and manager (reports.view), not the cashier', async () => {
    await signInAs(s.app.call, DEMO.cashier, DEMO.cashierPin, 'cashier');
    const res = await s.app.call('insights.topCustomers', {}, 'cashier');
    expect(res.ok ? null : res.error.code).toBe('FORBIDDEN');
    await signInAs(s.app.call, DEMO.manager, DEMO.managerPin, 'manager');
    expect((await s.app.call('insights.topCustomers', {}, 'manager')).ok).toBe(true);
  });
});
