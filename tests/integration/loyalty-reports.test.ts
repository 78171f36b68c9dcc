import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Deps } from '../../src/main/domains/deps';
import { type NewPoints, postPoints } from '../../src/main/domains/loyalty/entries';
import { DEFAULT_PROGRAM } from '../../src/main/domains/loyalty/program';
import { EventBus } from '../../src/main/events';
import type { Customer } from '../../src/shared/contract/customers';
import type { LoyaltyProgram } from '../../src/shared/contract/loyalty';
import type { CustomerLoyalty, PointsReport } from '../../src/shared/contract/loyalty-reports';
import { seededRandom, uuidv7Source } from '../../src/shared/ids';
import { DEMO, makeTestApp, signInAs, type TestApp } from '../helpers';

const HOUR = 3_600_000;

describe('loyalty reports and the customer points history', () => {
  let app: TestApp;
  let deps: Deps;
  let op = 0;
  const ok = async <T>(name: string, input: unknown): Promise<T> => {
    const res = await app.call(name, input);
    if (!res.ok)
      throw new Error(`${name}: ${res.error.code} ${res.error.message} ${JSON.stringify(res.error.details)}`);
    return res.data as T;
  };
  const person = async (firstName: string) =>
    (await ok<{ customer: Customer }>('customers.create', { type: 'individual', firstName, lastName: 'Test' }))
      .customer;
  /** writes one ledger entry at a given instant, as the engine would */
  const post = (at: number, e: Omit<NewPoints, 'operationId' | 'staffId'>) => {
    app.clock.set(at);
    postPoints(deps, { ...e, operationId: `test:${op++}`, staffId: null });
  };
  const setProgram = async (patch: Partial<LoyaltyProgram>) =>
    ok('loyalty.setProgram', { ...DEFAULT_PROGRAM, enabled: true, ...patch });

  beforeEach(async () => {
    app = makeTestApp();
    app.services.system.createDemoShop(); // Africa/Kampala, UTC+3, UGX
    await signInAs(app.call, DEMO.owner, DEMO.ownerPin);
    const tillId = (app.sqlite.prepare('SELECT id FROM tills WHERE is_this_till = 1').get() as { id: string }).id;
    deps = {
      db: app.db,
      sqlite: app.sqlite,
      clock: app.clock,
      newId: uuidv7Source(app.clock, seededRandom(11)),
      events: new EventBus(),
      tillId: () => tillId,
    };
  });
  afterEach(() => app.dispose());

  it('sums points issued, redeemed, expired, taken back and adjusted per local day, with outstanding and liability', async () => {
    await setProgram({ redeem: { pointValue: 10, minPoints: 0, maxSharePercent: 100 } });
    const a = await person('Amina');
    const b = await person('Brian');
    post(Date.UTC(2025, 11, 31, 12), { customerId: a.id, kind: 'opening', points: 200 });
    post(Date.UTC(2026, 0, 5, 10), { customerId: a.id, kind: 'earn', points: 100 });
    // 22:30 UTC on the 5th is 01:30 on the 6th in Kampala: it counts on the 6th
    post(Date.UTC(2026, 0, 5, 22, 30), { customerId: b.id, kind: 'earn', points: 50 });
    post(Date.UTC(2026, 0, 6, 9), { customerId: a.id, kind: 'redeem', points: -30 });
    post(Date.UTC(2026, 0, 6, 10), { customerId: a.id, kind: 'redeem', points: 5 }); // given back on a refund
    post(Date.UTC(2026, 0, 6, 11), { customerId: b.id, kind: 'clawback', points: -10 });
    post(Date.UTC(2026, 0, 6, 12), { customerId: b.id, kind: 'adjust', points: 7, reason: 'goodwill' });
    post(Date.UTC(2026, 0, 6, 13), { customerId: a.id, kind: 'expire', points: -20 });
    post(Date.UTC(2026, 0, 6, 14), { customerId: b.id, kind: 'birthday', points: 25 });
    await signInAs(app.call, DEMO.owner, DEMO.ownerPin);

    const r = await ok<PointsReport>('loyaltyReports.points', { from: '2026-01-05', to: '2026-01-06', period: 'day' });
    expect(r.openingOutstanding).toBe(200);
    expect(r.rows).toEqual([
      {
        period: '2026-01-05',
        issued: 100,
        redeemed: 0,
        expired: 0,
        clawedBack: 0,
        adjusted: 0,
        outstanding: 300,
        liability: 3000,
      },
      {
        period: '2026-01-06',
        issued: 75,
        redeemed: 25,
        expired: 20,
        clawedBack: 10,
        adjusted: 7,
        outstanding: 327,
        liability: 3270,
      },
    ]);
    expect(r.totals).toMatchObject({ issued: 175, redeemed: 25, outstanding: 327, liability: 3270 });
    // outstanding today is every customer's balance added up
    const cached = app.sqlite.prepare('SELECT sum(points_balance) AS s FROM customers').get() as { s: number };
    expect(r.totals.outstanding).toBe(cached.s);

    const months = await ok<PointsReport>('loyaltyReports.points', {
      from: '2025-12-01',
      to: '2026-01-31',
      period: 'month',
    });
    expect(months.rows.map((x) => [x.period, x.issued, x.outstanding])).toEqual([
      ['2025-12', 200, 200],
      ['2026-01', 175, 327],
    ]);
  });

  it('agrees with the ledger for any entries: totals are the ledger sums, outstanding the running sum', async () => {
    const a = await person('Amina');
    const kinds = ['earn', 'redeem', 'expire', 'adjust', 'clawback', 'birthday', 'opening'] as const;
    const start = Date.UTC(2026, 2, 1);
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            hours: fc.integer({ min: -48, max: 24 * 40 }),
            kind: fc.constantFrom(...kinds),
            points: fc.integer({ min: 1, max: 500 }),
          }),
          { maxLength: 25 },
        ),
        async (entries) => {
          // runs add to the same ledger: every check is against the whole ledger, so earlier runs are part of it
          for (const e of entries) {
            const sign: number = e.kind === 'redeem' || e.kind === 'expire' || e.kind === 'clawback' ? -1 : 1;
            post(start + e.hours * HOUR, { customerId: a.id, kind: e.kind, points: sign * e.points });
          }
          const r = app.services.loyaltyReports.points({ from: '2026-03-01', to: '2026-03-31', period: 'day' });
          const first = Date.UTC(2026, 2, 1) - 3 * HOUR;
          const last = Date.UTC(2026, 3, 1) - 3 * HOUR;
          const sum = (where: string, ...args: unknown[]) =>
            (
              app.sqlite
                .prepare(`SELECT coalesce(sum(points), 0) AS s FROM points_entries WHERE ${where}`)
                .get(...args) as { s: number }
            ).s || 0; // -0 is 0
          const inRange = 'at >= ? AND at < ?';
          expect(r.openingOutstanding).toBe(sum('at < ?', first));
          expect(r.totals.issued).toBe(sum(`${inRange} AND kind IN ('earn','birthday','opening')`, first, last));
          expect(r.totals.redeemed).toBe(0 - sum(`${inRange} AND kind = 'redeem'`, first, last));
          expect(r.totals.expired).toBe(0 - sum(`${inRange} AND kind = 'expire'`, first, last));
          expect(r.totals.clawedBack).toBe(0 - sum(`${inRange} AND kind = 'clawback'`, first, last));
          expect(r.totals.outstanding).toBe(sum('at < ?', last));
          expect(r.rows).toHaveLength(31);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('exports the report as csv, xlsx and pdf with a total line', async () => {
    const a = await person('Amina');
    post(Date.UTC(2026, 0, 5, 10), { customerId: a.id, kind: 'earn', points: 1234 });
    await signInAs(app.call, DEMO.owner, DEMO.ownerPin);
    const q = { from: '2026-01-01', to: '2026-01-31', period: 'month' as const };
    const csv = await ok<{ base64: string; fileName: string }>('loyaltyReports.export', { ...q, format: 'csv' });
    const text = Buffer.from(csv.base64, 'base64').toString('utf8');
    expect(text).toContain('Period,Issued,Redeemed,Expired,Taken back,Adjusted,Outstanding,Liability (UGX)');
    expect(text).toContain('2026-01,1234,0,0,0,0,1234,12340');
    expect(text).toContain('Total,1234,0,0,0,0,1234,12340');
    const xlsx = await ok<{ base64: string }>('loyaltyReports.export', { ...q, format: 'xlsx' });
    expect(Buffer.from(xlsx.base64, 'base64').subarray(0, 2).toString()).toBe('PK');
    const pdf = await ok<{ base64: string; fileName: string }>('loyaltyReports.export', { ...q, format: 'pdf' });
    const file = join(app.dir, pdf.fileName);
    writeFileSync(file, Buffer.from(pdf.base64, 'base64'));
    const pdfText = execFileSync('pdftotext', ['-layout', file, '-']).toString();
    expect(pdfText).toMatch(/Total\s+1,234/);
    const audits = app.sqlite
      .prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'loyalty.exportPoints'")
      .get();
    expect(audits).toEqual({ n: 3 });
  });

  it('shows the customer history newest first with the balance after each entry, page after page', async () => {
    await setProgram({
      tiers: [
        { id: 'member', name: 'Member', thresholdSpend: 0, multiplierBp: 10_000 },
        { id: 'gold', name: 'Gold', thresholdSpend: 500_000, multiplierBp: 15_000 },
      ],
      expiry: { kind: 'months', months: 12 },
    });
    const a = await person('Amina');
    const expiresAt = Date.UTC(2027, 0, 31, 21) - 1;
    post(Date.UTC(2026, 0, 5, 10), { customerId: a.id, kind: 'earn', points: 100, expiresAt });
    post(Date.UTC(2026, 0, 6, 10), { customerId: a.id, kind: 'redeem', points: -40 });
    post(Date.UTC(2026, 0, 7, 10), { customerId: a.id, kind: 'adjust', points: 15, reason: 'welcome' });
    await signInAs(app.call, DEMO.owner, DEMO.ownerPin);
    const first = await ok<CustomerLoyalty>('loyaltyReports.customer', { customerId: a.id, limit: 2 });
    expect(first.balance).toBe(75);
    expect(first.rows.map((r) => [r.kind, r.points, r.balance, r.reason])).toEqual([
      ['adjust', 15, 75, 'welcome'],
      ['redeem', -40, 60, null],
    ]);
    expect(first.tier).toEqual({
      current: { id: 'member', name: 'Member' },
      spend: 0,
      windowMonths: 12,
      next: { name: 'Gold', threshold: 500_000, remaining: 500_000 },
    });
    // the 40 redeemed came out of the 100 earned: 60 of them expire, at the end of January next year
    expect(first.nextExpiry).toEqual({ points: 60, at: expiresAt });
    const second = await ok<CustomerLoyalty>('loyaltyReports.customer', {
      customerId: a.id,
      limit: 2,
      cursor: first.nextCursor,
    });
    expect(second.rows.map((r) => [r.kind, r.points, r.balance])).toEqual([['earn', 100, 100]]);
    expect(second.nextCursor).toBeNull();
  });
});
