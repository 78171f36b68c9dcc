import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { BACKUP_REASONS, type BackupInfo, type BackupReason } from '../../../shared/contract/backups';
import { fileHeader, KEY_ENV, keyStatements } from '../../db/key';
import { readMigrations } from '../../db/open';

/** The tables whose rows a backup's check counts: the customers and every ledger of money, points and stock. */
export const COUNTED_TABLES = [
  'customers',
  'sales_orders',
  'sales_lines',
  'payments',
  'refunds',
  'account_entries',
  'points_entries',
  'stock_moves',
  'audit_log',
] as const;

/** What a file holds, as far as a restore needs to know. */
export interface BackupCheck {
  ok: boolean;
  problem: string | null;
  /** the last database upgrade applied to it */
  schema: string | null;
  counts: Record<string, number>;
}

const SQLITE_MAGIC = 'SQLite format 3\u0000';

/** What a database file holds, read by plain JavaScript so the same code runs here or on a worker thread. */
interface Reading {
  integrity: string;
  tables: string[];
  applied: string[];
  counts: Record<string, number>;
}

const READ_SOURCE = `
const db = new Database(file, { readonly: true, fileMustExist: true });
try {
  for (const p of keyPragmas) db.pragma(p);
  const integrity = String(db.pragma('integrity_check', { simple: true }));
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all().map((t) => t.name);
  if (integrity !== 'ok' || !tables.includes('__migrations')) return { integrity, tables, applied: [], counts: {} };
  const applied = db.prepare('SELECT tag FROM __migrations').all().map((r) => r.tag);
  const counts = {};
  for (const t of counted) if (tables.includes(t)) counts[t] = db.prepare('SELECT count(*) AS n FROM ' + t).get().n;
  return { integrity, tables, applied, counts };
} finally {
  db.close();
}`;

// better-sqlite3 is loaded by the worker from where the main process found it; the worker needs no bundle
const WORKER_SOURCE = `
const { workerData, parentPort } = require('node:worker_threads');
const read = new Function('Database', 'file', 'counted', 'keyPragmas', workerData.source);
try {
  const { module, file, counted, keyPragmas } = workerData;
  parentPort.postMessage({ reading: read(require(module), file, counted, keyPragmas) });
} catch (e) {
  parentPort.postMessage({ error: String((e && e.message) || e) });
}`;

// VACUUM INTO from a read-only connection of its own: one read transaction (a consistent copy) that in WAL mode
// never blocks the till's writes, and whose work (and the final sync of gigabytes) is not on the till's thread
const COPY_SOURCE = `
const { workerData, parentPort } = require('node:worker_threads');
try {
  const Database = require(workerData.module);
  const db = new Database(workerData.file, { readonly: true, fileMustExist: true });
  try {
    // an encrypted shop's copy is encrypted with the same key
    for (const p of workerData.keyPragmas) db.pragma(p);
    db.prepare('VACUUM INTO ?').run(workerData.target);
  } finally {
    db.close();
  }
  parentPort.postMessage({ ok: true });
} catch (e) {
  parentPort.postMessage({ error: String((e && e.message) || e) });
}`;

/** Copies a shop's database file to `target` on a worker thread (see COPY_SOURCE). */
export function copyOffThread(file: string, target: string, key: string | null = null): Promise<void> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(COPY_SOURCE, {
      eval: true,
      workerData: {
        file,
        target,
        keyPragmas: key ? keyStatements(key) : [],
        module: createRequire(import.meta.url).resolve('better-sqlite3'),
      },
    });
    worker.once('message', (m: { ok?: true; error?: string }) => {
      if (m.ok) resolve();
      else reject(new Error(m.error));
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

const readHere = new Function('Database', 'file', 'counted', 'keyPragmas', READ_SOURCE) as (
  db: typeof Database,
  file: string,
  counted: readonly string[],
  keyPragmas: string[],
) => Reading;

const fail = (problem: string): BackupCheck => ({ ok: false, problem, schema: null, counts: {} });

/**
 * A file that is missing or not SQLite at all is refused before any database is opened. Without a key a file must
 * start as SQLite does; with one, an encrypted file's first bytes are noise and opening it with the key decides.
 */
function notADatabase(file: string, key: string | null): BackupCheck | null {
  if (!existsSync(file)) return fail(`There is no file ${file}.`);
  if (statSync(file).size < 100) return fail(`${basename(file)} is not a Counterline database (it is nearly empty).`);
  if (!key && fileHeader(file) !== SQLITE_MAGIC)
    return fail(
      `${basename(file)} is not a Counterline database (not an SQLite file), or it is encrypted and ${KEY_ENV} is not set.`,
    );
  return null;
}

function judge(file: string, r: Reading, migrationsDir: string): BackupCheck {
  if (r.integrity !== 'ok') return fail(`${basename(file)} is damaged: ${r.integrity}.`);
  if (!r.tables.includes('__migrations') || !r.tables.includes('customers'))
    return fail(`${basename(file)} is an SQLite database but not a Counterline shop.`);
  const known = readMigrations(migrationsDir).map((m) => m.tag);
  const unknown = r.applied.filter((t) => !known.includes(t)).sort();
  const schema = [...r.applied].sort().at(-1) ?? null;
  if (unknown.length)
    return {
      ok: false,
      problem: `${basename(file)} comes from a newer Counterline (it has the upgrade ${unknown.at(-1)}); install that version to restore it.`,
      schema,
      counts: {},
    };
  return { ok: true, problem: null, schema, counts: r.counts };
}

const unreadable = (file: string, err: unknown, key: string | null) => {
  const why = (err as Error).message ?? String(err);
  return fail(
    key && /not a database/i.test(why)
      ? `${basename(file)} could not be opened with this shop's key: it is not a Counterline database, or it was encrypted with another key.`
      : `${basename(file)} could not be read as a database: ${why}.`,
  );
};

/**
 * Opens a copy read-only and checks it is a whole Counterline database this version can open: SQLite's own
 * integrity check, Counterline's tables, and no upgrade this version does not know (a backup from a newer Counterline).
 */
export function checkBackup(file: string, migrationsDir: string, key: string | null = null): BackupCheck {
  const refused = notADatabase(file, key);
  if (refused) return refused;
  try {
    return judge(file, readHere(Database, file, COUNTED_TABLES, key ? keyStatements(key) : []), migrationsDir);
  } catch (err) {
    return unreadable(file, err, key);
  }
}

/** The same check on a thread of its own: a gigabyte's integrity check takes seconds the till must not wait. */
export function checkBackupOffThread(
  file: string,
  migrationsDir: string,
  key: string | null = null,
): Promise<BackupCheck> {
  const refused = notADatabase(file, key);
  if (refused) return Promise.resolve(refused);
  return new Promise((resolve) => {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        source: READ_SOURCE,
        file,
        counted: COUNTED_TABLES,
        keyPragmas: key ? keyStatements(key) : [],
        module: createRequire(import.meta.url).resolve('better-sqlite3'),
      },
    });
    worker.once('message', (m: { reading?: Reading; error?: string }) => {
      resolve(m.reading ? judge(file, m.reading, migrationsDir) : unreadable(file, new Error(m.error), key));
      void worker.terminate();
    });
    worker.once('error', (err) => resolve(unreadable(file, err, key)));
  });
}

/** counterline-20261206-183000123-daily.db (UTC, to the millisecond): sortable by name, the reason readable. */
export function backupName(at: number, reason: BackupReason): string {
  const d = new Date(at).toISOString();
  return `counterline-${d.slice(0, 10).replace(/-/g, '')}-${d.slice(11, 23).replace(/[:.]/g, '')}-${reason}.db`;
}

export function parseBackupName(name: string): { at: number; reason: BackupReason } | null {
  const m = /^counterline-(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})(\d{3})-([a-z-]+)\.db$/.exec(name);
  if (!m) return null;
  const reason = m[8] as BackupReason;
  if (!BACKUP_REASONS.includes(reason)) return null;
  const [, y, mo, d, h, mi, s, ms] = m.map(Number) as number[];
  return { at: Date.UTC(y as number, (mo as number) - 1, d, h, mi, s, ms), reason };
}

export interface Keep {
  keepDaily: number;
  keepWeekly: number;
  keepMonthly: number;
}

/**
 * Which scheduled backups rotation removes: it keeps the newest of each of the last `keepDaily` days that have one,
 * of the last `keepWeekly` weeks and of the last `keepMonthly` months (days as the shop's `dayOf` gives them). Backups
 * made by hand or before an upgrade or restore are never removed by rotation.
 */
export function rotation<T extends { at: number; reason: BackupReason }>(
  backups: readonly T[],
  keep: Keep,
  dayOf: (at: number) => string,
): T[] {
  const scheduled = backups.filter((b) => b.reason === 'daily').sort((a, b) => b.at - a.at);
  const kept = new Set<T>();
  const newestPer = (key: (b: T) => string, n: number) => {
    const seen = new Set<string>();
    for (const b of scheduled) {
      const k = key(b);
      if (seen.has(k)) continue;
      if (seen.size >= n) break;
      seen.add(k);
      kept.add(b);
    }
  };
  newestPer((b) => dayOf(b.at), keep.keepDaily);
  newestPer((b) => isoWeek(dayOf(b.at)), keep.keepWeekly);
  newestPer((b) => dayOf(b.at).slice(0, 7), keep.keepMonthly);
  return scheduled.filter((b) => !kept.has(b));
}

/** 2026-W49 for a YYYY-MM-DD day. */
export function isoWeek(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  const weekday = date.getUTCDay() || 7;
  date.setUTCDate(date.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(date.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((date.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${date.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/**
 * A copy of an open database made in one statement (VACUUM INTO), checked, with its .json description: for the
 * moments no sale is running (before an upgrade, before a restore), where a worker thread is not needed.
 */
export function snapshot(
  sqlite: Database.Database,
  folder: string,
  reason: BackupReason,
  migrationsDir: string,
  at = Date.now(),
  key: string | null = null,
): BackupInfo {
  mkdirSync(folder, { recursive: true });
  const name = backupName(at, reason);
  const file = join(folder, name);
  sqlite.prepare('VACUUM INTO ?').run(file);
  const info: BackupInfo = {
    file,
    name,
    at,
    reason,
    bytes: statSync(file).size,
    ...checkBackup(file, migrationsDir, key),
    copy: null,
  };
  writeInfo(info);
  return info;
}

/** A backup's description, beside it as FILE.json. */
export function writeInfo(info: BackupInfo): void {
  writeFileSync(`${info.file}.json`, JSON.stringify(info, null, 2));
}

export function readInfo(file: string): BackupInfo | null {
  try {
    return { ...(JSON.parse(readFileSync(`${file}.json`, 'utf8')) as BackupInfo), file };
  } catch {
    return null;
  }
}
