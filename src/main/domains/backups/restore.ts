import { copyFileSync, existsSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { BackupInfo } from '../../../shared/contract/backups';
import { DATABASE_FILE } from '../../config';
import { applyKey } from '../../db/key';
import { openDatabase } from '../../db/open';
import { checkBackup, snapshot } from './files';

export interface RestoreResult {
  restored: string;
  /** the shop as it was just before, kept as a backup (null when the folder had no shop) */
  keptAside: BackupInfo | null;
  /** upgrades applied to the restored copy to bring it to this version */
  migrated: string[];
}

/**
 * Copies a checked backup over the shop's database file, which no connection has open: the copy is written beside it
 * and renamed into place, so a crash leaves either the old file or the new one, never half of one; the old file's
 * write-ahead log goes with it.
 */
export function swapIn(target: string, file: string): void {
  const part = `${target}.restoring`;
  copyFileSync(file, part);
  for (const extra of ['-wal', '-shm']) rmSync(`${target}${extra}`, { force: true });
  renameSync(part, target);
}

/** The upgrades a restored copy of `schema` got when it was opened by this version. */
export function upgradesSince(sqlite: Database.Database, schema: string | null): string[] {
  if (!schema) return [];
  const rows = sqlite.prepare('SELECT tag FROM __migrations WHERE tag > ? ORDER BY tag').all(schema) as {
    tag: string;
  }[];
  return rows.map((m) => m.tag);
}

/**
 * Puts a backup in place of the shop's database from the command line: the file is checked first (a Counterline
 * database, whole, not from a newer version) and refused with the reason otherwise, leaving everything as it was; the
 * current database is kept aside as a "before-restore" backup; the copy is swapped in and upgraded to this version.
 * Run with no host open on the folder (it checks that it can take the database); a running till restores through
 * its Backups screen instead (App.restore).
 */
export function restoreShop(
  dataDir: string,
  file: string,
  migrationsDir: string,
  key: string | null = null,
): RestoreResult {
  const check = checkBackup(file, migrationsDir, key);
  if (!check.ok) throw new Error(`Nothing was restored: ${check.problem}`);
  const target = join(dataDir, DATABASE_FILE);
  let keptAside: BackupInfo | null = null;
  if (existsSync(target)) {
    const current = new Database(target, { fileMustExist: true });
    try {
      applyKey(current, key);
      // an exclusive lock fails fast when a till or host still has the shop open
      current.pragma('busy_timeout = 0');
      current.exec('BEGIN EXCLUSIVE; COMMIT');
      keptAside = snapshot(current, join(dataDir, 'backups'), 'before-restore', migrationsDir, Date.now(), key);
    } catch (err) {
      throw new Error(
        `Nothing was restored: the shop in ${dataDir} is in use or unreadable (${(err as Error).message}). Close Counterline or restore from its Backups screen.`,
      );
    } finally {
      current.close();
    }
  }
  swapIn(target, file);
  try {
    const { sqlite } = openDatabase({ file: target, migrationsDir, key });
    const migrated = upgradesSince(sqlite, check.schema);
    sqlite.close();
    return { restored: file, keptAside, migrated };
  } catch (err) {
    // the upgrade failed: the shop goes back to what it was
    if (keptAside) copyFileSync(keptAside.file, target);
    throw new Error(`The backup could not be upgraded, so the shop was put back as it was: ${(err as Error).message}`);
  }
}
