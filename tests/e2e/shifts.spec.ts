import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { expect, openDemoShop, rpc, scan, signIn, test } from './fixtures';

const SHOTS = 'test-results/screenshots';
const OWNER = { name: 'Rose Nakato', pin: '1234' };
const CASHIER = { name: 'Aisha Namuli', pin: '1357' };
const SUGAR = '6164000000034'; // UGX 5,000

test('shift: cash needs an open shift; the cashier opens one with a counted float, sells in cash, closes short with a note and reads the Z report', async ({
  page,
  host,
}) => {
  await openDemoShop(page, host, OWNER.name, OWNER.pin);
  // the owner turns the rule on in Settings
  await page.keyboard.press('Alt+7');
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  await page.getByLabel('A cash sale needs an open shift on the till').check();
  await page.getByRole('button', { name: 'Save shift rules' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Shift rules saved.' })).toBeVisible();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await signIn(page, CASHIER.name, CASHIER.pin);

  // No shift yet: the cash sale is refused in plain words.
  await scan(page, SUGAR);
  await scan(page, SUGAR);
  await page.keyboard.press('F12');
  const pay = page.getByRole('dialog', { name: 'Take payment' });
  await expect(pay.getByLabel('Cash received')).toBeFocused();
  await page.keyboard.type('20000', { delay: 30 });
  await page.keyboard.press('Enter');
  await expect(page.getByText(/No shift is open on this till/).first()).toBeVisible();
  // the till offers to open one right there (float, Enter); this cashier counts hers on the Reports screen instead
  await expect(pay.getByLabel('Opening float in the drawer')).toBeFocused();
  await page.keyboard.press('Escape');

  // Reports → Shift: the float counted note by note.
  // (a cashier has no Loyalty section, so Reports is Alt+4)
  await page.keyboard.press('Alt+4');
  await expect(page.getByRole('heading', { level: 1, name: 'Reports' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Open a shift' })).toBeVisible();
  await page.getByLabel('UGX 20,000 notes').fill('2');
  await page.getByLabel('UGX 5,000 notes').fill('2');
  await page.getByLabel('UGX 500 coins').fill('4');
  await expect(page.getByText('Counted: UGX 52,000')).toBeVisible();
  await page.getByRole('button', { name: 'Open shift' }).click();
  await expect(page.getByRole('heading', { name: 'Shift Z-000001' })).toBeVisible();
  await expect(page.getByTestId('expected-cash')).toHaveText('UGX 52,000');

  // Back at the till the same sale now goes through: 10,000 due, 20,000 handed over.
  await page.keyboard.press('Alt+1');
  const lines = page.getByRole('table', { name: 'Items in this sale' }).locator('tbody tr');
  if ((await lines.count()) === 0) {
    await scan(page, SUGAR);
    await scan(page, SUGAR);
  }
  await page.keyboard.press('F12');
  await expect(pay.getByLabel('Cash received')).toBeFocused();
  await page.keyboard.type('20000', { delay: 30 });
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: /Sale S-\d+ complete/ })).toBeVisible();
  await expect(page.getByTestId('till-change')).toHaveText('Change UGX 10,000');

  // A pay-out for milk, then the close: 5,000 short, which needs a note.
  await page.keyboard.press('Alt+4');
  await page.getByRole('button', { name: 'Pay out' }).click();
  await page.getByLabel('Amount').fill('2000');
  await page.getByLabel('Reason').fill('bought milk for the shop');
  await page.getByLabel('Reason').press('Enter');
  await expect(page.getByTestId('expected-cash')).toHaveText('UGX 60,000');
  await page.getByRole('button', { name: 'Close shift' }).click();
  await page.getByLabel('UGX 50,000 notes').fill('1');
  await page.getByLabel('UGX 5,000 notes').fill('1');
  await page.getByRole('button', { name: 'Close shift and print Z report' }).click();
  await expect(page.getByText(/UGX 5,000 short\. Write a note/).first()).toBeVisible();
  await page.getByLabel('Note (why the drawer is over or short)').fill('gave change for 50,000 instead of 20,000');
  await page.getByLabel('Note (why the drawer is over or short)').press('Enter');

  const z = page.getByTestId('z-report');
  await expect(z).toBeVisible();
  await expect(z.getByRole('row', { name: /^Expected/ })).toContainText('60,000');
  await expect(z.getByRole('row', { name: /^Counted/ })).toContainText('55,000');
  await expect(z.getByRole('row', { name: /^Short/ })).toContainText('-5,000');
  await expect(z.getByRole('row', { name: /— Cash/ }).first()).toContainText('10,000');
  await expect(page.getByRole('heading', { name: 'Open a shift' })).toBeVisible();
  mkdirSync(SHOTS, { recursive: true });
  // the toasts dismissed, the report scrolled to the top of the screen, for the screenshot
  const dismiss = page.getByRole('button', { name: 'Dismiss' });
  while ((await dismiss.count()) > 0) await dismiss.first().click();
  await z.getByRole('heading').scrollIntoViewIfNeeded();
  await page.locator('main').evaluate((m) => {
    m.scrollTop = 0;
  });
  await page.screenshot({ path: `${SHOTS}/shift-z-report.png` });

  // The Z report was queued for the receipt printer, and its PDF reads back the same figures.
  const jobs = await rpc<Array<{ template: string }>>(page, 'devices.queue', { limit: 20 });
  expect(jobs.map((j) => j.template)).toContain('shift-report');
  const id = (await z.getAttribute('data-shift-id')) as string;
  const pdf = await rpc<{ base64: string }>(page, 'shifts.pdf', { id });
  const file = `${SHOTS}/z-report.pdf`;
  writeFileSync(file, Buffer.from(pdf.base64, 'base64'));
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  expect(text).toContain('Z REPORT');
  expect(text).toMatch(/Short\s+-5,000/);
  expect(text).toMatch(/Pay-outs \(1\)\s+-2,000/);
});

test('shift: with no shift open, the till opens one from the payment dialog with the float and Enter, and completes the sale', async ({
  page,
  host,
}) => {
  await openDemoShop(page, host, OWNER.name, OWNER.pin);
  await rpc(page, 'shifts.updateSettings', { requireOpenShift: true });
  await scan(page, SUGAR);
  await expect(page.getByTestId('till-total')).toContainText('UGX 5,000');
  await expect(page.getByRole('region', { name: 'Totals' })).toHaveAttribute('aria-busy', 'false');
  await page.keyboard.press('F12');
  const pay = page.getByRole('dialog', { name: 'Take payment' });
  await expect(pay.getByLabel('Cash received')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(pay.getByLabel('Opening float in the drawer')).toBeFocused();
  await page.keyboard.type('30000', { delay: 30 });
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: /Sale S-\d+ complete/ })).toBeVisible();
  const shift = await rpc<{ number: string; openingFloat: number; expectedCash: number }>(page, 'shifts.current', null);
  expect(shift).toMatchObject({ number: 'Z-000001', openingFloat: 30_000, expectedCash: 35_000 });
});

test('reports: the owner reads daily takings by payment method and sales by hour on the demo shop', async ({
  page,
  host,
}) => {
  await page.goto(host.url);
  await page.getByRole('button', { name: 'Try the demo shop' }).click();
  await expect(page.getByText(/^Demo shop ready/)).toBeVisible({ timeout: 30_000 });
  await signIn(page, OWNER.name, OWNER.pin);
  // invoices fall due every day in the demo: the sign-in may open the list of new overdue debts first
  const overdue = page.getByRole('dialog', { name: 'New overdue debts today' });
  if (
    await overdue.waitFor({ timeout: 3_000 }).then(
      () => true,
      () => false,
    )
  )
    await overdue.getByRole('button', { name: 'Close' }).click();
  await page.keyboard.press('Alt+5');
  await page.getByRole('tab', { name: 'Daily takings' }).click();
  const takings = page.getByRole('table', { name: 'Daily takings' });
  await expect(takings).toBeVisible();
  await expect(takings.getByRole('columnheader', { name: 'Cash' })).toBeVisible();
  const from = await page.getByLabel('From').inputValue();
  const t = await rpc<{ totals: { orders: number; taken: number } }>(page, 'reports.takings', {
    from,
    to: await page.getByLabel('To').inputValue(),
  });
  await expect(page.getByTestId('takings-total')).toContainText(String(t.totals.orders));
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/reports-takings.png` });
  await page.getByRole('tab', { name: 'Sales' }).click();
  await page.getByLabel('Group by').selectOption('hour');
  await expect(
    page
      .getByRole('table', { name: 'Sales' })
      .getByRole('row', { name: /^\d\d:00/ })
      .first(),
  ).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/reports-sales-by-hour.png` });
});

test('shift: with no shift open, a cash refund is refused in plain words and the refund dialog opens one with the float and Enter, then pays the refund', async ({
  page,
  host,
}) => {
  await openDemoShop(page, host, OWNER.name, OWNER.pin);
  await rpc(page, 'shifts.updateSettings', { requireOpenShift: true });
  // a card sale needs no shift; the customer brings the sugar back and wants cash
  const sugar = await rpc<{ id: string }>(page, 'catalog.byBarcode', { code: SUGAR });
  const sale = await rpc<{ order: { number: string } }>(page, 'sales.complete', {
    cart: { customerId: null, lines: [{ productId: sugar.id, qtyMilli: 1000 }] },
    payments: [{ method: 'card', amount: 5_000 }],
    idempotencyKey: 'e2e-shift-refund-sale',
  });
  const scanBox = page.getByLabel('Scan or search product');
  await scanBox.fill(sale.order.number);
  await scanBox.press('Enter');
  const refund = page.getByRole('dialog', { name: `Refund from sale ${sale.order.number}` });
  await refund.getByLabel('Refund quantity of Sugar, Kakira 1 kg').fill('1');
  await refund.getByLabel('Money goes back').selectOption('cash');
  await refund.getByLabel('Reason').fill('Wet bag');
  await refund.getByLabel('Reason').press('Enter');
  await expect(refund.getByRole('alert')).toHaveText(
    'No shift is open on this till, so it cannot pay cash back. Open a shift with its float first, or refund another way.',
  );
  await expect(refund.getByRole('button', { name: 'Open shift and pay the refund Enter' })).toBeVisible();
  await expect(refund.getByLabel('Opening float in the drawer')).toBeFocused();
  await page.keyboard.type('20000', { delay: 30 });
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/shift-open-from-refund.png` });
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: /Refund R-\d+: UGX 5,000 back \(Cash\)/ })).toBeVisible();
  await expect(refund).toBeHidden();
  const shift = await rpc<{ openingFloat: number; expectedCash: number }>(page, 'shifts.current', null);
  expect(shift).toMatchObject({ openingFloat: 20_000, expectedCash: 15_000 });
});

test('shift: with no shift open, a cash debt payment is refused in plain words and Receive payment opens one with the float and Enter, then takes the payment', async ({
  page,
  host,
}) => {
  await openDemoShop(page, host, OWNER.name, OWNER.pin);
  await rpc(page, 'shifts.updateSettings', { requireOpenShift: true });
  const made = await rpc<{ customer: { id: string } }>(page, 'customers.create', {
    type: 'individual',
    firstName: 'Florence',
    lastName: 'Akello',
    creditLimit: 100_000,
  });
  const sugar = await rpc<{ id: string }>(page, 'catalog.byBarcode', { code: SUGAR });
  await rpc(page, 'sales.complete', {
    cart: { customerId: made.customer.id, lines: [{ productId: sugar.id, qtyMilli: 4000 }] },
    payments: [{ method: 'on_account', amount: 20_000 }],
    idempotencyKey: 'e2e-shift-debt-sale',
  });
  await page.keyboard.press('F10');
  const finder = page.getByRole('dialog', { name: 'Receive payment' });
  await finder.getByLabel('Who is paying? Name, phone or card').fill('akello');
  await finder.getByRole('option', { name: /Florence Akello/ }).click();
  const receive = page.getByRole('dialog', { name: 'Receive payment from Florence Akello' });
  await expect(receive.getByTestId('receive-owes')).toHaveText('UGX 20,000');
  const amount = receive.getByLabel('Amount received (UGX)');
  await amount.fill('8000');
  await amount.press('Enter');
  await expect(receive.getByRole('alert')).toHaveText(
    'No shift is open on this till, so it cannot take cash. Open a shift with its float first.',
  );
  await expect(receive.getByRole('button', { name: 'Open shift and take the payment Enter' })).toBeVisible();
  await expect(receive.getByLabel('Opening float in the drawer')).toBeFocused();
  await page.keyboard.type('10000', { delay: 30 });
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/shift-open-from-receive-payment.png` });
  await page.keyboard.press('Enter');
  await expect(receive).toBeHidden();
  await expect(page.getByText(/P-\d+: UGX 8,000 received from Florence Akello/)).toBeVisible();
  const shift = await rpc<{ openingFloat: number; expectedCash: number }>(page, 'shifts.current', null);
  expect(shift).toMatchObject({ openingFloat: 10_000, expectedCash: 18_000 });
  expect((await rpc<{ balance: number }>(page, 'customers.get', { id: made.customer.id })).balance).toBe(12_000);
});
