import { expect, OWNER, onboard, signIn, test } from './fixtures';

// Each run writes its screenshots to the test output; tests/e2e/__screenshots__ keeps the ones we reviewed.
const SHOTS = 'test-results/screenshots';

const OWNER_SECTIONS: Array<[string, string]> = [
  ['Till', 'Alt+1'],
  ['Customers', 'Alt+2'],
  ['Debts', 'Alt+3'],
  ['Loyalty', 'Alt+4'],
  ['Reports', 'Alt+5'],
  ['Devices', 'Alt+6'],
  ['Settings', 'Alt+7'],
  ['Staff', 'Alt+8'],
  ['Audit log', 'Alt+9'],
];

test('first run: onboarding, sign-in, every section, lock, wrong PINs, audit log', async ({ page, host }) => {
  await page.goto(host.url);
  await onboard(page);

  // The only person is picked already; the PIN pad is ready.
  await expect(page.getByText(OWNER.name)).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/signin.png` });
  await signIn(page, OWNER.name, OWNER.pin);

  const nav = page.getByRole('navigation', { name: 'Sections' });
  for (const [label, shortcut] of OWNER_SECTIONS) {
    await nav.getByRole('button', { name: label }).click();
    await expect(page.getByRole('heading', { level: 1, name: label })).toBeVisible();
    await expect(nav.getByRole('button', { name: label })).toContainText(shortcut);
  }
  // Keyboard: Alt+1 goes back to the till, Alt+7 to settings.
  await page.keyboard.press('Alt+1');
  await expect(page.getByRole('heading', { level: 1, name: 'Till' })).toBeVisible();
  await page.keyboard.press('Alt+7');
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();

  // Settings save shows a success toast.
  await page.getByLabel('Phone').fill('+256 700 123456');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Settings saved.' })).toBeVisible();

  await page.keyboard.press('Alt+1');
  await expect(page.getByRole('banner')).toContainText('Mama Grace Groceries');
  await expect(page.getByRole('banner')).toContainText(OWNER.name);
  await page.screenshot({ path: `${SHOTS}/shell.png` });

  // Lock.
  await page.getByRole('button', { name: /Lock/ }).click();
  await expect(page.getByRole('heading', { name: /Till locked/ })).toBeVisible();
  await expect(page.getByText(`${OWNER.name} is signed in.`)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Switch user' })).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/lock.png` });

  const pin = page.getByLabel('PIN', { exact: true });
  for (const [wrong, left] of [
    ['0000', 4],
    ['1111', 3],
    ['9999', 2],
  ] as const) {
    await pin.fill(wrong);
    await pin.press('Enter');
    const alert = page.getByRole('alert').filter({ hasText: 'Wrong PIN' });
    await expect(alert).toBeVisible();
    await expect(alert).toContainText(`${left} tries left`);
    await expect(page.getByRole('heading', { name: /Till locked/ })).toBeVisible();
  }
  await page.screenshot({ path: `${SHOTS}/lock-wrong-pin.png` });

  // Unlock with the keypad this time.
  for (const d of OWNER.pin)
    await page.getByRole('group', { name: 'Keypad' }).getByRole('button', { name: d, exact: true }).click();
  await expect(pin).toHaveValue(OWNER.pin);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(nav).toBeVisible();

  await nav.getByRole('button', { name: 'Audit log' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Audit log' })).toBeVisible();
  const failed = page.getByRole('row').filter({ hasText: 'staff.signInFailed' });
  await expect(failed).toHaveCount(3);
  await expect(failed.first()).toContainText(OWNER.name);

  // Filter by action.
  await page.getByLabel('Action', { exact: true }).fill('staff.signInFailed');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page.getByRole('row').filter({ hasText: 'staff.update' })).toHaveCount(0);
  await expect(failed).toHaveCount(3);
  await expect(page.getByRole('row').filter({ hasText: 'settings.update' })).toHaveCount(0);
  await page.screenshot({ path: `${SHOTS}/audit.png` });
});

test('a cashier added on the Staff screen does not see Staff or Audit log', async ({ page, host }) => {
  await page.goto(host.url);
  await onboard(page);
  await signIn(page, OWNER.name, OWNER.pin);

  const nav = page.getByRole('navigation', { name: 'Sections' });
  await nav.getByRole('button', { name: 'Staff' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Staff' })).toBeVisible();
  await page.getByLabel('Name').fill('Peter Ssemanda');
  await page.getByLabel('Role').selectOption('cashier');
  await page.getByLabel('PIN', { exact: true }).fill('5678');
  await page.getByRole('button', { name: 'Add staff member' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Peter Ssemanda can now sign in.' })).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: 'Peter Ssemanda' })).toContainText('Cashier');
  await page.screenshot({ path: `${SHOTS}/staff.png` });

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'Who is at the till?' })).toBeVisible();
  await signIn(page, 'Peter Ssemanda', '5678');

  await expect(page.getByRole('banner')).toContainText('Peter Ssemanda');
  await expect(page.getByRole('banner')).toContainText('Cashier');
  await expect(nav.getByRole('button', { name: 'Till' })).toBeVisible();
  await expect(nav.getByRole('button', { name: 'Settings' })).toBeVisible();
  await expect(nav.getByRole('button', { name: 'Staff' })).toHaveCount(0);
  await expect(nav.getByRole('button', { name: 'Audit log' })).toHaveCount(0);

  // Settings are read-only for a cashier.
  await nav.getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByText('only the owner can change them')).toBeVisible();
  await expect(page.getByLabel('Store name')).toBeDisabled();
});

test('Bahasa Indonesia changes the navigation; the dark theme toggles and is remembered', async ({ page, host }) => {
  await page.goto(host.url);
  await onboard(page);
  await signIn(page, OWNER.name, OWNER.pin);

  const nav = page.getByRole('navigation', { name: 'Sections' });
  await expect(nav.getByRole('button', { name: 'Customers' })).toBeVisible();
  await page.getByLabel('Language').selectOption('id');
  const navId = page.getByRole('navigation', { name: 'Bagian' });
  await expect(navId.getByRole('button', { name: 'Pelanggan' })).toBeVisible();
  await expect(navId.getByRole('button', { name: 'Pengaturan' })).toBeVisible();
  await expect(navId.getByRole('button', { name: 'Log audit' })).toBeVisible();
  await expect(page.getByRole('button', { name: /Kunci/ })).toBeVisible();

  const html = page.locator('html');
  await expect(html).toHaveAttribute('data-theme', 'light');
  await page.getByRole('button', { name: 'Tema gelap' }).click();
  await expect(html).toHaveAttribute('data-theme', 'dark');
  const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(bg).toBe('rgb(15, 20, 26)');
  await page.screenshot({ path: `${SHOTS}/shell-dark-id.png` });
  await page.reload();
  await expect(html).toHaveAttribute('data-theme', 'dark');
  await page.getByRole('button', { name: /dark theme|tema gelap/i }).click();
  await expect(html).toHaveAttribute('data-theme', 'light');

  await page.getByLabel(/Language|Bahasa/).selectOption('en');
  await expect(nav.getByRole('button', { name: 'Customers' })).toBeVisible();
});
