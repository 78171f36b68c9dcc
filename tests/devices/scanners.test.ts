import { readFileSync } from 'node:fs';
import { SerialPort } from 'serialport';
import { afterEach, describe, expect, it } from 'vitest';
import { HONEYWELL_POS, KeyboardReportDecoder, PosReportDecoder } from '../../src/main/devices/scanners/hid-decode';
import { SerialScanner } from '../../src/main/devices/scanners/serial-scanner';
import { socatPair } from './fake-printers';

/** Recorded report sequences (hex, one report a line) in tests/fixtures/hid. */
const recorded = (name: string) =>
  readFileSync(new URL(`../fixtures/hid/${name}`, import.meta.url), 'utf8')
    .split('\n')
    .map((l) => l.replace(/#.*/, '').trim())
    .filter(Boolean)
    .map((l) => Buffer.from(l.replace(/\s+/g, ''), 'hex'));

describe('HID keyboard-mode scanner reports', () => {
  it('decodes an EAN-13 scan with key releases between digits and Enter at the end', () => {
    const d = new KeyboardReportDecoder();
    const codes = recorded('keyboard-ean13.hex').flatMap((r) => d.push(r));
    expect(codes).toEqual(['6164000000034']);
  });

  it('counts a key held across reports once and takes capitals and punctuation with Shift (US layout)', () => {
    const d = new KeyboardReportDecoder({ hasReportId: true });
    const codes = recorded('keyboard-reportid-shift.hex').flatMap((r) => d.push(r));
    expect(codes).toEqual(['S-000123', 'Ab_1']);
  });
});

describe('HID POS scanner reports (usage page 0x8C)', () => {
  it('reads a Honeywell-style report, and a code split over two reports', () => {
    const d = new PosReportDecoder(HONEYWELL_POS);
    const codes = recorded('pos-honeywell.hex').flatMap((r) => d.push(r));
    expect(codes).toEqual(['2900000012345', 'https://example.test/a-long-code-that-needs-two-reports-to-carry-it']);
  });

  it('ignores reports with another report id', () => {
    const d = new PosReportDecoder(HONEYWELL_POS);
    expect(d.push([0x01, 4, 0x41, 0x42, 0x43, 0x44])).toEqual([]);
  });

  it('follows a vendor layout from settings', () => {
    const d = new PosReportDecoder({ reportId: null, lengthIndex: 0, dataIndex: 1, moreIndex: null, moreMask: 0 });
    expect(d.push([5, ...Buffer.from('12345'), 0, 0])).toEqual(['12345']);
  });
});

describe('serial scanner through a socat pty pair', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it('turns each CR/LF-terminated line into one scan', async () => {
    const pair = await socatPair();
    cleanups.push(pair.close);
    const codes: string[] = [];
    const scanner = new SerialScanner(pair.a, (c) => codes.push(c), { retryMs: 50 });
    scanner.start();
    cleanups.push(() => scanner.stop());
    const device = new SerialPort({ path: pair.b, baudRate: 9600, autoOpen: false });
    await new Promise<void>((res, rej) => device.open((e) => (e ? rej(e) : res())));
    cleanups.push(() => new Promise<void>((r) => device.close(() => r())));
    await new Promise((r) => setTimeout(r, 200));
    device.write('6164000000034\r\n2900000012');
    device.write('345\r');
    device.write('S-000123\n');
    const end = Date.now() + 3000;
    while (codes.length < 3 && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
    expect(codes).toEqual(['6164000000034', '2900000012345', 'S-000123']);
  });

  it('keeps trying while the port is missing', async () => {
    const states: string[] = [];
    const scanner = new SerialScanner('/dev/ttyNOPE7', () => {}, {
      retryMs: 30,
      onState: (ok, problem) => states.push(ok ? 'up' : `down: ${problem}`),
    });
    scanner.start();
    await new Promise((r) => setTimeout(r, 150));
    await scanner.stop();
    expect(states.length).toBeGreaterThanOrEqual(2);
    expect(states.every((s) => s.startsWith('down'))).toBe(true);
  });
});

describe('USB HID scanner', () => {
  it('says which device is missing and keeps looking for it (no such device on this machine)', async () => {
    const { HidScanner } = await import('../../src/main/devices/scanners/hid-scanner');
    const states: string[] = [];
    const scanner = new HidScanner({ vendorId: 0x0c2e, productId: 0x0b61, mode: 'pos' }, () => {}, {
      retryMs: 30,
      onState: (ok, problem) => states.push(ok ? 'up' : `down: ${problem}`),
    });
    scanner.start();
    await new Promise((r) => setTimeout(r, 200));
    await scanner.stop();
    expect(states.length).toBeGreaterThanOrEqual(2);
    expect(states[0]).toBe('down: no USB device 0c2e:0b61 is plugged in');
  });
});

describe('scanners configured in settings', () => {
  it('reads a serial scanner saved through devices.saveScanner and emits each code as a scan.code event', async () => {
    const { makeTestApp, signInAs, DEMO } = await import('../helpers');
    const app = makeTestApp();
    const pair = await socatPair();
    try {
      app.services.system.createDemoShop();
      await signInAs(app.call, DEMO.owner, DEMO.ownerPin);
      app.services.devices.scanners.start();
      const codes: string[] = [];
      app.events.subscribe((name, p) => {
        if (name === 'scan.code') codes.push(`${(p as { source: string }).source}: ${(p as { code: string }).code}`);
      });
      const bad = await app.call('devices.saveScanner', { name: 'Gun', kind: 'serial' });
      expect(bad).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION', message: expect.stringMatching(/needs its port/) },
      });
      const saved = await app.call('devices.saveScanner', { name: 'Counter gun', kind: 'serial', path: pair.a });
      expect(saved.ok).toBe(true);
      const device = new SerialPort({ path: pair.b, baudRate: 9600, autoOpen: false });
      await new Promise<void>((res, rej) => device.open((e) => (e ? rej(e) : res())));
      const end = Date.now() + 3000;
      let listed: unknown;
      while (Date.now() < end) {
        listed = await app.call('devices.scanners');
        if ((listed as { data: Array<{ connected: boolean }> }).data[0]?.connected) break;
        await new Promise((r) => setTimeout(r, 20));
      }
      expect(listed).toMatchObject({ ok: true, data: [{ name: 'Counter gun', connected: true, problem: null }] });
      device.write('2900000012345\r\n');
      while (codes.length < 1 && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
      expect(codes).toEqual(['Counter gun: 2900000012345']);
      await new Promise<void>((r) => device.close(() => r()));
    } finally {
      await app.services.devices.scanners.stop();
      app.dispose();
      await pair.close();
    }
  });
});
