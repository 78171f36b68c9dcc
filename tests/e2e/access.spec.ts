import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
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
        }
      }
    }
    expect(overflowing).toEqual([]);
  });
});
