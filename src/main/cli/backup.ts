import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { resolveDataDir } from '../config';
import { defaultMigrationsDir } from '../db/open';
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
    const r = restoreShop(dataDir, resolve(file), defaultMigrationsDir());
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
