import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { EXPORT_FORMATS, type ExportFormat } from '../../shared/contract/customers';
import { createApp } from '../app';
import { DATABASE_FILE, resolveDataDir } from '../config';
import { exportCustomersToFile } from '../domains/customers/export';

/** `counterline export customers FILE [--data-dir D] [--format xlsx|csv|pdf]`: every customer, inactive included. */
export async function exportCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { 'data-dir': { type: 'string' }, format: { type: 'string' } },
  });
  const [what, file, ...extra] = positionals;
  if (what !== 'customers' || !file || extra.length) {
    console.error('Usage: counterline export customers FILE [--data-dir DIR] [--format xlsx|csv|pdf]');
    return 2;
  }
  const format = values.format as ExportFormat | undefined;
  if (format !== undefined && !EXPORT_FORMATS.includes(format)) {
    console.error(`--format must be one of ${EXPORT_FORMATS.join(', ')}, not ${values.format}`);
    return 2;
  }
  const dataDir = resolveDataDir(values['data-dir']);
  if (!existsSync(join(dataDir, DATABASE_FILE))) {
    console.error(`There is no Counterline shop in ${dataDir}; set one up first.`);
    return 1;
  }
  const app = createApp({ dataDir, log: () => {} });
  try {
    const result = await exportCustomersToFile(app, file, format);
    console.log(`Exported ${result.rows} customers to ${file} (${result.format}).`);
    return 0;
  } finally {
    app.close();
  }
}
