import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, openDemoShop, rpc, test } from './fixtures';

const OWNER = { name: 'Rose Nakato', pin: '1234' };
const RICE = '6164000000027';
const SUGAR = '6164000000034';
const SHOTS = '/tmp/shots';
const DAY = 86_400_000;

/** Moves the browser host's clock (only possible in e2e runs: COUNTERLINE_TEST_CLOCK=1 from the config). */
async function moveClock(page: Page, offsetMs: number) {
  const res = await page.evaluate(async (ms) => {
    const r = await fetch('/test/clock', { method: 'POST', body: JSON.stringify({ offsetMs: ms }) });
    return r.json();
  }, offsetMs);
  expect(res).toMatchObject({ ok: true, data: { offsetMs } });
}

/** After the clock jumps the session has been idle for weeks: unlock (or sign in) again. */
async function backIn(page: Page) {
  await page.reload();
  const pin = page.getByLabel('PIN', { exact: true });
  const nav = page.getByRole('navigation', { name: 'Sections' });
  await expect(pin.or(nav).first()).toBeVisible();
  if (await nav.isVisible()) return;
  const person = page.getByRole('button', { name: new RegExp(OWNER.name) });
  if (await person.isVisible()) await person.click();
  await pin.fill(OWNER.pin);
  await pin.press('Enter');
  await expect(nav).toBeVisible();
}

test('debts: a credit sale part paid, its statement PDF read back, aging 45 days later, and the overdue alert at the till', async ({
  page,
  host,
}) => {
  mkdirSync(SHOTS, { recursive: true });
  await openDemoShop(page, host, OWNER.name, OWNER.pin);

  // a customer who pays on receipt (0 days) and agreed to WhatsApp, a credit sale and a part payment at the till
  const made = await rpc<{ customer: { id: string } }>(page, 'customers.create', {
    type: 'individual',
    firstName: 'Zawadi',
    lastName: 'Kato',
    paymentTermsDays: 0,
    creditLimit: 50_000,
    phones: [{ number: '0772 555 111' }],
    consentWhatsapp: true,
  });
  const customerId = made.customer.id;
  const rice = await rpc<{ id: string }>(page, 'catalog.byBarcode', { code: RICE });
  const sugar = await rpc<{ id: string }>(page, 'catalog.byBarcode', { code: SUGAR });
  const sale = await rpc<{ order: { number: string } }>(page, 'sales.complete', {
    cart: {
      customerId,
      lines: [
        { productId: rice.id, qtyMilli: 2000 },
        { productId: sugar.id, qtyMilli: 1000 },
      ],
    },
    payments: [{ method: 'on_account', amount: 16_000 }],
    idempotencyKey: 'e2e-debts-sale-1',
  });
  const paid = await rpc<{ payment: { number: string } }>(page, 'receivables.receivePayment', {
    customerId,
    amount: 6_000,
    method: 'cash',
    idempotencyKey: 'e2e-debts-payment-1',
  });
  await rpc(page, 'debts.saveSettings', {
    alerts: { overLimit: true, overdueDays: 30, balanceAbove: null },
    paymentInstructions: 'Pay by MTN Mobile Money to 0772 000 111',
  });

  // Debts → Debtors → her statement for this month, saved as a PDF and read back
  const nav = page.getByRole('navigation', { name: 'Sections' });
  await nav.getByRole('button', { name: /Debts/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Debts' })).toBeVisible();
  await expect(page.getByTestId('debtors-summary')).toContainText('UGX 10,000');
  await page.screenshot({ path: `${SHOTS}/debts-debtors.png` });
  await page.getByRole('button', { name: 'Statement: Zawadi Kato' }).click();
  const statement = page.getByTestId('statement');
  await expect(statement).toContainText(sale.order.number);
  await expect(statement).toContainText(paid.payment.number);
  await expect(page.getByTestId('statement-closing')).toContainText('10,000');
  await expect(page.getByRole('link', { name: 'Send on WhatsApp' })).toHaveAttribute(
    'href',
    /^https:\/\/wa\.me\/256772555111\?text=/,
  );
  await page.screenshot({ path: `${SHOTS}/debts-statement.png`, fullPage: true });
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Save PDF' }).click(),
  ]);
  const pdf = `${host.dataDir}/statement.pdf`;
  await download.saveAs(pdf);
  const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
  expect(text).toContain('STATEMENT OF ACCOUNT');
  expect(text).toContain('Zawadi Kato');
  expect(text).toMatch(/Balance brought forward\s+0/);
  expect(text).toMatch(new RegExp(`Invoice ${sale.order.number} \\(due \\d{4}-\\d{2}-\\d{2}\\)\\s+16,000\\s+16,000`));
  expect(text).toMatch(new RegExp(`Payment, thank you ${paid.payment.number}\\s+6,000\\s+10,000`));
  expect(text).toMatch(/Closing balance\s+10,000/);
  expect(text).toContain('Pay by MTN Mobile Money to 0772 000 111');

  // 45 days later: the 10,000 left is 31–60 days past due
  await moveClock(page, 45 * DAY);
  await backIn(page);
  await nav.getByRole('button', { name: /Debts/ }).click();
  await page.getByRole('tab', { name: 'Aging' }).click();
  const aging = page.getByRole('table', { name: 'Aging' });
  const row = aging.getByRole('row').filter({ hasText: 'Zawadi Kato' });
  // Customer, Balance, Current, 1–30, 31–60, 61–90, Over 90
  await expect(row.getByRole('cell').nth(1)).toHaveText('10,000');
  await expect(row.getByRole('cell').nth(4)).toHaveText('10,000');
  await expect(row.getByRole('cell').nth(2)).toHaveText('–');
  await expect(page.getByRole('img', { name: /31–60 days 10,000/ })).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/debts-aging.png`, fullPage: true });
  await row.getByRole('button', { name: 'Invoices: Zawadi Kato' }).click();
  const drill = page.getByRole('dialog', { name: 'Open invoices of Zawadi Kato' });
  await expect(drill).toContainText(sale.order.number);
  await expect(drill).toContainText('45');
  await page.screenshot({ path: `${SHOTS}/debts-aging-drill.png` });
  await drill.getByRole('button', { name: 'Close' }).click();

  await page.getByRole('tab', { name: 'Alerts' }).click();
  await expect(page.getByRole('list', { name: 'Debt alerts' })).toContainText('Overdue 45 days');
  await expect(page.getByTestId('debt-badge')).toHaveText('1');
  await page.screenshot({ path: `${SHOTS}/debts-alerts.png`, fullPage: true });

  // at the till, attaching her shows the alert
  await nav.getByRole('button', { name: /Till/ }).click();
  await page.keyboard.press('F3');
  await page.getByLabel('Find customer').fill('zawadi');
  await expect(page.getByRole('listbox', { name: 'Customers found' }).getByRole('option')).toHaveCount(1);
  await page.getByLabel('Find customer').press('Enter');
  await expect(page.getByTestId('till-customer-name')).toContainText('Zawadi Kato');
  await expect(page.getByTestId('till-debt-alert')).toContainText('Overdue 45 days');
  await page.screenshot({ path: `${SHOTS}/debts-till-alert.png` });
});
