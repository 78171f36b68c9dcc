import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp } from '../helpers';
import { insightsShop, kampala } from './insights-fixture';

const cli = (...args: string[]) => spawnSync(process.execPath, ['bin/counterline.mjs', ...args], { encoding: 'utf8' });
const P = 4_500;
const addDays = (ymd: string, n: number) =>
  new Date(Date.parse(`${ymd}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** `report clv`, `report cohorts` and `report customer` from the built command line, on sales made through the till. */
describe('counterline report clv / cohorts / customer', { timeout: 120_000 }, () => {
  const app = makeTestApp();
  const ids: string[] = [];
  beforeAll(async () => {
    const s = await insightsShop(app);
    for (let k = 0; k < 12; k++) ids.push(await s.customer(`C${String(k).padStart(2, '0')}`));
    const events: Array<[number, string, number]> = [];
    for (let k = 0; k < 12; k++)
      for (
        let d = addDays('2026-01-05', k);
        d <= (k % 3 ? '2026-03-31' : '2026-02-15');
        d = addDays(d, 12 + 3 * (k % 4))
      )
        events.push([kampala(d, '11:00') + k * 60_000, ids[k] as string, 1 + (k % 3)]);
    events.sort((a, b) => a[0] - b[0]);
    for (const [at, who, pieces] of events) await s.sale(who, pieces, at);
    app.close();
  }, 120_000);
  afterAll(() => rmSync(app.dir, { recursive: true, force: true }));
  const run = (...args: string[]) => cli('report', ...args, '--data-dir', app.dir);
  const json = (...args: string[]) => {
    const res = run(...args, '--json');
    expect(res.stderr).toBe('');
    expect(res.status).toBe(0);
    return JSON.parse(res.stdout);
  };

  it('clv --json prints the model and the customers by predicted value, money in minor units', () => {
    const out = json('clv', '--as-of', '2026-03-31', '--limit', '5');
    expect(Object.keys(out)).toEqual(['asOf', 'currency', 'model', 'total', 'offset', 'customers']);
    expect(out).toMatchObject({ asOf: '2026-03-31', currency: 'UGX', total: 12, offset: 0 });
    expect(out.model.bgNbd).toEqual({
      r: expect.any(Number),
      alpha: expect.any(Number),
      a: expect.any(Number),
      b: expect.any(Number),
    });
    expect(out.customers).toHaveLength(5);
    for (const c of out.customers) {
      expect(Object.keys(c)).toEqual([
        'id',
        'name',
        'historic365',
        'historicAll',
        'expectedPurchases12m',
        'expectedAov',
        'predicted12m',
        'pAlive',
      ]);
      expect(Number.isInteger(c.predicted12m)).toBe(true);
      expect(c.historicAll % P).toBe(0);
    }
  });

  it('clv --holdout-days adds the holdout: expected against actual purchases, by frequency', () => {
    const out = json('clv', '--as-of', '2026-03-31', '--holdout-days', '30');
    expect(out.holdout).toMatchObject({ asOf: '2026-03-31', holdoutDays: 30, model: { calibrationEnd: '2026-03-01' } });
    expect(out.holdout.byFrequency).toHaveLength(8);
    expect(out.holdout.actual).toBeGreaterThan(0);
  });

  it('cohorts --json prints each month of first sales with its retention', () => {
    const out = json('cohorts', '--from', '2026-01', '--to', '2026-03');
    expect(out.cohorts.map((c: { month: string; customers: number }) => [c.month, c.customers])).toEqual([
      ['2026-01', 12],
      ['2026-02', 0],
      ['2026-03', 0],
    ]);
    // four of them stopped on 15 February, two of those before buying in February
    expect(out.cohorts[0].retention.map((x: { customers: number }) => x.customers)).toEqual([12, 10, 8]);
  });

  it('customer ID --json prints the one-customer analysis', () => {
    const out = json('customer', ids[1] as string, '--as-of', '2026-03-31');
    expect(out).toMatchObject({ customerId: ids[1], name: 'C01 Shopper', asOf: '2026-03-31', currency: 'UGX' });
    expect(out.favouriteProducts.byQuantity[0].name).toBe('Maize flour (posho) 1 kg');
    expect(out.rhythm.basis).toBe('own');
  });

  it('says what is wrong in plain words and exits 2, or 1 for a customer that does not exist', () => {
    const cases: Array<[string[], RegExp]> = [
      [['cohorts', '--from', '2026-1'], /--from must be a month as YYYY-MM/],
      [['cohorts', '--from', '2026-03', '--to', '2026-01'], /--from 2026-03 is after --to 2026-01/],
      [['clv', '--holdout-days', '2'], /--holdout-days must be a whole number from 7 to 730/],
      [['clv', '--days', '90'], /report clv does not take --days/],
      [['customer'], /Which customer\? Give their id/],
    ];
    for (const [args, message] of cases) {
      const res = run(...args);
      expect([res.status, res.stdout], args.join(' ')).toEqual([2, '']);
      expect(res.stderr, args.join(' ')).toMatch(message);
    }
    const missing = run('customer', '01900000-0000-7000-8000-00000000dead', '--json');
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/There is no customer with that id/);
  });

  it('prints tables a person can read without --json', () => {
    expect(run('clv', '--as-of', '2026-03-31', '--limit', '3').stdout).toMatch(
      /^Customer lifetime value as of 2026-03-31/,
    );
    expect(run('cohorts', '--from', '2026-01', '--to', '2026-02').stdout).toMatch(/2026-01\s+12\s+100%\s+83.3%/);
  });
});
