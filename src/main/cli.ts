import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { testClock } from '../shared/clock';
import { seededRandom, uuidv7Source } from '../shared/ids';
import { createApp } from './app';
import { askKey, backupCommand, decryptCommand, encryptCommand, restoreCommand } from './cli/backup';
import { exportDebtorsCommand, reportCommand, statementCommand } from './cli/debts';
import { exportCommand } from './cli/export';
import { importCommand } from './cli/import';
import { initCommand } from './cli/init';
import { INSIGHT_REPORTS, INSIGHTS_HELP, insightsReportCommand } from './cli/insights';
import { messagingCommand, outboxCommand, sendCommand } from './cli/messaging';
import { printerCommand } from './cli/printer';
import { eraseCustomerCommand, exportCustomerDataCommand } from './cli/privacy';
import { reportShiftCommand, reportTakingsCommand, SHIFT_HELP, shiftCommand } from './cli/shift';
import { DATABASE_FILE, resolveDataDir } from './config';
import { isEncryptedFile, keyFromEnv } from './db/key';
import { isoDate, localDate, startOfLocalDay } from './domains/loyalty/dates';
import { DEMO_SHOP } from './domains/system/service';
import { checkBindAddress, startHttpHost } from './host/http';
import { testClockFromEnv } from './host/test-clock';
import { seedDemoLife } from './seed/demo';
import { seedReference } from './seed/reference';

const HELP = `Counterline: the customer-first till

Usage: counterline <command> [options]

  init --shop NAME --country CC --currency CUR --time-zone TZ --owner NAME --pin PIN
        [--language en|id] [--data-dir DIR]
        Create a new shop and its owner (what the first-run screen does); refuses a folder with a shop.
  serve [--port N] [--data-dir DIR] [--host 127.0.0.1] [--allow-lan]
        Serve the till to a browser on this computer and print its address.
  seed --demo [--today YYYY-MM-DD] [--bare] [--data-dir DIR]
        Create a believable small demo shop: catalog, staff, ~300 customers and six months of sales, debts and
        points up to today (the same rows for the same --today); --bare gives just the catalog and staff.
  seed --reference [--scale F] [--data-dir DIR]
        Create the deterministic reference dataset used by benchmarks.
  import customers FILE [--data-dir DIR] [--preset generic|pos-export|square|kasir|ecommerce|erp]
        [--sheet NAME] [--header-row N] [--on-duplicate skip|update] [--dry-run] [--json] [--create-categories]
        Import customers from an Excel or CSV file into an onboarded shop. The header is looked for in every
        sheet's first 30 rows (N is the row number the spreadsheet shows); the result says which was used.
  import products FILE [--data-dir DIR] [--on-duplicate skip|update] [--dry-run] [--json]
        Import products (name, SKU, barcodes, price, cost, category, unit, tax, stock).
  export customers FILE [--data-dir DIR] [--format xlsx|csv|pdf]
        Export every customer (inactive ones too, with a status column).
  export sales|refunds FILE --customer ID [--data-dir DIR] [--format xlsx|csv|pdf]
        Export one customer's sales orders, or their refunds.
  export debtors FILE [--data-dir DIR] [--format xlsx|csv|pdf]
        Export every customer with a balance (largest first), with overdue amount and oldest due date.
  report aging [--as-of YYYY-MM-DD] [--by-invoice-date] [--json] [--data-dir DIR]
        Debts by age (current, 1-30, 31-60, 61-90, over 90 days past due); JSON amounts in minor units.
${INSIGHTS_HELP}
${SHIFT_HELP}
  statement CUSTOMER_ID --from YYYY-MM-DD --to YYYY-MM-DD --out FILE.pdf [--data-dir DIR]
  statement --all --from YYYY-MM-DD --to YYYY-MM-DD --out DIR [--combined] [--data-dir DIR]
        Statement of account as an A4 PDF; --all writes one per debtor (or one file with --combined).
  messaging smtp --host H --port P [--security none|starttls|tls] [--user U --password-env VAR] --from ADDRESS
        [--allow-self-signed] [--data-dir DIR]
        Set the e-mail channel (the shop's SMTP server); the password is read from the environment variable VAR.
  send statement CUSTOMER_ID --from YYYY-MM-DD --to YYYY-MM-DD --channel email|whatsapp [--to-address A] [--json]
        [--data-dir DIR]
        Send a statement through the outbox, waiting up to 30 s: by e-mail with the PDF attached, by WhatsApp as a
        text (the Cloud API when set up, else the click-to-chat link is printed to open). Exit 0 when sent, else
        the reason in one line (it stays queued); --json prints {"messageId","status","channel","to"[,"link"]}.
  outbox [--all] [--json] [--data-dir DIR]
        List the messages waiting to be sent (or all of them) with why each waits.
  printer test URI [--profile NAME] [--status] [--data-dir DIR]
        Print the test page to tcp://host:port, serial:/path[?baud=N] or file:/path.
  printer list                           List serial ports and USB printers.
  backup [--to DIR] [--json] [--data-dir DIR]
        Back up the shop's database while it runs (a worker thread copies it), check the copy and print the file written.
  restore FILE --yes [--data-dir DIR]
        Put a checked backup in place of the shop (refused if damaged or from a newer Counterline); the current
        database is kept as a before-restore backup first. Close Counterline on this folder first.
  encrypt --yes [--data-dir DIR]
        Encrypt the shop's database in place with the key in COUNTERLINE_DB_KEY (a copy is taken first); from then
        on every command, the host and the backups need that key.
  decrypt --yes [--data-dir DIR]         The reverse, with the key in COUNTERLINE_DB_KEY.
  export customer ID --out DIR [--json] [--data-dir DIR]
        Everything the shop holds about one person (their right of access), as a JSON file and a PDF; audited.
  erase customer ID --confirm "DISPLAY NAME" [--data-dir DIR]
        Erase a customer's personal data for good; the books keep their amounts under an anonymous name.
  help                                   Show this text.

The data folder is --data-dir, else COUNTERLINE_DATA_DIR, else the system's user-data folder.`;

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'init':
      return initCommand(rest);
    case 'serve':
      return serve(rest);
    case 'seed':
      return seed(rest);
    case 'import':
      return importCommand(rest);
    case 'export':
      if (rest[0] === 'customer') return exportCustomerDataCommand(rest);
      return rest[0] === 'debtors' ? exportDebtorsCommand(rest) : exportCommand(rest);
    case 'erase':
      return eraseCustomerCommand(rest);
    case 'report':
      if (rest[0] === 'shift') return reportShiftCommand(rest);
      if (rest[0] === 'takings') return reportTakingsCommand(rest);
      return (INSIGHT_REPORTS as readonly string[]).includes(rest[0] ?? '')
        ? insightsReportCommand(rest)
        : reportCommand(rest);
    case 'shift':
      return shiftCommand(rest);
    case 'statement':
      return statementCommand(rest);
    case 'printer':
      return printerCommand(rest);
    case 'messaging':
      return messagingCommand(rest);
    case 'send':
      return sendCommand(rest);
    case 'outbox':
      return outboxCommand(rest);
    case 'backup':
      return backupCommand(rest);
    case 'restore':
      return restoreCommand(rest);
    case 'encrypt':
      return encryptCommand(rest);
    case 'decrypt':
      return decryptCommand(rest);
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      console.log(HELP);
      return 0;
    default:
      console.error(`Unknown command "${command}". Run \`counterline help\` to see what it can do.`);
      return 2;
  }
}

async function serve(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string', default: '0' },
      host: { type: 'string', default: '127.0.0.1' },
      'data-dir': { type: 'string' },
      'allow-lan': { type: 'boolean', default: false },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be a port number, not ${values.port}`);
  checkBindAddress(values.host, values['allow-lan']);
  const rendererDir = join(projectRoot, 'out', 'renderer');
  if (!existsSync(join(rendererDir, 'index.html'))) await buildRenderer();
  const testClock = testClockFromEnv() ?? undefined;
  const dataDir = resolveDataDir(values['data-dir']);
  const app = createApp({ dataDir, clock: testClock, key: await keyForServe(dataDir) });
  app.startBackground();
  const host = await startHttpHost({ app, rendererDir, host: values.host, port, testClock });
  console.log(`Counterline ready at ${host.url}`);
  // settle every account once in the background (in slices) so the first Debts screen or alert check is quick
  void app.services.debtReports.book.current();
  const stop = async () => {
    await host.close();
    app.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return new Promise(() => {});
}

/**
 * The key of an encrypted shop: COUNTERLINE_DB_KEY, else typed at the terminal that starts the host (not shown). With
 * no terminal and no key, opening the shop says in one line that the key is missing.
 */
async function keyForServe(dataDir: string): Promise<string | null> {
  const fromEnv = keyFromEnv();
  if (fromEnv || !process.stdin.isTTY || !isEncryptedFile(join(dataDir, DATABASE_FILE))) return fromEnv;
  const typed = await askKey(false);
  return typeof typed === 'string' ? typed : null;
}

async function buildRenderer(): Promise<void> {
  console.error('The till screens are not built yet; building them once (about half a minute)…');
  const { build } = await import('vite');
  await build({ configFile: join(projectRoot, 'vite.config.ts'), logLevel: 'warn' });
}

function seed(args: string[]): number {
  const { values } = parseArgs({
    args,
    options: {
      demo: { type: 'boolean', default: false },
      today: { type: 'string' },
      bare: { type: 'boolean', default: false },
      reference: { type: 'boolean', default: false },
      scale: { type: 'string', default: '1' },
      'data-dir': { type: 'string' },
    },
  });
  const dataDir = resolveDataDir(values['data-dir']);
  if (values.demo === values.reference) throw new Error('Choose one: seed --demo or seed --reference');
  if (values.demo) {
    if (values.bare) {
      const app = createApp({ dataDir });
      try {
        const { ownerName, pin } = app.services.system.createDemoShop();
        console.log(`Demo shop created in ${dataDir}. Sign in as ${ownerName} with PIN ${pin}.`);
      } finally {
        app.close();
      }
      return 0;
    }
    const started = performance.now();
    // the shop is set up at 07:00 on its `today`, with ids from a seed, so the same day gives the same rows
    const tz = DEMO_SHOP.store.timeZone;
    const today = values.today ?? isoDate(localDate(Date.now(), tz));
    const [y, m, d] = today.split('-').map(Number) as [number, number, number];
    if (!/^\d{4}-\d{2}-\d{2}$/.test(today) || Number.isNaN(startOfLocalDay(y, m, d, tz)))
      throw new Error(`--today must be a date as YYYY-MM-DD, not ${today}`);
    const clock = testClock(startOfLocalDay(y, m, d, tz) + 7 * 3_600_000);
    const app = createApp({ dataDir, clock, newId: uuidv7Source(clock, seededRandom(14)) });
    try {
      const { ownerName, pin } = app.services.system.createDemoShop();
      const counts = seedDemoLife(app, { today });
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      console.log(
        `Demo shop created in ${dataDir} (history up to ${today}, ${seconds} s): ${counts.customers} customers, ` +
          `${counts.salesOrders} sales, ${counts.refunds} refunds, ${counts.voided} voids, ` +
          `${counts.debtPayments} debt payments. Sign in as ${ownerName} with PIN ${pin}.`,
      );
    } finally {
      app.close();
    }
    return 0;
  }
  const scale = Number(values.scale);
  if (!(scale > 0 && scale <= 10))
    throw new Error(`--scale must be a number above 0 and at most 10, not ${values.scale}`);
  const started = performance.now();
  const { app, counts } = seedReference({ dataDir, scale });
  app.close();
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`Reference dataset (scale ${scale}) in ${dataDir} after ${seconds} s: ${JSON.stringify(counts)}`);
  return 0;
}
