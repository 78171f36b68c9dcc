import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, openDemoShop, rpc, scan, test } from './fixtures';

const SHOTS = '/tmp/shots';
const MANAGER = { name: 'Moses Okello', pin: '2468' };
/** Demo catalog barcodes (src/main/seed/products.ts): maize flour 4,500, sugar 5,000. */
const MAIZE = '6164000000010';
const SUGAR = '6164000000034';
const WHOLESALE_CARD = '2900000000024';
const MEMBER_CARD = '2900000000031';

async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

async function pay(page: Page, cash: string): Promise<string> {
  await expect(page.getByRole('region', { name: 'Totals' })).toHaveAttribute('aria-busy', 'false');
  await page.keyboard.press('F12');
  const dialog = page.getByRole('dialog', { name: 'Take payment' });
  await expect(dialog.getByLabel('Cash received')).toBeFocused();
  await page.keyboard.type(cash, { delay: 40 });
  await page.keyboard.press('Enter');
  const done = page.getByRole('status').filter({ hasText: /Sale S-\d+ complete/ });
  await expect(done).toBeVisible();
  return ((await done.textContent()) ?? '').match(/S-\d+/)?.[0] as string;
}

test('prices by customer: a manager sets up a wholesale list and a member offer on screen; a wholesale card gets carton prices at 12, a member the member discount, a walk-in regular prices, and the receipt shows the savings', async ({
  page,
  host,
}) => {
  await page.setViewportSize({ width: 1366, height: 1300 });
  await openDemoShop(page, host, MANAGER.name, MANAGER.pin);

  const categories = await rpc<Array<{ id: string; name: string }>>(page, 'customers.categories', null);
  const cat = (name: string) => categories.find((c) => c.name === name)?.id as string;
  await rpc(page, 'customers.create', {
    type: 'business',
    companyName: 'Kisenyi Traders',
    categoryId: cat('Wholesale'),
    loyaltyCardNo: WHOLESALE_CARD,
  });
  await rpc(page, 'customers.create', {
    type: 'individual',
    firstName: 'Mary',
    lastName: 'Atim',
    categoryId: cat('Member'),
    loyaltyCardNo: MEMBER_CARD,
  });

  // A whole-order amount offer for members, set up through the procedure the offers screen uses.
  await rpc(page, 'pricing.createOffer', {
    name: 'Members: spend 9,000, save 500',
    kind: 'amount',
    value: 500,
    scope: 'order',
    minSpend: 9000,
    eligibleCategories: [cat('Member')],
  });

  // The wholesale list, made on the pricing screen: sugar at 4,200 a unit from a carton of 12.
  await page
    .getByRole('navigation', { name: 'Sections' })
    .getByRole('button', { name: /Products & prices/ })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Products & prices' })).toBeVisible();
  await page.getByRole('tab', { name: 'Price lists' }).click();
  await page.getByRole('button', { name: 'New price list' }).click();
  await page.getByLabel('List name').fill('Wholesale');
  await page.getByLabel('Add a product').fill(SUGAR);
  await page.getByLabel('Add a product').press('Enter');
  await page.getByLabel('From quantity, Sugar, Kakira 1 kg').fill('12');
  await page.getByLabel('Price of Sugar, Kakira 1 kg from 12').fill('4200');
  await page.getByRole('group', { name: 'Customer categories that get this list' }).getByLabel('Wholesale').check();
  await shot(page, 'pricing-list-editor');
  await page.getByRole('button', { name: 'Save price list' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Price list Wholesale saved.' })).toBeVisible();
  await page.getByRole('button', { name: 'Close' }).click();
  const row = page.getByRole('table', { name: 'Price lists' }).getByRole('row', { name: /Wholesale/ });
  await expect(row).toContainText('UGX');
  await shot(page, 'pricing-lists');

  // The member offer, on the offers screen: 10% off the whole order for the Member category.
  await page.getByRole('tab', { name: 'Offers' }).click();
  await page.getByRole('button', { name: 'New offer' }).click();
  await page.getByLabel('Offer name (shown at the till)').fill('Members 10% off');
  await page.getByLabel('Percent off').last().fill('10');
  await page.getByLabel('On', { exact: true }).selectOption('order');
  await page.getByRole('group', { name: 'Who gets it' }).getByLabel('Member').check();
  await shot(page, 'pricing-offer-editor');
  await page.getByRole('button', { name: 'Save offer' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Offer Members 10% off saved.' })).toBeVisible();
  await page.getByRole('button', { name: 'Close' }).click();
  await expect(page.getByRole('table', { name: 'Offers' })).toContainText('10% off the whole order');
  await shot(page, 'pricing-offers');

  // Till: 12 bags of sugar, then the wholesale customer's card scanned: carton price, and the line says why.
  await page.keyboard.press('Alt+1');
  const lines = page.getByRole('table', { name: 'Items in this sale' }).locator('tbody tr');
  await page.getByLabel('Scan or search product').focus();
  await scan(page, SUGAR);
  await expect(lines).toHaveCount(1);
  await page.getByLabel('Quantity of Sugar, Kakira 1 kg').fill('12');
  await page.getByLabel('Quantity of Sugar, Kakira 1 kg').press('Enter');
  const total = page.getByTestId('till-total');
  await expect(total).toContainText('UGX 60,000');
  await scan(page, WHOLESALE_CARD);
  await expect(page.getByTestId('till-customer-name')).toContainText('Kisenyi Traders');
  await expect(total).toContainText('UGX 50,400');
  await expect(lines.first().getByTestId('till-line-reason')).toHaveText('Wholesale (12+)');
  await expect(lines.first().locator('.till-regular')).toHaveText('UGX 5,000');
  await expect(page.getByTestId('till-saved')).toHaveText('You saved UGX 9,600');
  await shot(page, 'till-wholesale-carton');
  const wholesaleSale = await pay(page, '50400');

  // The receipt waiting for the printer says what was saved.
  const queue = await rpc<Array<{ id: string; documentNumber: string | null }>>(page, 'devices.queue', {});
  const job = queue.find((j) => j.documentNumber === wholesaleSale);
  const receipt = await rpc<{ text: string }>(page, 'devices.previewJob', { id: job?.id });
  expect(receipt.text).toContain('You saved UGX 9,600');

  // A member: the member discount on every line.
  await scan(page, SUGAR);
  await scan(page, MAIZE);
  await expect(lines).toHaveCount(2);
  await scan(page, MEMBER_CARD);
  await expect(page.getByTestId('till-customer-name')).toContainText('Mary Atim');
  // 10% off each line, then 500 off the order once
  await expect(total).toContainText('UGX 8,050');
  await expect(page.getByTestId('till-offer')).toHaveText('Members: spend 9,000, save 500');
  await expect(page.getByTestId('till-saved')).toHaveText('You saved UGX 1,450');
  await expect(lines.nth(0).getByTestId('till-line-reason')).toHaveText('Members 10% off');
  await expect(lines.nth(1).getByTestId('till-line-reason')).toHaveText('Members 10% off');
  await shot(page, 'till-member-discount');

  // Taking the customer off the same sale: regular prices at once, no reasons.
  await page.getByRole('button', { name: 'Remove customer from sale' }).click();
  await expect(total).toContainText('UGX 9,500');
  await expect(page.getByTestId('till-line-reason')).toHaveCount(0);
  await expect(page.getByTestId('till-saved')).toHaveCount(0);
  await expect(page.getByTestId('till-offer')).toHaveCount(0);
  await shot(page, 'till-walk-in-regular');
  const walkIn = await pay(page, '9500');
  const order = await rpc<{
    lines: Array<{ unitPrice: number; regularUnitPrice: number; priceRuleId: string | null }>;
  }>(page, 'sales.get', { number: walkIn });
  expect(order.lines.map((l) => [l.unitPrice, l.regularUnitPrice, l.priceRuleId])).toEqual([
    [5000, 5000, null],
    [4500, 4500, null],
  ]);
});
