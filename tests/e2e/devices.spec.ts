import { mkdirSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { decodeEscPos } from '../devices/escpos-decoder';
import { TEST_LOGO } from '../devices/png-fixture';
import { expect, openDemoShop, rpc, test } from './fixtures';

const OWNER = { name: 'Rose Nakato', pin: '1234' };
const SUGAR = '6164000000034';

/** A raw-9100 receipt printer on 127.0.0.1 that keeps every job it receives. */
async function fakePrinter() {
  const jobs: Buffer[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((s) => {
    sockets.add(s);
    const chunks: Buffer[] = [];
    s.on('data', (c) => chunks.push(c));
    s.on('end', () => {
      jobs.push(Buffer.concat(chunks));
      s.end();
    });
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as { port: number }).port,
    jobs,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

test('devices: a receipt waits for a printer, prints once one is added, and the test page previews', async ({
  page,
  host,
}) => {
  const printer = await fakePrinter();
  try {
    await openDemoShop(page, host, OWNER.name, OWNER.pin);

    // A sale with no printer set up: it completes, its receipt waits in the queue.
    const sugar = await rpc<{ id: string }>(page, 'catalog.byBarcode', { code: SUGAR });
    const sale = await rpc<{ order: { number: string } }>(page, 'sales.complete', {
      cart: { lines: [{ productId: sugar.id, qtyMilli: 1000 }] },
      payments: [{ method: 'cash', amount: 10_000 }],
      idempotencyKey: 'e2e-devices-sale-1',
    });

    await page
      .getByRole('navigation', { name: 'Sections' })
      .getByRole('button', { name: /Devices/ })
      .click();
    await expect(page.getByRole('heading', { name: 'Devices', level: 1 })).toBeVisible();
    const queue = page.locator('.queue-table tbody tr').filter({ hasText: sale.order.number });
    await expect(queue).toContainText('Waiting');
    await expect(queue).toContainText('No receipt printer is set up');

    // The shop logo, uploaded as a PNG.
    await page.getByLabel('Choose a PNG logo').setInputFiles({
      name: 'logo.png',
      mimeType: 'image/png',
      buffer: TEST_LOGO,
    });
    await expect(page.getByText('Logo saved.')).toBeVisible();
    await expect(page.getByRole('img', { name: 'Current receipt logo' })).toBeVisible();

    // Add the printer (with the logo): the waiting receipt goes out, the logo first as a raster image.
    await page.getByRole('button', { name: 'Add a printer' }).click();
    await page.getByLabel('Printer name').fill('Front counter');
    await page.getByLabel(/^Address/).fill(`tcp://127.0.0.1:${printer.port}`);
    await page.getByLabel('Open the cash drawer for cash sales').check();
    await page.getByLabel('Print the shop logo at the top of receipts').check();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(page.getByText('Printer Front counter saved.')).toBeVisible();
    await expect(queue).toContainText('Printed');
    expect(printer.jobs.length).toBe(1);
    expect(printer.jobs[0]?.toString('latin1')).toContain(`Receipt ${sale.order.number}`);
    const logo = decodeEscPos(printer.jobs[0] as Buffer).commands.find((c) => c.op === 'raster');
    expect(logo).toMatchObject({ widthBytes: 13, height: 40 });

    // Preview of the printed receipt, then a test print with its preview.
    await queue.getByRole('button', { name: `Preview ${sale.order.number}` }).click();
    await expect(page.getByRole('img', { name: `Preview of ${sale.order.number}` })).toBeVisible();
    await page.screenshot({ path: 'test-results/screenshots/devices-receipt-preview.png' });
    await page.getByRole('button', { name: 'Test print Front counter' }).click();
    await expect(page.getByText('Test page sent to Front counter.')).toBeVisible();
    await expect(page.getByRole('img', { name: /Preview of the test page/ })).toBeVisible();
    await expect.poll(() => printer.jobs.length).toBe(2);
    mkdirSync('test-results/screenshots', { recursive: true });
    await page.screenshot({ path: 'test-results/screenshots/devices.png' });

    // The sale as an A4 invoice, downloaded.
    const download = page.waitForEvent('download');
    await queue.getByRole('button', { name: `A4 invoice ${sale.order.number}` }).click();
    expect((await download).suggestedFilename()).toBe(`invoice-${sale.order.number}.pdf`);

    // Print A4 in the browser host: the invoice opens in a tab of its own, for the browser's print.
    const tab = page.waitForEvent('popup');
    await queue.getByRole('button', { name: `Print A4 ${sale.order.number}` }).click();
    await expect.poll(async () => (await tab).url()).toMatch(/^blob:/);
    await (await tab).close();

    // Reprint: a copy is queued and printed.
    await queue.getByRole('button', { name: `Reprint ${sale.order.number}` }).click();
    await expect(page.getByText(`A copy of ${sale.order.number} is queued.`)).toBeVisible();
    await expect.poll(() => printer.jobs.length).toBe(3);
    expect(printer.jobs[2]?.toString('latin1')).toContain('*** COPY ***');

    // Scanner test: a keyboard-wedge scan (5 ms a key, then Enter) shows up with its source.
    await page.getByRole('heading', { name: 'Scanner test' }).click();
    await page.keyboard.type('2900000012345', { delay: 5 });
    await page.keyboard.press('Enter');
    await expect(page.getByRole('list', { name: 'Scanner test' })).toContainText('2900000012345');
    await expect(page.getByRole('list', { name: 'Scanner test' })).toContainText('keyboard scanner');
    await page.screenshot({ path: 'test-results/screenshots/devices-scanner-test.png', fullPage: true });
  } finally {
    await printer.close();
  }
});
