import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, signIn, test } from './fixtures';

const OWNER = { name: 'Rose Nakato', pin: '1234' };

test('the owner backs the shop up from Settings, sets a second copy, and sees each backup checked', async ({
  page,
  host,
}) => {
  await page.goto(host.url);
  await page.getByRole('button', { name: 'Empty demo shop' }).click();
  await signIn(page, OWNER.name, OWNER.pin);
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
