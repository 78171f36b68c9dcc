import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { DATABASE_FILE, resolveDataDir } from '../config';
import {
  applyKey,
  checkKey,
  decryptInPlace,
  encryptInPlace,
  isEncryptedFile,
  isPlainSqlite,
  KEY_ENV,
  keyFromEnv,
} from '../db/key';
import { defaultMigrationsDir } from '../db/open';
import { snapshot } from '../domains/backups/files';
import { restoreShop } from '../domains/backups/restore';
import { fail, withShop } from './shop';

const ACTOR = { id: null, name: 'command line backup' };

/** `counterline backup [--to DIR] [--json]`: a backup made while the shop runs, checked; prints the file written. */
export async function backupCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { to: { type: 'string' }, json: { type: 'boolean', default: false }, 'data-dir': { type: 'string' } },
  });
  if (positionals.length) return fail('Usage: counterline backup [--to DIR] [--json] [--data-dir DIR]', 2);
  return withShop(values['data-dir'], async (app) => {
    const info = await app.services.backups.create(ACTOR, 'manual', values.to ? resolve(values.to) : undefined);
    if (values.json) console.log(JSON.stringify(info));
    else if (info.ok) console.log(`Backed up to ${info.file} (${info.bytes} bytes, checked: ok).`);
    else console.log(`Backed up to ${info.file}, but its check failed: ${info.problem}`);
    return info.ok ? 0 : 1;
  });
}

/** `counterline restore FILE --yes`: the shop replaced by a checked backup, the current one kept aside. */
export async function restoreCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { yes: { type: 'boolean', default: false }, 'data-dir': { type: 'string' } },
  });
  const [file, ...extra] = positionals;
  if (!file || extra.length) return fail('Usage: counterline restore FILE --yes [--data-dir DIR]', 2);
  const dataDir = resolveDataDir(values['data-dir']);
  if (!values.yes)
    return fail(
      `Restoring replaces the shop in ${dataDir} with ${file} (the current one is kept as a backup first). Run again with --yes to do it.`,
      2,
    );
  try {
    const r = restoreShop(dataDir, resolve(file), defaultMigrationsDir(), keyFromEnv());
    console.log(
      `Restored ${r.restored} into ${dataDir}.` +
        (r.keptAside ? ` The shop as it was is kept in ${r.keptAside.file}.` : '') +
        (r.migrated.length ? ` Upgraded with ${r.migrated.join(', ')}.` : ''),
    );
    return 0;
  } catch (err) {
    return fail((err as Error).message);
  }
}

/**
 * `counterline encrypt --yes`: the shop's database encrypted in place with the key in COUNTERLINE_DB_KEY. A copy is
 * taken first and put back if anything fails; once the shop is encrypted that plain copy is deleted, and any older
 * backups that are still plain are named, for the owner to delete or keep somewhere safe.
 */
export async function encryptCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { yes: { type: 'boolean', default: false }, 'data-dir': { type: 'string' } },
  });
  if (positionals.length) return fail('Usage: counterline encrypt --yes [--data-dir DIR]', 2);
  const dataDir = resolveDataDir(values['data-dir']);
  const target = join(dataDir, DATABASE_FILE);
  if (!existsSync(target)) return fail(`There is no shop in ${dataDir}.`);
  if (isEncryptedFile(target)) return fail(`The shop in ${dataDir} is already encrypted.`);
  const key = keyFromEnv() ?? (await askKey(true));
  if (key === MISMATCH) return fail('The two keys typed differ; nothing was changed.', 2);
  if (!key)
    return fail(
      `Set the key in ${KEY_ENV} first, or type it when asked (keep it safe: without it the shop cannot be opened).`,
      2,
    );
  if (key.length < 8) return fail('The key is too short: use at least 8 characters.', 2);
  if (!values.yes)
    return fail(
      `Encrypting rewrites the shop in ${dataDir} (a copy is taken first). From then on Counterline needs ${KEY_ENV} to open it. Run again with --yes to do it.`,
      2,
    );
  const db = new Database(target, { fileMustExist: true });
  let copy: string | null = null;
  try {
    // an exclusive lock fails fast when a till or host still has the shop open
    db.pragma('busy_timeout = 0');
    db.exec('BEGIN EXCLUSIVE; COMMIT');
    copy = snapshot(db, join(dataDir, 'backups'), 'before-encryption', defaultMigrationsDir()).file;
    encryptInPlace(db, key);
  } catch (err) {
    db.close();
    if (copy && !isPlainSqlite(target)) restoreShop(dataDir, copy, defaultMigrationsDir());
    return fail(`The shop was not encrypted (${(err as Error).message}). Close Counterline on ${dataDir} first.`);
  }
  db.close();
  if (copy) for (const f of [copy, `${copy}.json`]) rmSync(f, { force: true });
  const folder = join(dataDir, 'backups');
  const plain = existsSync(folder)
    ? readdirSync(folder).filter((f) => f.endsWith('.db') && isPlainSqlite(join(folder, f)))
    : [];
  console.log(
    `The shop in ${dataDir} is encrypted. Start Counterline with ${KEY_ENV} set to the same key; new backups are encrypted with it.` +
      (plain.length
        ? ` ${plain.length} older backups in ${folder} are not encrypted: delete them, or keep them somewhere safe.`
        : ''),
  );
  return 0;
}

const MISMATCH = Symbol('the two keys differ');

/**
 * The key when COUNTERLINE_DB_KEY is not set: typed at a terminal (not echoed; twice when setting one), or the first
 * line of what a script pipes in. Null when nothing comes.
 */
export async function askKey(twice: boolean): Promise<string | typeof MISMATCH | null> {
  if (!process.stdin.isTTY) {
    let text = '';
    for await (const chunk of process.stdin) text += chunk;
    return text.split(/\r?\n/)[0] || null;
  }
  const ask = (prompt: string) =>
    new Promise<string>((done) => {
      const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
      // the key is not shown as it is typed
      (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (s: string) => {
        if (s.startsWith(prompt)) process.stderr.write(prompt);
      };
      rl.question(prompt, (answer) => {
        rl.close();
        process.stderr.write('\n');
        done(answer);
      });
    });
  const first = await ask("The shop's key: ");
  if (!first || !twice) return first || null;
  return (await ask('The same key again: ')) === first ? first : MISMATCH;
}

/** `counterline decrypt --yes`: the reverse of encrypt, with the key in COUNTERLINE_DB_KEY; the shop is plain after. */
export async function decryptCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { yes: { type: 'boolean', default: false }, 'data-dir': { type: 'string' } },
  });
  if (positionals.length) return fail('Usage: counterline decrypt --yes [--data-dir DIR]', 2);
  const dataDir = resolveDataDir(values['data-dir']);
  const target = join(dataDir, DATABASE_FILE);
  if (!existsSync(target)) return fail(`There is no shop in ${dataDir}.`);
  if (!isEncryptedFile(target)) return fail(`The shop in ${dataDir} is not encrypted.`);
  const key = keyFromEnv() ?? (await askKey(false));
  if (!key || key === MISMATCH)
    return fail(`Set the shop's key in ${KEY_ENV}, or type it when asked, to decrypt it.`, 2);
  if (!values.yes)
    return fail(
      `Decrypting writes the shop in ${dataDir} as a plain file anyone with the PC can read. Run again with --yes to do it.`,
      2,
    );
  const db = new Database(target, { fileMustExist: true });
  try {
    applyKey(db, key);
    checkKey(db, target, key);
    db.pragma('busy_timeout = 0');
    db.exec('BEGIN EXCLUSIVE; COMMIT');
    decryptInPlace(db);
  } catch (err) {
    return fail(`The shop was not decrypted: ${(err as Error).message}`);
  } finally {
    db.close();
  }
  console.log(`The shop in ${dataDir} is no longer encrypted; unset ${KEY_ENV} to open it.`);
  return 0;
}
