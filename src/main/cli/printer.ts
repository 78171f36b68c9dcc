import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { SerialPort } from 'serialport';
import { PrinterProfile } from '../../shared/contract/devices';
import { AppError } from '../../shared/errors';
import { createApp } from '../app';
import { DATABASE_FILE, resolveDataDir } from '../config';
import { storeHeader } from '../devices/printers/snapshots';
import { parsePrinterUri } from '../devices/printers/uri';
import { printTestPage } from '../domains/devices/service';

const USAGE = `Usage: counterline printer test URI [--profile NAME] [--status] [--data-dir DIR]
       counterline printer list
URI is tcp://host:port, serial:/dev/ttyUSB0[?baud=N] or file:/dev/usb/lp0.`;

/** `counterline printer test|list`: support staff check a printer without opening the till. */
export async function printerCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      profile: { type: 'string' },
      status: { type: 'boolean', default: false },
      'data-dir': { type: 'string' },
    },
  });
  const [verb, uri, ...extra] = positionals;
  if (verb === 'list' && !uri) return list();
  if (verb !== 'test' || !uri || extra.length) {
    console.error(USAGE);
    return 2;
  }
  try {
    parsePrinterUri(uri);
    const { profile, store } = shopProfile(values['data-dir'], values.profile);
    const p = PrinterProfile.parse({
      ...(profile ?? {}),
      id: profile?.id ?? '00000000-0000-7000-8000-000000000000',
      name: profile?.name ?? 'Printer',
      uri,
      statusQuery: values.status || profile?.statusQuery || false,
    });
    const status = await printTestPage(p, {
      store,
      printerName: p.name,
      uri,
      at: Date.now(),
      profile: `${p.dialect}, ${p.paperMm} mm, ${p.codePage}`,
    });
    console.log(`Test page sent to ${uri} (${p.dialect}, ${p.paperMm} mm, ${p.codePage}).`);
    if (status?.warning) console.log(`Note: ${status.warning}.`);
    return 0;
  } catch (e) {
    if (e instanceof AppError) {
      console.error(`Cannot print: ${e.message}`);
      return 1;
    }
    throw e;
  }
}

/** The named profile (and shop header) from the shop's data folder, when there is a shop there. */
function shopProfile(dataDirFlag: string | undefined, name: string | undefined) {
  const dataDir = resolveDataDir(dataDirFlag);
  const fallback = storeHeader({ name: 'Counterline', receiptFooter: 'Printed from the command line' });
  if (!existsSync(join(dataDir, DATABASE_FILE))) {
    if (name) throw new AppError('NOT_FOUND', `There is no Counterline shop in ${dataDir}, so no profile "${name}".`);
    return { profile: null, store: fallback };
  }
  const app = createApp({ dataDir, log: () => {} });
  try {
    const store = storeHeader(app.services.settings.store());
    if (!name) return { profile: null, store };
    const profile = app.services.devices.printers().find((p) => p.name.toLowerCase() === name.toLowerCase());
    if (!profile) {
      const names = app.services.devices.printers().map((p) => `"${p.name}"`);
      throw new AppError(
        'NOT_FOUND',
        `There is no printer profile "${name}"${names.length ? `; there are ${names.join(', ')}` : ''}.`,
      );
    }
    return { profile, store };
  } finally {
    app.close();
  }
}

async function list(): Promise<number> {
  let serial: Array<{ path: string; manufacturer?: string }> = [];
  try {
    serial = await SerialPort.list();
  } catch (e) {
    console.error(`Serial ports could not be listed: ${(e as Error).message}`);
  }
  const usb = existsSync('/dev/usb')
    ? readdirSync('/dev/usb')
        .filter((f) => /^lp\d+$/.test(f))
        .map((f) => `/dev/usb/${f}`)
    : [];
  if (!serial.length && !usb.length) console.log('No serial ports or USB printers found.');
  for (const s of serial) console.log(`serial:${s.path}${s.manufacturer ? `  (${s.manufacturer})` : ''}`);
  for (const u of usb) console.log(`file:${u}  (USB printer)`);
  console.log('Network printers are not listed: use tcp://ADDRESS:9100.');
  return 0;
}
