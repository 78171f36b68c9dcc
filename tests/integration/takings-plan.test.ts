import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO, makeTestApp, signInAs, type TestApp } from '../helpers';

/**
 * Daily takings over a year must stay fast with a till or staff filter too (issue 20: one cashier's year took 2.25 s
 * on the reference shop because the staff filter left the covering index and sorted every payment). The statements
 * `reports.takings` prepares are caught on their way to SQLite and their plans read back: payments and sales are read
 * from a covering index, narrowed by the filter or not, and never sorted row by row.
 */
/** the indexes migration 0021 adds for the takings */
const TAKINGS_INDEXES = [
  ...readFileSync(join(__dirname, '../../src/main/db/migrations/0021_takings_indexes.sql'), 'utf8').matchAll(
    /CREATE INDEX `([^`]+)`/g,
  ),
].map((m) => m[1] as string);

describe('daily takings read covering indexes, with or without a till or staff filter', () => {
  let app: TestApp;
  beforeEach(async () => {
    app = makeTestApp();
    app.services.system.createDemoShop();
    await signInAs(app.call, DEMO.manager, DEMO.managerPin);
  });
  afterEach(() => app.dispose());

  /** the plans of the statements on payments and sales that the calls prepare */
  const plansOf = async (input: Record<string, unknown>, procedure = 'reports.takings') =>
    plansDuring(async () => {
      const res = await app.call(procedure, { from: '2025-01-01', to: '2025-12-31', ...input });
      expect(res.ok).toBe(true);
    });
  const plansDuring = async (run: () => Promise<void>) => {
    const prepared: string[] = [];
    const prepare = app.sqlite.prepare.bind(app.sqlite);
    app.sqlite.prepare = ((sql: string) => {
      prepared.push(sql);
      return prepare(sql);
    }) as typeof app.sqlite.prepare;
    try {
      await run();
    } finally {
      app.sqlite.prepare = prepare;
    }
    return prepared
      .filter((sql) => /\b(payments|sales_orders)\b/.test(sql))
      .map((sql) => {
        const params = (sql.match(/\?/g) ?? []).length;
        const plan = (
          prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...Array(params).fill(null)) as Array<{ detail: string }>
        ).map((r) => r.detail);
        return { sql, plan };
      });
  };

  it.each([
    ['the whole shop', []],
    ['one till', ['tillId']],
    ['one member of staff', ['staffId']],
    ['one member of staff on one till', ['tillId', 'staffId']],
  ])('%s', async (_what, by) => {
    const ids = {
      tillId: (app.sqlite.prepare('SELECT id FROM tills LIMIT 1').get() as { id: string }).id,
      staffId: (app.sqlite.prepare("SELECT id FROM staff WHERE role = 'cashier' LIMIT 1").get() as { id: string }).id,
    };
    const plans = await plansOf(Object.fromEntries(by.map((k) => [k, ids[k as keyof typeof ids]])));
    expect(plans.length).toBeGreaterThanOrEqual(2); // the payments and the sales count at least
    for (const { sql, plan } of plans) {
      const reads = plan.filter((p) => /^(SCAN|SEARCH) (x|p|payments|sales_orders)\b/.test(p));
      expect(reads.length, sql).toBeGreaterThan(0);
      for (const p of reads) expect(p, sql).toMatch(/USING COVERING INDEX/);
      expect(plan.join('\n'), sql).not.toMatch(/TEMP B-TREE/);
    }
  });

  it('the other reports and the shift figures keep their own plans: the takings indexes serve only the takings', async () => {
    expect(TAKINGS_INDEXES.length).toBe(3);
    for (const [procedure, extra] of [
      ['reports.salesBy', { by: 'product' }],
      ['reports.salesBy', { by: 'staff' }],
      ['reports.peaks', {}],
      ['reports.basket', {}],
      ['reports.discounts', {}],
      ['reports.taxes', {}],
      ['reports.stock', {}],
    ] as const)
      for (const { sql, plan } of await plansOf(extra, procedure))
        for (const name of TAKINGS_INDEXES) expect(plan.join('\n'), sql).not.toContain(name);
    // a shift's figures (its X report) read the till's sales, voids and payments by time
    const figures = await plansDuring(async () => {
      for (const [name, input] of [
        ['shifts.open', { float: { amount: 0 } }],
        ['shifts.current', null],
      ] as const) {
        const res = await app.call(name, input);
        expect(res.ok, name).toBe(true);
      }
    });
    expect(figures.length).toBeGreaterThan(0);
    for (const { sql, plan } of figures)
      for (const name of TAKINGS_INDEXES) expect(plan.join('\n'), sql).not.toContain(name);
  });
});
