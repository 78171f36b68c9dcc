import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'counterline-cli-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const cli = (...args: string[]) => spawnSync(process.execPath, ['bin/counterline.mjs', ...args], { encoding: 'utf8' });

// each spawn compiles the CLI with tsx: seconds on a quiet machine, tens of seconds on a loaded 2-core one
describe('counterline command line', { timeout: 60_000 }, () => {
  it('serve prints the ready line and serves the page only with the token', async () => {
    const dir = tempDir();
    const child = spawn(process.execPath, ['bin/counterline.mjs', 'serve', '--port', '0', '--data-dir', dir]);
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          const m = /^Counterline ready at (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)$/m.exec(out);
          if (m) resolve(m[1] as string);
        });
        child.once('exit', () => reject(new Error(`exited before ready: ${out}`)));
      });
      expect((await fetch(url)).status).toBe(200);
      expect((await fetch(url.replace(/\?token=.*/, ''))).status).toBe(401);
    } finally {
      child.kill('SIGTERM');
    }
  }, 60_000);

  it('npm start falls back to the browser host, saying why, when the Electron binary is missing', async () => {
    const child = spawn(process.execPath, ['scripts/start.mjs', '--port', '0', '--data-dir', tempDir()], {
      env: { ...process.env, DISPLAY: '', WAYLAND_DISPLAY: '' },
    });
    let err = '';
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          const m = /Counterline ready at (\S+)/.exec(out);
          if (m) resolve(m[1] as string);
        });
        child.once('exit', () => reject(new Error(`exited before ready: ${out} ${err}`)));
      });
      expect(err).toMatch(/Electron binary/i);
      expect((await fetch(url)).status).toBe(200);
    } finally {
      child.kill('SIGTERM');
    }
  }, 60_000);

  it('refuses to listen beyond loopback without --allow-lan', () => {
    const r = cli('serve', '--host', '0.0.0.0', '--data-dir', tempDir());
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/--allow-lan/);
  });

  it('seeds a demo shop and says how to sign in', () => {
    const r = cli('seed', '--demo', '--bare', '--data-dir', tempDir());
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Sign in as Rose Nakato with PIN 1234/);
  });

  it('seeds a demo shop with six months of life, the same rows for the same --today', () => {
    const seeded = () => {
      const dir = tempDir();
      const r = cli('seed', '--demo', '--today', '2026-03-18', '--data-dir', dir);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/300 customers, \d+ sales.*Sign in as Rose Nakato with PIN 1234/);
      const db = new Database(join(dir, 'counterline.db'), { readonly: true });
      const rows = {
        customers: db.prepare('SELECT * FROM customers ORDER BY id').all(),
        sales: db.prepare('SELECT * FROM sales_orders ORDER BY id').all(),
        entries: db.prepare('SELECT * FROM account_entries ORDER BY id').all(),
        points: db.prepare('SELECT * FROM points_entries ORDER BY id').all(),
      };
      db.close();
      return rows;
    };
    const first = seeded();
    expect(first.customers.length).toBeGreaterThanOrEqual(300);
    expect(first.sales.length).toBeGreaterThan(3000);
    expect(seeded()).toEqual(first);
  }, 90_000);

  it('seeds the reference dataset deterministically', () => {
    const rows = () => {
      const dir = tempDir();
      expect(cli('seed', '--reference', '--scale', '0.01', '--data-dir', dir).status).toBe(0);
      const db = new Database(join(dir, 'counterline.db'), { readonly: true });
      const out = db.prepare('SELECT id, name, role, created_at FROM staff ORDER BY id').all();
      db.close();
      return out;
    };
    const first = rows();
    expect(first.length).toBeGreaterThan(1);
    expect(rows()).toEqual(first);
    // two seeds (customers and their sales) through the CLI: longer than the default on a loaded machine
  }, 90_000);

  it('exports every customer, inactive ones too, to a UTF-8 csv with a header row', () => {
    const dir = tempDir();
    expect(cli('seed', '--demo', '--bare', '--data-dir', dir).status).toBe(0);
    const fixture = join(process.cwd(), 'tests', 'fixtures', 'customers', 'kasir-pelanggan.csv');
    expect(cli('import', 'customers', fixture, '--preset', 'kasir', '--data-dir', dir).status).toBe(0);
    const out = join(dir, 'customers.csv');
    const r = cli('export', 'customers', out, '--data-dir', dir);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Exported 20 customers/);
    const text = readFileSync(out, 'utf8').replace(/^\uFEFF/, '');
    const [header, ...lines] = text.trim().split('\r\n');
    expect(header).toMatch(/Status/);
    expect(lines).toHaveLength(20);
    expect(text).toContain('José');

    const chosen = join(dir, 'chosen.csv');
    expect(
      cli('export', 'customers', chosen, '--fields', 'displayName,totalSpent,lastPurchase', '--data-dir', dir).status,
    ).toBe(0);
    expect(readFileSync(chosen, 'utf8').split('\r\n')[0]).toBe('\uFEFFDisplay name,Total spent (UGX),Last purchase');
    const bad = cli('export', 'customers', chosen, '--fields', 'displayName,password', '--data-dir', dir);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--fields takes columns from: code, type, .*; not password/);
  });

  it('explains an unknown command', () => {
    const r = cli('frobnicate');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/Unknown command "frobnicate"/);
  });
});
