import { copyFileSync, mkdtempSync, rmSync, statSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../src/main/app';
import { backupName } from '../../src/main/domains/backups/files';
import { testClock } from '../../src/shared/clock';
import type { BackupInfo, RestoreOutcome } from '../../src/shared/contract/backups';
import type { Result } from '../../src/shared/errors';
import { books, DEMO, ledgerMismatches, signInAs } from '../helpers';

const dirs: string[] = [];
const apps: App[] = [];
afterEach(() => {
  for (const a of apps.splice(0)) a.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** The demo shop with its months of life in a real file, run as a long-running host runs it, staff signed in. */
async function runningShop() {
  const dir = mkdtempSync(join(tmpdir(), 'counterline-restore-'));
  dirs.push(dir);
  const app = createApp({ dataDir: dir, clock: testClock(Date.UTC(2026, 11, 6, 6)), log: () => {} });
  apps.push(app);
  app.services.system.createDemoShop({ life: true });
  app.startBackground();
  const call = (name: string, input: unknown, clientKey: string) => app.router.call(name, input, { clientKey });
  await signInAs(call, DEMO.owner, DEMO.ownerPin, 'office');
  await signInAs(call, DEMO.cashier, DEMO.cashierPin, 'till');
  await signInAs(call, DEMO.manager, DEMO.managerPin, 'manager');
  const product = app.sqlite.prepare("SELECT id, price FROM products WHERE sku = 'MR-003'").get() as {
    id: string;
    price: number;
  };
  /** a cash sale rung up at the till, through the same door the screens use */
  const sell = (key: string) =>
    call(
      'sales.complete',
      {
        cart: { customerId: null, lines: [{ productId: product.id, qtyMilli: 1000 }], orderDiscount: null },
        payments: [{ method: 'cash', amount: product.price }],
        idempotencyKey: key,
      },
      'till',
    );
  return { app, dir, call, sell };
}

function booksOf(file: string): string {
  const db = new Database(file, { readonly: true });
  try {
    return books(db);
  } finally {
    db.close();
  }
}
function saleKeys(db: { prepare(sql: string): { all(): unknown[] } }): Set<string> {
  return new Set(
    (db.prepare('SELECT idempotency_key AS k FROM sales_orders').all() as { k: string }[]).map((r) => r.k),
  );
}
function ok<T>(r: Result<unknown>): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.data as T;
}

describe('restore from the Backups screen while the till runs', () => {
  it('puts the backup in place: the ledgers as they were, the shop as it was kept aside, everyone signs in again', async () => {
    const { app, call, sell } = await runningShop();
    const backup = ok<BackupInfo>(await call('backups.create', null, 'office'));
    const atBackup = booksOf(backup.file);
    for (let n = 0; n < 5; n++) ok(await sell(`after-backup-${n}`));
    const later = books(app.sqlite);
    expect(later).not.toBe(atBackup);
    const seen: string[] = [];
    const stop = app.events.subscribe((name, payload) => {
      if (name === 'backups.restoreProgress') seen.push((payload as { step: string }).step);
      if (name === 'shop.restored') seen.push(`restored ${(payload as { name: string }).name}`);
    });

    const outcome = ok<RestoreOutcome>(await call('backups.restore', { file: backup.file }, 'office'));
    stop();

    expect(seen).toEqual(['check', 'keep', 'swap', 'upgrade', `restored ${backup.name}`]);
    expect(outcome).toMatchObject({ name: backup.name, at: backup.at, migrated: [] });
    expect(books(app.sqlite)).toBe(atBackup);
    expect(ledgerMismatches(app.sqlite)).toEqual({ stock: [], balances: [], points: [] });
    // nothing is lost: the shop as it was just before is a checked backup of its own, listed with the others
    expect(outcome.keptAside).toMatchObject({ reason: 'before-restore', ok: true });
    expect(booksOf(outcome.keptAside?.file as string)).toBe(later);
    // the staff and PINs are the backup's now: every screen signs in again
    for (const client of ['office', 'till'])
      expect(await call('customers.search', { limit: 1 }, client)).toMatchObject({
        ok: false,
        error: { code: 'UNAUTHENTICATED' },
      });
    await signInAs(call, DEMO.owner, DEMO.ownerPin, 'office');
    const list = ok<BackupInfo[]>(await call('backups.list', null, 'office'));
    expect(list.map((b) => b.name)).toEqual(expect.arrayContaining([backup.name, outcome.keptAside?.name]));
    // the restored shop says who restored what, and keeps working
    const audit = app.sqlite
      .prepare("SELECT actor_name AS who, note FROM audit_log WHERE action = 'backup.restore'")
      .all() as { who: string; note: string }[];
    expect(audit).toEqual([{ who: DEMO.owner, note: expect.stringContaining(backup.name) }]);
    await signInAs(call, DEMO.cashier, DEMO.cashierPin, 'till');
    ok(await sell('after-restore'));
  }, 120_000);

  it('keeps selling while the backup is checked, refuses in plain words while it swaps, and loses no sale', async () => {
    const { app, call, sell } = await runningShop();
    const backup = ok<BackupInfo>(await call('backups.create', null, 'office'));
    const atBackup = booksOf(backup.file);

    let done = false;
    const restoring = call('backups.restore', { file: backup.file }, 'office').finally(() => {
      done = true;
    });
    const sold: string[] = [];
    const refused: string[] = [];
    for (let n = 0; !done; n++) {
      const r = await sell(`during-restore-${n}`);
      if (r.ok) sold.push(`during-restore-${n}`);
      else refused.push(r.error.message);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    const outcome = ok<RestoreOutcome>(await restoring);

    // the till sold while the backup was being checked on its thread
    expect(sold.length).toBeGreaterThan(0);
    // then, while the shop was copied aside and swapped, it said why it could not
    expect(refused.length).toBeGreaterThan(0);
    for (const message of refused)
      expect(message).toMatch(/putting a backup in place of the shop|Please sign in first/);
    // every sale the till was told went through is in the shop kept aside; the restored shop is the backup
    const aside = new Database(outcome.keptAside?.file as string, { readonly: true });
    try {
      const keys = saleKeys(aside);
      for (const key of sold) expect(keys.has(key)).toBe(true);
      expect(ledgerMismatches(aside)).toEqual({ stock: [], balances: [], points: [] });
    } finally {
      aside.close();
    }
    expect(books(app.sqlite)).toBe(atBackup);
  }, 120_000);

  it('refuses a damaged backup with the reason, leaving the shop, its sessions and the till as they were', async () => {
    const { app, dir, call, sell } = await runningShop();
    const good = ok<BackupInfo>(await call('backups.create', null, 'office'));
    const damaged = join(dir, 'backups', backupName(good.at - 60_000, 'manual'));
    copyFileSync(good.file, damaged);
    truncateSync(damaged, Math.floor(statSync(damaged).size / 2));
    ok(await sell('damaged-before'));
    const before = books(app.sqlite);

    const r = await call('backups.restore', { file: damaged }, 'office');

    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(r.ok ? '' : r.error.message).toMatch(/^Nothing was restored: /);
    expect(books(app.sqlite)).toBe(before);
    expect(
      ok<BackupInfo[]>(await call('backups.list', null, 'office')).some((b) => b.reason === 'before-restore'),
    ).toBe(false);
    ok(await sell('damaged-after'));
  }, 120_000);

  it('is the owner’s: a manager is refused, and a file that is not in the list of backups is not opened', async () => {
    const { call } = await runningShop();
    const backup = ok<BackupInfo>(await call('backups.create', null, 'office'));
    expect(await call('backups.restore', { file: backup.file }, 'manager')).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await call('backups.restore', { file: '/etc/passwd' }, 'office')).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  }, 120_000);
});
