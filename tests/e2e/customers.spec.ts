import { expect, OWNER, onboard, signIn, test } from './fixtures';

const SHOTS = 'test-results/screenshots';

test('customers: add, edit with history, search by phone digits and accent-free name, deactivate, duplicate warning', async ({
  page,
  host,
}) => {
  await page.goto(host.url);
  await onboard(page);
  await signIn(page, OWNER.name, OWNER.pin);

  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Customers' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Customers' })).toBeVisible();
  const search = page.getByLabel('Search customers');
  const list = page.getByRole('listbox', { name: 'Customer list' });

  // An individual, phone typed the way people say it; F2 opens the form.
  await page.keyboard.press('F2');
  await expect(page.getByRole('heading', { level: 1, name: 'New customer' })).toBeVisible();
  await expect(page.getByLabel('First name')).toBeFocused();
  await page.getByLabel('First name').fill('Grace');
  await page.getByLabel('Last name').fill('Nabirye');
  await page.getByLabel('Phone').fill('0772 123 456');
  await page.getByLabel('Email').fill('grace@example.com');
  await page.getByRole('button', { name: 'Add customer' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Grace Nabirye added.' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: /Grace Nabirye/ })).toBeVisible();
  await expect(page.getByRole('definition').filter({ hasText: '+256772123456' })).toBeVisible();

  // A business.
  await page.getByRole('button', { name: /Back to list/ }).click();
  await page.getByRole('button', { name: /New customer/ }).click();
  await page.getByText('Business', { exact: true }).click();
  await page.getByLabel('Company name').fill('Kampala Hardware Ltd');
  await page.getByLabel('Contact person').fill('Moses Kato');
  await page.getByLabel('Tax ID').fill('1000123456');
  await page.getByLabel('Phone').fill('0701 555 111');
  await page.getByRole('button', { name: 'Add customer' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /Kampala Hardware Ltd/ })).toBeVisible();

  // Edit in place: the history shows the change.
  await page.getByRole('button', { name: 'Edit', exact: true }).click();
  await page.getByLabel('Contact person').fill('Sarah Kato');
  await page.getByRole('button', { name: 'Save customer' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Kampala Hardware Ltd saved.' })).toBeVisible();
  const history = page.getByRole('list', { name: 'History' });
  await expect(history).toContainText('Moses Kato → Sarah Kato');
  await expect(history).toContainText(OWNER.name);

  // José Okello, found without the accent.
  await page.keyboard.press('Escape');
  await expect(page.getByRole('heading', { level: 1, name: 'Customers' })).toBeVisible();
  await page.keyboard.press('F2');
  await page.getByLabel('First name').fill('José');
  await page.getByLabel('Last name').fill('Okello');
  await page.getByRole('button', { name: 'Add customer' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /José Okello/ })).toBeVisible();
  await page.keyboard.press('Escape');

  await expect(search).toBeFocused();
  await search.fill('jose');
  await expect(list.getByRole('option')).toHaveCount(1);
  await expect(list.getByRole('option').first()).toContainText('José Okello');

  // Partial phone digits; Enter opens the selected customer.
  await search.fill('772123');
  await expect(list.getByRole('option')).toHaveCount(1);
  await expect(list.getByRole('option').first()).toContainText('Grace Nabirye');
  await search.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: /Grace Nabirye/ })).toBeVisible();

  // Deactivate (with confirmation), then find her again with the status filter.
  await page.getByRole('button', { name: 'Deactivate', exact: true }).click();
  await expect(page.getByRole('alertdialog')).toContainText('Deactivate Grace Nabirye?');
  await page.getByRole('alertdialog').getByRole('button', { name: 'Deactivate' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Grace Nabirye deactivated.' })).toBeVisible();
  await page.getByRole('button', { name: /Back to list/ }).click();
  await search.fill('grace');
  await expect(page.getByText('No customers match')).toBeVisible();
  await page.getByLabel('Status').selectOption('inactive');
  await expect(list.getByRole('option')).toHaveCount(1);
  await expect(list.getByRole('option').first()).toContainText('Inactive');
  await page.getByLabel('Status').selectOption('any');
  await search.fill('');
  await expect(list.getByRole('option')).toHaveCount(3);

  // Keyboard: ↓ moves the selection.
  await search.focus();
  await search.press('ArrowDown');
  await expect(list.getByRole('option').nth(1)).toHaveAttribute('aria-selected', 'true');
  const dismiss = page.getByRole('button', { name: 'Dismiss' });
  // toasts also close by themselves, so one may be gone before its button is clicked
  while ((await dismiss.count()) > 0)
    await dismiss
      .first()
      .click({ timeout: 1_000 })
      .catch(() => {});
  await search.focus();
  await page.screenshot({ path: `${SHOTS}/customers.png` });

  // Same phone again: the duplicate is named, with a way to open it or create anyway with a reason.
  await page.keyboard.press('F2');
  await page.getByLabel('First name').fill('Grace');
  await page.getByLabel('Last name').fill('N.');
  await page.getByLabel('Phone').fill('+256 772 123456');
  await page.getByRole('button', { name: 'Add customer' }).click();
  const dup = page.getByRole('alert').filter({ hasText: 'This may be a customer you already have' });
  await expect(dup).toContainText('Phone +256 772 123456 already belongs to Grace Nabirye.');
  await expect(dup.getByRole('button', { name: 'Open Grace Nabirye' })).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/customers-duplicate.png` });
  await dup.getByRole('button', { name: 'Create anyway' }).click();
  await page.getByLabel('Why is this a different customer?').fill('Shared family phone');
  await page.getByRole('button', { name: 'Create anyway' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /Grace N\./ })).toBeVisible();
});
