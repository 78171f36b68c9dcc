import { mkdirSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { expect, openDemoShop, scan, seriousProblems, test } from './fixtures';

// Issue 19: the till on a 1024×768 touch screen, worked with a finger.
test.use({ viewport: { width: 1024, height: 768 }, hasTouch: true, isMobile: false });

const SHOTS = 'test-results/touch';
const CASHIER = { name: 'Aisha Namuli', pin: '1357' };
/** Demo catalog barcodes (src/main/seed/products.ts): maize flour 4,500, rice 5,500, sugar 5,000. */
const MAIZE = '6164000000010';
const RICE = '6164000000027';

async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/${name}.png` });
}

async function tapKeys(pad: Locator, keys: string): Promise<void> {
  for (const k of keys) await pad.getByRole('button', { name: k, exact: true }).tap();
}

/**
 * Every control a cashier can reach in `scope` that is on screen: what is smaller than 44×44, what sticks out of the
 * window or is cut inside itself, and which two overlap.
 */
async function fitProblems(scope: Locator): Promise<string[]> {
  return scope.evaluate((root) => {
    const name = (e: Element) =>
      `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}.${[...e.classList].join('.')} "${(
        e.getAttribute('aria-label') ??
        e.textContent ??
        ''
      )
        .trim()
        .slice(0, 30)}"`;
    const shown = (e: Element) => {
      const r = e.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && e.checkVisibility({ visibilityProperty: true, opacityProperty: true });
    };
    // a ticked box's target is its label
    const controls = [
      ...root.querySelectorAll<HTMLElement>(
        'button, select, textarea, a[href], input:not([type="hidden"], [type="checkbox"], [type="radio"]), [role="option"], [role="radio"], label:has(> input[type="checkbox"])',
      ),
    ].filter(shown);
    const problems: string[] = [];
    const boxes = controls.map((e) => ({ e, r: e.getBoundingClientRect() }));
    for (const { e, r } of boxes) {
      if (r.width < 44 - 0.5 || r.height < 44 - 0.5)
        problems.push(`small ${Math.round(r.width)}×${Math.round(r.height)}: ${name(e)}`);
      if (r.left < -0.5 || r.top < -0.5 || r.right > window.innerWidth + 0.5 || r.bottom > window.innerHeight + 0.5)
        problems.push(`outside the window: ${name(e)}`);
      if (e.scrollWidth > e.clientWidth + 1 && e.tagName !== 'INPUT' && e.tagName !== 'SELECT')
        problems.push(`cut off inside: ${name(e)}`);
      // a box that scrolls (the sale's lines) may hide rows above and below, never a column at the side
      for (let p = e.parentElement; p && p !== document.body; p = p.parentElement) {
        if (getComputedStyle(p).overflowX === 'visible') continue;
        const c = p.getBoundingClientRect();
        if (r.left < c.left - 0.5 || r.right > c.right + 0.5) problems.push(`cut off by ${name(p)}: ${name(e)}`);
      }
    }
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i];
        const b = boxes[j];
        if (!a || !b || a.e.contains(b.e) || b.e.contains(a.e)) continue;
        const w = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
        const h = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
        if (w > 1 && h > 1) problems.push(`overlap: ${name(a.e)} ~ ${name(b.e)}`);
      }
    return problems;
  });
}

test('touch till: at 1024×768 a cashier rings up a sale by taps, with the keypad for a quantity and the cash, and every control is a finger wide', async ({
  page,
  host,
}) => {
  await openDemoShop(page, host, CASHIER.name, CASHIER.pin);
  const till = page.locator('section.till');
  // Chromium with touch emulation reports touch points, which turn the till's touch mode on
  expect(await page.evaluate(() => navigator.maxTouchPoints)).toBeGreaterThan(0);
  await expect(till).toHaveClass(/till-touch/);
  expect.soft(await fitProblems(till)).toEqual([]);

  const lines = page.getByRole('table', { name: 'Items in this sale' }).locator('tbody tr');
  await scan(page, MAIZE);
  await scan(page, RICE);
  await expect(lines).toHaveCount(2);

  // Three bags of rice, on the keypad.
  await page.getByRole('button', { name: 'Keypad: Quantity of Rice, Super 1 kg' }).tap();
  const qty = page.getByRole('dialog', { name: 'Quantity of Rice, Super 1 kg' });
  await expect(qty).toBeVisible();
  await shot(page, 'qty-light');
  expect.soft(await fitProblems(qty)).toEqual([]);
  expect.soft(await seriousProblems(page)).toEqual([]);
  await tapKeys(qty.getByRole('group', { name: 'Keypad: Quantity' }), '3');
  await expect(qty.getByLabel('Quantity', { exact: true })).toHaveValue('3');
  await qty.getByRole('button', { name: /^Save/ }).tap();
  await expect(qty).toBeHidden();
  await expect(page.getByRole('textbox', { name: 'Quantity of Rice, Super 1 kg' })).toHaveValue('3');
  const total = page.getByTestId('till-total');
  await expect(total).toContainText('UGX 21,000'); // 4,500 + 3 × 5,500

  // The function key for the quantity opens the same keypad on a touch till; Cancel leaves the line as it was.
  await page
    .getByRole('toolbar', { name: /keys/i })
    .getByRole('button', { name: /Quantity/ })
    .tap();
  await expect(qty).toBeVisible();
  await qty.getByRole('button', { name: /^Cancel/ }).tap();
  await expect(qty).toBeHidden();
  await expect(page.getByRole('textbox', { name: 'Quantity of Rice, Super 1 kg' })).toHaveValue('3');

  await shot(page, 'till-light');
  expect.soft(await fitProblems(till)).toEqual([]);
  expect.soft(await seriousProblems(page)).toEqual([]);

  // Paying: the cash handed over, on the keypad.
  await expect(page.getByRole('region', { name: 'Totals' })).toHaveAttribute('aria-busy', 'false');
  await page.getByRole('button', { name: /^Pay/ }).tap();
  const pay = page.getByRole('dialog', { name: 'Take payment' });
  await expect(pay).toBeVisible();
  const toggle = pay.getByRole('button', { name: 'Keypad', exact: true });
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await toggle.tap();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  const pad = pay.getByRole('group', { name: 'Keypad: Cash received' });
  await tapKeys(pad, '30000');
  await expect(pay.getByRole('textbox', { name: 'Cash received' })).toHaveValue('30000');
  await expect(pay.getByTestId('pay-change')).toContainText('9,000');
  await shot(page, 'pay-light');
  expect.soft(await fitProblems(pay)).toEqual([]);
  expect.soft(await seriousProblems(page)).toEqual([]);
  await pay.getByRole('button', { name: /^Complete sale/ }).tap();
  await expect(pay).toBeHidden();
  await expect(page.getByTestId('till-change')).toContainText('UGX 9,000');
  await shot(page, 'done-light');
  expect.soft(await fitProblems(till)).toEqual([]);

  // The same in the dark theme.
  await page.getByRole('button', { name: 'Dark theme' }).tap();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await shot(page, 'done-dark');
  await page
    .getByRole('button', { name: /^Close/ })
    .first()
    .tap();
  // the cursor back in the scan box for the scanner (a slow machine may not tell a scan typed elsewhere by its speed)
  await page.getByLabel('Scan or search product').tap();
  await scan(page, MAIZE);
  await expect(lines).toHaveCount(1);
  await expect(page.getByTestId('till-total')).toContainText('UGX 4,500');
  await shot(page, 'till-dark');
  await page.getByRole('button', { name: 'Keypad: Quantity of Maize flour (posho) 1 kg' }).tap();
  await expect(
    qty.or(page.getByRole('dialog', { name: 'Quantity of Maize flour (posho) 1 kg' })).first(),
  ).toBeVisible();
  await shot(page, 'qty-dark');
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /^Cancel/ })
    .tap();
  await page.getByRole('button', { name: /^Pay/ }).tap();
  await expect(pay).toBeVisible();
  await pay.getByRole('button', { name: 'Keypad', exact: true }).tap();
  await shot(page, 'pay-dark');
  expect.soft(await fitProblems(pay)).toEqual([]);
  await pay.getByRole('button', { name: /^Cancel/ }).tap();
  await expect(pay).toBeHidden();

  // A debt payment without a customer on the till: the finder, and the amount's keypad waiting for who pays.
  await page
    .getByRole('toolbar', { name: /keys/i })
    .getByRole('button', { name: /Receive payment/ })
    .tap();
  const receive = page.getByRole('dialog', { name: 'Receive payment' });
  await expect(receive).toBeVisible();
  await expect(receive.getByRole('button', { name: 'Keypad', exact: true })).toBeDisabled();
  await shot(page, 'receive-dark');
  expect.soft(await fitProblems(receive)).toEqual([]);
  await receive.getByRole('button', { name: /^Cancel/ }).tap();
  await expect(receive).toBeHidden();
  expect.soft(await fitProblems(till)).toEqual([]);
});
