import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { encode } from '../../src/main/devices/printers/escpos';
import { saleReceipt, testPage } from '../../src/main/devices/printers/templates';
import { PrinterTransport } from '../../src/main/devices/printers/transport';
import { decodeEscPos } from './escpos-decoder';
import { ANSWERS, serialPrinter, socatPair, startTcpPrinter, unusedPort } from './fake-printers';
import { EPSON_80, SALE, STORE } from './sample-data';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const receipt = () => encode(saleReceipt(SALE), EPSON_80);

describe('TCP printer (raw port 9100)', () => {
  it('delivers the whole receipt to a printer that accepts', async () => {
    const printer = await startTcpPrinter();
    cleanups.push(printer.close);
    const bytes = await receipt();
    await new PrinterTransport(`tcp://127.0.0.1:${printer.port}`).execute(bytes);
    const got = await printer.nextJob();
    expect(got.equals(bytes)).toBe(true);
    expect(decodeEscPos(got).text).toContain('Receipt S-000123');
  });

  it('says in words that a printer refused the connection', async () => {
    const port = await unusedPort();
    const t = new PrinterTransport(`tcp://127.0.0.1:${port}`);
    await expect(t.execute(await receipt())).rejects.toMatchObject({
      code: 'DEVICE_OFFLINE',
      message: expect.stringMatching(/refused the connection: is it switched on/),
    });
    expect(await t.isPrinterConnected()).toBe(false);
  });

  it('fails the job when the printer closes the connection mid-job', async () => {
    const printer = await startTcpPrinter({ mode: 'close-mid-job' });
    cleanups.push(printer.close);
    // a large job (raster images) so the printer hangs up while bytes are still on their way
    const big = Buffer.concat(Array.from({ length: 40 }, () => Buffer.alloc(16_384, 0x41)));
    await expect(new PrinterTransport(`tcp://127.0.0.1:${printer.port}`).execute(big)).rejects.toMatchObject({
      code: 'DEVICE_OFFLINE',
      message: expect.stringMatching(/closed the connection before the receipt was fully sent/),
    });
  });

  it('waits for a slow printer that keeps reading', async () => {
    const printer = await startTcpPrinter({ mode: 'slow' });
    cleanups.push(printer.close);
    const bytes = Buffer.concat([await receipt(), Buffer.alloc(6_000, 0x20)]);
    await new PrinterTransport(`tcp://127.0.0.1:${printer.port}`, { idleTimeoutMs: 2000 }).execute(bytes);
    expect((await printer.nextJob()).length).toBe(bytes.length);
  });

  it('reads paper out, cover open and ready from the DLE EOT answers', async () => {
    const printer = await startTcpPrinter({ answers: ANSWERS.paperOut });
    cleanups.push(printer.close);
    const t = new PrinterTransport(`tcp://127.0.0.1:${printer.port}`);
    expect(await t.status()).toEqual({
      online: false,
      problem: 'the paper has run out: put in a new roll',
      warning: null,
    });
    await expect(t.execute(await receipt(), { checkStatus: true })).rejects.toMatchObject({
      code: 'DEVICE_OFFLINE',
      message: `The network printer at 127.0.0.1:${printer.port}: the paper has run out: put in a new roll`,
    });
    // the status queries were answered; no receipt byte went to a printer without paper
    expect(printer.sinks.length).toBe(2);
    for (const s of printer.sinks) expect(s.bytes.length).toBe(0);
    const cover = await startTcpPrinter({ answers: ANSWERS.coverOpen });
    cleanups.push(cover.close);
    expect((await new PrinterTransport(`tcp://127.0.0.1:${cover.port}`).status()).problem).toMatch(/cover is open/);
  });

  it('reports a printer that never answers the status query as not answering', async () => {
    const printer = await startTcpPrinter({ answers: null });
    cleanups.push(printer.close);
    const s = await new PrinterTransport(`tcp://127.0.0.1:${printer.port}`, { statusTimeoutMs: 100 }).status();
    expect(s).toEqual({
      online: false,
      problem: expect.stringMatching(/did not answer the status query/),
      warning: null,
    });
  });
});

describe('serial printer through a socat pty pair', () => {
  it('receives the receipt bytes on the other end, with code page, barcode, drawer kick and cut', async () => {
    const pair = await socatPair();
    cleanups.push(pair.close);
    const printer = await serialPrinter(pair.b);
    cleanups.push(printer.close);
    const bytes = await receipt();
    await new PrinterTransport(`serial:${pair.a}?baud=115200`).execute(bytes);
    const got = decodeEscPos(await printer.waitFor(bytes.length));
    expect(got.commands).toContainEqual({ op: 'codepage', n: 19 });
    expect(got.commands).toContainEqual({ op: 'barcode', type: 73, data: 'S-000123' });
    expect(got.commands).toContainEqual({ op: 'drawer', pin: 0 });
    expect(got.commands).toContainEqual({ op: 'cut', partial: true });
    expect(got.text).toContain('Amina Okello');
  });

  it('prints job after job on the same port (each job closes the port and releases its lock)', async () => {
    const pair = await socatPair();
    cleanups.push(pair.close);
    const printer = await serialPrinter(pair.b);
    cleanups.push(printer.close);
    const bytes = await receipt();
    const t = new PrinterTransport(`serial:${pair.a}`);
    for (let i = 0; i < 3; i++) await t.execute(bytes);
    expect((await printer.waitFor(bytes.length * 3)).length).toBe(bytes.length * 3);
  });

  it('sends € as 0xD5 over the wire in PC858', async () => {
    const pair = await socatPair();
    cleanups.push(pair.close);
    const printer = await serialPrinter(pair.b);
    cleanups.push(printer.close);
    const bytes = await encode(testPage({ store: STORE, printerName: 'S', uri: 'serial', at: 0 }), EPSON_80);
    await new PrinterTransport(`serial:${pair.a}`).execute(bytes);
    const got = await printer.waitFor(bytes.length);
    expect(got[got.indexOf(Buffer.from('Money: ', 'latin1')) + 7]).toBe(0xd5);
  });

  it('takes a paper-out answer to the status query as a fault and sends nothing', async () => {
    const pair = await socatPair();
    cleanups.push(pair.close);
    const printer = await serialPrinter(pair.b, ANSWERS.paperOut);
    cleanups.push(printer.close);
    await expect(
      new PrinterTransport(`serial:${pair.a}`).execute(await receipt(), { checkStatus: true }),
    ).rejects.toMatchObject({ code: 'DEVICE_OFFLINE', message: expect.stringMatching(/paper has run out/) });
    expect(printer.sink.bytes.length).toBe(0);
  });

  it('says the port is not there when nothing is plugged in', async () => {
    await expect(new PrinterTransport('serial:/dev/ttyNOPE9').execute(Buffer.from('x'))).rejects.toMatchObject({
      code: 'DEVICE_OFFLINE',
      message: expect.stringMatching(/serial printer on \/dev\/ttyNOPE9 is not there/),
    });
  });
});

describe('device file printer', () => {
  it('appends the job to the file (as to /dev/usb/lp0)', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'cl-lp-')), 'lp0');
    const bytes = await receipt();
    await new PrinterTransport(`file:${file}`).execute(bytes);
    expect(readFileSync(file).equals(bytes)).toBe(true);
  });

  it('does not create a missing device under /dev', async () => {
    await expect(new PrinterTransport('file:/dev/usb/lp9').execute(Buffer.from('x'))).rejects.toMatchObject({
      code: 'DEVICE_OFFLINE',
      message: expect.stringMatching(/printer device \/dev\/usb\/lp9 is not there/),
    });
  });
});
