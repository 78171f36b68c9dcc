import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { EXPORT_FIELDS, EXPORT_FORMATS, type ExportField, type ExportFormat } from '../../shared/contract/customers';
import { createApp } from '../app';
import { DATABASE_FILE, resolveDataDir } from '../config';
import { exportCustomersToFile } from '../domains/customers/export';
import { historyFormatFor } from '../domains/history/export';
import { noShopMessage } from './shop';

const USAGE = `Usage: counterline export customers FILE [--data-dir DIR] [--format xlsx|csv|pdf] [--fields a,b,c]
       counterline export sales|refunds FILE --customer ID [--data-dir DIR] [--format xlsx|csv|pdf]`;

/**
 * `counterline export customers FILE`: every customer, inactive included;
 * `counterline export sales|refunds FILE --customer ID`: one customer's sales orders or refunds.
 */
export async function exportCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      'data-dir': { type: 'string' },
      format: { type: 'string' },
      customer: { type: 'string' },
      fields: { type: 'string' },
    },
  });
  const [what, file, ...extra] = positionals;
  const history = what === 'sales' || what === 'refunds';
  if ((what !== 'customers' && !history) || !file || extra.length || history !== (values.customer !== undefined)) {
    console.error(USAGE);
    return 2;
  }
  const format = values.format as ExportFormat | undefined;
  if (format !== undefined && !EXPORT_FORMATS.includes(format)) {
    console.error(`--format must be one of ${EXPORT_FORMATS.join(', ')}, not ${values.format}`);
    return 2;
  }
  const fields = values.fields?.split(',').map((f) => f.trim()) as ExportField[] | undefined;
  const unknown = fields?.filter((f) => !EXPORT_FIELDS.includes(f));
  if (unknown?.length || (fields && (history || !fields.length))) {
    console.error(
      history
        ? '--fields is for export customers only'
        : `--fields takes columns from: ${EXPORT_FIELDS.join(', ')}; not ${unknown?.join(', ')}`,
    );
    return 2;
  }
  const dataDir = resolveDataDir(values['data-dir']);
  if (!existsSync(join(dataDir, DATABASE_FILE))) {
    console.error(noShopMessage(dataDir));
    return 1;
  }
  const app = createApp({ dataDir, log: () => {} });
  try {
    if (!app.services.settings.isInitialised()) {
      console.error(noShopMessage(dataDir));
      return 1;
    }
    if (what === 'sales' || what === 'refunds') {
      const res = await app.services.customerHistory.export(
        { id: null, name: 'command line export' },
        { customerId: values.customer as string, what, format: historyFormatFor(file, format) },
      );
      writeFileSync(file, res.bytes);
      console.log(`Exported ${res.rows} ${what} to ${file} (${historyFormatFor(file, format)}).`);
      return 0;
    }
    const result = await exportCustomersToFile(app, file, format, fields);
    console.log(`Exported ${result.rows} customers to ${file} (${result.format}).`);
    return 0;
  } finally {
    app.close();
  }
}
