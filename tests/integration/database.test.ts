import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/main/app';
import { defaultMigrationsDir, MigrationError, migrate, openDatabase, readMigrations } from '../../src/main/db/open';
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
