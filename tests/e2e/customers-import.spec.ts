import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { ecommerceCsv, registerWorkbook } from '../import-files';
import { expect, OWNER, onboard, rpc, signIn, test } from './fixtures';

const SHOTS = '/tmp/shots';
const fixture = (name: string) => join(process.cwd(), 'tests', 'fixtures', 'customers', name);

async function openImport(page: Page, host: { url: string }) {
  await page.goto(host.url);
  await onboard(page);
  await signIn(page, OWNER.name, OWNER.pin);
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Customers' }).click();
  await page.getByRole('button', { name: 'Import…' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Import customers' })).toBeVisible();
}

const count = (page: Page, label: string) =>
  page
    .locator('.import-count')
    .filter({ has: page.getByText(label, { exact: true }) })
    .locator('dd')
    .first();

/** Walks the wizard with one file; returns after the done step and checks the counts it shows. */
async function importFile(
  page: Page,
  file: { name: string; mimeType: string; buffer: Buffer },
  expected: { rows: number; created: number; updated?: number; skipped: number; errors: number },
  opts: { preset?: string; shots?: string } = {},
) {
  await page.getByLabel('Customer file (Excel .xlsx or .xls, or .csv)').setInputFiles(file);
  await expect(page.getByRole('heading', { name: `What Counterline found in ${file.name}` })).toBeVisible();
  if (opts.preset) {
    await page.getByLabel('The file comes from').selectOption(opts.preset);
    await expect(page.getByLabel('The file comes from')).toHaveValue(opts.preset);
  }
  await checkAndImport(page, expected, opts.shots);
}

/** From the columns step: checks the rows, imports them and checks the counts the wizard shows. */
async function checkAndImport(
  page: Page,
  expected: { rows: number; created: number; updated?: number; skipped: number; errors: number },
  shots?: string,
) {
  const opts = { shots };
  await expect(page.getByText(`${expected.rows} customer rows below the column names.`)).toBeVisible();
  if (opts.shots) await page.screenshot({ path: `${SHOTS}/${opts.shots}-2-columns.png`, fullPage: true });
  await page.getByRole('button', { name: 'Check the rows' }).click();
  await expect(page.getByText('Step 3 of 4: check the rows')).toBeVisible();
  if (expected.updated) await page.getByLabel('Update them with the file’s details').check();
  await expect(count(page, 'Rows')).toHaveText(String(expected.rows));
  await expect(count(page, 'New customers')).toHaveText(String(expected.created));
  if (expected.updated !== undefined)
    await expect(count(page, 'Customers updated')).toHaveText(String(expected.updated));
  await expect(count(page, 'Skipped')).toHaveText(String(expected.skipped));
  await expect(count(page, 'Rows with errors (not imported)')).toHaveText(String(expected.errors));
  if (opts.shots) await page.screenshot({ path: `${SHOTS}/${opts.shots}-3-check.png`, fullPage: true });
  const n = expected.created + (expected.updated ?? 0);
  if (n === 0) {
    await expect(page.getByRole('button', { name: 'Nothing to import' })).toBeDisabled();
    return;
  }
  await page.getByRole('button', { name: `Import ${n} customers` }).click();
  await expect(page.getByRole('heading', { name: 'Import finished' })).toBeVisible({ timeout: 60_000 });
  await expect(count(page, 'New customers')).toHaveText(String(expected.created));
  if (opts.shots) await page.screenshot({ path: `${SHOTS}/${opts.shots}-4-done.png`, fullPage: true });
}

const fileOf = (name: string, mimeType: string) => ({ name, mimeType, buffer: readFileSync(fixture(name)) });

test('imports the hand-kept Excel register through the wizard, with row errors and duplicates shown', async ({
  page,
  host,
}) => {
  await openImport(page, host);
  await page.screenshot({ path: `${SHOTS}/import-1-file.png`, fullPage: true });
  await importFile(
    page,
    fileOf('register-2019.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'),
    { rows: 40, created: 38, skipped: 1, errors: 1 },
    { shots: 'import-register' },
  );
  await expect(page.getByRole('cell', { name: 'Row 14 has no name.' })).toBeVisible();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export report' }).click();
  expect((await download).suggestedFilename()).toBe('register-2019-import-report.csv');
  await page.getByRole('button', { name: 'Back to customers' }).first().click();
  await page.getByLabel('Search customers').fill('Byaruhanga');
  await expect(page.getByText('Joy Byaruhanga').first()).toBeVisible();
});

test('imports the other POS export and the Indonesian cashier export (preset chosen in the wizard)', async ({
  page,
  host,
}) => {
  await openImport(page, host);
  await importFile(page, fileOf('pos-export.csv', 'text/csv'), { rows: 26, created: 25, skipped: 1, errors: 0 });
  await page.getByRole('button', { name: 'Import another file' }).click();
  await importFile(
    page,
    fileOf('kasir-pelanggan.csv', 'text/csv'),
    { rows: 20, created: 20, skipped: 0, errors: 0 },
    { preset: 'kasir', shots: 'import-kasir' },
  );
  await expect(page.getByLabel('Text encoding')).toHaveCount(0);
});

test('an export of every customer imports back with nothing to change', async ({ page, host }) => {
  await openImport(page, host);
  for (const [name, preset] of [
    ['register-2019.xlsx', undefined],
    ['pos-export.csv', undefined],
    ['kasir-pelanggan.csv', 'kasir'],
  ] as const) {
    const bytes = readFileSync(fixture(name)).toString('base64');
    const { uploadId } = await rpc<{ uploadId: string }>(page, 'customers.importUpload', {
      fileName: name,
      base64: bytes,
    });
    await rpc(page, 'customers.importCommit', { uploadId, ...(preset ? { preset } : {}) });
  }
  const exported = await rpc<{ fileName: string; base64: string; rows: number }>(page, 'customers.export', {
    format: 'csv',
    filter: { status: 'all' },
  });
  expect(exported.rows).toBe(83);
  await importFile(
    page,
    { name: 'all-customers.csv', mimeType: 'text/csv', buffer: Buffer.from(exported.base64, 'base64') },
    { rows: 83, created: 0, updated: 0, skipped: 83, errors: 0 },
    { shots: 'import-reimport' },
  );
});

test('finds the customers on the second sheet of a workbook that opens with instructions, and reads a web shop export', async ({
  page,
  host,
}) => {
  await openImport(page, host);
  const workbook = {
    name: 'kampala-corner.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: Buffer.from(registerWorkbook()),
  };
  await page.getByLabel('Customer file (Excel .xlsx or .xls, or .csv)').setInputFiles(workbook);
  // the wizard says where it found the column names: the second sheet, under a title and a blank row
  await expect(page.getByLabel('Sheet')).toHaveValue('Customers');
  await expect(page.getByLabel('Row with the column names')).toHaveValue('3');
  await expect(page.getByText('Not imported: Favourite item')).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/import-workbook-2-columns.png`, fullPage: true });
  // choosing the instructions sheet finds no column names there; back on Customers the import goes ahead
  await page.getByLabel('Sheet').selectOption('Instructions');
  await expect(page.getByRole('alert').first()).toContainText(/first 30 rows|no name column/);
  await page.getByLabel('Sheet').selectOption('Customers');
  await expect(page.getByLabel('Row with the column names')).toHaveValue('3');
  await checkAndImport(page, { rows: 3, created: 3, skipped: 0, errors: 0 });
  await page.getByRole('button', { name: 'Import another file' }).click();

  await importFile(
    page,
    { name: 'web-shop-customers.csv', mimeType: 'text/csv', buffer: Buffer.from(ecommerceCsv()) },
    // Alice, Brian and Carol came in with the workbook (same email or phone): the web shop's details update them
    { rows: 4, created: 0, updated: 3, skipped: 1, errors: 0 },
    { shots: 'import-webshop' },
  );
  const alice = await rpc<{ rows: { id: string }[] }>(page, 'customers.search', { text: 'alice@example.com' });
  const view = await rpc<{ tags: string[]; consentEmail: boolean; addresses: { city: string }[] }>(
    page,
    'customers.get',
    { id: alice.rows[0]?.id },
  );
  expect(view).toMatchObject({ tags: ['VIP', 'wholesale'], consentEmail: true, addresses: [{ city: 'Kampala' }] });
});
