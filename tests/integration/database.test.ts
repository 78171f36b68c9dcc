import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/main/app';
import { defaultMigrationsDir, MigrationError, migrate, openDatabase, readMigrations } from '../../src/main/db/open';
import { CustomerQuery } from '../../src/shared/contract/customers';
import { makeTestApp, tableCount } from '../helpers';

const temps: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'counterline-db-'));
  temps.push(d);
  return d;
};
afterEach(() => {
  for (const d of temps.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A copy of the shipped migrations holding only the first `n`. */
function firstMigrations(n: number): string {
  const dir = tempDir();
  cpSync(defaultMigrationsDir(), dir, { recursive: true });
  const journalFile = join(dir, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalFile, 'utf8'));
  journal.entries = journal.entries.slice(0, n);
  writeFileSync(journalFile, JSON.stringify(journal));
  return dir;
}

const schemaOf = (db: Database.Database) =>
  db.prepare("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name").all();

describe('database', () => {
  it('opens in WAL mode with foreign keys on and synchronous FULL', () => {
    const app = makeTestApp();
    try {
      expect(app.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(app.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(app.sqlite.pragma('synchronous', { simple: true })).toBe(2);
    } finally {
      app.dispose();
    }
  });

  const count = readMigrations(defaultMigrationsDir()).length;
  it.each(Array.from({ length: count }, (_, i) => i + 1))(
    'migration %i applies on a database made by the migrations before it, keeping its data',
    (n) => {
      const file = join(tempDir(), 'shop.db');
      const before = openDatabase({ file, migrationsDir: firstMigrations(n - 1) });
      const tables = (
        before.sqlite.prepare("SELECT name FROM sqlite_master WHERE type='table'").all() as Array<{ name: string }>
      ).map((t) => t.name);
      if (tables.includes('settings')) {
        before.sqlite.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('probe', '1', 1)").run();
      }
      before.sqlite.close();

      const after = openDatabase({ file, migrationsDir: firstMigrations(n) });
      expect(after.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(after.sqlite.prepare('SELECT count(*) AS n FROM __migrations').get()).toEqual({ n });
      if (tables.includes('settings')) {
        expect(after.sqlite.prepare("SELECT value FROM settings WHERE key='probe'").get()).toEqual({ value: '1' });
      }
      after.sqlite.close();
    },
  );

  it('leaves the old database intact and says which upgrade failed when a migration fails', () => {
    const file = join(tempDir(), 'shop.db');
    const app = createApp({ dataDir: join(file, '..') });
    app.services.system.createDemoShop();
    app.close();

    const broken = firstMigrations(count);
    const journalFile = join(broken, 'meta', '_journal.json');
    const journal = JSON.parse(readFileSync(journalFile, 'utf8'));
    journal.entries.push({ idx: count, version: '6', when: 1, tag: '9999_broken', breakpoints: true });
    writeFileSync(journalFile, JSON.stringify(journal));
    writeFileSync(
      join(broken, '9999_broken.sql'),
      'CREATE TABLE half_done (id TEXT);\n--> statement-breakpoint\nALTER TABLE no_such_table ADD COLUMN x TEXT;',
    );

    const db = new Database(join(file, '..', 'counterline.db'));
    const schemaBefore = schemaOf(db);
    expect(() => migrate(db, broken)).toThrow(MigrationError);
    expect(() => migrate(db, broken)).toThrow(/9999_broken failed, so nothing was changed/);
    expect(schemaOf(db)).toEqual(schemaBefore);
    expect((db.prepare('SELECT count(*) AS n FROM staff').get() as { n: number }).n).toBe(3);
    db.close();
  });

  it('rebuilds the customer search index with one-letter prefixes (0022), every customer still found as before', () => {
    const dataDir = tempDir();
    const upTo = readMigrations(defaultMigrationsDir()).findIndex((m) => m.tag === '0022_customers_search_speed');
    const old = createApp({ dataDir, migrationsDir: firstMigrations(upTo), log: () => {} });
    old.services.system.createDemoShop();
    const people = [
      ['Grace', 'Namuli', '0772 100 200', 'grace.n@mail.example', 'C-0001'],
      ['Grace', 'Kato', '0772 100 300', 'gkato@mail.example', 'C-0002'],
      ['Joseph', 'Mukasa', '0701 555 123', 'joseph.c@mail.example', 'K-0003'],
      ['Nakato', 'Achieng', '0752 999 000', null, null],
    ] as const;
    for (const [firstName, lastName, number, email, code] of people)
      old.services.customers.create({ id: null, name: 'test' }, {
        type: 'individual',
        firstName,
        lastName,
        phones: [{ number }],
        email,
        code,
      } as never);
    const texts = ['g', 'c', 'k', 'na', 'jo', 'joseph.c', 'grace n', '0772', 'c-0'];
    const ids = (a: typeof old, text: string) =>
      a.services.customers.search(CustomerQuery.parse({ text, limit: 200 })).rows.map((r) => r.id);
    const before = texts.map((t) => ids(old, t));
    const ftsSql = (a: typeof old) =>
      (a.sqlite.prepare("SELECT sql FROM sqlite_master WHERE name = 'customers_fts'").get() as { sql: string }).sql;
    expect(ftsSql(old)).toContain("prefix = '2 3 4'");
    old.close();

    const app = createApp({ dataDir, log: () => {} });
    try {
      expect(ftsSql(app)).toContain("prefix = '1 2 3 4'");
      expect(texts.map((t) => ids(app, t))).toEqual(before);
      expect(before.every((found) => found.length > 0)).toBe(true);
    } finally {
      app.close();
    }
  });

  it('keeps the audit log append-only: UPDATE and DELETE are refused by the database', () => {
    const app = makeTestApp();
    try {
      app.services.system.createDemoShop();
      const n = tableCount(app, 'audit_log');
      expect(n).toBeGreaterThan(0);
      expect(() => app.sqlite.prepare("UPDATE audit_log SET actor_name = 'someone else'").run()).toThrow(/append-only/);
      expect(() => app.sqlite.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
      expect(tableCount(app, 'audit_log')).toBe(n);
    } finally {
      app.dispose();
    }
  });
});
