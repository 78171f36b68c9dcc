import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS } from '../../src/shared/clock';
import type { TillAccountSummary } from '../../src/shared/contract/receivables';
import type { CompleteResult } from '../../src/shared/contract/sales';
import { DEMO, ledgerMismatches } from '../helpers';
import { allocationOverruns, CLIENTS, FLOUR, type ReceivablesShop, receivablesShop } from './receivables-fixture';

const C = CLIENTS.cashier;

describe('credit at the till', () => {
  let s: ReceivablesShop;
  beforeAll(async () => {
    s = await receivablesShop();
  });
  afterAll(() => {
    expect(ledgerMismatches(s.app.sqlite).balances).toEqual([]);
    expect(allocationOverruns(s.app.sqlite)).toEqual([]);
    s.app.dispose();
  });

  describe('due dates from payment terms', () => {
    it("an invoice falls due after the customer's own terms, else their category's, else the store default; 0 is due on receipt", async () => {
      const cats = await s.ok<Array<{ id: string; name: string }>>(
        'customers.saveCategory',
        { name: 'Trade 14 days', paymentTermsDays: 14 },
        CLIENTS.owner,
      );
      const wholesale = cats.find((c) => c.name === 'Trade 14 days')?.id as string;
      const own = await s.customer({ paymentTermsDays: 7, categoryId: wholesale });
      const byCategory = await s.customer({ categoryId: wholesale });
      const byStore = await s.customer();
      const onReceipt = await s.customer({ paymentTermsDays: 0 });
      const now = s.app.clock.now();
      for (const id of [own, byCategory, byStore, onReceipt]) await s.ok('sales.complete', s.sale(id, 1), C);
      const due = (id: string) => s.entries(id).find((e) => e.kind === 'invoice')?.dueAt;
      expect(due(own)).toBe(now + 7 * DAY_MS);
      expect(due(byCategory)).toBe(now + 14 * DAY_MS);
      expect(due(byStore)).toBe(now + 30 * DAY_MS);
      expect(due(onReceipt)).toBe(now);
    });
  });

  describe('credit limit, policy "approve"', () => {
    let grace: string;
    beforeAll(async () => {
      grace = await s.customer({ creditLimit: 100_000 });
    });

    it('a sale within the limit goes on account without asking anyone', async () => {
      const r = await s.ok<CompleteResult>('sales.complete', s.sale(grace, 10), C);
      expect(r.order.onAccountTotal).toBe(45_000);
      expect(s.balance(grace)).toBe(45_000);
    });

    it('a cashier taking the balance over the limit is stopped with the amount over and nothing is written', async () => {
      const before = s.count('sales_orders');
      const err = await s.fails('sales.complete', s.sale(grace, 20), C);
      expect(err.code).toBe('CREDIT_LIMIT');
      expect(err.message).toBe('Over credit limit by UGX 35,000 — a manager can approve.');
      expect(err.details).toMatchObject({
        overBy: 35_000,
        limit: 100_000,
        approvalsNeeded: [{ kind: 'creditLimit', lineNo: null }],
      });
      expect(s.count('sales_orders')).toBe(before);
      expect(s.balance(grace)).toBe(45_000);
    });

    it("a manager's PIN lets the sale through and the audit records who approved how much over the limit", async () => {
      const approval = { staffId: s.managerId, pin: DEMO.managerPin };
      const checked = await s.ok<{ name: string }>('sales.approve', { ...approval, action: 'creditLimit' }, C);
      expect(checked.name).toBe(DEMO.manager);
      const r = await s.ok<CompleteResult>('sales.complete', s.sale(grace, 20, undefined, { approval }), C);
      expect(s.balance(grace)).toBe(135_000);
      const audit = s.app.sqlite
        .prepare("SELECT note, changes FROM audit_log WHERE action = 'credit.overLimitApproved' AND entity_id = ?")
        .get(grace) as { note: string; changes: string };
      expect(audit.note).toBe(
        `${r.order.number}: UGX 35,000 over the credit limit of UGX 100,000, approved by ${DEMO.manager}`,
      );
      expect(JSON.parse(audit.changes)).toEqual(
        expect.arrayContaining([expect.objectContaining({ field: 'overBy', after: 35_000 })]),
      );
    });

    it("a cashier's own PIN cannot approve credit over the limit", async () => {
      const roster = await s.ok<Array<{ id: string; name: string }>>('staff.roster', null, C);
      const cashier = roster.find((r) => r.name === DEMO.cashier)?.id as string;
      const approval = { staffId: cashier, pin: DEMO.cashierPin };
      const err = await s.fails('sales.complete', s.sale(grace, 1, undefined, { approval }), C);
      expect(err.code).toBe('FORBIDDEN');
      expect(err.message).toMatch(/cannot approve credit over the limit/);
    });

    it('only the on-account part of a split payment counts against the limit', async () => {
      const ann = await s.customer({ creditLimit: 10_000 });
      // 4 flour = 18,000: 9,000 by card, 9,000 on account fits the 10,000 limit
      await s.ok(
        'sales.complete',
        s.sale(ann, 4, [
          { method: 'card', amount: 9_000 },
          { method: 'on_account', amount: 9_000 },
        ]),
        C,
      );
      expect(s.balance(ann)).toBe(9_000);
      const err = await s.fails(
        'sales.complete',
        s.sale(ann, 2, [
          { method: 'cash', amount: 4_000 },
          { method: 'on_account', amount: 5_000 },
        ]),
        C,
      );
      expect(err).toMatchObject({ code: 'CREDIT_LIMIT', details: { overBy: 4_000 } });
    });

    it('a credit limit of 0 means no credit at all; no limit of their own means the store default', async () => {
      const none = await s.customer({ creditLimit: 0 });
      expect(await s.fails('sales.complete', s.sale(none, 1), C)).toMatchObject({
        code: 'CREDIT_LIMIT',
        details: { overBy: FLOUR.price, limit: 0 },
      });
      const plain = await s.customer();
      await s.ok('sales.complete', s.sale(plain, 30), C); // no store default: no limit
      await s.ok('receivables.updateSettings', { defaultCreditLimit: 5_000 }, CLIENTS.owner);
      const other = await s.customer();
      expect(await s.fails('sales.complete', s.sale(other, 2), C)).toMatchObject({ details: { overBy: 4_000 } });
      await s.ok('receivables.updateSettings', { defaultCreditLimit: null }, CLIENTS.owner);
    });

    it('a manager selling at the till needs no second PIN', async () => {
      const bob = await s.customer({ creditLimit: 1_000 });
      await s.ok('sales.complete', s.sale(bob, 1), CLIENTS.manager);
      expect(s.balance(bob)).toBe(FLOUR.price);
    });
  });

  describe('credit limit, other policies', () => {
    it('"block" refuses even with a manager\'s PIN; "warn" lets the sale through and audits it', async () => {
      const joy = await s.customer({ creditLimit: 4_000 });
      await s.ok('receivables.updateSettings', { creditPolicy: 'block' }, CLIENTS.owner);
      const approval = { staffId: s.managerId, pin: DEMO.managerPin };
      const err = await s.fails('sales.complete', s.sale(joy, 1, undefined, { approval }), C);
      expect(err.code).toBe('CREDIT_LIMIT');
      expect(err.message).toMatch(/^Over credit limit by UGX 500 .*take another payment/);
      await s.ok('receivables.updateSettings', { creditPolicy: 'warn' }, CLIENTS.owner);
      await s.ok('sales.complete', s.sale(joy, 1), C);
      expect(s.balance(joy)).toBe(FLOUR.price);
      const n = s.app.sqlite
        .prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'credit.overLimitWarned' AND entity_id = ?")
        .get(joy) as { n: number };
      expect(n.n).toBe(1);
      await s.ok('receivables.updateSettings', { creditPolicy: 'approve' }, CLIENTS.owner);
    });

    it('changing the credit settings is for the owner and is audited', async () => {
      expect((await s.fails('receivables.updateSettings', { creditPolicy: 'warn' }, C)).code).toBe('FORBIDDEN');
      const n = s.app.sqlite
        .prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'settings.receivables'")
        .get() as {
        n: number;
      };
      expect(n.n).toBeGreaterThanOrEqual(4);
    });
  });

  describe('store credit as a payment', () => {
    it('spends the negative balance, and never more than there is', async () => {
      const eve = await s.customer();
      await s.ok('receivables.creditNote', { customerId: eve, amount: 10_000, reason: 'goodwill' });
      expect(s.balance(eve)).toBe(-10_000);
      const summary = await s.ok<TillAccountSummary>('receivables.tillSummary', { customerId: eve }, C);
      expect(summary.storeCredit).toBe(10_000);
      const err = await s.fails('sales.complete', s.sale(eve, 3, [{ method: 'store_credit', amount: 13_500 }]), C);
      expect(err.code).toBe('VALIDATION');
      expect(err.message).toMatch(/has UGX 10,000 store credit; UGX 13,500 is more than that/);
      const r = await s.ok<CompleteResult>(
        'sales.complete',
        s.sale(eve, 3, [
          { method: 'store_credit', amount: 10_000 },
          { method: 'card', amount: 3_500 },
        ]),
        C,
      );
      expect(s.balance(eve)).toBe(0);
      const inv = s.entries(eve).find((e) => e.kind === 'invoice');
      expect(inv).toMatchObject({ amount: 10_000, documentNo: r.order.number });
      expect(s.allocated(inv?.id as string)).toBe(10_000);
    });

    it('needs a customer', async () => {
      const err = await s.fails('sales.complete', s.sale(null, 1, [{ method: 'store_credit', amount: 4_500 }]), C);
      expect(err.message).toMatch(/Store credit needs a customer/);
    });
  });

  describe('refunds and voids pay their own sale first', () => {
    it("a refund to account settles the refunded sale's invoice, not the oldest one", async () => {
      const kim = await s.customer();
      await s.ok('sales.complete', s.sale(kim, 1), C);
      await s.advance(DAY_MS);
      const second = await s.ok<CompleteResult>('sales.complete', s.sale(kim, 2), C);
      await s.ok('refunds.create', {
        salesOrderId: second.order.id,
        lines: [{ salesLineId: second.order.lines[0]?.id, qtyMilli: 1000, restock: true }],
        method: 'on_account',
        reason: 'torn bag',
        idempotencyKey: s.nextKey('refund'),
      });
      const [first, inv2] = s.entries(kim).filter((e) => e.kind === 'invoice');
      expect(s.allocated(first?.id as string)).toBe(0);
      expect(s.allocated(inv2?.id as string)).toBe(4_500);
    });

    it('a cancelled refund opens the invoice again', async () => {
      const lee = await s.customer();
      const sold = await s.ok<CompleteResult>('sales.complete', s.sale(lee, 2), C);
      const refund = await s.ok<{ refund: { id: string } }>('refunds.create', {
        salesOrderId: sold.order.id,
        lines: [{ salesLineId: sold.order.lines[0]?.id, qtyMilli: 1000, restock: true }],
        method: 'on_account',
        reason: 'torn bag',
        idempotencyKey: s.nextKey('refund'),
      });
      const inv = s.entries(lee).find((e) => e.kind === 'invoice')?.id as string;
      expect(s.allocated(inv)).toBe(4_500);
      await s.ok('refunds.cancel', { id: refund.refund.id, reason: 'bag was fine' });
      expect(s.allocated(inv)).toBe(0);
      expect(s.balance(lee)).toBe(9_000);
      const open = await s.ok<{ debits: Array<{ entryId: string; open: number }> }>('receivables.openDebits', {
        customerId: lee,
      });
      expect(open.debits).toEqual([expect.objectContaining({ entryId: inv, open: 9_000 })]);
    });

    it('a void closes its own invoice', async () => {
      const max = await s.customer();
      await s.ok('sales.complete', s.sale(max, 1), C);
      const second = await s.ok<CompleteResult>('sales.complete', s.sale(max, 2), C);
      await s.ok('sales.void', { id: second.order.id, reason: 'wrong customer' });
      const [first, inv2] = s.entries(max).filter((e) => e.kind === 'invoice');
      expect(s.allocated(first?.id as string)).toBe(0);
      expect(s.allocated(inv2?.id as string)).toBe(9_000);
    });
  });

  describe('the till summary', () => {
    it('shows balance, overdue amount and credit left', async () => {
      const pat = await s.customer({ creditLimit: 50_000, paymentTermsDays: 10 });
      await s.ok('sales.complete', s.sale(pat, 2), C);
      await s.advance(11 * DAY_MS);
      await s.ok('sales.complete', s.sale(pat, 4), C);
      const sum = await s.ok<TillAccountSummary>('receivables.tillSummary', { customerId: pat }, C);
      expect(sum).toMatchObject({
        balance: 27_000,
        overdue: 9_000,
        creditLimit: 50_000,
        limitSource: 'customer',
        creditLeft: 23_000,
        storeCredit: 0,
        policy: 'approve',
      });
    });
  });
});
