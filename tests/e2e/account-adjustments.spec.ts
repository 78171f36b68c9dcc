import type { Page } from '@playwright/test';
import { expect, openDemoShop, rpc, signIn, test } from './fixtures';

const MANAGER = { name: 'Moses Okello', pin: '2468' };
const CASHIER = { name: 'Aisha Namuli', pin: '1357' };
const MAIZE = '6164000000010'; // maize flour, UGX 4,500 (demo catalog)
const SHOTS = process.env.ACCOUNT_SHOTS ?? '/tmp/shots';

async function openCustomer(page: Page, search: string, name: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Customers' }).click();
  await page.getByLabel('Search customers').fill(search);
  await page.getByRole('option', { name: new RegExp(name) }).click();
  await expect(page.getByRole('heading', { level: 1, name: new RegExp(name) })).toBeVisible();
}

/** Closes the toasts so the screenshot shows the section itself. */
async function dismissToasts(page: Page): Promise<void> {
  const close = page.getByRole('button', { name: 'Dismiss' });
  while ((await close.count()) > 0) await close.first().click();
}

test("a manager corrects a customer's account from the customer page: a credit note, a write-off of the rest after a confirm, a payment reversed; a cashier sees the account but cannot change it, and at the till F10 finds her by name", async ({
  page,
  host,
}) => {
  await openDemoShop(page, host, MANAGER.name, MANAGER.pin);
  const made = await rpc<{ customer: { id: string } }>(page, 'customers.create', {
    type: 'individual',
    firstName: 'Florence',
    lastName: 'Akello',
    creditLimit: 200_000,
  });
  const id = made.customer.id;
  const maize = await rpc<{ id: string }>(page, 'catalog.byBarcode', { code: MAIZE });
  const sale = await rpc<{ order: { number: string } }>(page, 'sales.complete', {
    cart: { customerId: id, lines: [{ productId: maize.id, qtyMilli: 10_000 }] },
    payments: [{ method: 'on_account', amount: 45_000 }],
    idempotencyKey: 'e2e-account-sale-1',
  });

  // The page shows the account as the till does, plus the limit, and the sale with the balance after it.
  await openCustomer(page, 'akello', 'Florence Akello');
  const account = page.getByRole('region', { name: 'Account' });
  const balance = account.getByTestId('account-balance');
  await expect(balance).toHaveText('UGX 45,000');
  await expect(account.getByTestId('account-credit-limit')).toHaveText('UGX 200,000 (their own)');
  await expect(account.getByTestId('account-credit-left')).toHaveText('UGX 155,000');
  const entries = account.getByRole('table', { name: 'Account entries' });
  await expect(entries.locator('tbody tr')).toHaveCount(1);
  await expect(entries.locator('tbody tr').first()).toContainText(`Sale ${sale.order.number}`);

  // She pays 10,000 at the counter: the till's own Receive payment dialog, opened from her page.
  await account.getByRole('button', { name: 'Receive payment' }).click();
  const receive = page.getByRole('dialog', { name: 'Receive payment from Florence Akello' });
  await receive.getByLabel('Amount received (UGX)').fill('10000');
  await receive.getByLabel('Amount received (UGX)').press('Enter');
  await expect(receive).toBeHidden();
  await expect(balance).toHaveText('UGX 35,000');
  const paymentRow = entries.locator('tbody tr').filter({ hasText: /Payment P-\d+/ });
  const paymentNo = ((await paymentRow.textContent()) ?? '').match(/P-\d{6}/)?.[0] as string;

  // 1. A credit note for 5,000 (two damp bags): typed as a shopkeeper would, refused without a reason.
  await account.getByRole('button', { name: 'Credit note' }).click();
  const note = page.getByRole('dialog', { name: 'Credit note for Florence Akello' });
  const noteAmount = note.getByLabel('Amount (UGX)');
  await expect(noteAmount).toBeFocused();
  await noteAmount.fill('5,000');
  await expect(note.getByTestId('acct-after')).toHaveText('UGX 30,000');
  await noteAmount.press('Enter');
  await expect(note.getByRole('alert')).toHaveText('Say why: the reason is kept with the entry.');
  await note.getByLabel('Reason (required)').fill('Two bags were damp');
  await note.getByLabel('Reason (required)').press('Enter');
  await expect(note).toBeHidden();
  await expect(
    page
      .getByRole('status')
      .filter({ hasText: 'Credit note of UGX 5,000 recorded. Florence Akello now owes UGX 30,000.' }),
  ).toBeVisible();
  await expect(balance).toHaveText('UGX 30,000');
  await expect(entries.locator('tbody tr').first()).toContainText('Credit note');
  await expect(entries.locator('tbody tr').first()).toContainText('Two bags were damp');
  await expect(entries.locator('tbody tr').first()).toContainText('30,000');

  // 2. Write off the rest. Too much is refused in main's words; Esc at the confirm leaves everything as it was.
  await account.getByRole('button', { name: 'Write off' }).click();
  let off = page.getByRole('dialog', { name: 'Write off what Florence Akello owes' });
  const offAmount = off.getByLabel('Amount (UGX)');
  await expect(offAmount).toHaveValue('30000');
  await offAmount.fill('50000');
  await off.getByLabel('Reason (required)').fill('Moved to Gulu');
  await off.getByLabel('Reason (required)').press('Enter');
  await off.getByRole('button', { name: 'Write off UGX 50,000' }).press('Enter');
  await expect(off.getByRole('alert')).toHaveText(
    'Florence Akello owes UGX 30,000; a write-off of UGX 50,000 is more than that.',
  );
  await off.getByRole('button', { name: 'All of it (UGX 30,000)' }).click();
  await off.getByLabel('Reason (required)').press('Enter');
  await expect(off.getByTestId('acct-confirm')).toHaveText(
    /Write off UGX 30,000 of what Florence Akello owes\? The shop gives up this money\. Florence Akello will owe nothing\./,
  );
  await expect(off.getByRole('button', { name: 'Write off UGX 30,000' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(off).toBeHidden();
  await expect(page.getByRole('heading', { level: 1, name: /Florence Akello/ })).toBeVisible();
  await expect(balance).toHaveText('UGX 30,000');

  await account.getByRole('button', { name: 'Write off' }).click();
  off = page.getByRole('dialog', { name: 'Write off what Florence Akello owes' });
  await off.getByLabel('Reason (required)').fill('Moved to Gulu');
  await off.getByLabel('Reason (required)').press('Enter');
  await off.getByRole('button', { name: 'Write off UGX 30,000' }).press('Enter');
  await expect(off).toBeHidden();
  await expect(balance).toHaveText('Owes nothing');
  await expect(entries.locator('tbody tr').first()).toContainText('Written off');
  await expect(account.getByRole('button', { name: 'Write off' })).toBeDisabled();
  expect((await rpc<{ balance: number }>(page, 'customers.get', { id })).balance).toBe(0);

  // 3. Her 10,000 payment bounced: reversing it puts the debt back, and it cannot be reversed twice.
  await entries.getByRole('button', { name: `Reverse payment ${paymentNo}` }).click();
  const rev = page.getByRole('dialog', { name: `Reverse payment ${paymentNo}` });
  await expect(rev.getByLabel('Reason (required)')).toBeFocused();
  await rev.getByLabel('Reason (required)').fill('Transfer bounced');
  await rev.getByLabel('Reason (required)').press('Enter');
  await expect(rev.getByTestId('acct-confirm')).toContainText(`Reverse payment ${paymentNo} of UGX 10,000 from`);
  await expect(rev.getByTestId('acct-confirm')).toContainText('Florence Akello will owe UGX 10,000.');
  await rev.getByRole('button', { name: 'Reverse UGX 10,000' }).press('Enter');
  await expect(rev).toBeHidden();
  await expect(balance).toHaveText('UGX 10,000');
  await expect(entries.locator('tbody tr').first()).toContainText('Reversed payment');
  await expect(paymentRow).toContainText('reversed');
  await expect(entries.getByRole('button', { name: /Reverse payment/ })).toHaveCount(0);
  expect((await rpc<{ balance: number }>(page, 'customers.get', { id })).balance).toBe(10_000);

  // 4. An adjustment down: the direction is chosen, not typed as a sign.
  await account.getByRole('button', { name: 'Adjust' }).click();
  const adj = page.getByRole('dialog', { name: 'Adjust the account of Florence Akello' });
  await adj.getByLabel('They owe less').check();
  await adj.getByLabel('Amount (UGX)').fill('-500');
  await adj.getByLabel('Reason (required)').fill('Rounded down');
  await adj.getByLabel('Reason (required)').press('Enter');
  await expect(adj.getByRole('alert')).toHaveText(
    'Type the amount without a minus sign, and choose above which way it goes.',
  );
  await adj.getByLabel('Amount (UGX)').fill('500');
  await expect(adj.getByRole('alert')).toBeHidden();
  await expect(adj.getByTestId('acct-after')).toHaveText('UGX 9,500');
  await adj.getByLabel('Amount (UGX)').press('Enter');
  await expect(adj).toBeHidden();
  await expect(balance).toHaveText('UGX 9,500');
  await expect(entries.locator('tbody tr').first()).toContainText('Adjustment');
  await dismissToasts(page);
  await account.screenshot({ path: `${SHOTS}/customer-account.png` });

  // 5. A cashier sees the same account, and can take a payment, but no corrections.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await signIn(page, CASHIER.name, CASHIER.pin);
  await openCustomer(page, 'akello', 'Florence Akello');
  await expect(balance).toHaveText('UGX 9,500');
  await expect(entries.locator('tbody tr')).toHaveCount(6);
  await expect(account.getByText('Only a manager can correct this account.')).toBeVisible();
  await expect(account.getByRole('button', { name: 'Receive payment' })).toBeVisible();
  for (const name of ['Credit note', 'Adjust', 'Write off', 'Opening balance']) {
    await expect(account.getByRole('button', { name })).toHaveCount(0);
  }
  await expect(entries.getByRole('button')).toHaveCount(0);

  // At the till with nobody attached, F10 finds her by name (the till's customer search) to take her payment.
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Till' }).click();
  await page.keyboard.press('F10');
  const find = page.getByLabel('Who is paying? Name, phone or card');
  await expect(find).toBeFocused();
  await find.fill('akel');
  await expect(page.getByRole('option', { name: /Florence Akello/ })).toContainText('UGX 9,500');
  await find.press('Enter');
  const pay = page.getByRole('dialog', { name: 'Receive payment from Florence Akello' });
  await expect(pay.getByTestId('receive-owes')).toHaveText('UGX 9,500');
  await page.keyboard.press('Escape');
  await expect(pay).toBeHidden();
});

test('opening balances typed in from the paper book: a debt with its due date, and store credit the other way', async ({
  page,
  host,
}) => {
  await openDemoShop(page, host, MANAGER.name, MANAGER.pin);
  for (const [firstName, lastName] of [
    ['Joseph', 'Mugisha'],
    ['Ruth', 'Nabirye'],
  ])
    await rpc(page, 'customers.create', { type: 'individual', firstName, lastName });

  // Joseph owed 120,000 in the old book, due on the 1st of next year: it counts as his debt from now on.
  await openCustomer(page, 'mugisha', 'Joseph Mugisha');
  const account = page.getByRole('region', { name: 'Account' });
  await expect(account.getByTestId('account-balance')).toHaveText('Owes nothing');
  await expect(account.getByText('Nothing on this account yet.')).toBeVisible();
  await account.getByRole('button', { name: 'Opening balance' }).click();
  const opening = page.getByRole('dialog', { name: 'Opening balance for Joseph Mugisha' });
  await expect(opening.getByLabel('They owe the shop')).toBeChecked();
  await opening.getByLabel('Amount (UGX)').fill('UGX 120,000');
  await opening.getByLabel('Due on (optional)').fill('2027-01-01');
  await opening.getByLabel('Reason (required)').fill('From the 2019 book');
  await opening.getByLabel('Reason (required)').press('Enter');
  await expect(opening).toBeHidden();
  await expect(account.getByTestId('account-balance')).toHaveText('UGX 120,000');
  const row = account.getByRole('table', { name: 'Account entries' }).locator('tbody tr');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('Opening balance');
  await expect(row).toContainText('From the 2019 book');
  const debits = await rpc<{ debits: Array<{ amount: number; dueAt: number }> }>(page, 'receivables.openDebits', {
    customerId: (await rpc<{ rows: Array<{ id: string }> }>(page, 'customers.search', { text: 'mugisha', limit: 1 }))
      .rows[0]?.id,
  });
  expect(debits.debits.map((d) => [d.amount, new Date(d.dueAt).toISOString()])).toEqual([
    [120_000, '2026-12-31T21:00:00.000Z'], // midnight in Kampala
  ]);

  // The shop owed Ruth 5,000 (a deposit): store credit, which she can spend at the till.
  await page.keyboard.press('Escape'); // back to the list
  await openCustomer(page, 'nabirye', 'Ruth Nabirye');
  await account.getByRole('button', { name: 'Opening balance' }).click();
  const credit = page.getByRole('dialog', { name: 'Opening balance for Ruth Nabirye' });
  await credit.getByLabel('The shop owes them (store credit)').check();
  await expect(credit.getByLabel('Due on (optional)')).toHaveCount(0);
  await credit.getByLabel('Amount (UGX)').fill('5000');
  await expect(credit.getByTestId('acct-after')).toHaveText('-UGX 5,000');
  await credit.getByLabel('Reason (required)').fill('Deposit on a sack of rice');
  await credit.getByLabel('Reason (required)').press('Enter');
  await expect(credit).toBeHidden();
  await expect(
    page
      .getByRole('status')
      .filter({ hasText: 'Opening balance of UGX 5,000 recorded. Ruth Nabirye now has UGX 5,000 store credit.' }),
  ).toBeVisible();
  await expect(account.getByText('Store credit')).toBeVisible();
  await expect(account.getByTestId('account-balance')).toHaveText('UGX 5,000');
  await expect(account.getByRole('button', { name: 'Write off' })).toBeDisabled();
});
