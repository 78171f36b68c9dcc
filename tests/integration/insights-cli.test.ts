import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp } from '../helpers';
import { insightsShop, kampala } from './insights-fixture';

const cli = (...args: string[]) => spawnSync(process.execPath, ['bin/counterline.mjs', ...args], { encoding: 'utf8' });
const P = 4_500;

/** The insights reports from the built command line, against a demo shop whose sales went through the real till. */
describe('counterline report top-customers / inactive-customers / new-vs-returning / customer-sales / rfm', {
  timeout: 90_000,
}, () => {
  const app = makeTestApp();
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    const s = await insightsShop(app);
    ids.amina = await s.customer('Amina');
    ids.brian = await s.customer('Brian');
    const first = await s.sale(ids.amina, 4, kampala('2026-01-05', '10:00'));
    await s.sale(ids.amina, 2, kampala('2026-03-01', '23:30'));
    await s.sale(ids.brian, 3, kampala('2026-03-02', '00:15')); // 1 March 21:15 UTC
    await s.refund(first, 1, kampala('2026-03-03'));
    await s.sale(null, 10, kampala('2026-03-03')); // a walk-in
    app.close();
  });
  afterAll(() => rmSync(app.dir, { recursive: true, force: true }));
  const run = (...args: string[]) => cli('report', ...args, '--data-dir', app.dir);
  const json = (...args: string[]) => {
    const res = run(...args, '--json');
    expect(res.stderr).toBe('');
    expect(res.status).toBe(0);
    return JSON.parse(res.stdout);
  };

  it('top-customers --json prints {asOf, days, currency, customers:[{id, name, spend, orders}]} in minor units', () => {
    const out = json('top-customers', '--as-of', '2026-03-03', '--days', '7');
    expect(out).toEqual({
      asOf: '2026-03-03',
      days: 7,
      currency: 'UGX',
      customers: [
        { id: ids.brian, name: 'Brian Shopper', spend: 3 * P, orders: 1 },
        // 2 pieces bought in the window, 1 refunded in it (the refunded sale was in January)
        { id: ids.amina, name: 'Amina Shopper', spend: P, orders: 1 },
      ],
    });
    expect(json('top-customers', '--as-of', '2026-03-03', '--days', '90', '--limit', '1').customers).toEqual([
      { id: ids.amina, name: 'Amina Shopper', spend: 5 * P, orders: 2 },
    ]);
  });

  it('inactive-customers --json prints {asOf, customers:[{id, name, spend, lastPurchaseAt, daysSinceLastPurchase}]}', () => {
    const out = json('inactive-customers', '--as-of', '2026-05-01', '--quiet-days', '60');
    expect(out).toEqual({
      asOf: '2026-05-01',
      customers: [
        { id: ids.amina, name: 'Amina Shopper', spend: 5 * P, lastPurchaseAt: '2026-03-01', daysSinceLastPurchase: 61 },
      ],
    });
    expect(json('inactive-customers', '--as-of', '2026-05-01', '--top', '50%').customers).toHaveLength(1);
  });

  it('new-vs-returning --json prints {periods:[…]} by month, ISO week or day', () => {
    expect(json('new-vs-returning', '--from', '2026-01-01', '--to', '2026-03-31')).toEqual({
      periods: [
        { period: '2026-01', newOrders: 1, newSales: 4 * P, returningOrders: 0, returningSales: 0, loyaltyPercent: 0 },
        { period: '2026-02', newOrders: 0, newSales: 0, returningOrders: 0, returningSales: 0, loyaltyPercent: null },
        {
          period: '2026-03',
          newOrders: 1,
          newSales: 3 * P,
          returningOrders: 1,
          returningSales: 2 * P,
          loyaltyPercent: 40,
        },
      ],
    });
    const weeks = json('new-vs-returning', '--from', '2026-03-01', '--to', '2026-03-02', '--by', 'week');
    // Sunday 1 March is in ISO week 9, Monday 2 March in week 10
    expect(weeks.periods.map((p: { period: string; newOrders: number }) => [p.period, p.newOrders])).toEqual([
      ['2026-W09', 0],
      ['2026-W10', 1],
    ]);
  });

  it('customer-sales --json gives a row per customer and the totals', () => {
    const out = json('customer-sales', '--from', '2026-03-01', '--to', '2026-03-31');
    expect(Object.keys(out)).toEqual(['from', 'to', 'currency', 'customers', 'totals']);
    expect(out.customers.map((c: { id: string; net: number }) => [c.id, c.net])).toEqual([
      [ids.brian, 3 * P],
      [ids.amina, P],
    ]);
    expect(out.totals).toMatchObject({ sales: 2, gross: 5 * P, refunds: P, net: 4 * P });
  });

  it('rfm --json gives scores, segments and the thresholds used', () => {
    const out = json('rfm', '--as-of', '2026-03-31');
    expect(out).toMatchObject({ asOf: '2026-03-31', days: 365, currency: 'UGX', scoring: 'fixed' });
    expect(out.customers.map((c: { id: string; frequency: number }) => [c.id, c.frequency])).toEqual([
      [ids.amina, 2],
      [ids.brian, 1],
    ]);
    expect(out.segments).toHaveLength(10);
  });

  it('says in plain words what is wrong with a date or an option, and exits 2', () => {
    const cases: Array<[string[], RegExp]> = [
      [['top-customers', '--as-of', '31/03/2026'], /--as-of must be a date on the calendar as YYYY-MM-DD/],
      [['top-customers', '--days', '45'], /--days must be one of 7, 30, 90, 180, 365, not 45/],
      [['top-customers', '--limit', 'ten'], /--limit must be a whole number/],
      [['new-vs-returning', '--from', '2026-02-30', '--to', '2026-03-01'], /--from must be a date on the calendar/],
      [['new-vs-returning', '--to', '2026-03-01'], /--from YYYY-MM-DD is needed/],
      [['new-vs-returning', '--from', '2026-03-02', '--to', '2026-03-01'], /--from 2026-03-02 is after --to/],
      [['new-vs-returning', '--from', '2026-03-01', '--to', '2026-03-02', '--by', 'year'], /--by must be day, week/],
      [['inactive-customers', '--top', '0%'], /--top as a percentage/],
      [['rfm', '--from', '2026-01-01'], /report rfm does not take --from/],
      [['rfm', '--colour'], /Unknown option '--colour'/],
    ];
    for (const [args, message] of cases) {
      const res = run(...args);
      expect([res.status, res.stdout], args.join(' ')).toEqual([2, '']);
      expect(res.stderr, args.join(' ')).toMatch(message);
    }
  });

  it('prints a table a person can read without --json', () => {
    const res = run('top-customers', '--as-of', '2026-03-03', '--days', '7');
    expect(res.status).toBe(0);
    expect(res.stdout).toMatch(/^Top customers over the 7 days to 2026-03-03 \(UGX\)/);
    expect(res.stdout).toMatch(/Brian Shopper\s+13,500\s+1/);
  });
});
