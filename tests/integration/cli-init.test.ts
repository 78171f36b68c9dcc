import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/main/app';
import { signInAs, tableCount } from '../helpers';

const cli = (...args: string[]) => spawnSync(process.execPath, ['bin/counterline.mjs', ...args], { encoding: 'utf8' });

const SHOP = [
  '--shop',
  'Toko Sari',
  '--country',
  'ID',
  '--currency',
  'IDR',
  '--time-zone',
  'Asia/Jakarta',
  '--owner',
  'Sari Dewi',
  '--pin',
  '4321',
  '--language',
  'id',
];

/** The options with one replaced: `--currency XYZ` and so on. */
function shopWith(option: string, value: string): string[] {
  const out = [...SHOP];
  out[out.indexOf(option) + 1] = value;
  return out;
}

function openShop<T>(dir: string, read: (app: ReturnType<typeof createApp>) => T): T {
  const app = createApp({ dataDir: dir, log: () => {} });
  try {
    return read(app);
  } finally {
    app.close();
  }
}

/** `counterline init` against real SQLite data folders, run through the built main process like a user would. */
describe('counterline init', { timeout: 90_000 }, () => {
  const root = mkdtempSync(join(tmpdir(), 'counterline-init-cli-'));
  let n = 0;
  const freshDir = () => join(root, `shop-${++n}`);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('creates a shop the services see, whose owner signs in with the PIN', async () => {
    const dir = freshDir();
    const res = cli('init', ...SHOP, '--data-dir', dir);
    expect(res.stderr).toBe('');
    expect(res.status).toBe(0);
    expect(res.stdout).toContain('Created the shop "Toko Sari"');
    expect(res.stdout).toContain(`counterline serve --data-dir ${dir}`);
    expect(res.stdout).not.toContain('4321');
    const app = createApp({ dataDir: dir, log: () => {} });
    try {
      expect(app.services.system.status()).toMatchObject({ initialised: true, storeName: 'Toko Sari', language: 'id' });
      expect(app.services.settings.store()).toMatchObject({
        name: 'Toko Sari',
        country: 'ID',
        currency: 'IDR',
        timeZone: 'Asia/Jakarta',
        locale: 'id-ID',
      });
      // the same tax rates the first-run screen gives an Indonesian shop
      expect(app.services.settings.taxRates().map((t) => [t.name, t.isDefault])).toEqual(
        expect.arrayContaining([
          ['PPN 11%', true],
          ['No tax', false],
        ]),
      );
      const call = (name: string, input: unknown, clientKey: string) => app.router.call(name, input, { clientKey });
      await expect(signInAs(call, 'Sari Dewi', '0000')).rejects.toThrow();
      await signInAs(call, 'Sari Dewi', '4321');
      const session = await call('staff.session', null, 'test-client');
      expect(session).toMatchObject({ ok: true, data: { staff: { name: 'Sari Dewi', role: 'owner' } } });
    } finally {
      app.close();
    }
  });

  it('refuses a folder that already has a shop, and changes nothing', () => {
    const dir = freshDir();
    expect(cli('init', ...SHOP, '--data-dir', dir).status).toBe(0);
    const before = openShop(dir, (app) => ({
      store: app.services.settings.store(),
      staff: tableCount(app, 'staff'),
      audit: tableCount(app, 'audit_log'),
      taxes: app.services.settings.taxRates(),
    }));
    const res = cli('init', ...shopWith('--shop', 'Another Shop'), '--data-dir', dir);
    expect(res.status).toBe(1);
    expect(res.stdout).toBe('');
    expect(res.stderr).toMatch(/already has a Counterline shop, "Toko Sari"; nothing was changed/);
    const after = openShop(dir, (app) => ({
      store: app.services.settings.store(),
      staff: tableCount(app, 'staff'),
      audit: tableCount(app, 'audit_log'),
      taxes: app.services.settings.taxRates(),
    }));
    expect(after).toEqual(before);
  });

  it.each([
    ['--currency', 'XYZ', /--currency must be one of UGX .*; not XYZ/],
    ['--time-zone', 'Mars/Olympus', /--time-zone must be a time zone name .*Mars\/Olympus is not one/],
    ['--pin', '12', /--pin must be 4 to 8 digits/],
    ['--pin', '12ab', /--pin must be 4 to 8 digits/],
    ['--country', 'Indonesia', /--country must be a two-letter country code/],
    ['--language', 'fr', /--language must be en, id or sw; not fr/],
  ])('refuses %s %s with a plain error and exit 2, creating nothing', (option, value, message) => {
    const dir = freshDir();
    const res = cli('init', ...shopWith(option, value), '--data-dir', dir);
    expect(res.status).toBe(2);
    expect(res.stdout).toBe('');
    expect(res.stderr).toMatch(message);
    expect(existsSync(dir)).toBe(false);
  });

  it('names the options that are missing, with the usage, and exit 2', () => {
    const dir = freshDir();
    const res = cli('init', '--shop', 'Toko Sari', '--data-dir', dir);
    expect(res.status).toBe(2);
    expect(res.stderr).toMatch(/counterline init needs --country, --currency, --time-zone, --owner, --pin/);
    expect(res.stderr).toMatch(/Usage: counterline init/);
    expect(existsSync(dir)).toBe(false);
    const unknown = cli('init', ...SHOP, '--colour', 'red', '--data-dir', dir);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/Unknown option '--colour'/);
    expect(existsSync(dir)).toBe(false);
  });

  it('then `import customers FILE` works on the fresh folder', () => {
    const dir = freshDir();
    expect(cli('init', ...SHOP, '--data-dir', dir).status).toBe(0);
    const csv = join(root, 'customers.csv');
    writeFileSync(csv, 'Name,Phone,Email\nBudi Santoso,0812 3456 7890,budi@example.com\nRina Wati,0813 1111 2222,\n');
    const res = cli('import', 'customers', csv, '--data-dir', dir, '--json');
    expect(res.stderr).toBe('');
    expect(res.status).toBe(0);
    expect(JSON.parse(res.stdout)).toMatchObject({ rows: 2, created: 2, errors: [] });
    expect(openShop(dir, (app) => tableCount(app, 'customers'))).toBe(2);
  });

  it('import into an empty folder says to run counterline init, with that folder', () => {
    const dir = freshDir();
    const csv = join(root, 'one.csv');
    writeFileSync(csv, 'Name\nBudi Santoso\n');
    const res = cli('import', 'customers', csv, '--data-dir', dir);
    expect(res.status).toBe(1);
    expect(res.stderr.trim()).toBe(
      `There is no Counterline shop in ${dir}; create one with: counterline init --shop NAME --country CC --currency CUR --time-zone TZ --owner NAME --pin PIN --data-dir ${dir}`,
    );
    expect(existsSync(dir) ? readdirSync(dir) : []).toEqual([]);
  });
});
