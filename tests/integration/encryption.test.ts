import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../src/main/app';
import { DatabaseKeyError, isEncryptedFile } from '../../src/main/db/key';
import { defaultMigrationsDir } from '../../src/main/db/open';
import { checkBackup } from '../../src/main/domains/backups/files';
import { restoreShop } from '../../src/main/domains/backups/restore';
import { testClock } from '../../src/shared/clock';
import { ledgerMismatches } from '../helpers';

const KEY = 'mama rose: 7 mangoes & 1 key';
const actor = { id: null, name: 'encryption test' };
const dirs: string[] = [];
const apps: App[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'counterline-enc-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const a of apps.splice(0)) a.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const open = (dir: string, key: string | null) => {
  const app = createApp({ dataDir: dir, key, clock: testClock(Date.UTC(2026, 11, 6, 6)), log: () => {} });
  apps.push(app);
  return app;
};
const close = (app: App) => {
  app.close();
  apps.splice(apps.indexOf(app), 1);
};
/** Every byte of the shop's files on disk (database, WAL), as text a thief's editor would show. */
const bytesOnDisk = (dir: string) =>
  readdirSync(dir)
    .filter((f) => f.startsWith('counterline.db'))
    .map((f) => readFileSync(join(dir, f)).toString('latin1'))
    .join('');
const NAME = 'Zawadi Achieng-Mwangi';

describe('a shop encrypted at rest', () => {
  it('keeps no customer name readable in its files, and opens only with its key', () => {
    const dir = tempDir();
    const app = open(dir, KEY);
    app.services.system.createDemoShop();
    const { customer } = app.services.customers.create(actor, {
      type: 'individual',
      firstName: 'Zawadi',
      lastName: 'Achieng-Mwangi',
    } as never);
    expect(bytesOnDisk(dir)).not.toContain(NAME);
    close(app);
    expect(isEncryptedFile(join(dir, 'counterline.db'))).toBe(true);
    expect(bytesOnDisk(dir)).not.toContain(NAME);
    expect(bytesOnDisk(dir)).not.toContain('SQLite format 3');

    expect(() => open(dir, null)).toThrow(DatabaseKeyError);
    expect(() => open(dir, null)).toThrow(/is encrypted\. Start Counterline with its key in COUNTERLINE_DB_KEY/);
    expect(() => open(dir, 'the wrong key')).toThrow(
      /cannot be opened with the key in COUNTERLINE_DB_KEY: the key is wrong/,
    );
    const again = open(dir, KEY);
    expect(again.sqlite.prepare('SELECT display_name AS n FROM customers WHERE id = ?').get(customer.id)).toEqual({
      n: NAME,
    });
  });

  it('the background checkpoint thread opens it with the key and empties the WAL', async () => {
    const dir = tempDir();
    const logged: string[] = [];
    const app = createApp({ dataDir: dir, key: KEY, log: (m) => logged.push(m) });
    apps.push(app);
    app.services.system.createDemoShop({ life: true });
    app.startCheckpoints();
    const walPages = () => (app.sqlite.pragma('wal_checkpoint(PASSIVE)') as Array<{ log: number }>)[0]?.log ?? -1;
    await new Promise((r) => setTimeout(r, 1_000));
    expect(logged).toEqual([]);
    expect(walPages()).toBeGreaterThanOrEqual(0);
  });

  it('a plain shop refuses a key it was never encrypted with, in words', () => {
    const dir = tempDir();
    close(open(dir, null));
    expect(() => open(dir, KEY)).toThrow(/is not encrypted, but a key was given/);
  });

  it('its backups are encrypted with the same key, checked with it, and restore with every ledger equal', async () => {
    const dir = tempDir();
    const app = open(dir, KEY);
    app.services.system.createDemoShop({ life: true });
    const info = await app.services.backups.create(actor, 'manual');
    expect(info).toMatchObject({ ok: true, problem: null });
    expect(info.counts.customers).toBeGreaterThan(100);
    const names = app.sqlite.prepare('SELECT display_name AS n FROM customers LIMIT 5').all() as { n: string }[];
    const raw = readFileSync(info.file).toString('latin1');
    for (const { n } of names) expect(raw).not.toContain(n);
    // without the key the copy is refused as unreadable, never as "damaged" and never opened
    expect(checkBackup(info.file, defaultMigrationsDir()).problem).toMatch(
      /encrypted and COUNTERLINE_DB_KEY is not set/,
    );
    expect(checkBackup(info.file, defaultMigrationsDir(), 'another key').problem).toMatch(/encrypted with another key/);

    const before = app.sqlite.prepare('SELECT count(*) AS n FROM sales_orders').get();
    close(app);
    const other = tempDir();
    restoreShop(other, info.file, defaultMigrationsDir(), KEY);
    const restored = open(other, KEY);
    expect(restored.sqlite.prepare('SELECT count(*) AS n FROM sales_orders').get()).toEqual(before);
    expect(ledgerMismatches(restored.sqlite)).toEqual({ stock: [], balances: [], points: [] });
  });
});

describe('counterline encrypt', { timeout: 120_000 }, () => {
  const cli = (env: Record<string, string>, ...args: string[]) =>
    spawnSync(process.execPath, ['bin/counterline.mjs', ...args], {
      encoding: 'utf8',
      env: { ...process.env, COUNTERLINE_DB_KEY: '', ...env },
    });
  const piped = (input: string, ...args: string[]) =>
    spawnSync(process.execPath, ['bin/counterline.mjs', ...args], {
      encoding: 'utf8',
      input,
      env: { ...process.env, COUNTERLINE_DB_KEY: '' },
    });

  it('asks for the key when COUNTERLINE_DB_KEY is not set: a script may pipe it in', () => {
    const dir = tempDir();
    expect(cli({}, 'seed', '--demo', '--data-dir', dir).status).toBe(0);
    const short = piped('short\n', 'encrypt', '--yes', '--data-dir', dir);
    expect(short.stderr).toMatch(/too short/);
    const done = piped(`${KEY}\n`, 'encrypt', '--yes', '--data-dir', dir);
    expect(done.stderr).toBe('');
    expect(isEncryptedFile(join(dir, 'counterline.db'))).toBe(true);
    close(open(dir, KEY));
    expect(piped('wrong key\n', 'decrypt', '--yes', '--data-dir', dir).stderr).toMatch(/the key is wrong/);
    expect(piped(`${KEY}\n`, 'decrypt', '--yes', '--data-dir', dir).status).toBe(0);
    expect(isEncryptedFile(join(dir, 'counterline.db'))).toBe(false);
  });

  it('the browser host asks for the key at its terminal, unseen, and opens the encrypted shop', async () => {
    const dir = tempDir();
    expect(cli({}, 'seed', '--demo', '--bare', '--data-dir', dir).status).toBe(0);
    expect(piped(`${KEY}\n`, 'encrypt', '--yes', '--data-dir', dir).status).toBe(0);
    // a real terminal (a pseudo-terminal from script(1)), as when the owner starts it by hand
    const command = `${process.execPath} bin/counterline.mjs serve --port 0 --data-dir ${dir}`;
    const child = spawn('script', ['-qfec', command, '/dev/null'], { env: { ...process.env, COUNTERLINE_DB_KEY: '' } });
    let out = '';
    try {
      await new Promise<void>((resolve, reject) => {
        let typed = false;
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          if (!typed && out.includes("The shop's key: ")) {
            typed = true;
            child.stdin.write(`${KEY}\r`);
          }
          if (/Counterline ready at http:\/\/127\.0\.0\.1:\d+\//.test(out)) resolve();
        });
        child.once('exit', () => reject(new Error(`exited before ready: ${out}`)));
      });
      expect(out).not.toContain(KEY);
    } finally {
      child.kill('SIGTERM');
      spawnSync('pkill', ['-f', `serve --port 0 --data-dir ${dir}`]);
    }
  }, 90_000);

  it('converts a plain shop in place after a copy, keeping every ledger, and names the older plain backups', () => {
    const dir = tempDir();
    expect(cli({}, 'seed', '--demo', '--data-dir', dir).status).toBe(0);
    expect(cli({}, 'backup', '--data-dir', dir).status).toBe(0);
    const plain = open(dir, null);
    const names = plain.sqlite.prepare('SELECT display_name AS n FROM customers LIMIT 20').all() as { n: string }[];
    const books = plain.sqlite.prepare('SELECT count(*) AS n, sum(total) AS t FROM sales_orders').get();
    expect(names.length).toBeGreaterThan(10);
    close(plain);

    const noKey = cli({}, 'encrypt', '--yes', '--data-dir', dir);
    expect(noKey.status).toBe(2);
    expect(noKey.stderr).toMatch(/Set the key in COUNTERLINE_DB_KEY first/);
    const notYet = cli({ COUNTERLINE_DB_KEY: KEY }, 'encrypt', '--data-dir', dir);
    expect(notYet.status).toBe(2);
    expect(notYet.stderr).toMatch(/Run again with --yes/);
    expect(isEncryptedFile(join(dir, 'counterline.db'))).toBe(false);

    const done = cli({ COUNTERLINE_DB_KEY: KEY }, 'encrypt', '--yes', '--data-dir', dir);
    expect(done.stderr).toBe('');
    expect(done.status).toBe(0);
    expect(done.stdout).toMatch(/is encrypted\. .* 1 older backups in .* are not encrypted/);
    const bytes = bytesOnDisk(dir);
    for (const { n } of names) expect(bytes).not.toContain(n);
    // the copy taken first is gone once the shop is encrypted: no plain copy is left behind by the conversion
    expect(readdirSync(join(dir, 'backups')).filter((f) => f.includes('before-encryption'))).toEqual([]);

    const again = cli({ COUNTERLINE_DB_KEY: KEY }, 'encrypt', '--yes', '--data-dir', dir);
    expect(again.stderr).toMatch(/already encrypted/);
    const locked = cli({}, 'export', 'customers', join(dir, 'x.csv'), '--data-dir', dir);
    expect(locked.status).not.toBe(0);
    expect(locked.stderr).toMatch(/is encrypted\. Start Counterline with its key/);
    expect(existsSync(join(dir, 'x.csv'))).toBe(false);

    const encrypted = open(dir, KEY);
    expect(encrypted.sqlite.prepare('SELECT count(*) AS n, sum(total) AS t FROM sales_orders').get()).toEqual(books);
    expect(ledgerMismatches(encrypted.sqlite)).toEqual({ stock: [], balances: [], points: [] });
    close(encrypted);

    // and back: decrypt needs the key, then the shop opens without one
    expect(cli({ COUNTERLINE_DB_KEY: 'not the key' }, 'decrypt', '--yes', '--data-dir', dir).stderr).toMatch(
      /not decrypted: .* the key is wrong/,
    );
    const back = cli({ COUNTERLINE_DB_KEY: KEY }, 'decrypt', '--yes', '--data-dir', dir);
    expect(back.stderr).toBe('');
    expect(isEncryptedFile(join(dir, 'counterline.db'))).toBe(false);
    expect(open(dir, null).sqlite.prepare('SELECT count(*) AS n, sum(total) AS t FROM sales_orders').get()).toEqual(
      books,
    );
  });
});
