import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../shared/errors';
import { type App, createApp } from '../app';
import { DATABASE_FILE, resolveDataDir } from '../config';
import { DatabaseKeyError } from '../db/key';

/** A path as it can be pasted into a shell: bare when it is plain, else in single quotes. */
export function shellWord(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replaceAll("'", `'\\''`)}'`;
}

/** The command that creates a shop in the data folder, with the parts the user fills in as capitals. */
export function initCommandFor(dataDir: string): string {
  return `counterline init --shop NAME --country CC --currency CUR --time-zone TZ --owner NAME --pin PIN --data-dir ${shellWord(dataDir)}`;
}

/** What every command that needs a shop says when the data folder has none: how to create one. */
export function noShopMessage(dataDir: string): string {
  return `There is no Counterline shop in ${dataDir}; create one with: ${initCommandFor(dataDir)}`;
}

/** Says why on stderr and gives the exit code (1: refused, 2: a usage or option mistake). */
export function fail(message: string, code = 1): number {
  console.error(message);
  return code;
}

/** Opens the shop in the data folder, runs, closes; a refusal with words becomes one line and exit 1. */
export async function withShop(dataDirArg: string | undefined, run: (app: App) => Promise<number>): Promise<number> {
  const dataDir = resolveDataDir(dataDirArg);
  if (!existsSync(join(dataDir, DATABASE_FILE))) return fail(noShopMessage(dataDir));
  let app: App;
  try {
    app = createApp({ dataDir, log: () => {} });
  } catch (e) {
    if (e instanceof DatabaseKeyError) return fail(e.message);
    throw e;
  }
  try {
    if (!app.services.settings.isInitialised()) return fail(noShopMessage(dataDir));
    return await run(app);
  } catch (e) {
    if (e instanceof AppError) return fail(e.message);
    throw e;
  } finally {
    app.close();
  }
}
