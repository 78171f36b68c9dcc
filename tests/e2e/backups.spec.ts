import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, openDemoShop, rpc, signIn, test } from './fixtures';

const OWNER = { name: 'Rose Nakato', pin: '1234' };

test('the owner backs the shop up from Settings, sets a second copy, and sees each backup checked', async ({
  page,
  host,
}) => {
  await openDemoShop(page, host, OWNER.name, OWNER.pin);
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Settings' }).click();
  const card = page.getByRole('region', { name: 'Backups' });
  await expect(card.getByText('No backups yet.')).toBeVisible();

  await card.getByRole('button', { name: 'Back up now' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Backup made and checked' })).toBeVisible();
  const list = card.getByRole('table', { name: 'Backups made' });
  await expect(list.locator('tbody tr')).toHaveCount(1);
  await expect(list.locator('tbody tr').first()).toContainText('By hand');
  await expect(list.locator('tbody tr').first()).toContainText('OK');
  expect(readdirSync(join(host.dataDir, 'backups')).filter((f) => f.endsWith('-manual.db'))).toHaveLength(1);

  // a second place for every copy: a folder standing in for the USB drive
  const usb = mkdtempSync(join(tmpdir(), 'counterline-usb-'));
  await card.getByLabel('Second copy to (a USB drive or network folder, optional)').fill(usb);
  await card.getByRole('button', { name: 'Save backup settings' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Backup settings saved.' })).toBeVisible();
  await card.getByRole('button', { name: 'Back up now' }).click();
  await expect(list.locator('tbody tr')).toHaveCount(2);
  await expect(list.locator('tbody tr').first()).toContainText(usb);
  const copied = readdirSync(usb).find((f) => f.endsWith('.db')) as string;
  expect(existsSync(join(usb, copied))).toBe(true);
  await card.scrollIntoViewIfNeeded();
  await page.screenshot({ path: '/tmp/shots/backups.png' });

  // a folder that is not a full path is refused in words
  await card.getByLabel('Backup folder (empty: the backups folder in the data folder)').fill('backups');
  await card.getByRole('button', { name: 'Save backup settings' }).click();
  await expect(
    page
      .getByRole('alert')
      .or(page.getByRole('status'))
      .filter({ hasText: /full folder path/ }),
  ).toBeVisible();
});

test('the owner restores a backup from Settings: a confirm, the steps, then everyone signs in to the shop as it was', async ({
  page,
  host,
}) => {
  await openDemoShop(page, host, OWNER.name, OWNER.pin);
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Settings' }).click();
  const card = page.getByRole('region', { name: 'Backups' });
  await card.getByRole('button', { name: 'Back up now' }).click();
  const list = card.getByRole('table', { name: 'Backups made' });
  await expect(list.locator('tbody tr')).toHaveCount(1);

  // after the backup, a customer is added: the restore takes the shop back to before her
  const added = await rpc<{ customer: { id: string } }>(page, 'customers.create', {
    type: 'individual',
    firstName: 'Joy',
    lastName: 'Afterbackup',
  });
  expect(added.customer.id).toBeTruthy();

  await list
    .locator('tbody tr')
    .first()
    .getByRole('button', { name: /^Restore the backup of / })
    .click();
  const confirm = page.getByRole('alertdialog', { name: /^Restore the backup of .+\?$/ });
  await expect(confirm).toContainText('kept first as a backup of its own');
  await confirm.screenshot({ path: '/tmp/shots/backups-restore-confirm.png' });
  await confirm.getByRole('button', { name: 'Restore this backup' }).click();

  // the shop's staff and PINs are the backup's: sign in again, told why
  await expect(page.getByText(/^The shop was restored from the backup of /)).toBeVisible({ timeout: 30_000 });
  await page.screenshot({ path: '/tmp/shots/backups-restored-signin.png' });
  await signIn(page, OWNER.name, OWNER.pin);
  const found = await rpc<{ rows: { name: string }[] }>(page, 'customers.search', { q: 'Afterbackup' });
  expect(found.rows).toHaveLength(0);
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Settings' }).click();
  const rows = page
    .getByRole('region', { name: 'Backups' })
    .getByRole('table', { name: 'Backups made' })
    .locator('tbody tr');
  await expect(rows).toHaveCount(2);
  await expect(rows.first()).toContainText('Before a restore');
});
