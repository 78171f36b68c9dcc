import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, openDemoShop, rpc, test } from './fixtures';

const SHOTS = '/tmp/shots';
const MANAGER = { name: 'Moses Okello', pin: '2468' };
const fixture = (name: string) => join(process.cwd(), 'tests', 'fixtures', 'products', name);

async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

test('product import wizard: a stock list from another till, its columns checked and one changed, a dry run by row, the import, and the products found by search', async ({
  page,
  host,
}) => {
  await page.setViewportSize({ width: 1366, height: 1100 });
  await openDemoShop(page, host, MANAGER.name, MANAGER.pin);
  const before = await rpc<{ rows: unknown[] }>(page, 'catalog.search', { text: '', status: 'any', limit: 200 });

  await page
    .getByRole('navigation', { name: 'Sections' })
    .getByRole('button', { name: /Products & prices/ })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Products & prices' })).toBeVisible();
  await page.getByLabel('Find by name, SKU or barcode').fill('sugar');
  await expect(page.getByRole('table', { name: 'Products' })).toContainText('Sugar, Kakira 1 kg');
  await shot(page, 'products-list');

  await page.getByRole('button', { name: 'Import products…' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Import products' })).toBeVisible();
  await page.getByLabel('Product file (Excel .xlsx or .xls, or .csv)').setInputFiles(fixture('stock-list.csv'));

  // Step 2: the columns as detected, in the file's own words.
  await expect(page.getByText('Step 2 of 4: check the columns')).toBeVisible();
  await expect(page.getByLabel('Goes into, for column Selling price')).toHaveValue('price');
  await expect(page.getByLabel('Goes into, for column Product name')).toHaveValue('name');
  await expect(page.getByLabel('Goes into, for column Barcode')).toHaveValue('barcode');
  // this shop's VAT column is not to be trusted: leave it out
  await page.getByLabel('Goes into, for column VAT').selectOption('');
  await expect(page.getByLabel('Goes into, for column VAT')).toHaveValue('');
  await shot(page, 'product-import-2-columns');

  // Step 3: the dry run says what would happen, row by row, and nothing is saved yet.
  await page.getByRole('button', { name: 'Check the rows' }).click();
  await expect(page.getByText('Step 3 of 4: check the rows')).toBeVisible();
  const issues = page.getByRole('table', { name: 'Rows to look at' });
  await expect(issues.getByRole('row', { name: /^4 Not imported/ })).toContainText('is not a price');
  await expect(issues.getByRole('row', { name: /^5 Skipped: already there/ })).toContainText('already in the catalog');
  await expect(issues.getByRole('row', { name: /^6 Not imported/ })).toContainText('"sack"');
  const counts = page.locator('.import-counts');
  await expect(counts.locator('.import-count', { hasText: 'New products' })).toContainText('3');
  await shot(page, 'product-import-3-check');
  expect(
    (await rpc<{ rows: unknown[] }>(page, 'catalog.search', { text: '', status: 'any', limit: 200 })).rows,
  ).toHaveLength(before.rows.length);

  // Step 4: import, then the products are there.
  await page.getByRole('button', { name: 'Import 3 products' }).click();
  await expect(page.getByText('Step 4 of 4: done')).toBeVisible();
  await expect(
    page.getByRole('status').filter({ hasText: '3 new, 0 updated, 1 skipped, 2 rows with errors.' }),
  ).toBeVisible();
  await shot(page, 'product-import-4-done');
  await page.getByRole('button', { name: 'Back to products' }).first().click();
  await page.getByLabel('Find by name, SKU or barcode').fill('paraffin');
  const table = page.getByRole('table', { name: 'Products' });
  await expect(table).toContainText('Paraffin 5 L jerrycan');
  await expect(table).toContainText('6001087009999');
  await expect(table).toContainText('UGX 24,000');
});

test('price list import and export: prices by SKU and barcode with a carton break come in through the same wizard, and the list exports to xlsx', async ({
  page,
  host,
}) => {
  await openDemoShop(page, host, MANAGER.name, MANAGER.pin);
  await rpc(page, 'pricing.createList', { name: 'Wholesale', currency: 'UGX', items: [] });
  const dir = mkdtempSync(join(tmpdir(), 'price-import-'));
  const file = join(dir, 'wholesale-prices.csv');
  writeFileSync(file, 'Kode,Harga,Min qty\nMR-003,4600,6\n6164000000034,4200,12\nNOPE,100,\n');

  await page
    .getByRole('navigation', { name: 'Sections' })
    .getByRole('button', { name: /Products & prices/ })
    .click();
  await page.getByRole('tab', { name: 'Price lists' }).click();
  await page.getByRole('button', { name: 'Import prices… Wholesale' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Import prices into Wholesale' })).toBeVisible();
  await page.getByLabel('Price file (Excel .xlsx or .xls, or .csv)').setInputFiles(file);
  await expect(page.getByLabel('Goes into, for column Kode')).toHaveValue('sku');
  await expect(page.getByLabel('Goes into, for column Min qty')).toHaveValue('minQty');
  await page.getByRole('button', { name: 'Check the rows' }).click();
  await expect(page.getByRole('table', { name: 'Rows to look at' }).getByRole('row', { name: /^4 / })).toContainText(
    'no product has the code "NOPE"',
  );
  await shot(page, 'price-import-3-check');
  await page.getByRole('button', { name: 'Save 2 prices' }).click();
  await expect(page.getByText('Step 4 of 4: done')).toBeVisible();
  await page.getByRole('button', { name: 'Back to price lists' }).first().click();
  const row = page.getByRole('table', { name: 'Price lists' }).getByRole('row', { name: /Wholesale/ });
  await expect(row.getByRole('cell').nth(3)).toHaveText('2');

  const download = page.waitForEvent('download');
  await row.getByRole('button', { name: 'Export .xlsx Wholesale' }).click();
  expect((await download).suggestedFilename()).toBe('Wholesale.xlsx');
});
