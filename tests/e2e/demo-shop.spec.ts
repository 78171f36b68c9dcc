import { mkdirSync } from 'node:fs';
import { expect, rpc, signIn, test } from './fixtures';

const SHOTS = '/tmp/shots/demo';
const OWNER = { name: 'Rose Nakato', pin: '1234' };

test.use({ viewport: { width: 1366, height: 768 } });

test('the first-run demo shop has customers, sales, debts in every aging bucket and loyalty points to show', async ({
  page,
  host,
}) => {
  mkdirSync(SHOTS, { recursive: true });
  await page.goto(host.url);
  await page.getByRole('button', { name: 'Try the demo shop' }).click();
  await expect(page.getByText(/^Demo shop ready/)).toBeVisible({ timeout: 30_000 });
  await signIn(page, OWNER.name, OWNER.pin);
  const nav = page.getByRole('navigation', { name: 'Sections' });
  // invoices fall due every day in the demo: the sign-in may open the list of new overdue debts first
  const overdue = page.getByRole('dialog', { name: 'New overdue debts today' });
  if (
    await overdue.waitFor({ timeout: 3_000 }).then(
      () => true,
      () => false,
    )
  )
    await overdue.getByRole('button', { name: 'Close' }).click();

  // the customers list: hundreds of people, with balances, points, last visits and spend
  await nav.getByRole('button', { name: 'Customers' }).click();
  await expect(page.getByRole('listbox', { name: 'Customer list' }).getByRole('option').nth(5)).toBeVisible();
  const first = await rpc<{ rows: unknown[]; nextCursor: string | null }>(page, 'customers.search', { limit: 200 });
  expect(first.rows).toHaveLength(200);
  expect(first.nextCursor).not.toBeNull();
  await page.screenshot({ path: `${SHOTS}/customers-list.png` });

  // a regular who owes money: her page shows sales, the account and points
  const debtors = await rpc<{ rows: { name: string }[]; count: number }>(page, 'debts.debtors', {});
  expect(debtors.count).toBeGreaterThan(5);
  const debtor = debtors.rows[0] as { name: string };
  await page.getByLabel('Search customers').fill(debtor.name);
  await page
    .getByRole('option', { name: new RegExp(debtor.name) })
    .first()
    .click();
  await expect(page.getByRole('heading', { level: 1, name: new RegExp(debtor.name) })).toBeVisible();
  const sales = page.getByRole('region', { name: 'Sales and refunds' });
  await expect(sales.getByRole('table', { name: 'Sales of this customer' }).locator('tbody tr').first()).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/customer-page.png` });
  await sales.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/customer-history.png` });

  // debts: the debtors book and money in every aging bucket
  await nav.getByRole('button', { name: /Debts/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Debts' })).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/debts-debtors.png` });
  await page.getByRole('tab', { name: 'Aging' }).click();
  await expect(page.getByRole('table', { name: 'Aging' }).getByRole('row').nth(3)).toBeVisible();
  const aging = await rpc<{ totals: Record<string, number> }>(page, 'debts.aging', {});
  for (const bucket of ['current', 'd1_30', 'd31_60', 'd61_90', 'over90'])
    expect(aging.totals[bucket]).toBeGreaterThan(0);
  await page.screenshot({ path: `${SHOTS}/debts-aging.png` });

  // loyalty: the program with its tiers, members holding points
  await nav.getByRole('button', { name: 'Loyalty' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Loyalty' })).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/loyalty.png` });
});
