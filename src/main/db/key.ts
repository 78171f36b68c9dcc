import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import type Database from 'better-sqlite3';

/**
 * Encryption at rest (decision 0025): the shop's database and its backups are SQLCipher 4 files (better-sqlite3 is
 * SQLite3 Multiple Ciphers), opened with the owner's key. The browser host and the command line take the key from
 * COUNTERLINE_DB_KEY; the Electron shell keeps it with the OS keychain (safeStorage) and hands it over the same way.
 */
export const KEY_ENV = 'COUNTERLINE_DB_KEY';

export class DatabaseKeyError extends Error {
  override name = 'DatabaseKeyError';
}

/** The key this process was given, or null for a shop that is not encrypted. */
export function keyFromEnv(env: NodeJS.ProcessEnv = process.env): string | null {
  const key = env[KEY_ENV];
  return key ? key : null;
}

/** The statements that give a fresh connection its key, before it reads anything (also run by worker threads). */
export function keyStatements(key: string): string[] {
  return ["cipher = 'sqlcipher'", 'legacy = 4', `key = '${key.replaceAll("'", "''")}'`];
}

export function applyKey(sqlite: Database.Database, key: string | null): void {
  if (key) for (const p of keyStatements(key)) sqlite.pragma(p);
}

const SQLITE_MAGIC = 'SQLite format 3\u0000';

/** The first 16 bytes only: a shop's file can be several gigabytes. */
export function fileHeader(file: string): string {
  const fd = openSync(file, 'r');
  try {
    const b = Buffer.alloc(16);
    readSync(fd, b, 0, 16, 0);
    return b.toString('latin1');
  } finally {
    closeSync(fd);
  }
}

/** A database file whose first bytes are not SQLite's: encrypted (or not a database at all). */
export function isEncryptedFile(file: string): boolean {
  return existsSync(file) && statSync(file).size >= 100 && fileHeader(file) !== SQLITE_MAGIC;
}

export function isPlainSqlite(file: string): boolean {
  return existsSync(file) && statSync(file).size >= 100 && fileHeader(file) === SQLITE_MAGIC;
}

/** Reads the schema once so a missing or wrong key fails here, in words, not on the first sale. */
export function checkKey(sqlite: Database.Database, file: string, key: string | null): void {
  try {
    sqlite.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (err) {
    if (!/not a database|encrypted/i.test((err as Error).message)) throw err;
    const encrypted = file !== ':memory:' && isEncryptedFile(file);
    throw new DatabaseKeyError(
      !key && encrypted
        ? `The shop's database ${file} is encrypted. Start Counterline with its key in ${KEY_ENV}.`
        : key && !encrypted
          ? `The shop's database ${file} is not encrypted, but a key was given in ${KEY_ENV}. Remove the key, or encrypt the shop first with "counterline encrypt".`
          : `The shop's database ${file} cannot be opened with the key in ${KEY_ENV}: the key is wrong.`,
    );
  }
}

/**
 * Encrypts an open plain database in place with `key` (SQLite3 Multiple Ciphers rekeys only outside WAL mode, so the
 * journal goes to DELETE for the rewrite and back to WAL). The caller holds the only connection and made a backup.
 */
export function encryptInPlace(sqlite: Database.Database, key: string): void {
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  sqlite.pragma('journal_mode = DELETE');
  sqlite.pragma("cipher = 'sqlcipher'");
  sqlite.pragma('legacy = 4');
  sqlite.pragma(`rekey = '${key.replaceAll("'", "''")}'`);
  sqlite.pragma('journal_mode = WAL');
}

/** The reverse, for a shop that moves to a machine without the key's keeper: an empty key writes plain pages. */
export function decryptInPlace(sqlite: Database.Database): void {
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  sqlite.pragma('journal_mode = DELETE');
  sqlite.pragma("rekey = ''");
  sqlite.pragma('journal_mode = WAL');
}
