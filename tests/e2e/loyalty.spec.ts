import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect, openDemoShop, rpc, scan, test } from './fixtures';

const MANAGER = { name: 'Moses Okello', pin: '2468' };
/** Demo catalog barcodes without VAT (src/main/seed/products.ts): maize flour 4,500, rice 5,500, beans 4,800. */
const MAIZE = '6164000000010';
const RICE = '6164000000027';
const BEANS = '6164000000041';
const CARD = '2900000000024';

test('loyalty: scan the card, five items, redeem points, pay cash; the receipt shows earned, redeemed and balance; refunding two items takes back and gives back exactly what the rules say', async ({
  page,
  host,
}) => {
  await openDemoShop(page, host, MANAGER.name, MANAGER.pin);

  // The program: 1 point per UGX 1,000, a point pays UGX 10, at least 100 points, at most half a sale.
  await rpc(page, 'loyalty.setProgram', {
    enabled: true,
    earn: {
      points: 1,
      per: 1000,
      base: 'taxIncluded',
      excludedCategoryIds: [],
      excludedProductIds: [],
      minSpend: 0,
      perVisit: 0,
    },
    redeem: { pointValue: 10, minPoints: 100, maxSharePercent: 50 },
    tiers: [
      { id: 'member', name: 'Member', thresholdSpend: 0, multiplierBp: 10_000 },
      { id: 'gold', name: 'Gold', thresholdSpend: 1_000_000, multiplierBp: 20_000 },
    ],
    tierWindowMonths: 12,
    expiry: { kind: 'none' },
    birthdayBonus: 0,
  });
  const made = await rpc<{ customer: { id: string } }>(page, 'customers.create', {
    type: 'individual',
    firstName: 'Joan',
    lastName: 'Akello',
    loyaltyCardNo: CARD,
  });
  const customerId = made.customer.id;
  await rpc(page, 'loyalty.adjust', {
    customerId,
    points: 1000,
    reason: 'points brought over from the old till',
    idempotencyKey: 'e2e-opening-0001',
  });

  const scanBox = page.getByLabel('Scan or search product');
  await expect(scanBox).toBeFocused();
  await scan(page, CARD);
  await expect(page.getByTestId('till-customer-name')).toContainText('Joan Akello');
  const panel = page.getByTestId('till-loyalty');
  await expect(panel.getByTestId('pts-balance')).toHaveText('1000');
  await expect(panel).toContainText('Member');

  // Five items: maize, rice, beans, rice, rice → 4,500 + 3 × 5,500 + 4,800 = 25,800
  for (const code of [MAIZE, RICE, BEANS, RICE, RICE]) await scan(page, code);
  await expect(page.getByTestId('till-total')).toContainText('UGX 25,800');
  await expect(panel.getByTestId('pts-earns')).toHaveText('25 points');
  // half the sale is 12,900 (1,290 points) but she has 1,000
  const redeem = panel.getByRole('button', { name: 'Redeem 1,000 points (UGX 10,000)' });
  await expect(redeem).toBeVisible();
  await panel.screenshot({ path: '/tmp/shots/till-loyalty-panel.png' });
  await page.screenshot({ path: '/tmp/shots/till-loyalty.png' });

  // Redeem: the payment dialog opens with the points already taken; the rest in cash.
  await redeem.click();
  const pay = page.getByRole('dialog', { name: 'Take payment' });
  await expect(pay).toBeVisible();
  await expect(pay.getByRole('list', { name: 'Payments taken' })).toContainText('UGX 10,000');
  await expect(pay.getByTestId('pay-remaining')).toHaveText('UGX 15,800');
  await expect(panel.getByTestId('pts-earns')).toHaveText('15 points'); // only the part not paid with points earns
  await page.screenshot({ path: '/tmp/shots/till-loyalty-pay.png' });
  await pay.getByLabel('Cash received').fill('15800');
  await pay.getByLabel('Cash received').press('Enter');
  const done = page.getByRole('status').filter({ hasText: /Sale S-\d+ complete/ });
  await expect(done).toBeVisible();
  const number = ((await done.textContent()) ?? '').match(/S-\d+/)?.[0] as string;

  // The receipt: 15 earned, 1,000 redeemed, balance 1,000 − 1,000 + 15 = 15.
  const db = new Database(join(host.dataDir, 'counterline.db'), { readonly: true, fileMustExist: true });
  try {
    const order = await rpc<{ id: string; payments: Array<{ method: string; amount: number }> }>(page, 'sales.get', {
      number,
    });
    expect(order.payments.map((p) => [p.method, p.amount])).toEqual([
      ['points', 10_000],
      ['cash', 15_800],
    ]);
    const job = db
      .prepare("SELECT id FROM print_jobs WHERE sales_order_id = ? AND template = 'sale-receipt'")
      .get(order.id) as { id: string };
    const preview = await rpc<{ text: string }>(page, 'devices.previewJob', { id: job.id });
    expect(preview.text).toMatch(/Points earned\s+15\b/);
    expect(preview.text).toMatch(/Points redeemed\s+1000\b/);
    expect(preview.text).toMatch(/Points balance\s+15\b/);

    // Two bags of rice come back (11,000 of the 25,800 pre-tax): ⌊15 × 11,000 / 25,800⌋ = 6 points taken back,
    // ⌊1,000 × 11,000 / 25,800⌋ = 426 points given back (UGX 4,260), so 11,000 − 4,260 = 6,740 in cash.
    await scanBox.fill(number);
    await scanBox.press('Enter');
    const refund = page.getByRole('dialog', { name: `Refund from sale ${number}` });
    await expect(refund).toBeVisible();
    await refund.getByLabel('Refund quantity of Rice, Super 1 kg').fill('2');
    await refund.getByLabel('Money goes back').selectOption('cash');
    await refund.getByLabel('Reason').fill('Bags torn');
    await refund.getByLabel('Reason').press('Enter');
    await expect(page.getByRole('status').filter({ hasText: /Refund R-\d+: UGX 6,740 back \(Cash\)/ })).toBeVisible();

    const summary = await rpc<{ balance: number }>(page, 'loyalty.tillSummary', { customerId });
    expect(summary.balance).toBe(15 - 6 + 426);
    const history = db
      .prepare('SELECT kind, points FROM points_entries WHERE customer_id = ? ORDER BY at, id')
      .all(customerId);
    expect(history).toEqual([
      { kind: 'adjust', points: 1000 },
      { kind: 'redeem', points: -1000 },
      { kind: 'earn', points: 15 },
      { kind: 'clawback', points: -6 },
      { kind: 'redeem', points: 426 },
    ]);
    const cached = db.prepare('SELECT points_balance AS b FROM customers WHERE id = ?').get(customerId);
    expect(cached).toEqual({ b: 435 });
  } finally {
    db.close();
  }
});
