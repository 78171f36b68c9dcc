import { afterEach, describe, expect, it } from 'vitest';
import { parseStatus } from '../../src/main/devices/printers/status';
import { PrinterTransport } from '../../src/main/devices/printers/transport';
import { ANSWERS, serialPrinter, socatPair, startTcpPrinter } from './fake-printers';

const JOB = Buffer.from('\x1b@Receipt S-000001\n\x1dV\x01', 'latin1');
const LOW = 'the paper is running low: have a new roll ready';
const OUT = 'the paper has run out: put in a new roll';

describe('printer status in words', () => {
  it('reads paper near end from DLE EOT 4 (bits 2-3) or GS r 1 (bits 0-1) as a warning, the printer still online', () => {
    expect(parseStatus([0x16, 0x12, 0x1e])).toEqual({ online: true, problem: null, warning: LOW });
    expect(parseStatus([0x16, 0x12, 0x12], 0x03)).toEqual({ online: true, problem: null, warning: LOW });
    expect(parseStatus([0x16, 0x12, 0x12], 0x00)).toEqual({ online: true, problem: null, warning: null });
  });

  it('reads paper end from GS r 1 (bits 2-3) as a fault even when DLE EOT says the paper is fine', () => {
    expect(parseStatus([0x16, 0x12, 0x12], 0x0c)).toEqual({ online: false, problem: OUT, warning: null });
  });

  it('takes a printer that answers only GS r as answering', () => {
    expect(parseStatus([null, null, null], 0x00)).toEqual({ online: true, problem: null, warning: null });
    expect(parseStatus([null, null, null], null).problem).toMatch(/did not answer/);
  });
});

describe('GS r against printers that answer the bytes', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it('asks GS r 1 after DLE EOT only when the profile says so (TCP printer)', async () => {
    const printer = await startTcpPrinter({ answers: ANSWERS.nearEndGsrOnly });
    cleanups.push(printer.close);
    const t = new PrinterTransport(`tcp://127.0.0.1:${printer.port}`);
    expect(await t.status()).toEqual({ online: true, problem: null, warning: null });
    expect(printer.sinks[0]?.asked).toEqual(['DLE EOT 1', 'DLE EOT 2', 'DLE EOT 4']);
    expect(await t.status(true)).toEqual({ online: true, problem: null, warning: LOW });
    expect(printer.sinks[1]?.asked).toEqual(['DLE EOT 1', 'DLE EOT 2', 'DLE EOT 4', 'GS r 1']);
  });

  it('prints with paper near its end and says so; refuses to send when GS r reports the paper out (TCP)', async () => {
    const printer = await startTcpPrinter({ answers: ANSWERS.nearEndGsrOnly });
    cleanups.push(printer.close);
    const t = new PrinterTransport(`tcp://127.0.0.1:${printer.port}`);
    expect(await t.execute(JOB, { checkStatus: true, transmitStatus: true })).toMatchObject({ warning: LOW });
    expect(await printer.nextJob()).toEqual(JOB);

    const empty = await startTcpPrinter({ answers: ANSWERS.paperOutGsrOnly });
    cleanups.push(empty.close);
    const t2 = new PrinterTransport(`tcp://127.0.0.1:${empty.port}`);
    await expect(t2.execute(JOB, { checkStatus: true, transmitStatus: true })).rejects.toMatchObject({
      code: 'DEVICE_OFFLINE',
      message: `The network printer at 127.0.0.1:${empty.port}: ${OUT}`,
    });
    expect(empty.sinks[0]?.bytes.length).toBe(0);
    // without GS r the same printer looks ready: the profile setting is what finds the empty roll
    await t2.execute(JOB, { checkStatus: true });
    expect((await empty.nextJob()).length).toBe(0); // the refused connection: status asked, nothing sent
    expect(await empty.nextJob()).toEqual(JOB);
  });

  it('reads GS r 1 from a serial printer on a pty', async () => {
    const pair = await socatPair();
    cleanups.push(pair.close);
    const printer = await serialPrinter(pair.b, ANSWERS.paperOutGsrOnly);
    cleanups.push(printer.close);
    await expect(
      new PrinterTransport(`serial:${pair.a}`).execute(JOB, { checkStatus: true, transmitStatus: true }),
    ).rejects.toMatchObject({ code: 'DEVICE_OFFLINE', message: expect.stringContaining(OUT) });
    expect(printer.sink.asked).toEqual(['DLE EOT 1', 'DLE EOT 2', 'DLE EOT 4', 'GS r 1']);
    expect(printer.sink.bytes.length).toBe(0);
  });
});
