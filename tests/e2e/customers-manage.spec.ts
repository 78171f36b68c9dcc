import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, OWNER, onboard, openDemoShop, rpc, signIn, test } from './fixtures';

const SHOTS = 'test-results/screenshots';

/** Signs the owner in, runs `setup` (records made through procedures), then opens the Customers section. */
async function openCustomers(page: Page, host: { url: string }, setup?: () => Promise<unknown>) {
  await page.goto(host.url);
  await onboard(page);
  await signIn(page, OWNER.name, OWNER.pin);
  await setup?.();
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Customers' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Customers' })).toBeVisible();
}

test('customers export: the filtered list or everyone, as csv/xlsx/pdf with the chosen columns, downloaded', async ({
  page,
  host,
}) => {
  await openCustomers(page, host);
  await rpc(page, 'customers.create', {
    type: 'individual',
    firstName: 'Amina',
    lastName: 'Nansubuga',
    phones: [{ number: '0772 000 111' }],
  });
  await rpc(page, 'customers.create', {
    type: 'individual',
    firstName: 'Brian',
    lastName: 'Ouma',
    email: '=cmd@x.com',
  });
  const c = await rpc<{ customer: { id: string } }>(page, 'customers.create', {
    type: 'business',
    companyName: 'Duka Supplies',
  });
  await rpc(page, 'customers.setStatus', { id: c.customer.id, status: 'inactive' });

  await page.getByLabel('Search customers').fill('brian');
  await expect(page.getByRole('listbox', { name: 'Customer list' }).getByRole('option')).toHaveCount(1);
  await page.getByRole('button', { name: 'Export…' }).click();
  const panel = page.getByRole('dialog', { name: 'Export customers' });
  await expect(panel.getByLabel('The list as filtered now')).toBeChecked();
  await expect(panel).toContainText('The file will hold the data of 1 customer.');
  await panel.getByLabel('CSV (.csv)').check();
  await panel.getByRole('button', { name: 'None' }).click();
  await expect(panel.getByRole('button', { name: 'Export and download' })).toBeDisabled();
  await panel.getByLabel('Name', { exact: true }).check();
  await panel.getByLabel('Email', { exact: true }).check();
  await page.screenshot({ path: `${SHOTS}/customers-export.png` });
  const [csv] = await Promise.all([
    page.waitForEvent('download'),
    panel.getByRole('button', { name: 'Export and download' }).click(),
  ]);
  expect(csv.suggestedFilename()).toMatch(/^customers-\d{4}-\d{2}-\d{2}\.csv$/);
  const text = readFileSync(await csv.path(), 'utf8');
  // formula-looking text stays text: the spreadsheet shows it, never runs it
  expect(text).toBe("\uFEFFDisplay name,Email\r\nBrian Ouma,'=cmd@x.com\r\n");
  await expect(page.getByRole('status').filter({ hasText: '1 customer exported to' })).toBeVisible();
  await expect(panel).toBeHidden();

  // Everyone, active and inactive, as a spreadsheet and as a PDF.
  await page.getByRole('button', { name: 'Export…' }).click();
  await panel.getByLabel('All customers (active and inactive)').check();
  await expect(panel).toContainText('The file will hold the data of 3 customers.');
  const [xlsx] = await Promise.all([
    page.waitForEvent('download'),
    panel.getByRole('button', { name: 'Export and download' }).click(),
  ]);
  expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
  expect(
    readFileSync(await xlsx.path())
      .subarray(0, 2)
      .toString(),
  ).toBe('PK');
  await expect(page.getByRole('status').filter({ hasText: '3 customers exported to' })).toBeVisible();

  await page.getByRole('button', { name: 'Export…' }).click();
  await panel.getByLabel('All customers (active and inactive)').check();
  await panel.getByLabel('PDF table (.pdf)').check();
  const [pdf] = await Promise.all([
    page.waitForEvent('download'),
    panel.getByRole('button', { name: 'Export and download' }).click(),
  ]);
  expect(
    readFileSync(await pdf.path())
      .subarray(0, 5)
      .toString(),
  ).toBe('%PDF-');
});

test('customers merge: two duplicates become one, values chosen field by field, shown in both histories', async ({
  page,
  host,
}) => {
  await openCustomers(page, host);
  const older = await rpc<{ customer: { id: string } }>(page, 'customers.create', {
    type: 'individual',
    firstName: 'Sarah',
    lastName: 'Namusoke',
    phones: [{ number: '0772 111 222' }],
    email: 'sarah.old@example.com',
  });
  await rpc(page, 'customers.create', {
    type: 'individual',
    firstName: 'Sara',
    lastName: 'Namusoke',
    phones: [{ number: '0701 333 444' }],
    email: 'sarah@example.com',
    notes: 'Prefers WhatsApp',
  });

  await page.getByLabel('Search customers').fill('namusoke');
  await page.getByRole('option', { name: /Sarah Namusoke/ }).click();
  await page.getByRole('button', { name: 'Merge with…' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Merge Sarah Namusoke with another customer' }),
  ).toBeVisible();
  await page.getByLabel('Find the other customer').fill('sara');
  // the customer being merged is never offered as its own duplicate
  await expect(page.getByRole('button', { name: 'Merge with Sarah Namusoke' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Merge with Sara Namusoke' }).click();

  await expect(page.getByLabel('Keep Sarah Namusoke')).toBeChecked();
  // differing values only; the survivor's value is preselected unless it is empty
  await expect(page.getByRole('radio', { name: 'Email: sarah.old@example.com' })).toBeChecked();
  await expect(page.getByRole('radio', { name: 'Notes: Prefers WhatsApp' })).toBeChecked();
  await expect(page.getByRole('radio', { name: /^Last name/ })).toHaveCount(0);
  await page.getByRole('radio', { name: 'Email: sarah@example.com' }).check();
  await page.screenshot({ path: `${SHOTS}/customers-merge.png`, fullPage: true });
  await page.getByRole('button', { name: 'Merge Sara Namusoke into Sarah Namusoke…' }).click();
  const confirm = page.getByRole('alertdialog');
  await expect(confirm).toContainText('Sara Namusoke becomes a merged record pointing at Sarah Namusoke');
  await confirm.getByRole('button', { name: 'Merge' }).click();

  await expect(page.getByRole('status').filter({ hasText: 'Sara Namusoke merged into Sarah Namusoke.' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: /Sarah Namusoke/ })).toBeVisible();
  await expect(page.getByRole('definition').filter({ hasText: 'sarah@example.com' })).toBeVisible();
  await expect(page.getByRole('definition').filter({ hasText: '+256772111222, +256701333444' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'History' })).toContainText('merged Sara Namusoke');

  // the merged record: found with status All, says where it went, and links there
  await page.getByRole('button', { name: /Back to list/ }).click();
  // merged records leave the search index; the Merged status lists them
  await page.getByLabel('Search customers').fill('');
  await page.getByLabel('Status').selectOption('merged');
  const list = page.getByRole('listbox', { name: 'Customer list' });
  await expect(list.getByRole('option')).toHaveCount(1);
  await list.getByRole('option', { name: /Sara Namusoke/ }).click();
  await expect(page.getByRole('note')).toContainText('This record was merged into Sarah Namusoke.');
  await expect(page.getByRole('list', { name: 'History' })).toContainText('merged Sara Namusoke');
  await page.screenshot({ path: `${SHOTS}/customers-merged-record.png` });
  await page.getByRole('button', { name: 'Open Sarah Namusoke' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /Sarah Namusoke/ })).toBeVisible();
  expect(older.customer.id).toBeTruthy();
});

test('customer categories: add with payment terms, rename, delete refused while customers are in it', async ({
  page,
  host,
}) => {
  await openCustomers(page, host);
  await page.getByRole('button', { name: 'Categories' }).click();
  const panel = page.getByRole('dialog', { name: 'Customer categories' });
  await expect(panel.getByLabel('Name of Wholesale')).toHaveValue('Wholesale');

  await panel.getByLabel('Name of New category').fill('Schools');
  await panel.getByLabel('Payment terms of New category').fill('30');
  await panel.getByRole('button', { name: 'Add' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Category Schools saved.' })).toBeVisible();
  await expect(panel.getByLabel('Payment terms of Schools')).toHaveValue('30');

  await panel.getByLabel('Name of Schools').fill('Schools and colleges');
  await panel.getByLabel('Payment terms of Schools').fill('45');
  await panel.getByRole('form', { name: 'Schools' }).getByRole('button', { name: 'Save' }).click();
  await expect(panel.getByLabel('Payment terms of Schools and colleges')).toHaveValue('45');

  const cats = await rpc<Array<{ id: string; name: string }>>(page, 'customers.categories', null);
  const schools = cats.find((c) => c.name === 'Schools and colleges');
  const { customer } = await rpc<{ customer: { id: string } }>(page, 'customers.create', {
    type: 'business',
    companyName: 'Kololo High School',
    categoryId: schools?.id,
  });
  await panel.getByRole('button', { name: 'Delete Schools and colleges' }).click();
  await expect(page.getByRole('alert')).toContainText(
    'Schools and colleges is the category of 1 customer. Move that customer to another category first, then delete it.',
  );
  await page.screenshot({ path: `${SHOTS}/customers-categories.png` });
  await rpc(page, 'customers.update', { id: customer.id, categoryId: null });
  await panel.getByRole('button', { name: 'Delete Schools and colleges' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Category Schools and colleges deleted.' })).toBeVisible();
  await expect(panel.getByLabel('Name of Schools and colleges')).toHaveCount(0);
  // the list's category filter follows
  await panel.getByRole('button', { name: 'Close' }).click();
  await expect(panel).toBeHidden();
  await expect(page.getByLabel('Category', { exact: true })).not.toContainText('Schools');
  await expect(page.getByLabel('Category', { exact: true })).toContainText('Wholesale');
});

test('customer list filters: tag, city or region, birthday month, dates added, sorts', async ({ page, host }) => {
  await openCustomers(page, host, async () => {
    await rpc(page, 'customers.create', {
      type: 'individual',
      firstName: 'Halima',
      lastName: 'Achan',
      tags: ['Gold'],
      dateOfBirth: '1990-07-14',
      addresses: [{ kind: 'shipping', city: 'Gulu', region: 'Northern' }],
    });
    await rpc(page, 'customers.create', { type: 'individual', firstName: 'Isaac', lastName: 'Byaruhanga' });
  });
  const list = page.getByRole('listbox', { name: 'Customer list' });
  await expect(list.getByRole('option')).toHaveCount(2);

  await page.getByRole('button', { name: 'More filters' }).click();
  await page.getByLabel('Tag').fill('gold');
  await expect(list.getByRole('option')).toHaveCount(1);
  await expect(list.getByRole('option').first()).toContainText('Halima Achan');
  await expect(page.getByRole('button', { name: 'More filters (1 set)' })).toBeVisible();
  await page.getByLabel('Tag').fill('');
  await page.getByLabel('City or region').fill('northern');
  await expect(list.getByRole('option')).toHaveCount(1);
  await page.getByLabel('City or region').fill('');
  await page.getByLabel('Birthday month').selectOption({ label: 'July' });
  await expect(list.getByRole('option')).toHaveCount(1);
  await page.getByLabel('Birthday month').selectOption({ label: 'June' });
  await expect(page.getByText('No customers match')).toBeVisible();
  await page.getByRole('button', { name: 'Clear these filters' }).click();
  await expect(list.getByRole('option')).toHaveCount(2);
  await page.getByLabel('Added from').fill('2001-01-01');
  await expect(list.getByRole('option')).toHaveCount(2);
  await page.getByLabel('Added until').fill('2001-01-02');
  await expect(page.getByText('No customers match')).toBeVisible();
  await page.getByRole('button', { name: 'Clear these filters' }).click();
  await page.getByLabel('Sort by').selectOption('created');
  await expect(list.getByRole('option').first()).toContainText('Isaac Byaruhanga');
  // the column headers sort too: pressing one is the same as choosing it in Sort by
  await page.getByRole('button', { name: 'Points' }).click();
  await expect(page.getByRole('button', { name: 'Points' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByLabel('Sort by')).toHaveValue('points');
  await page.getByRole('button', { name: 'Name', exact: true }).click();
  await expect(page.getByLabel('Sort by')).toHaveValue('name');
  await expect(list.getByRole('option').first()).toContainText('Halima Achan');
  await page.screenshot({ path: `${SHOTS}/customers-filters.png` });
});

test('customer form: birthday, language, consents with the date marketing was agreed, billing and shipping addresses', async ({
  page,
  host,
}) => {
  await openCustomers(page, host);
  await page.keyboard.press('F2');
  await page.getByLabel('First name').fill('Esther');
  await page.getByLabel('Last name').fill('Auma');
  await page.getByLabel('Date of birth').fill('1992-05-17');
  await page.getByLabel('Preferred language').selectOption('id');
  await page.getByLabel('WhatsApp').check();
  await page.getByLabel('Wants offers and news (marketing)').check();
  await page.getByRole('button', { name: 'Add billing address' }).click();
  const first = page.getByRole('group', { name: 'Address 1' });
  await expect(first.getByLabel('Default billing address')).toBeChecked();
  await first.getByLabel('Street and number').fill('Plot 12 Kampala Road');
  await first.getByLabel('City').fill('Kampala');
  await page.getByRole('button', { name: 'Add shipping address' }).click();
  const second = page.getByRole('group', { name: 'Address 2' });
  await second.getByLabel('Street and number').fill('Stall 40, Owino market');
  await second.getByLabel('City').fill('Kampala');
  await second.getByLabel('Region').fill('Central');
  await page.screenshot({ path: `${SHOTS}/customers-form.png`, fullPage: true });
  await page.getByRole('button', { name: 'Add customer' }).click();

  await expect(page.getByRole('heading', { level: 1, name: /Esther Auma/ })).toBeVisible();
  const details = page.locator('.cust-details').first();
  await expect(details).toContainText('1992-05-17');
  await expect(details).toContainText('Bahasa Indonesia');
  await expect(details).toContainText('WhatsApp');
  await expect(details).toContainText(/agreed on/);
  const addresses = page.getByRole('list', { name: 'Addresses' });
  await expect(addresses).toContainText('Billing (default): Plot 12 Kampala Road, Kampala');
  await expect(addresses).toContainText('Shipping (default): Stall 40, Owino market, Kampala, Central');
  await page.screenshot({ path: `${SHOTS}/customers-page.png`, fullPage: true });

  // editing keeps the addresses and the consent unless changed
  await page.getByRole('button', { name: 'Edit', exact: true }).click();
  await expect(page.getByRole('group', { name: 'Address 2' }).getByLabel('Region')).toHaveValue('Central');
  await expect(page.getByText(/agreed on/)).toBeVisible();
  await page.getByRole('group', { name: 'Address 2' }).getByRole('button', { name: 'Remove address 2' }).click();
  await page.getByRole('button', { name: 'Save customer' }).click();
  await expect(addresses).not.toContainText('Owino');
  await expect(page.getByRole('list', { name: 'History' })).toContainText('Stall 40, Owino market');
});

test('deleting a customer with a sale is refused in plain words; one without history is deleted after confirming', async ({
  page,
  host,
}) => {
  await openDemoShop(page, host, 'Rose Nakato', '1234');
  const { customer } = await rpc<{ customer: { id: string } }>(page, 'customers.create', {
    type: 'individual',
    firstName: 'Patrick',
    lastName: 'Mukasa',
  });
  await rpc(page, 'customers.create', { type: 'individual', firstName: 'Typo', lastName: 'Mukasaa' });
  const sugar = await rpc<{ id: string }>(page, 'catalog.byBarcode', { code: '6164000000034' });
  await rpc(page, 'sales.complete', {
    cart: { lines: [{ productId: sugar.id, qtyMilli: 1000 }], customerId: customer.id },
    payments: [{ method: 'cash', amount: 10_000 }],
    idempotencyKey: 'e2e-customer-delete-sale-1',
  });
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Customers' }).click();
  const search = page.getByLabel('Search customers');
  const list = page.getByRole('listbox', { name: 'Customer list' });

  await search.fill('patrick mukasa');
  await list.getByRole('option', { name: /Patrick Mukasa/ }).click();
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(page.getByRole('alertdialog')).toContainText('Delete Patrick Mukasa for good?');
  await page.getByRole('alertdialog').getByRole('button', { name: 'Delete' }).click();
  await expect(
    page.getByRole('alert').filter({ hasText: 'Patrick Mukasa has history; deactivate instead.' }),
  ).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: /Patrick Mukasa/ })).toBeVisible();

  await page.getByRole('button', { name: /Back to list/ }).click();
  await search.fill('mukasaa');
  await list.getByRole('option', { name: /Typo Mukasaa/ }).click();
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Typo Mukasaa deleted.' })).toBeVisible();
  await search.fill('mukasa');
  await expect(list.getByRole('option')).toHaveCount(1);
  await expect(list.getByRole('option').first()).toContainText('Patrick Mukasa');
});
