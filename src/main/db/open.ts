import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { type BetterSQLite3Database, drizzle } from 'drizzle-orm/better-sqlite3';
import { applyKey, checkKey } from './key';
import * as schema from './schema';

export type Sqlite = Database.Database;
export type Db = BetterSQLite3Database<typeof schema>;

export class MigrationError extends Error {
  override name = 'MigrationError';
}

/** Where drizzle-kit's migrations are: next to this file in source, or copied beside the bundle. */
export function defaultMigrationsDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const dir of [join(here, 'migrations'), join(here, 'db', 'migrations')]) {
    if (existsSync(join(dir, 'meta', '_journal.json'))) return dir;
  }
  throw new Error(`Counterline's database migrations were not found next to ${here}`);
}

interface Journal {
  entries: Array<{ idx: number; tag: string; when: number }>;
}

export function readMigrations(dir: string): Array<{ tag: string; statements: string[] }> {
  const journal = JSON.parse(readFileSync(join(dir, 'meta', '_journal.json'), 'utf8')) as Journal;
  return journal.entries
    .sort((a, b) => a.idx - b.idx)
    .map((e) => ({
      tag: e.tag,
      statements: readFileSync(join(dir, `${e.tag}.sql`), 'utf8')
        .split('--> statement-breakpoint')
        .map((s) => s.trim())
        .filter((s) => s.replace(/--.*$/gm, '').trim() !== ''),
    }));
}

/**
 * Applies drizzle-kit's pending migrations in one transaction: either all of them land or the database is left
 * exactly as it was, and the error names the migration that failed.
 */
export function migrate(sqlite: Sqlite, dir: string, before?: (sqlite: Sqlite) => void): string[] {
  sqlite.exec('CREATE TABLE IF NOT EXISTS __migrations (tag TEXT PRIMARY KEY, applied_at INTEGER NOT NULL)');
  const done = new Set(
    (sqlite.prepare('SELECT tag FROM __migrations').all() as Array<{ tag: string }>).map((r) => r.tag),
  );
  const pending = readMigrations(dir).filter((m) => !done.has(m.tag));
  if (pending.length === 0) return [];
  if (done.size > 0) before?.(sqlite);
  const record = sqlite.prepare('INSERT INTO __migrations (tag, applied_at) VALUES (?, ?)');
  let current = '';
  try {
    sqlite.transaction(() => {
      for (const m of pending) {
        current = m.tag;
        for (const statement of m.statements) sqlite.exec(statement);
        record.run(m.tag, Date.now());
      }
    })();
  } catch (err) {
    throw new MigrationError(
      `Database upgrade ${current} failed, so nothing was changed and the previous data is intact: ${(err as Error).message}`,
    );
  }
  return pending.map((m) => m.tag);
}

export interface OpenOptions {
  /** a file path, or ':memory:' */
  file: string;
  migrationsDir?: string;
  readonly?: boolean;
  /** runs before upgrades are applied to a database that already had some (e.g. a backup of it) */
  beforeMigrate?: (sqlite: Sqlite) => void;
  /** the key of an encrypted shop (src/main/db/key.ts); null or absent for a plain one */
  key?: string | null;
}

export function openDatabase(opts: OpenOptions): { sqlite: Sqlite; db: Db } {
  if (opts.file !== ':memory:') mkdirSync(dirname(opts.file), { recursive: true });
  const sqlite = new Database(opts.file, { readonly: opts.readonly ?? false });
  try {
    applyKey(sqlite, opts.key ?? null);
    checkKey(sqlite, opts.file, opts.key ?? null);
    sqlite.pragma('busy_timeout = 5000');
    if (!opts.readonly) {
      sqlite.pragma('journal_mode = WAL');
      // A completed sale must survive a power cut.
      sqlite.pragma('synchronous = FULL');
    }
    sqlite.pragma('foreign_keys = ON');
    // 64 MiB of page cache (SQLite's default is 2 MiB): a shop's customer, account and points indexes stay in memory,
    // so a whole-ledger report reads them once instead of re-reading pages from the OS on every pass
    sqlite.pragma('cache_size = -65536');
    if (!opts.readonly) migrate(sqlite, opts.migrationsDir ?? defaultMigrationsDir(), opts.beforeMigrate);
  } catch (err) {
    sqlite.close();
    throw err;
  }
  return { sqlite, db: drizzle(sqlite, { schema }) };
}
