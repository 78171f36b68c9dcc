import { mkdirSync, readFileSync } from 'node:fs';
import { expect, signIn, test } from './fixtures';

const OWNER = { name: 'Rose Nakato', pin: '1234' };

const SHOTS = '/tmp/shots/reports';

const REPORTS = [
  { tab: 'Daily takings', chart: 'Chart: sales each day, by how they were paid', shot: 'takings' },
  { tab: 'Sales', chart: 'Chart: sales by Product', shot: 'sales' },
  { tab: 'Busy hours', chart: 'Chart: sales by hour of day', shot: 'peaks' },
  { tab: 'Average basket', chart: 'Chart: average basket each day', shot: 'basket' },
  { tab: 'Discounts', chart: 'Chart: discounts and overrides by staff', shot: 'discounts' },
  { tab: 'Tax', chart: 'Chart: tax collected by rate', shot: 'taxes' },
  { tab: 'Stock', chart: 'Chart: most sold products', shot: 'stock' },
] as const;

test('reports: the owner reads every report with its chart on the demo shop, narrows it to a cashier and exports one', async ({
  page,
  host,
}) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(host.url);
  await page.getByRole('button', { name: 'Try the demo shop' }).click();
  await expect(page.getByText(/^Demo shop ready/)).toBeVisible({ timeout: 30_000 });
  await signIn(page, OWNER.name, OWNER.pin);
  const overdue = page.getByRole('dialog', { name: 'New overdue debts today' });
  if (
    await overdue.waitFor({ timeout: 3_000 }).then(
      () => true,
      () => false,
    )
  )
    await overdue.getByRole('button', { name: 'Close' }).click();
  await page.keyboard.press('Alt+5');
  mkdirSync(SHOTS, { recursive: true });
  for (const r of REPORTS) {
    await page.getByRole('tab', { name: r.tab, exact: true }).click();
    const table = page.getByRole('table', { name: r.tab, exact: true });
    await expect(table).toBeVisible();
    const chart = page.getByRole('img', { name: r.chart });
    await expect(chart).toBeVisible();
    // ECharts drew something: bars or a line, not an empty frame
    await expect(chart.locator('svg path').first()).toBeAttached();
    expect(await chart.locator('svg path').count()).toBeGreaterThan(5);
    await page.screenshot({ path: `${SHOTS}/${r.shot}.png` });
  }

  // the dark theme: the chart redraws in the page's colours
  await page.getByRole('button', { name: 'Dark theme' }).click();
  await page.getByRole('tab', { name: 'Busy hours', exact: true }).click();
  await expect(page.getByRole('img', { name: 'Chart: sales by hour of day' })).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/peaks-dark.png` });
  await page.getByRole('button', { name: 'Dark theme' }).click();

  // the same question narrowed to the cashier: the takings are hers only
  await page.getByRole('tab', { name: 'Daily takings', exact: true }).click();
  const total = page.getByTestId('takings-total');
  const before = await total.textContent();
  await page.getByLabel('Staff', { exact: true }).selectOption({ label: 'Aisha Namuli' });
  await page.getByRole('button', { name: 'Show' }).click();
  await expect(total).not.toHaveText(before ?? '');
  await page.screenshot({ path: `${SHOTS}/takings-cashier.png` });

  // export: the PDF of the takings comes down as a file
  const download = page.waitForEvent('download');
  await page
    .getByRole('group', { name: /^Export Daily takings/ })
    .getByRole('button', { name: /PDF/ })
    .click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^takings-\d{4}-\d\d-\d\d-to-\d{4}-\d\d-\d\d\.pdf$/);
  const path = await file.path();
  expect(readFileSync(path).subarray(0, 5).toString()).toBe('%PDF-');
});
