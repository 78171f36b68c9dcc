import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, OWNER, onboard, signIn, test } from './fixtures';

const SHOTS = 'test-results/screenshots';

/** Calls a procedure as the signed-in tab does (same session), to set up records the test is not about. */
async function rpc<T>(page: Page, name: string, input: unknown): Promise<T> {
  const res = await page.evaluate(
    async ([n, body]) => {
      const r = await fetch(`/rpc/${n}`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'X-Counterline-Client': sessionStorage.getItem('counterline.client') ?? '',
        },
        body: JSON.stringify(body),
      });
      return r.json();
    },
    [name, input] as const,
  );
  if (!res.ok) throw new Error(`${name}: ${res.error.message}`);
  return res.data as T;
}

async function openCustomers(page: Page, host: { url: string }) {
  await page.goto(host.url);
  await onboard(page);
  await signIn(page, OWNER.name, OWNER.pin);
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
  await panel.getByLabel('CSV (.csv)').check();
  await panel.getByRole('button', { name: 'None' }).click();
  await expect(panel.getByRole('button', { name: 'Export and download' })).toBeDisabled();
  await panel.getByLabel('Name', { exact: true }).check();
  await panel.getByLabel('Email').check();
  await page.screenshot({ path: `${SHOTS}/customers-export.png` });
  const [csv] = await Promise.all([
    page.waitForEvent('download'),
    panel.getByRole('button', { name: 'Export and download' }).click(),
  ]);
  expect(csv.suggestedFilename()).toMatch(/^customers-\d{4}-\d{2}-\d{2}\.csv$/);
  const text = readFileSync(await csv.path(), 'utf8');
  // formula-looking text stays text: the spreadsheet shows it, never runs it
  expect(text).toBe("\uFEFFDisplay name,Email\r\nBrian Ouma,'=cmd@x.com\r\n");
  await expect(page.getByRole('status').filter({ hasText: '1 customers exported to' })).toBeVisible();
  await expect(panel).toBeHidden();

  // Everyone, active and inactive, as a spreadsheet and as a PDF.
  await page.getByRole('button', { name: 'Export…' }).click();
  await panel.getByLabel('All customers (active and inactive)').check();
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
