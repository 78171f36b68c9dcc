import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { cutText, overlaps } from './fit';
import { expect, seriousProblems, signIn, test } from './fixtures';

const SHOTS = '/tmp/shots/screens';
const OWNER = { name: 'Rose Nakato', pin: '1234' };

/** The demo shop with life, signed in as its owner, with the day's overdue-debts dialog closed. */
async function demoShop(page: Page, url: string) {
  await page.goto(url);
  await page.getByRole('button', { name: 'Try the demo shop' }).click();
  await expect(page.getByText(/^Demo shop ready/)).toBeVisible({ timeout: 30_000 });
  await signIn(page, OWNER.name, OWNER.pin);
  await closeOverdue(page);
}

/** Demo catalog barcodes (src/main/seed/products.ts) with the longest names: tea leaves, toilet paper, matooke, mango. */
const LONG_NAMES = ['6164000000232', '6164000000270', '6164000000102', '6164000000225'];

/** On the till: rings up the long-named items, checks the sale's lines, then takes them off again. */
async function longLines(page: Page, file: string, problems: string[]) {
  await openSection(page, 0);
  const lines = page.locator('.till-lines tbody tr');
  const scanBox = page.locator('.till-scan-input');
  for (const [i, code] of LONG_NAMES.entries()) {
    await scanBox.fill(code);
    await scanBox.press('Enter');
    await expect(lines).toHaveCount(i + 1);
  }
  await expect(page.locator('.till-line-total').last()).not.toHaveText('–');
  await page.screenshot({ path: `${SHOTS}/${file}.png` });
  problems.push(...(await cutText(page)).map((p) => `${file} (till with lines): ${p}`));
  problems.push(...(await overlaps(page)).map((p) => `${file} (till with lines): ${p}`));
  // an item's name takes at most two lines: more and the cashier reads a column of words, not a sale
  const tall = await page
    .locator('.till-line-name')
    .evaluateAll((names) =>
      names
        .filter((n) => n.getBoundingClientRect().height > 2.5 * Number.parseFloat(getComputedStyle(n).lineHeight))
        .map((n) => n.textContent ?? ''),
    );
  problems.push(...tall.map((n) => `${file} (till with lines): "${n}" takes more than two lines`));
  while ((await lines.count()) > 0) {
    const n = await lines.count();
    await page.locator('.till-remove').first().click();
    await expect(lines).toHaveCount(n - 1);
  }
}

async function closeOverdue(page: Page) {
  const overdue = page.getByRole('dialog', { name: 'New overdue debts today' });
  if (
    await overdue.waitFor({ timeout: 5_000 }).then(
      () => true,
      () => false,
    )
  )
    await overdue.getByRole('button', { name: 'Close' }).click();
}

/** Every section the navigation offers, in its order. */
async function sections(page: Page): Promise<number> {
  return page.getByRole('navigation').first().getByRole('button').count();
}

async function openSection(page: Page, i: number): Promise<string> {
  const button = page.getByRole('navigation').first().getByRole('button').nth(i);
  const name = ((await button.textContent()) ?? `section-${i}`).trim();
  await button.click({ timeout: 10_000 });
  await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
  // the screen's first data has arrived: no loading line left
  await expect(page.getByText(/^(Loading|Memuat|Inapakia)/)).toHaveCount(0);
  return name;
}

test.describe('every screen, checked for access and fit', () => {
  test.setTimeout(300_000);

  test('no serious or critical accessibility problems on any screen, in the light and the dark theme', async ({
    page,
    host,
  }) => {
    await page.setViewportSize({ width: 1366, height: 768 });
    await demoShop(page, host.url);
    const problems: string[] = [];
    for (const theme of ['light', 'dark']) {
      if (theme === 'dark') await page.getByRole('button', { name: 'Dark theme' }).click();
      const n = await sections(page);
      expect(n).toBeGreaterThan(6);
      for (let i = 0; i < n; i++) {
        const name = await openSection(page, i);
        problems.push(...(await seriousProblems(page, `${name} (${theme})`)));
      }
    }
    expect(problems).toEqual([]);
  });

  test('every screen fits 1366×768 and 1024×768 in English, Bahasa Indonesia and Kiswahili, light and dark', async ({
    page,
    host,
  }) => {
    mkdirSync(SHOTS, { recursive: true });
    await page.setViewportSize({ width: 1366, height: 768 });
    await demoShop(page, host.url);
    const overflowing: string[] = [];
    // words cut by their box, controls over one another
    const cut: string[] = [];
    for (const [lang, theme] of [
      ['en', 'light'],
      ['id', 'dark'],
      ['sw', 'light'],
    ] as const) {
      await page.getByLabel(/Language|Bahasa|Lugha/).selectOption(lang);
      const dark = (await page.locator('html').getAttribute('data-theme')) === 'dark';
      if (dark !== (theme === 'dark')) await page.locator('header button[aria-pressed]').click();
      const n = await sections(page);
      for (const width of [1366, 1024]) {
        await page.setViewportSize({ width, height: 768 });
        for (let i = 0; i < n; i++) {
          const name = await openSection(page, i);
          const file = `${lang}-${theme}-${width}-${String(i).padStart(2, '0')}`;
          await page.screenshot({ path: `${SHOTS}/${file}.png` });
          // nothing pushes the page sideways: a counter PC has no horizontal scrolling
          const wide = await page.evaluate(() => {
            const over = document.documentElement.scrollWidth - window.innerWidth;
            // the outermost element that sticks out, to name in the failure
            const clipped = (e: HTMLElement) => {
              for (let p = e.parentElement; p && p !== document.body; p = p.parentElement)
                if (getComputedStyle(p).overflowX !== 'visible') return true;
              return false;
            };
            const out = [...document.querySelectorAll<HTMLElement>('body *')].find(
              (e) => e.getBoundingClientRect().right > window.innerWidth + 1 && !clipped(e),
            );
            return { over, culprit: out ? `${out.tagName.toLowerCase()}.${[...out.classList].join('.')}` : '' };
          });
          if (wide.over > 1) overflowing.push(`${file} (${name}) is ${wide.over}px too wide: ${wide.culprit}`);
          cut.push(...(await cutText(page)).map((p) => `${file} (${name}): ${p}`));
          cut.push(...(await overlaps(page)).map((p) => `${file} (${name}): ${p}`));
        }
        await longLines(page, `${lang}-${theme}-${width}-lines`, cut);
      }
    }
    expect.soft(overflowing).toEqual([]);
    expect(cut).toEqual([]);
  });
});
