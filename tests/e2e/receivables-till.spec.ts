import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, openDemoShop, rpc, test } from './fixtures';

const CASHIER = { name: 'Aisha Namuli', pin: '1357' };
const MAIZE = '6164000000010'; // maize flour, UGX 4,500 (demo catalog)
const SHOTS = process.env.TILL_SHOTS ?? 'test-results/screenshots';

async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/${name}.png` });
}

/** N bags of maize flour, typed into the scan box as "N*code" the way a cashier sells several at once. */
async function sellMaize(page: Page, pieces: number): Promise<void> {
  await expect(page.getByRole('region', { name: 'Totals' })).toHaveAttribute('aria-busy', 'false');
  const box = page.getByLabel('Scan or search product');
  await box.fill(`${pieces}*${MAIZE}`);
  await box.press('Enter');
  await expect(page.getByTestId('till-total')).toContainText(`UGX ${(pieces * 4_500).toLocaleString('en')}`);
}

async function attach(page: Page, name: string): Promise<void> {
  await page.keyboard.press('F3');
  await page.getByLabel('Find customer').fill(name);
  await expect(page.getByRole('option', { name: new RegExp(name) })).toBeVisible();
  await page.getByLabel('Find customer').press('Enter');
  await expect(page.getByTestId('till-customer-name')).toContainText(name);
}

/** F12, everything on account, Enter. */
async function payOnAccount(page: Page): Promise<void> {
  await expect(page.getByRole('region', { name: 'Totals' })).toHaveAttribute('aria-busy', 'false');
  await page.keyboard.press('F12');
  const pay = page.getByRole('dialog', { name: 'Take payment' });
  await expect(pay).toBeVisible();
  await pay.getByRole('radio', { name: /On account/ }).click();
  await pay.getByLabel('Amount').press('Enter');
}

test('receivables at the till: a credit sale within the limit, the next one over it is stopped until a manager types their PIN, the customer pays part with Receive payment, and the till shows what is left', async ({
  page,
  host,
}) => {
  await openDemoShop(page, host, CASHIER.name, CASHIER.pin);
  const made = await rpc<{ customer: { id: string } }>(page, 'customers.create', {
    type: 'individual',
    firstName: 'Harriet',
    lastName: 'Kyomuhendo',
    creditLimit: 100_000,
  });
  const id = made.customer.id;

  // 1. Within the limit: 10 bags, 45,000 on account.
  await attach(page, 'Harriet Kyomuhendo');
  const account = page.getByTestId('till-account');
  await expect(account.getByTestId('account-balance')).toHaveText('Owes nothing');
  await expect(account.getByTestId('account-credit-left')).toHaveText('UGX 100,000');
  await sellMaize(page, 10);
  await payOnAccount(page);
  await expect(page.getByRole('status').filter({ hasText: /Sale S-\d+ complete/ })).toBeVisible();
  await expect(page.getByTestId('after-sale-offer')).toContainText('Harriet Kyomuhendo now owes UGX 45,000');

  // 2. Over the limit: 20 more bags (90,000) would make 135,000 against a 100,000 limit.
  await attach(page, 'Harriet Kyomuhendo');
  await expect(account.getByTestId('account-balance')).toHaveText('UGX 45,000');
  await expect(account.getByTestId('account-credit-left')).toHaveText('UGX 55,000');
  await sellMaize(page, 20);
  await payOnAccount(page);
  const approval = page.getByRole('alertdialog', { name: 'Manager approval needed' });
  await expect(approval).toContainText('Over credit limit by UGX 35,000 — a manager can approve.');
  expect((await rpc<{ balance: number }>(page, 'customers.get', { id })).balance).toBe(45_000);

  // 3. The manager approves with their PIN; the sale goes through with the payment already taken.
  await approval.getByLabel('Manager', { exact: true }).selectOption({ label: 'Moses Okello' });
  await approval.getByLabel('Manager PIN').fill('2468');
  await approval.getByLabel('Manager PIN').press('Enter');
  await expect(page.getByRole('status').filter({ hasText: /Sale S-\d+ complete/ })).toBeVisible();
  await expect(page.getByTestId('after-sale-offer')).toContainText('now owes UGX 135,000');

  // 4. She pays 50,000 in cash at once: F10 opens Receive payment for her.
  await page.keyboard.press('F10');
  const receive = page.getByRole('dialog', { name: 'Receive payment from Harriet Kyomuhendo' });
  await expect(receive).toBeVisible();
  await expect(receive.getByTestId('receive-owes')).toHaveText('UGX 135,000');
  await expect(receive.getByRole('group', { name: /What they owe/ }).getByRole('checkbox')).toHaveCount(2);
  const amount = receive.getByLabel('Amount received (UGX)');
  await expect(amount).toBeFocused();
  await amount.fill('50000');
  await expect(receive.getByTestId('receive-after')).toHaveText('UGX 85,000');
  await shot(page, 'till-receive-payment');
  await amount.press('Enter');
  await expect(receive).toBeHidden();
  await expect(page.getByText(/P-\d+: UGX 50,000 received from Harriet Kyomuhendo/)).toBeVisible();

  // 5. Attached again, the till shows what is left and how much credit remains.
  await attach(page, 'Harriet Kyomuhendo');
  await expect(account.getByTestId('account-balance')).toHaveText('UGX 85,000');
  await expect(account.getByTestId('account-credit-left')).toHaveText('UGX 15,000');
  await shot(page, 'till-account-panel');

  // Stored: the balance, and the payment paid the oldest invoice first.
  expect((await rpc<{ balance: number }>(page, 'customers.get', { id })).balance).toBe(85_000);
  const open = await rpc<{ debits: Array<{ amount: number; open: number }> }>(page, 'receivables.openDebits', {
    customerId: id,
  });
  expect(open.debits.map((d) => [d.amount, d.open])).toEqual([[90_000, 85_000]]);
});
