import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderTemplate } from '../../src/main/devices/printers/templates';
import { AGING_BUCKETS } from '../../src/main/domains/debts/aging';
import { dayEnd, dayStart } from '../../src/main/domains/debts/dates';
import { DebtorBook, debtorsPage } from '../../src/main/domains/debts/debtors';
import { openItemsAll, openItemsAllSliced } from '../../src/main/domains/debts/open-items';
import { postAccountEntry } from '../../src/main/domains/ledgers/account';
import { DAY_MS } from '../../src/shared/clock';
import {
  type AgingDetail,
  type AgingReport,
  type DebtAlert,
  DebtorsQuery,
  type Statement,
} from '../../src/shared/contract/debts';
import { uuidv7Source } from '../../src/shared/ids';
import { DEMO, makeTestApp, signInAs, type TestApp } from '../helpers';

const TZ = 'Africa/Kampala';

/** Calls as the owner; the tests move the clock by days, so a locked session signs in again first. */
async function ok<T>(app: TestApp, name: string, input: unknown = null): Promise<T> {
  let res = await app.call(name, input);
  if (!res.ok && (res.error.code === 'LOCKED' || res.error.code === 'UNAUTHENTICATED')) {
    await signInAs(app.call, DEMO.owner, DEMO.ownerPin);
    res = await app.call(name, input);
  }
  if (!res.ok) throw new Error(`${name}: ${res.error.code} ${res.error.message}`);
  return res.data as T;
}

/** A ledger written directly (the write side has its own tests): entries at the clock's time, allocations by hand. */
function ledger(app: TestApp) {
  const deps = { ...app, newId: uuidv7Source(app.clock), tillId: () => 'till' };
  const entry = (customerId: string, kind: string, amount: number, extra: Record<string, unknown> = {}) =>
    postAccountEntry(deps, {
      customerId,
      kind: kind as never,
      amount,
      currency: 'UGX',
      documentNo: `${kind.slice(0, 3).toUpperCase()}-${Math.abs(amount)}`,
      ...extra,
    });
  const allocate = (customerId: string, debit: string, credit: string, amount: number) =>
    app.sqlite
      .prepare(
        `INSERT INTO account_allocations (id, customer_id, debit_entry_id, credit_entry_id, amount, staff_id, at, till_id)
         VALUES (?, ?, ?, ?, ?, NULL, ?, 'till')`,
      )
      .run(deps.newId(), customerId, debit, credit, amount, app.clock.now());
  return { entry, allocate };
}

async function newCustomer(app: TestApp, firstName: string, extra: Record<string, unknown> = {}) {
  const res = await ok<{ customer: { id: string } }>(app, 'customers.create', {
    type: 'individual',
    firstName,
    lastName: 'Debtor',
    ...extra,
  });
  return res.customer.id;
}

const balanceBefore = (app: TestApp, customerId: string, t: number) =>
  (
    app.sqlite
      .prepare('SELECT coalesce(sum(amount), 0) AS n FROM account_entries WHERE customer_id = ? AND at < ?')
      .get(customerId, t) as { n: number }
  ).n;

describe('aging, debtors and statements over the account ledger', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = makeTestApp();
    app.services.system.createDemoShop();
    await signInAs(app.call, DEMO.owner, DEMO.ownerPin);
  });
  afterAll(() => app.dispose());

  it('puts a part-paid invoice in 31–60 days as of 45 days after its due date, and a refund pays the oldest invoice', async () => {
    const c = await newCustomer(app, 'Aging');
    const { entry, allocate } = ledger(app);
    app.clock.set(Date.UTC(2026, 2, 1, 9));
    const inv1 = entry(c, 'invoice', 100_000, { dueAt: app.clock.now() });
    app.clock.advance(DAY_MS);
    const pay = entry(c, 'payment', -40_000);
    allocate(c, inv1, pay, 40_000);
    app.clock.advance(10 * DAY_MS);
    entry(c, 'invoice', 30_000, { dueAt: app.clock.now() + 30 * DAY_MS });
    // a refund written before allocations existed: it pays the oldest open invoice
    entry(c, 'refund', -10_000);
    const detail = await ok<AgingDetail>(app, 'debts.agingOf', { customerId: c, asOf: '2026-04-15' });
    expect(detail.balance).toBe(80_000);
    // the first invoice is 45 days past due; the second fell due 4 days before
    expect(detail.buckets).toEqual({ current: 0, d1_30: 30_000, d31_60: 50_000, d61_90: 0, over90: 0 });
    expect(detail.items.map((i) => [i.open, i.daysPast, i.bucket])).toEqual([
      [50_000, 45, 'd31_60'],
      [30_000, 4, 'd1_30'],
    ]);
    const before = await ok<AgingDetail>(app, 'debts.agingOf', { customerId: c, asOf: '2026-04-10' });
    expect(before.buckets).toEqual({ current: 30_000, d1_30: 0, d31_60: 50_000, d61_90: 0, over90: 0 });
    // by invoice date the second invoice is 34 days old
    const byInvoice = await ok<AgingDetail>(app, 'debts.agingOf', {
      customerId: c,
      asOf: '2026-04-15',
      basis: 'invoice',
    });
    expect(byInvoice.buckets).toEqual({ current: 0, d1_30: 0, d31_60: 80_000, d61_90: 0, over90: 0 });
    // before the payment: the whole first invoice was open
    const early = await ok<AgingDetail>(app, 'debts.agingOf', { customerId: c, asOf: '2026-03-01' });
    expect(early.buckets.current).toBe(100_000);
  });

  it('a customer in credit shows the credit as a negative Current, and aging totals equal the sum of balances', async () => {
    const c = await newCustomer(app, 'Credit');
    ledger(app).entry(c, 'payment', -25_000);
    const r = await ok<AgingReport>(app, 'debts.aging', { limit: 500 });
    const row = r.customers.find((x) => x.id === c);
    expect(row).toMatchObject({ balance: -25_000, current: -25_000, d1_30: 0, over90: 0 });
    expect(r.totals.balance).toBe(r.customers.reduce((n, x) => n + x.balance, 0));
    for (const k of AGING_BUCKETS) expect(r.totals[k]).toBe(r.customers.reduce((n, x) => n + x[k], 0));
    expect(r.customerCount).toBe(r.customers.length);
  });

  it('property: Σ buckets = balance at the as-of date for every customer, the same read in slices of any size, open amounts within their debits, statement closing = opening + Σ period entries = balance at the end', async () => {
    const ids = [await newCustomer(app, 'P1'), await newCustomer(app, 'P2'), await newCustomer(app, 'P3')];
    const { entry, allocate } = ledger(app);
    const debits = new Map<string, Array<{ id: string; open: number }>>(ids.map((id) => [id, []]));
    const op = fc.record({
      who: fc.nat(2),
      kind: fc.constantFrom('invoice', 'invoice', 'payment', 'refund', 'void', 'opening'),
      amount: fc.integer({ min: 1, max: 90_000 }),
      days: fc.nat(20),
      allocatePart: fc.constantFrom(0, 0.5, 1),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 12 }), fc.nat(200), async (ops, probe) => {
        const started = app.clock.now();
        for (const o of ops) {
          app.clock.advance(o.days * DAY_MS + 1000);
          const c = ids[o.who] as string;
          const open = debits.get(c) as Array<{ id: string; open: number }>;
          if (o.kind === 'invoice' || o.kind === 'opening') {
            const id = entry(c, o.kind, o.amount, { dueAt: app.clock.now() + (o.days % 3) * 15 * DAY_MS });
            open.push({ id, open: o.amount });
          } else if (o.kind === 'void') {
            const d = open.find((x) => x.open > 0);
            if (!d) continue;
            entry(c, 'void', -d.open, { reversesId: d.id });
            d.open = 0;
          } else {
            const credit = entry(c, o.kind, -o.amount);
            let left = Math.floor(o.amount * o.allocatePart);
            for (const d of open) {
              const x = Math.min(left, d.open);
              if (x <= 0) continue;
              allocate(c, d.id, credit, x);
              d.open -= x;
              left -= x;
            }
          }
        }
        const asOfMs = started + probe * DAY_MS;
        const asOf = new Date(asOfMs + 3 * 3600_000).toISOString().slice(0, 10);
        const end = dayEnd(asOf, TZ);
        const r = await ok<AgingReport>(app, 'debts.aging', { asOf, limit: 500 });
        // a report read in slices (one customer with many entries, or many with few, per slice) reads the same items
        const whole = openItemsAll(app.sqlite, end);
        for (const entries of [1, 3, 1000]) expect(await openItemsAllSliced(app.sqlite, end, entries)).toEqual(whole);
        for (const c of ids) {
          const expected = balanceBefore(app, c, end);
          const row = r.customers.find((x) => x.id === c);
          const sum = row ? AGING_BUCKETS.reduce((n, k) => n + row[k], 0) : 0;
          expect(row?.balance ?? 0).toBe(expected);
          expect(sum).toBe(expected);
          const d = await ok<AgingDetail>(app, 'debts.agingOf', { customerId: c, asOf });
          for (const item of d.items) {
            expect(item.open).toBeGreaterThan(0);
            expect(item.open).toBeLessThanOrEqual(item.amount);
          }
          const from = new Date(asOfMs - 40 * DAY_MS).toISOString().slice(0, 10);
          const st = await ok<Statement>(app, 'debts.statement', { customerId: c, from, to: asOf });
          expect(st.opening).toBe(balanceBefore(app, c, dayStart(from, TZ)));
          expect(st.closing).toBe(st.opening + st.lines.reduce((n, l) => n + l.debit - l.credit, 0));
          expect(st.closing).toBe(expected);
          expect(AGING_BUCKETS.reduce((n, k) => n + st.aging[k], 0)).toBe(expected);
        }
      }),
      { numRuns: 20 },
    );
  }, 120_000);

  it('pages debtors by balance without repeats or gaps, and filters by overdue bucket', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let count = 0;
    do {
      const page = await ok<{ rows: Array<{ id: string; balance: number }>; nextCursor: string | null; count: number }>(
        app,
        'debts.debtors',
        { limit: 2, cursor },
      );
      count = page.count;
      seen.push(...page.rows.map((r) => r.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(count);
    const balances = app.sqlite.prepare('SELECT count(*) AS n FROM customers WHERE balance <> 0').get() as {
      n: number;
    };
    expect(count).toBe(balances.n);
    const credit = await ok<{ rows: Array<{ balance: number }> }>(app, 'debts.debtors', { overdue: 'credit' });
    expect(credit.rows.length).toBeGreaterThan(0);
    expect(credit.rows.every((r) => r.balance < 0)).toBe(true);
    const old = await ok<{ rows: Array<{ overdue: number; oldestDueAt: number }> }>(app, 'debts.debtors', {
      sort: 'oldestDue',
      overdue: 'overdue',
    });
    expect(old.rows.every((r) => r.overdue > 0)).toBe(true);
    const dues = old.rows.map((r) => r.oldestDueAt);
    expect(dues).toEqual([...dues].sort((a, b) => a - b));
  });

  it('before the debtor book is built, the default list comes from the cached balances with the same rows, order, cursors and totals', async () => {
    const end = app.clock.now() + DAY_MS;
    const q = (cursor?: string) => DebtorsQuery.parse({ limit: 2, ...(cursor ? { cursor } : {}) });
    const built = new DebtorBook(app.sqlite);
    await built.current();
    let cursor: string | undefined;
    let pages = 0;
    do {
      const fresh = new DebtorBook(app.sqlite); // never built: the page comes from customers.balance
      const fromCache = await debtorsPage(app.sqlite, fresh, q(cursor), end);
      expect(fresh.ready).toBe(false);
      expect(fromCache).toEqual(await debtorsPage(app.sqlite, built, q(cursor), end));
      cursor = fromCache.nextCursor ?? undefined;
      pages++;
    } while (cursor);
    expect(pages).toBeGreaterThan(1);
  });

  it('after a merge the kept debtor book moves the debt to the survivor, the same as a book built afresh', async () => {
    const keep = await newCustomer(app, 'Survivor');
    const dup = await newCustomer(app, 'Duplicate');
    const { entry } = ledger(app);
    entry(keep, 'invoice', 40_000, { dueAt: app.clock.now() });
    entry(dup, 'invoice', 25_000, { dueAt: app.clock.now() });
    entry(dup, 'payment', -10_000);
    const book = app.services.debtReports.book;
    expect((await book.current()).get(dup)?.balance).toBe(15_000);
    await ok(app, 'customers.merge', { survivorId: keep, otherId: dup });
    const after = await book.current();
    expect(after.has(dup)).toBe(false);
    expect(after.get(keep)?.balance).toBe(55_000);
    expect(after).toEqual(await new DebtorBook(app.sqlite).current());
  });

  it('writes a statement PDF whose text has the opening balance, each entry and the closing balance', async () => {
    const c = await newCustomer(app, 'Statement');
    const { entry } = ledger(app);
    app.clock.set(Date.UTC(2027, 0, 10, 9));
    entry(c, 'opening', 12_000);
    app.clock.set(Date.UTC(2027, 1, 3, 9));
    entry(c, 'invoice', 56_700, { dueAt: Date.UTC(2027, 2, 5) });
    app.clock.set(Date.UTC(2027, 1, 20, 9));
    entry(c, 'payment', -20_000);
    await ok(app, 'debts.saveSettings', {
      alerts: { overLimit: true, overdueDays: 30, balanceAbove: null },
      paymentInstructions: 'MTN Mobile Money 0772 000111',
    });
    const file = await ok<{ base64: string; fileName: string }>(app, 'debts.statementPdf', {
      customerId: c,
      from: '2027-02-01',
      to: '2027-02-28',
    });
    const path = join(app.dir, file.fileName);
    writeFileSync(path, Buffer.from(file.base64, 'base64'));
    const text = execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
    expect(text).toContain('STATEMENT OF ACCOUNT');
    expect(text).toMatch(/Balance brought forward\s+12,000/);
    expect(text).toMatch(/2027-02-03\s+Invoice INV-56700 \(due 2027-03-05\)\s+56,700\s+68,700/);
    expect(text).toMatch(/2027-02-20\s+Payment, thank you PAY-20000\s+20,000\s+48,700/);
    expect(text).toMatch(/Closing balance\s+48,700/);
    expect(text).toContain('MTN Mobile Money 0772 000111');
    // the same statement gives the same bytes
    const again = await ok<{ base64: string }>(app, 'debts.statementPdf', {
      customerId: c,
      from: '2027-02-01',
      to: '2027-02-28',
    });
    expect(again.base64).toBe(file.base64);
  });

  it('queues the statement for the receipt printer, whose template prints the closing balance and the aging', async () => {
    const c = await newCustomer(app, 'Thermal');
    ledger(app).entry(c, 'invoice', 33_000, { dueAt: app.clock.now() });
    const today = new Date(app.clock.now() + 3 * 3600_000).toISOString().slice(0, 10);
    const { printJobId } = await ok<{ printJobId: string }>(app, 'debts.statementPrint', { customerId: c, to: today });
    const job = app.sqlite.prepare('SELECT template, data FROM print_jobs WHERE id = ?').get(printJobId) as {
      template: string;
      data: string;
    };
    expect(job.template).toBe('statement');
    const blocks = renderTemplate(job.template, JSON.parse(job.data));
    const text = blocks.map((b) => ('text' in b ? b.text : 'left' in b ? `${b.left} ${b.right}` : '')).join('\n');
    expect(text).toContain('STATEMENT OF ACCOUNT');
    expect(text).toContain('Thermal Debtor');
    expect(text).toMatch(/BALANCE UGX 33,000/);
    expect(text).toMatch(/Current 33,000/);
  });

  it('prepares a WhatsApp reminder only for a customer who agreed to WhatsApp', async () => {
    const yes = await newCustomer(app, 'Wa', { phones: [{ number: '0772 123456' }], consentWhatsapp: true });
    const no = await newCustomer(app, 'NoWa', { phones: [{ number: '0772 654321' }], email: 'no@example.com' });
    ledger(app).entry(yes, 'invoice', 15_000, { dueAt: app.clock.now() });
    ledger(app).entry(no, 'invoice', 15_000, { dueAt: app.clock.now() });
    const r1 = await ok<{ text: string; whatsappUrl: string | null; mailtoUrl: string | null }>(app, 'debts.reminder', {
      customerId: yes,
    });
    expect(r1.text).toContain('15,000');
    expect(r1.text).toContain('Mama Rose Grocery');
    expect(r1.whatsappUrl).toMatch(/^https:\/\/wa\.me\/256772123456\?text=Hello%20Wa%20Debtor/);
    const r2 = await ok<{ whatsappUrl: string | null; mailtoUrl: string | null }>(app, 'debts.reminder', {
      customerId: no,
    });
    expect(r2.whatsappUrl).toBeNull();
    expect(r2.mailtoUrl).toBeNull();
  });

  it('exports debtors as CSV with one row per debtor', async () => {
    const file = await ok<{ base64: string; rows: number }>(app, 'debts.export', { what: 'debtors', format: 'csv' });
    const bytes = Buffer.from(file.base64, 'base64');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').trim().split('\r\n');
    expect(lines[0]).toBe('Customer,Phone,Category,Balance (UGX),Overdue (UGX),Oldest due,Credit limit (UGX)');
    expect(lines.length - 1).toBe(file.rows);
    const aging = await ok<{ base64: string; rows: number }>(app, 'debts.export', { what: 'aging', format: 'xlsx' });
    expect(Buffer.from(aging.base64, 'base64').subarray(0, 2).toString()).toBe('PK');
  });
});

describe('debt alerts', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = makeTestApp();
    app.services.system.createDemoShop();
    await signInAs(app.call, DEMO.owner, DEMO.ownerPin);
  });
  afterAll(() => app.dispose());

  it('raises overdue, over-limit and above-amount alerts; snooze hides one until it ends, dismiss until the account moves; both audited', async () => {
    const c = await newCustomer(app, 'Alert', { creditLimit: 50_000 });
    const { entry } = ledger(app);
    entry(c, 'invoice', 60_000, { dueAt: app.clock.now() });
    await ok(app, 'debts.saveSettings', {
      alerts: { overLimit: true, overdueDays: 30, balanceAbove: 55_000 },
      paymentInstructions: '',
    });
    const rules = async () => (await ok<DebtAlert[]>(app, 'debts.alertsFor', { customerId: c })).map((a) => a.rule);
    expect(await rules()).toEqual(['overLimit', 'balanceAbove']);
    app.clock.advance(45 * DAY_MS);
    expect(await rules()).toEqual(['overLimit', 'overdueDays', 'balanceAbove']);
    const list = await ok<{ count: number; rows: DebtAlert[] }>(app, 'debts.alerts', {});
    expect(list.rows.filter((a) => a.customerId === c)).toHaveLength(3);

    await ok(app, 'debts.ackAlert', { customerId: c, rule: 'overdueDays', action: 'snooze', days: 3 });
    await ok(app, 'debts.ackAlert', { customerId: c, rule: 'balanceAbove', action: 'dismiss' });
    expect(await rules()).toEqual(['overLimit']);
    app.clock.advance(4 * DAY_MS);
    expect(await rules()).toEqual(['overLimit', 'overdueDays']);
    entry(c, 'invoice', 1_000, { dueAt: app.clock.now() + 30 * DAY_MS });
    expect(await rules()).toEqual(['overLimit', 'overdueDays', 'balanceAbove']);
    const audit = app.sqlite
      .prepare("SELECT action FROM audit_log WHERE action LIKE 'debtAlert.%' ORDER BY at")
      .all() as Array<{ action: string }>;
    expect(audit.map((a) => a.action)).toEqual(['debtAlert.snooze', 'debtAlert.dismiss']);
  });

  it('shows the daily summary of newly overdue invoices once per shop day', async () => {
    const c = await newCustomer(app, 'Summary');
    ledger(app).entry(c, 'invoice', 7_000, { dueAt: app.clock.now() + 2 * DAY_MS });
    const first = await ok<{ show: boolean; newlyOverdue: unknown[] }>(app, 'debts.dailySummary');
    expect(first.show).toBe(true);
    expect((await ok<{ show: boolean }>(app, 'debts.dailySummary')).show).toBe(false);
    app.clock.advance(3 * DAY_MS);
    const later = await ok<{ show: boolean; newlyOverdue: Array<{ customerId: string; open: number }> }>(
      app,
      'debts.dailySummary',
    );
    expect(later.show).toBe(true);
    expect(later.newlyOverdue).toEqual([expect.objectContaining({ customerId: c, open: 7_000 })]);
  });
});
