import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { type App, createApp } from '../app';
import { DATABASE_FILE, resolveDataDir } from '../config';
import { PRESETS, type Preset } from '../domains/customers/import/mapping';
import { MAX_FILE_BYTES } from '../domains/customers/import/read';
import type { ImportResult } from '../domains/customers/import/run';
import { noShopMessage } from './shop';

/** `counterline import customers FILE [...]`: exit 0 when the import ran (even with row errors). */
export function importCommand(args: string[]): number {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      'data-dir': { type: 'string' },
      preset: { type: 'string' },
      sheet: { type: 'string' },
      'header-row': { type: 'string' },
      'on-duplicate': { type: 'string', default: 'skip' },
      'dry-run': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      'create-categories': { type: 'boolean', default: false },
    },
  });
  const [what, file, ...extra] = positionals;
  const onDuplicate = values['on-duplicate'];
  const dryRun = values['dry-run'];
  if ((what !== 'customers' && what !== 'products') || !file || extra.length)
    return fail(
      'Usage: counterline import customers|products FILE [--data-dir DIR] [--preset NAME] [--sheet NAME] [--header-row N] [--dry-run] [--json]',
      2,
    );
  if (onDuplicate !== 'skip' && onDuplicate !== 'update')
    return fail(`--on-duplicate must be skip or update, not ${onDuplicate}`, 2);
  if (what === 'products')
    return importFile(file, values['data-dir'], values.json, (app, bytes, fileName) =>
      app.services.productImport.run(CLI_ACTOR, bytes, { fileName, onDuplicate, dryRun }),
    );
  const preset = values.preset as Preset | undefined;
  if (preset !== undefined && !PRESETS.includes(preset))
    return fail(`--preset must be one of ${PRESETS.join(', ')}, not ${values.preset}`, 2);
  const headerRowArg = values['header-row'];
  const headerRow = headerRowArg === undefined ? undefined : Number(headerRowArg);
  if (headerRow !== undefined && !(Number.isInteger(headerRow) && headerRow >= 1))
    return fail(`--header-row must be a row number (1 or more), not ${headerRowArg}`, 2);
  return importFile(file, values['data-dir'], values.json, (app, bytes, fileName) =>
    app.services.customerImport.run(CLI_ACTOR, bytes, {
      fileName,
      preset,
      sheet: values.sheet,
      headerRow,
      onDuplicate,
      dryRun,
      createCategories: values['create-categories'],
    }),
  );
}

const CLI_ACTOR = { id: null, name: 'command line import' };

function fail(message: string, code = 1): number {
  console.error(message);
  return code;
}

/** The part every `counterline import` shares: check the file and the shop, run, print the result or one line. */
function importFile(
  file: string,
  dataDirArg: string | undefined,
  json: boolean | undefined,
  run: (app: App, bytes: Uint8Array, fileName: string) => ImportResult,
): number {
  if (!existsSync(file) || !statSync(file).isFile()) return fail(`Cannot read ${file}: no such file.`);
  if (statSync(file).size > MAX_FILE_BYTES)
    return fail(`${file} is larger than 20 MB; Counterline will not import it.`);
  const dataDir = resolveDataDir(dataDirArg);
  if (!existsSync(join(dataDir, DATABASE_FILE))) return fail(noShopMessage(dataDir));
  const app = createApp({ dataDir, log: () => {} });
  try {
    if (!app.services.settings.isInitialised()) return fail(noShopMessage(dataDir));
    let result: ImportResult;
    try {
      result = run(app, new Uint8Array(readFileSync(file)), basename(file));
    } catch (e) {
      return fail(`Cannot import ${basename(file)}: ${(e as Error).message.replace(/\s+/g, ' ')}`);
    }
    if (json) console.log(JSON.stringify(result));
    else console.log(summary(basename(file), result));
    return 0;
  } finally {
    app.close();
  }
}

function summary(file: string, r: ImportResult): string {
  const where =
    r.headerRow === undefined
      ? ''
      : ` (${r.sheet ? `sheet “${r.sheet}”, ` : ''}header row ${r.headerRow}${r.preset ? `, preset ${r.preset}` : ''})`;
  const lines = [
    `${r.dryRun ? 'Dry run of' : 'Imported'} ${file}${where}: ${r.rows} rows, ${r.created} created, ${r.updated} updated, ${r.skipped} skipped, ${r.errors.length} errors.`,
  ];
  for (const e of r.errors) lines.push(`  error   ${e.message}`);
  for (const w of r.warnings) lines.push(`  warning ${w.message}`);
  if (r.ignoredColumns.length) lines.push(`  ignored columns: ${r.ignoredColumns.join(', ')}`);
  if (r.dryRun) lines.push('Nothing was saved (dry run).');
  return lines.join('\n');
}
