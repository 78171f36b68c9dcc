import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/main/app';
import { postAccountEntry } from '../../src/main/domains/ledgers/account';
import { DAY_MS, testClock } from '../../src/shared/clock';
import { seededRandom, uuidv7Source } from '../../src/shared/ids';

const cli = (...args: string[]) => spawnSync(process.execPath, ['bin/counterline.mjs', ...args], { encoding: 'utf8' });

/** The debt commands against a demo shop with two debtors written straight into the ledger. */
describe('counterline report aging / export debtors / statement', { timeout: 90_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'counterline-debts-cli-'));
  let owes = '';
  beforeAll(() => {
    const clock = testClock(Date.UTC(2026, 0, 5, 9));
    const app = createApp({ dataDir: dir, clock, newId: uuidv7Source(clock, seededRandom(3)), log: () => {} });
    try {
      app.services.system.createDemoShop();
      const actor = { id: null, name: 'test' };
      const a = app.services.customers.create(actor, { type: 'individual', firstName: 'Okello', lastName: 'Owes' });
      const b = app.services.customers.create(actor, { type: 'individual', firstName: 'Nana', lastName: 'Credit' });
      owes = a.customer.id;
      const deps = { ...app, newId: uuidv7Source(clock), tillId: () => 'till' };
      const post = (customerId: string, kind: 'invoice' | 'payment', amount: number, dueAt?: number) =>
        app.sqlite.transaction(() =>
          postAccountEntry(deps, { customerId, kind, amount, currency: 'UGX', documentNo: `D-${amount}`, dueAt }),
        )();
      post(owes, 'invoice', 90_000, clock.now() + 7 * DAY_MS);
      clock.advance(20 * DAY_MS);
      post(owes, 'payment', -30_000);
      post(b.customer.id, 'payment', -5_000);
    } finally {
      app.close();
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('report aging --json prints the documented shape in minor units, buckets summing to each balance', () => {
    const res = cli('report', 'aging', '--as-of', '2026-02-28', '--json', '--data-dir', dir);
    expect(res.stderr).toBe('');
    expect(res.status).toBe(0);
    const out = JSON.parse(res.stdout);
    expect(Object.keys(out)).toEqual(['asOf', 'currency', 'totals', 'customers']);
    expect(out.asOf).toBe('2026-02-28');
    expect(out.currency).toBe('UGX');
    expect(out.totals).toEqual({ current: -5_000, d1_30: 0, d31_60: 60_000, d61_90: 0, over90: 0, balance: 55_000 });
    expect(out.customers).toEqual([
      { id: owes, name: 'Okello Owes', balance: 60_000, current: 0, d1_30: 0, d31_60: 60_000, d61_90: 0, over90: 0 },
      expect.objectContaining({ name: 'Nana Credit', balance: -5_000, current: -5_000 }),
    ]);
  });

  it('report aging refuses a date it cannot read, with a usage line and exit 2', () => {
    const res = cli('report', 'aging', '--as-of', '28/02/2026', '--data-dir', dir);
    expect(res.status).toBe(2);
    expect(res.stderr).toMatch(/--as-of must be a date as YYYY-MM-DD/);
  });

  it('export debtors FILE writes every debtor', () => {
    const file = join(dir, 'debtors.csv');
    const res = cli('export', 'debtors', file, '--data-dir', dir);
    expect(res.status).toBe(0);
    expect(res.stdout).toMatch(/Exported 2 debtors/);
    const lines = readFileSync(file, 'utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[1]).toMatch(/^Okello Owes,,,60000,60000,2026-01-12,/);
  });

  it('statement CUSTOMER_ID writes an A4 PDF with opening, entries and closing; --all writes one per debtor', () => {
    const file = join(dir, 'st.pdf');
    const res = cli('statement', owes, '--from', '2026-01-01', '--to', '2026-01-31', '--out', file, '--data-dir', dir);
    expect(res.stderr).toBe('');
    expect(res.status).toBe(0);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toMatch(/Balance brought forward\s+0/);
    expect(text).toMatch(/Invoice D-90000 \(due 2026-01-12\)\s+90,000\s+90,000/);
    expect(text).toMatch(/Payment, thank you D--30000\s+30,000\s+60,000/);
    expect(text).toMatch(/Closing balance\s+60,000/);
    const out = join(dir, 'all');
    const all = cli(
      'statement',
      '--all',
      '--from',
      '2026-01-01',
      '--to',
      '2026-01-31',
      '--out',
      out,
      '--data-dir',
      dir,
    );
    expect(all.status).toBe(0);
    expect(existsSync(out) && readdirSync(out)).toHaveLength(1);
  });
});
