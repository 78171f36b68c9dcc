import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/main/app';
import { DEMO_PRODUCTS } from '../../src/main/seed/products';
import type { ShiftReport } from '../../src/shared/contract/shifts';

/** a UTC calendar day around today, so the shop's day (Kampala) is inside the range */
const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
const cli = (...args: string[]) => spawnSync(process.execPath, ['bin/counterline.mjs', ...args], { encoding: 'utf8' });

describe('counterline shift open / close / z and report shift', { timeout: 120_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'counterline-shift-cli-'));
  beforeAll(() => {
    const app = createApp({ dataDir: dir, log: () => {} });
    app.services.system.createDemoShop();
    app.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('opens a shift, closes it short with a note, and prints, saves and reads back its Z report', () => {
    const opened = cli(
      'shift',
      'open',
      '--float',
      '50000',
      '--staff',
      'Aisha Namuli',
      '--pin',
      '1357',
      '--data-dir',
      dir,
    );
    expect(opened.stderr).toBe('');
    expect(opened.stdout).toMatch(/^Shift Z-000001 open on Till 1/);
    // a cash sale in between, through the app as the till would make it
    const app = createApp({ dataDir: dir, log: () => {} });
    const actor = { id: app.services.staff.roster()[0]?.id ?? null, name: 'test', role: 'owner' as const };
    const sugar = app.services.catalog.byBarcode(DEMO_PRODUCTS.find((p) => p.sku === 'MR-003')?.barcode as string);
    app.services.sales.complete(actor, {
      cart: { customerId: null, orderDiscount: null, lines: [{ productId: sugar?.id as string, qtyMilli: 2000 }] },
      payments: [{ method: 'cash', amount: 20_000 }],
      idempotencyKey: 'cli-shift-sale-1',
    });
    app.close();
    const noNote = cli(
      'shift',
      'close',
      '--counted',
      '55000',
      '--staff',
      'Aisha Namuli',
      '--pin',
      '1357',
      '--data-dir',
      dir,
    );
    expect(noNote.status).toBe(1);
    expect(noNote.stderr).toMatch(/UGX 5,000 short\. Write a note/);
    const closed = cli(
      ...['shift', 'close', '--counted', '55000', '--note', 'till roll money', '--staff', 'Aisha Namuli'],
      ...['--pin', '1357', '--data-dir', dir],
    );
    expect(closed.status).toBe(0);
    expect(closed.stdout).toMatch(/Z REPORT/);
    const list = JSON.parse(cli('shift', 'list', '--json', '--data-dir', dir).stdout) as {
      shifts: Array<{ id: string }>;
    };
    const id = list.shifts[0]?.id as string;
    const report = JSON.parse(cli('report', 'shift', id, '--json', '--data-dir', dir).stdout) as ShiftReport;
    expect(report.cash).toMatchObject({
      float: 50_000,
      sales: 10_000,
      expected: 60_000,
      counted: 55_000,
      difference: -5_000,
    });
    const pdf = join(dir, 'z.pdf');
    expect(cli('shift', 'z', id, '--pdf', pdf, '--data-dir', dir).status).toBe(0);
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    expect(text).toContain('Z REPORT');
    expect(text).toMatch(/Counted UGX\s+55,000/);
    expect(text).toMatch(/Short\s+-5,000/);
    const takings = JSON.parse(
      cli('report', 'takings', '--from', day(-1), '--to', day(1), '--by', 'payment', '--json', '--data-dir', dir)
        .stdout,
    ) as { totals: { orders: number; sales: Array<{ method: string; amount: number }> } };
    expect(takings.totals).toMatchObject({ orders: 1, sales: [{ method: 'cash', amount: 10_000 }] });
  });
});
