import type Database from 'better-sqlite3';
import { stmt } from '../../db/statements';

/** One JSON row of the settings table, parsed; undefined when the shop never saved it. */
export function readSettingRow(sqlite: Database.Database, key: string): unknown {
  const row = stmt(sqlite, 'SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
  return row ? JSON.parse(row.value) : undefined;
}

/** Writes one settings row as JSON (inside the caller's transaction, beside its audit row). */
export function writeSettingRow(sqlite: Database.Database, key: string, value: unknown, now: number): void {
  stmt(
    sqlite,
    `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
  ).run(key, JSON.stringify(value), now);
}

/**
 * A settings row parsed over its defaults (what a later version added is filled in), or the defaults themselves
 * when the shop never saved it; `upgrade` first brings an old saved row up to date.
 */
export function readSettingOver<T extends object>(
  sqlite: Database.Database,
  key: string,
  defaults: T,
  schema: { parse(value: unknown): T },
  upgrade: (saved: object) => object = (saved) => saved,
): T {
  const saved = readSettingRow(sqlite, key);
  return saved !== undefined ? schema.parse({ ...defaults, ...upgrade(saved as object) }) : defaults;
}
