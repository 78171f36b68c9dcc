import { expect, openDemoShop, rpc, test } from './fixtures';

const MANAGER = { name: 'Moses Okello', pin: '2468' };
const RICE = '6164000000027';
const SUGAR = '6164000000034';

test('customer history: the summary and sales of a customer, a sale opened and refunded to the account from her page', async ({
  page,
  host,
}) => {
  await openDemoShop(page, host, MANAGER.name, MANAGER.pin);
  const made = await rpc<{ customer: { id: string } }>(page, 'customers.create', {
    type: 'individual',
    firstName: 'Halima',
    lastName: 'Nakirya',
  });
  const rice = await rpc<{ id: string }>(page, 'catalog.byBarcode', { code: RICE });
  const sugar = await rpc<{ id: string }>(page, 'catalog.byBarcode', { code: SUGAR });
  const sale = await rpc<{ order: { number: string } }>(page, 'sales.complete', {
    cart: {
      customerId: made.customer.id,
      lines: [
        { productId: rice.id, qtyMilli: 2000 },
        { productId: sugar.id, qtyMilli: 1000 },
      ],
    },
    payments: [{ method: 'on_account', amount: 16_000 }],
    idempotencyKey: 'e2e-history-sale-1',
  });

  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Customers' }).click();
  await page.getByLabel('Search customers').fill('nakirya');
  await page.getByRole('option', { name: /Halima Nakirya/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: /Halima Nakirya/ })).toBeVisible();

  const sales = page.getByRole('region', { name: 'Sales and refunds' });
  const summary = sales.getByRole('list', { name: 'Summary' }).or(sales.locator('.sales-summary'));
  await expect(summary).toContainText('UGX 16,000');
  const orders = sales.getByRole('table', { name: 'Sales of this customer' });
  await expect(orders.locator('tbody tr')).toHaveCount(1);
  await expect(orders).toContainText(sale.order.number);

  await orders.getByRole('button', { name: sale.order.number }).click();
  const opened = page.getByRole('dialog', { name: `Sale ${sale.order.number}` });
  await expect(opened).toContainText('Rice, Super 1 kg');
  await opened.getByRole('button', { name: 'Refund…' }).click();
  // the same refund dialog as at the till
  const refund = page.getByRole('dialog', { name: `Refund from sale ${sale.order.number}` });
  await refund.getByLabel('Refund quantity of Rice, Super 1 kg').fill('1');
  await refund.getByLabel('Money goes back').selectOption('on_account');
  await refund.getByLabel('Reason').fill('Bag torn');
  await page.screenshot({ path: '/tmp/shots/customer-history-refund.png' });
  await refund.getByLabel('Reason').press('Enter');
  await expect(page.getByRole('status').filter({ hasText: /Refund R-\d+: UGX 5,500 back/ })).toBeVisible();

  // the sale shows the refunded line; the page's figures come down by exactly that
  await expect(opened).toContainText('Refunds against this sale');
  await opened.getByRole('button', { name: 'Close' }).click();
  await expect(summary).toContainText('UGX 10,500');
  await expect(summary).toContainText('UGX 5,500 (1)');
  const refunds = sales.getByRole('table', { name: 'Refunds of this customer' });
  await expect(refunds).toContainText('Bag torn');
  await expect(orders).toContainText('UGX 5,500');
  await page.screenshot({ path: '/tmp/shots/customer-history.png', fullPage: true });
});
