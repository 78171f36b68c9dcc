import { expect, openDemoShop, rpc, test } from './fixtures';

test('a manager erases a customer’s personal data after typing her name; the books keep her sales', async ({
  page,
  host,
}) => {
  await openDemoShop(page, host, 'Moses Okello', '2468');
  const made = await rpc<{ customer: { id: string } }>(page, 'customers.create', {
    type: 'individual',
    firstName: 'Wanjiru',
    lastName: 'Kamau',
    phones: [{ number: '0772901234', isPrimary: true }],
  });
  const nav = page.getByRole('navigation', { name: 'Sections' });
  await nav.getByRole('button', { name: 'Customers' }).click();
  await page.getByLabel('Search customers').fill('wanjiru');
  await page.getByRole('option', { name: /Wanjiru Kamau/ }).click();
  await page.getByRole('button', { name: 'Erase personal data…' }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Erase the personal data of Wanjiru Kamau?' });
  const erase = dialog.getByRole('button', { name: 'Erase personal data' });
  await expect(erase).toBeDisabled();
  await dialog.getByLabel('Type Wanjiru Kamau to confirm').fill('Wanjiru');
  await expect(erase).toBeDisabled();
  await dialog.getByLabel('Type Wanjiru Kamau to confirm').fill('Wanjiru Kamau');
  await page.screenshot({ path: '/tmp/shots/customer-erase.png' });
  await erase.click();
  await expect(
    page.getByRole('status').filter({ hasText: /Personal data erased; the records now say Erased customer/ }),
  ).toBeVisible();
  const view = await rpc<{ displayName: string; phones: unknown[] }>(page, 'customers.get', { id: made.customer.id });
  expect(view.displayName).toMatch(/^Erased customer /);
  expect(view.phones).toEqual([]);
});
