import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { SerialPort } from 'serialport';
import { expect, rpc, signIn, test } from './fixtures';

const OWNER = { name: 'Rose Nakato', pin: '1234' };
/** A loyalty card (its customer is made in openDemo), and the demo sugar barcode (src/main/seed/products.ts). */
const CARD = '2900000000017';
const SUGAR = '6164000000034';

/** The demo shop, signed in as its owner, with a customer holding loyalty card CARD. */
async function openDemo(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByRole('button', { name: 'Empty demo shop' }).click();
  await signIn(page, OWNER.name, OWNER.pin);
  await rpc(page, 'customers.create', {
    type: 'individual',
    firstName: 'Sarah',
    lastName: 'Nansubuga',
    phones: [{ number: '0772 555 019', isPrimary: true }],
    loyaltyCardNo: CARD,
  });
}

async function go(page: Page, section: RegExp): Promise<void> {
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: section }).click();
}

test('keyboard scanners: with the interval raised to 100 ms an 80 ms-a-key scanner attaches the customer, and a person typing at 150 ms a key stays typing', async ({
  page,
  host,
}) => {
  test.setTimeout(120_000);
  await openDemo(page, host.url);

  // The owner raises the interval on the Devices screen (the default 30 ms would take 80 ms keys for typing).
  await go(page, /Devices/);
  await page.getByLabel("Longest pause between a scan's keys (ms)").fill('100');
  await page.getByRole('button', { name: 'Save scanner timing' }).click();
  await expect(page.getByText('pauses up to 100 ms count as a scan')).toBeVisible();

  // A person at 150 ms a key, with no field focused: nothing shows in the scanner test.
  await page.getByRole('heading', { name: 'Scanner test' }).click();
  await page.keyboard.type(CARD, { delay: 150 });
  await page.keyboard.press('Enter');
  // the slow scanner right after it does show, so the empty log above was not just a slow screen
  await page.keyboard.type(SUGAR, { delay: 80 });
  await page.keyboard.press('Enter');
  const log = page.getByRole('list', { name: 'Scanner test' });
  await expect(log).toContainText(SUGAR);
  await expect(log).not.toContainText(CARD);

  await go(page, /Till/);
  const box = page.getByLabel(/Scan or search/);
  await box.click();

  // Typing at a person's pace: every character stays in the box and nothing is attached.
  await page.keyboard.type(CARD, { delay: 150 });
  await expect(box).toHaveValue(CARD);
  await expect(page.getByTestId('till-customer-name')).toHaveCount(0);
  await box.fill('');

  // The slow scanner: 80 ms a key and Enter. The customer is attached and the box is left empty.
  await page.keyboard.type(CARD, { delay: 80 });
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('till-customer-name')).toContainText('Sarah Nansubuga');
  await expect(box).toHaveValue('');
  mkdirSync('test-results/screenshots', { recursive: true });
  await page.screenshot({ path: 'test-results/screenshots/till-slow-wedge-scan.png' });
});

/** `socat` pty pair: the app opens `a`, the test plays the scanner on `b`. */
async function ptyPair(): Promise<{ a: string; b: string; close: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'cl-e2e-pty-'));
  const a = join(dir, 'A');
  const b = join(dir, 'B');
  const child: ChildProcess = spawn('socat', ['-d', '-d', `pty,raw,echo=0,link=${a}`, `pty,raw,echo=0,link=${b}`], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  child.stderr?.on('data', (d) => {
    log += d;
  });
  const started = Date.now();
  while (!(existsSync(a) && existsSync(b) && log.includes('starting data transfer loop'))) {
    if (child.exitCode !== null || Date.now() - started > 5000) throw new Error(`socat did not start: ${log}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  return {
    a,
    b,
    close: async () => {
      if (child.exitCode === null) {
        const gone = new Promise((r) => child.once('exit', r));
        child.kill();
        await gone;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

test('serial scanner: a card and a product read by a scanner on a serial port reach the till like a keyboard scan', async ({
  page,
  host,
}) => {
  const pair = await ptyPair();
  const device = new SerialPort({ path: pair.b, baudRate: 9600, autoOpen: false });
  try {
    await openDemo(page, host.url);
    await rpc(page, 'devices.saveScanner', { name: 'Counter gun', kind: 'serial', path: pair.a });
    await expect
      .poll(async () => (await rpc<Array<{ connected: boolean }>>(page, 'devices.scanners', null))[0]?.connected)
      .toBe(true);
    await new Promise<void>((res, rej) => device.open((e) => (e ? rej(e) : res())));

    await go(page, /Till/);
    await expect(page.getByLabel(/Scan or search/)).toBeVisible();
    device.write(`${CARD}\r\n`);
    await expect(page.getByTestId('till-customer-name')).toContainText('Sarah Nansubuga');
    await expect(page.getByRole('region', { name: 'Totals' })).toHaveAttribute('aria-busy', 'false');
    device.write(`${SUGAR}\r\n`);
    await expect(page.getByTestId('till-total')).toContainText('UGX 5,000');
  } finally {
    if (device.isOpen) await new Promise<void>((r) => device.close(() => r()));
    await pair.close();
  }
});
