import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../src/main/app';
import { defaultMigrationsDir, openDatabase } from '../../src/main/db/open';
import { checkBackup, rotation } from '../../src/main/domains/backups/files';
import { restoreShop } from '../../src/main/domains/backups/restore';
import { testClock } from '../../src/shared/clock';
import { books, ledgerMismatches } from '../helpers';

const actor = { id: null, name: 'backup test' };
const MIGRATIONS = defaultMigrationsDir();
const dirs: string[] = [];
const apps: App[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'counterline-backup-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const a of apps.splice(0)) a.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** The demo shop with its six months of life, in a real file. */
function demoShop(dir = tempDir(), clock = testClock(Date.UTC(2026, 11, 6, 6))): App {
  const app = createApp({ dataDir: dir, clock, log: () => {} });
  apps.push(app);
  app.services.system.createDemoShop({ life: true });
  return app;
}

const open = (file: string) => new Database(file, { readonly: true });

function sellOne(app: App, n: number) {
  const product = app.sqlite.prepare("SELECT id, price FROM products WHERE sku = 'MR-003'").get() as {
    id: string;
    price: number;
  };
  const customer = app.sqlite
    .prepare("SELECT id FROM customers WHERE status = 'active' ORDER BY id LIMIT 1 OFFSET ?")
    .get(n % 50) as {
    id: string;
  };
  const cashier = app.sqlite.prepare("SELECT id, name FROM staff WHERE role = 'cashier'").get() as {
    id: string;
    name: string;
  };
  app.services.sales.complete(cashier, {
    cart: { customerId: customer.id, lines: [{ productId: product.id, qtyMilli: 1000 }], orderDiscount: null },
    payments: [{ method: 'cash', amount: product.price }],
    idempotencyKey: `backup-test-${n}`,
  });
}

describe('backups', () => {
  it('backs up while sales are being committed: the copy is whole, checked, and its ledgers balance', async () => {
    const app = demoShop();
    let sold = 0;
    let done = false;
    const selling = (async () => {
      while (!done) {
        sellOne(app, sold++);
        await new Promise((r) => setImmediate(r));
      }
    })();
    const before = (app.sqlite.prepare('SELECT count(*) AS n FROM sales_orders').get() as { n: number }).n;
    const info = await app.services.backups.create(actor);
    done = true;
    await selling;
    expect(sold).toBeGreaterThan(1); // sales went on while the copy was made
    expect(info).toMatchObject({ ok: true, problem: null, reason: 'manual' });
    expect(info.counts.sales_orders).toBeGreaterThanOrEqual(before);
    const copy = open(info.file);
    try {
      expect(ledgerMismatches(copy)).toEqual({ stock: [], balances: [], points: [] });
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      copy.close();
    }
    expect(app.services.backups.list()).toEqual([expect.objectContaining({ file: info.file, ok: true })]);
    const audit = app.sqlite.prepare("SELECT note FROM audit_log WHERE action = 'backup.create'").all();
    expect(audit).toEqual([{ note: expect.stringContaining('checked, ok') }]);
  }, 120_000);

  it('restores a backup: every ledger as it was when the backup was made, the later shop kept aside', async () => {
    const dir = tempDir();
    const app = demoShop(dir);
    const info = await app.services.backups.create(actor);
    const atBackup = (() => {
      const copy = open(info.file);
      try {
        return books(copy);
      } finally {
        copy.close();
      }
    })();
    for (let n = 0; n < 5; n++) sellOne(app, n);
    const later = books(app.sqlite);
    expect(later).not.toBe(atBackup);
    app.close();
    apps.splice(apps.indexOf(app), 1);

    const r = restoreShop(dir, info.file, MIGRATIONS);
    expect(r.migrated).toEqual([]);
    expect(r.keptAside?.reason).toBe('before-restore');
    const restored = createApp({ dataDir: dir, log: () => {} });
    apps.push(restored);
    expect(books(restored.sqlite)).toBe(atBackup);
    expect(ledgerMismatches(restored.sqlite)).toEqual({ stock: [], balances: [], points: [] });
    // nothing is lost: the shop as it was before the restore is a backup of its own
    const aside = open(r.keptAside?.file as string);
    try {
      expect(books(aside)).toBe(later);
    } finally {
      aside.close();
    }
  }, 120_000);

  it('refuses a damaged backup, a file that is not a shop and one from a newer Counterline, changing nothing', async () => {
    const dir = tempDir();
    const app = demoShop(dir);
    const info = await app.services.backups.create(actor);
    const current = books(app.sqlite);
    app.close();
    apps.splice(apps.indexOf(app), 1);
    const shopBytes = readFileSync(join(dir, 'counterline.db'));

    const damaged = join(tempDir(), 'damaged.db');
    const bytes = readFileSync(info.file);
    bytes.fill(0x5a, 8192, 8192 + 40_000); // pages in the middle overwritten, as a failing disk does
    writeFileSync(damaged, bytes);
    const notShop = join(tempDir(), 'notes.db');
    new Database(notShop).exec('CREATE TABLE notes (t TEXT)');
    const text = join(tempDir(), 'customers.csv');
    writeFileSync(text, 'Name,Phone\nAmina,0772000111\n'.repeat(20));
    const newer = join(tempDir(), 'newer.db');
    cpSync(info.file, newer);
    const n = new Database(newer);
    n.prepare('INSERT INTO __migrations (tag, applied_at) VALUES (?, ?)').run('9999_from_the_future', 1);
    n.close();

    expect(() => restoreShop(dir, damaged, MIGRATIONS)).toThrow(
      /Nothing was restored: damaged\.db (is damaged|could not be read)/,
    );
    expect(() => restoreShop(dir, notShop, MIGRATIONS)).toThrow(/not a Counterline shop/);
    expect(() => restoreShop(dir, text, MIGRATIONS)).toThrow(/not a Counterline database \(not an SQLite file\)/);
    expect(() => restoreShop(dir, newer, MIGRATIONS)).toThrow(/newer Counterline .*9999_from_the_future/);
    expect(() => restoreShop(dir, join(dir, 'missing.db'), MIGRATIONS)).toThrow(/There is no file/);
    expect(readFileSync(join(dir, 'counterline.db')).equals(shopBytes)).toBe(true);
    const again = createApp({ dataDir: dir, log: () => {} });
    apps.push(again);
    expect(books(again.sqlite)).toBe(current);
    expect(checkBackup(info.file, MIGRATIONS).ok).toBe(true);
  }, 120_000);

  it('backs the shop up before an upgrade of its database', () => {
    const dir = tempDir();
    // a shop made by an older Counterline: every migration but the last
    const older = join(tempDir(), 'migrations');
    cpSync(MIGRATIONS, older, { recursive: true });
    const journalFile = join(older, 'meta', '_journal.json');
    const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: { tag: string }[] };
    const last = journal.entries.pop() as { tag: string };
    writeFileSync(journalFile, JSON.stringify(journal));
    openDatabase({ file: join(dir, 'counterline.db'), migrationsDir: older }).sqlite.close();
    expect(existsSync(join(dir, 'backups'))).toBe(false);

    const upgraded = createApp({ dataDir: dir, log: () => {} });
    apps.push(upgraded);
    const [copy] = upgraded.services.backups.list();
    expect(copy).toMatchObject({ reason: 'before-migration', ok: true });
    expect(copy?.schema).not.toBe(last.tag);
    expect(checkBackup(copy?.file as string, MIGRATIONS)).toMatchObject({
      ok: true,
      schema: journal.entries.at(-1)?.tag,
    });
  });

  it('makes the daily backup once closing time has passed, once a day, with a second copy', async () => {
    // Kampala is UTC+3: 20:59 there is 17:59 UTC
    const clock = testClock(Date.UTC(2026, 11, 7, 17, 59));
    const app = demoShop(tempDir(), clock);
    const usb = tempDir();
    app.services.backups.saveSettings(actor, { closingTime: '21:00', secondFolder: usb });
    expect(await app.services.backups.runDailyIfDue()).toBeNull();
    clock.set(Date.UTC(2026, 11, 7, 18, 1));
    const daily = await app.services.backups.runDailyIfDue();
    expect(daily).toMatchObject({ reason: 'daily', ok: true, copy: join(usb, daily?.name as string) });
    expect(readdirSync(usb).sort()).toEqual([daily?.name, `${daily?.name}.json`]);
    clock.set(Date.UTC(2026, 11, 7, 20, 0));
    expect(await app.services.backups.runDailyIfDue()).toBeNull();
    clock.set(Date.UTC(2026, 11, 8, 18, 30));
    expect(await app.services.backups.runDailyIfDue()).toMatchObject({ reason: 'daily' });
    expect(app.services.backups.list().map((b) => b.reason)).toEqual(['daily', 'daily']);
  }, 120_000);

  it('says where a second copy could not go, and keeps the backup', async () => {
    const app = demoShop();
    const file = join(tempDir(), 'a-file');
    writeFileSync(file, 'x');
    app.services.backups.saveSettings(actor, { secondFolder: join(file, 'sub') });
    const info = await app.services.backups.create(actor);
    expect(info.ok).toBe(true);
    expect(info.copy).toMatch(/^Could not copy it to /);
    expect(existsSync(info.file)).toBe(true);
  }, 120_000);

  it('refuses settings that are not a time or a full folder path', () => {
    const app = createApp({ dataDir: ':memory:', log: () => {} });
    apps.push(app);
    expect(() => app.services.backups.saveSettings(actor, { closingTime: '25:00' })).toThrow(/HH:MM/);
    expect(() => app.services.backups.saveSettings(actor, { folder: 'backups' })).toThrow(/full folder path/);
    expect(() => app.services.backups.list()).toThrow(/in memory only/);
  });
});

describe('backup rotation', () => {
  const day = (at: number) => new Date(at).toISOString().slice(0, 10);
  it('keeps the newest of each of the last 7 days, 4 weeks and 12 months; never a manual backup', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 500 * 24 }), { minLength: 1, maxLength: 300 }),
        fc.array(fc.integer({ min: 0, max: 500 * 24 }), { maxLength: 5 }),
        (hours, manualHours) => {
          const at = (h: number) => Date.UTC(2025, 0, 1) + h * 3_600_000;
          const all = [
            ...hours.map((h) => ({ at: at(h), reason: 'daily' as const })),
            ...manualHours.map((h) => ({ at: at(h), reason: 'manual' as const })),
          ];
          const removed = new Set(rotation(all, { keepDaily: 7, keepWeekly: 4, keepMonthly: 12 }, day));
          const kept = all.filter((b) => b.reason === 'daily' && !removed.has(b));
          expect([...removed].every((b) => b.reason === 'daily')).toBe(true);
          expect(kept.length).toBeLessThanOrEqual(7 + 4 + 12);
          // the newest daily backup is always kept, and each of the last 7 days that has one keeps one
          const newest = Math.max(...hours.map(at));
          expect(kept.some((b) => b.at === newest)).toBe(true);
          const days = [...new Set(hours.map((h) => day(at(h))))].sort().reverse().slice(0, 7);
          for (const d of days) expect(kept.some((b) => day(b.at) === d)).toBe(true);
        },
      ),
    );
  });
});

describe('counterline backup and restore', { timeout: 120_000 }, () => {
  const cli = (...args: string[]) =>
    spawnSync(process.execPath, ['bin/counterline.mjs', ...args], { encoding: 'utf8' });
  it('backs up to a folder with --json, and restores only with --yes', () => {
    const dir = tempDir();
    expect(cli('seed', '--demo', '--bare', '--data-dir', dir).status).toBe(0);
    const out = tempDir();
    const b = cli('backup', '--to', out, '--json', '--data-dir', dir);
    expect(b.stderr).toBe('');
    expect(b.status).toBe(0);
    const info = JSON.parse(b.stdout) as { file: string; ok: boolean; counts: Record<string, number> };
    expect(info).toMatchObject({ ok: true, counts: { customers: 0 } });
    expect(info.file.startsWith(out)).toBe(true);

    const no = cli('restore', info.file, '--data-dir', dir);
    expect(no.status).toBe(2);
    expect(no.stderr).toMatch(/Run again with --yes/);
    const yes = cli('restore', info.file, '--yes', '--data-dir', dir);
    expect(yes.stderr).toBe('');
    expect(yes.stdout).toMatch(/^Restored .* The shop as it was is kept in .*before-restore\.db\./);
    const bad = join(out, 'bad.db');
    mkdirSync(join(out, 'x'));
    writeFileSync(bad, 'not a database at all, just some text that is long enough to be read as a header'.repeat(3));
    const refused = cli('restore', bad, '--yes', '--data-dir', dir);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/Nothing was restored: bad\.db is not a Counterline database/);
  });
});
