import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, openDemoShop, rpc, test } from './fixtures';

const MANAGER = { name: 'Moses Okello', pin: '2468' };
const OLD_CARD = '2900000000017';
const SHOTS = process.env.LOYALTY_SHOTS ?? 'test-results/screenshots';

/** Types a code the way a keyboard-wedge scanner does: a few ms per key, then Enter. */
async function scan(page: Page, code: string): Promise<void> {
  await page.keyboard.type(code, { delay: 5 });
  await page.keyboard.press('Enter');
}

async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

test('loyalty cards: a card scanned on the customers list opens the customer; after the card is replaced on her page the till refuses the old card naming her, and the new card attaches her', async ({
  page,
  host,
}) => {
  await openDemoShop(page, host, MANAGER.name, MANAGER.pin);
  await rpc(page, 'customers.create', {
    type: 'individual',
    firstName: 'Sarah',
    lastName: 'Nansubuga',
    phones: [{ number: '0772 555 019', isPrimary: true }],
    loyaltyCardNo: OLD_CARD,
  });

  // On the customers list, her card scanned opens her page.
  await page
    .getByRole('navigation', { name: 'Sections' })
    .getByRole('button', { name: /Customers/ })
    .click();
  await expect(page.getByRole('heading', { name: 'Customers', level: 1 })).toBeVisible();
  await scan(page, OLD_CARD);
  await expect(page.getByRole('heading', { name: /Sarah Nansubuga/, level: 1 })).toBeVisible();

  // Her Loyalty section lists the card; the card is worn out, so it is replaced with a new number.
  const loyalty = page.getByRole('region', { name: 'Loyalty' });
  const cards = loyalty.getByRole('table', { name: 'Cards' });
  await expect(cards.getByRole('row', { name: new RegExp(`${OLD_CARD}.*Active`) })).toBeVisible();
  await loyalty.getByRole('button', { name: 'Replace card' }).click();
  await page.getByLabel('What happened to the old card?').selectOption('replaced');
  await loyalty.getByRole('button', { name: 'Give card' }).click();
  await expect(
    page.getByText(new RegExp(`Card ${OLD_CARD} is no longer valid; Sarah Nansubuga now has card`)),
  ).toBeVisible();
  await expect(cards.getByRole('row', { name: new RegExp(`${OLD_CARD}.*Replaced`) })).toBeVisible();
  const activeRow = cards.getByRole('row', { name: /Active/ });
  const newCard = ((await activeRow.getByRole('cell').first().textContent()) ?? '').trim();
  expect(newCard).toMatch(/^29\d{11}$/);
  expect(newCard).not.toBe(OLD_CARD);
  await shot(page, 'loyalty-customer-page');

  // At the till the old card is refused with words naming her; the new one attaches her.
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: /Till/ }).click();
  await page.getByLabel('Scan or search product').click();
  await expect(page.getByRole('region', { name: 'Totals' })).toHaveAttribute('aria-busy', 'false');
  await scan(page, OLD_CARD);
  await expect(
    page.getByText(new RegExp(`Card ${OLD_CARD} was replaced on .* — ask for the new card; customer: Sarah N\\.`)),
  ).toBeVisible();
  await shot(page, 'loyalty-till-refused');
  await scan(page, newCard);
  await expect(page.getByText('Sarah Nansubuga').first()).toBeVisible();
  const stored = await rpc<{ kind: string; customer?: { displayName: string } }>(page, 'sales.lookupCode', {
    code: newCard,
  });
  expect(stored.customer?.displayName).toBe('Sarah Nansubuga');

  // The Loyalty section: the points report and the program in plain words.
  await page
    .getByRole('navigation', { name: 'Sections' })
    .getByRole('button', { name: /Loyalty/ })
    .click();
  await expect(page.getByRole('table', { name: 'Points by period' })).toBeVisible();
  await shot(page, 'loyalty-report');
  await page.getByRole('tab', { name: 'Program' }).click();
  await expect(page.getByText('1 point for every UGX 1,000 spent, rounded down.')).toBeVisible();

  // What earns no points: a category ticked, a product scanned in; an unknown code is said in words.
  const exclusions = page.getByRole('group', { name: 'Earns no points' });
  await exclusions.getByRole('group', { name: 'Categories that earn no points' }).getByRole('checkbox').first().check();
  const productBox = exclusions.getByLabel(/Add a product that earns no points/);
  await productBox.fill('0000000000000');
  await productBox.press('Enter');
  await expect(exclusions.getByRole('alert')).toContainText('No product has the barcode or SKU 0000000000000.');
  await productBox.fill('6164000000010');
  await productBox.press('Enter');
  await expect(
    exclusions.getByRole('list', { name: 'Products that earn no points' }).getByRole('listitem'),
  ).toHaveCount(1);
  await page.getByRole('button', { name: 'Save program' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Loyalty program saved.' })).toBeVisible();
  const program = await rpc<{ earn: { excludedCategoryIds: string[]; excludedProductIds: string[] } }>(
    page,
    'loyalty.getProgram',
    null,
  );
  expect(program.earn.excludedCategoryIds).toHaveLength(1);
  expect(program.earn.excludedProductIds).toHaveLength(1);
  await shot(page, 'loyalty-program');
});

test("the customer's points history shows 25 entries, Show older adds the rest, and an adjustment made elsewhere appears without reloading", async ({
  page,
  host,
}) => {
  await openDemoShop(page, host, MANAGER.name, MANAGER.pin);
  const card = '2900000000031';
  const { customer } = await rpc<{ customer: { id: string } }>(page, 'customers.create', {
    type: 'individual',
    firstName: 'Grace',
    lastName: 'Atim',
    loyaltyCardNo: card,
  });
  for (let i = 1; i <= 30; i++)
    await rpc(page, 'loyalty.adjust', {
      customerId: customer.id,
      points: 10,
      reason: `bonus ${i}`,
      idempotencyKey: `e2e-history-${i}`,
    });
  await page
    .getByRole('navigation', { name: 'Sections' })
    .getByRole('button', { name: /Customers/ })
    .click();
  await expect(page.getByRole('heading', { name: 'Customers', level: 1 })).toBeVisible();
  await scan(page, card);
  const history = page.getByRole('region', { name: 'Loyalty' }).getByRole('table', { name: 'Points history' });
  const entries = history.getByRole('row', { name: /bonus \d+/ });
  await expect(entries).toHaveCount(25);
  await page.getByRole('button', { name: 'Show older' }).click();
  await expect(entries).toHaveCount(30);
  await expect(page.getByRole('button', { name: 'Show older' })).toHaveCount(0);
  await expect(page.getByTestId('loy-balance')).toContainText('300');
  await rpc(page, 'loyalty.adjust', {
    customerId: customer.id,
    points: 5,
    reason: 'bonus 31',
    idempotencyKey: 'e2e-history-31',
  });
  await expect(page.getByTestId('loy-balance')).toContainText('305');
  await expect(entries).toHaveCount(31);
});
