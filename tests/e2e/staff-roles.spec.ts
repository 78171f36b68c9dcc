import { mkdirSync } from 'node:fs';
import { expect, openDemoShop, rpc, test } from './fixtures';

const OWNER = { name: 'Rose Nakato', pin: '1234' };

test('the owner unticks what cashiers may do on the Staff screen, saves, and finds it kept', async ({ page, host }) => {
  mkdirSync('/tmp/shots/staff', { recursive: true });
  await openDemoShop(page, host, OWNER.name, OWNER.pin);
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Staff' }).click();
  const card = page.getByRole('region', { name: 'Who may do what' });
  const box = card.getByRole('checkbox', { name: 'Add and change customers for Cashier' });
  await expect(box).toBeChecked();
  await box.uncheck();
  await card.getByRole('button', { name: 'Save what each role may do' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved: managers and cashiers' })).toBeVisible();
  await page.screenshot({ path: '/tmp/shots/staff/roles.png', fullPage: true });
  const roles = await rpc<{ current: Record<string, string[]> }>(page, 'staff.roles', null);
  expect(roles.current.cashier).not.toContain('customers.edit');
  expect(roles.current.manager).toContain('customers.edit');
  const nav = page.getByRole('navigation', { name: 'Sections' });
  await nav.getByRole('button', { name: 'Till' }).click();
  await nav.getByRole('button', { name: 'Staff' }).click();
  await expect(
    page.getByRole('region', { name: 'Who may do what' }).getByRole('checkbox', {
      name: 'Add and change customers for Cashier',
    }),
  ).not.toBeChecked();
});
