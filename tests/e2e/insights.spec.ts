import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, rpc, signIn, test } from './fixtures';

const SHOTS = '/tmp/shots/insights';
const OWNER = { name: 'Rose Nakato', pin: '1234' };

test.use({ viewport: { width: 1366, height: 768 } });
test.setTimeout(240_000);

async function demoShop(page: Page, url: string) {
  await page.goto(url);
  await page.getByRole('button', { name: 'Try the demo shop' }).click();
  await expect(page.getByText(/^Demo shop ready/)).toBeVisible({ timeout: 30_000 });
  await signIn(page, OWNER.name, OWNER.pin);
  const overdue = page.getByRole('dialog', { name: 'New overdue debts today' });
  if (
    await overdue.waitFor({ timeout: 5_000 }).then(
      () => true,
      () => false,
    )
  )
    await overdue.getByRole('button', { name: 'Close' }).click();
}

/** the screen as the owner sees it, and once more scrolled down (the content area scrolls, not the page) */
async function shot(page: Page, name: string) {
  await page.screenshot({ path: `${SHOTS}/${name}.png` });
  const more = await page.locator('main').evaluate((m) => {
    const scroller = m.scrollHeight > m.clientHeight ? m : document.scrollingElement;
    if (!scroller || scroller.scrollHeight <= scroller.clientHeight + 10) return false;
    scroller.scrollTop += Math.round(scroller.clientHeight * 0.85);
    return true;
  });
  if (!more) return;
  await page.screenshot({ path: `${SHOTS}/${name}-more.png` });
  await page.locator('main').evaluate((m) => {
    m.scrollTop = 0;
    if (document.scrollingElement) document.scrollingElement.scrollTop = 0;
  });
}

/** a chart has drawn bars (ECharts SVG paths), not an empty frame */
async function chartDrawn(page: Page, name: string) {
  const chart = page.getByRole('img', { name }).first();
  await expect(chart).toBeVisible();
  await expect.poll(async () => chart.locator('path').count()).toBeGreaterThan(5);
}

test('the Insights dashboard and every report on the demo shop; drill from At risk to a customer page', async ({
  page,
  host,
}) => {
  mkdirSync(SHOTS, { recursive: true });
  await demoShop(page, host.url);
  const nav = page.getByRole('navigation', { name: 'Sections' });
  await nav.getByRole('button', { name: 'Insights' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Insights' })).toBeVisible();

  // the dashboard: headline figures from the demo's sales, and three charts that drew something
  const dash = await rpc<{ buyers90: number; atRisk: number; netSpend90: number }>(page, 'insights.dashboard', {});
  expect(dash.buyers90).toBeGreaterThan(10);
  expect(dash.atRisk).toBeGreaterThan(0);
  await expect(page.getByTestId('ins-buyers')).toHaveText(new Intl.NumberFormat('en').format(dash.buyers90));
  await expect(page.getByTestId('ins-at-risk')).toHaveText(String(dash.atRisk));
  await expect(page.getByTestId('ins-net')).toContainText('UGX');
  await chartDrawn(page, 'Sales by new and returning customers, by month');
  await chartDrawn(page, 'Customers in each segment (last 365 days)');
  await chartDrawn(page, 'Sales to customers by month (UGX)');
  // the cohort retention heat map (insights.cohorts), with its own export
  await chartDrawn(
    page,
    'Cohort retention: of the customers who first bought in a month, the share who bought again each month after',
  );
  await expect(
    page.getByRole('group', { name: 'Export the cohorts' }).getByRole('button', { name: 'PDF' }),
  ).toBeVisible();
  await shot(page, 'dashboard-light');

  const tabs = page.getByRole('tablist', { name: 'Insights views' });
  // Top customers: ten rows, the chart, export buttons
  await tabs.getByRole('tab', { name: 'Top customers' }).click();
  const top = page.getByRole('table', { name: 'Top customers' });
  await expect(top.getByRole('row')).toHaveCount(11);
  await chartDrawn(page, 'Spend in the window (UGX), the first 15');
  await expect(page.getByRole('group', { name: 'Export' }).getByRole('button', { name: 'PDF' })).toBeVisible();
  const download = page.waitForEvent('download');
  await page.getByRole('group', { name: 'Export' }).getByRole('button', { name: 'Excel' }).click();
  expect((await download).suggestedFilename()).toMatch(/^top-customers-\d{4}-\d{2}-\d{2}\.xlsx$/);
  await page.getByLabel('Over the last').selectOption('365');
  await page.getByRole('button', { name: 'Show', exact: true }).click();
  await expect(page.getByRole('heading', { name: /Top customers over 365 days/ })).toBeVisible();
  await shot(page, 'top-customers');

  await tabs.getByRole('tab', { name: 'Inactive high-value' }).click();
  await page.getByLabel('Quiet for more than (days)').fill('14');
  await page.getByLabel('Top spenders').fill('100');
  await page.getByRole('button', { name: 'Show', exact: true }).click();
  await expect(page.getByRole('heading', { name: /quiet for more than 14 days/ })).toBeVisible();
  await shot(page, 'inactive');

  await tabs.getByRole('tab', { name: 'New vs returning' }).click();
  const nvr = page.getByRole('table', { name: 'New vs returning' });
  await expect(nvr.getByRole('row').nth(2)).toBeVisible();
  await chartDrawn(page, 'New vs returning');
  await page.getByLabel('By', { exact: true }).selectOption('week');
  await page.getByRole('button', { name: 'Show', exact: true }).click();
  await expect(nvr.getByRole('cell', { name: /^\d{4}-W\d{2}$/ }).first()).toBeVisible();
  await shot(page, 'new-vs-returning');

  await tabs.getByRole('tab', { name: 'Customer sales' }).click();
  const cs = page.getByRole('table', { name: 'Customer sales' });
  await expect(cs.getByTestId('ins-cs-total')).toBeVisible();
  await shot(page, 'customer-sales');

  await tabs.getByRole('tab', { name: 'RFM segments' }).click();
  await expect(page.getByRole('table', { name: 'Segment sizes' }).getByRole('row')).toHaveCount(11);
  await chartDrawn(page, 'Customers in each segment (last 365 days)');
  await shot(page, 'rfm');

  // drill: the dashboard's At risk → exactly those customers → one customer's page with its Analysis
  await tabs.getByRole('tab', { name: 'Overview' }).click();
  await page.getByRole('button', { name: 'Show who' }).click();
  await expect(page.getByRole('heading', { name: 'Customers: At risk' })).toBeVisible();
  const rfm = await rpc<{ customers: Array<{ id: string; name: string; segment: string; monetary: number }> }>(
    page,
    'insights.rfm',
    {},
  );
  const atRisk = rfm.customers.filter((c) => c.segment === 'At risk');
  expect(atRisk.length).toBe(dash.atRisk);
  await expect(page.getByTestId('ins-list-count')).toHaveText(
    atRisk.length === 1 ? '1 customer' : `${atRisk.length} customers`,
  );
  // "spent more than": the median of their spend, in shillings
  const spends = atRisk.map((c) => c.monetary).sort((a, b) => a - b);
  const above = spends[Math.floor(spends.length / 2)] as number;
  await page.getByLabel('Spent more than (UGX)').fill(String(above));
  await page.getByRole('button', { name: 'Show', exact: true }).click();
  const wanted = atRisk.filter((c) => c.monetary > above).length;
  await expect(page.getByTestId('ins-list-count')).toHaveText(wanted === 1 ? '1 customer' : `${wanted} customers`);
  await shot(page, 'at-risk-list');
  const first = atRisk.filter((c) => c.monetary > above).sort((a, b) => b.monetary - a.monetary)[0];
  const name = (first ?? atRisk[0])?.name as string;
  if (wanted === 0) {
    await page.getByLabel('Spent more than (UGX)').fill('');
    await page.getByRole('button', { name: 'Show', exact: true }).click();
  }
  await page.getByRole('button', { name: `Open ${name}` }).click();
  await expect(page.getByRole('heading', { level: 1, name: new RegExp(name) })).toBeVisible();
  const analysis = page.getByRole('region', { name: 'Analysis' });
  await expect(analysis.getByTestId('cust-segment')).toHaveText('At risk');
  // insights.customerAnalysis: spend by month drawn, favourite products and payment methods listed
  await chartDrawn(page, 'Spend by month (UGX)');
  await expect(analysis.getByRole('heading', { name: 'Favourite products' })).toBeVisible();
  await expect(analysis.getByRole('heading', { name: 'How they pay' })).toBeVisible();
  // the predicted value: fitted on request (a worker), then shown in money
  const fit = analysis.getByRole('button', { name: 'Work it out' });
  if (await fit.isVisible()) await fit.click();
  await expect(analysis.getByTestId('cust-predicted')).toContainText('UGX', { timeout: 30_000 });
  await analysis.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/customer-analysis.png` });

  // the dark theme: the dashboard still reads
  await nav.getByRole('button', { name: 'Insights' }).click();
  await page.getByRole('button', { name: 'Dark theme' }).click();
  await chartDrawn(page, 'Sales by new and returning customers, by month');
  await shot(page, 'dashboard-dark');
});

test('a list drawn from a segment is tagged in bulk from the Insights screen', async ({ page, host }) => {
  await demoShop(page, host.url);
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Insights' }).click();
  await page.getByRole('tablist', { name: 'Insights views' }).getByRole('tab', { name: 'RFM segments' }).click();
  await page.getByRole('button', { name: 'Open the customers of Champions as a list' }).click();
  await expect(page.getByRole('heading', { name: 'Customers: Champions' })).toBeVisible();
  const count = Number(((await page.getByTestId('ins-list-count').textContent()) ?? '').replace(/\D/g, ''));
  expect(count).toBeGreaterThan(0);
  await page.getByLabel('Tag for all of them').fill('champion-offer');
  await page.getByRole('button', { name: /^Tag (all )?\d+ customers?$/ }).click();
  await expect(page.getByText(/customers? tagged “champion-offer”/)).toBeVisible();
  const tagged = await rpc<{ rows: unknown[] }>(page, 'customers.search', {
    tag: 'champion-offer',
    status: 'any',
    limit: 200,
  });
  expect(tagged.rows).toHaveLength(count);
  await expect(page.getByRole('cell', { name: 'champion-offer' }).first()).toBeVisible();

  // the same list gets a message: who would get it on which channel, and who is left out and why
  await page.getByRole('button', { name: /^Send (these )?\d+ customers? a message…$/ }).click();
  const dialog = page.getByRole('dialog', { name: /^Send to \d+ customers?$/ });
  await expect(dialog.getByLabel('Message', { exact: true })).toHaveValue('points_expiring');
  await expect(dialog).toContainText(/will get it|Nobody on the list can get it/);
  await dialog.getByRole('button', { name: /Cancel/ }).click();
  await expect(dialog).toBeHidden();
});

test('the till shows an attached regular’s segment, whether they are due or at risk, and their usual items', async ({
  page,
  host,
}) => {
  await demoShop(page, host.url);
  const rfm = await rpc<{ customers: Array<{ id: string; name: string; segment: string; phone?: string }> }>(
    page,
    'insights.rfm',
    {},
  );
  const who = rfm.customers.find((c) => c.segment === 'At risk') as { id: string; name: string };
  const hint = await rpc<{ segment: string; status: string; usualItems: Array<{ name: string }> }>(
    page,
    'insights.customerHint',
    { customerId: who.id },
  );
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Till' }).click();
  await page.getByLabel('Find customer').fill(who.name);
  await expect(page.getByRole('option', { name: new RegExp(who.name) }).first()).toBeVisible();
  await page.getByLabel('Find customer').press('Enter');
  const panel = page.getByTestId('till-insight');
  await expect(panel).toContainText('At risk');
  if (hint.status === 'at_risk') await expect(panel).toContainText('Long overdue for a visit');
  if (hint.status === 'due') await expect(panel).toContainText('Due for a visit');
  if (hint.usualItems.length) await expect(panel).toContainText(`Usually buys: ${hint.usualItems[0]?.name}`);
  await page.screenshot({ path: `${SHOTS}/till-hint.png` });
});

test('a regular slipping away is one key from a follow-up on their page', async ({ page, host }) => {
  await demoShop(page, host.url);
  const rfm = await rpc<{ customers: Array<{ id: string; name: string }> }>(page, 'insights.rfm', {});
  let who: { id: string; name: string } | null = null;
  for (const c of rfm.customers) {
    const hint = await rpc<{ status: string }>(page, 'insights.customerHint', { customerId: c.id });
    if (hint.status === 'at_risk') {
      who = c;
      break;
    }
  }
  expect(who, 'the demo shop has a regular past their usual gap').not.toBeNull();
  const { id, name } = who as { id: string; name: string };
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Customers' }).click();
  await page.getByLabel('Search customers').fill(name);
  await page
    .getByRole('option', { name: new RegExp(name) })
    .first()
    .click();
  await expect(page.getByRole('heading', { level: 1, name: new RegExp(name) })).toBeVisible();
  const followUps = page.getByTestId('follow-ups');
  await followUps.getByRole('button', { name: 'Follow up: slipping away' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Follow-up added.' })).toBeVisible();
  await expect(followUps.getByTestId('follow-up').first()).toContainText('Call: not seen since their usual visit');
  const open = await rpc<Array<{ title: string }>>(page, 'relationships.followUps', { customerId: id });
  expect(open.some((f) => f.title.startsWith('Call: not seen since their usual visit'))).toBe(true);
});
