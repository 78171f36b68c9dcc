import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page } from '@playwright/test';

export interface Host {
  /** the token URL printed by the host */
  url: string;
  dataDir: string;
}

/** Starts `counterline serve` on a free port with a fresh data directory, for one test. */
async function startHost(): Promise<{ host: Host; child: ChildProcess }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'counterline-e2e-'));
  const child = spawn(process.execPath, ['bin/counterline.mjs', 'serve', '--port', '0', '--data-dir', dataDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`host did not start in time:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = /Counterline ready at (http:\/\/\S+)/.exec(output);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (c: Buffer) => {
      output += c.toString();
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`host exited with ${code}:\n${output}`));
    });
  });
  return { host: { url, dataDir }, child };
}

async function stopHost(child: ChildProcess, dataDir: string): Promise<void> {
  if (child.exitCode === null) {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
    if (child.exitCode === null) child.kill('SIGKILL');
  }
  rmSync(dataDir, { recursive: true, force: true });
}

export const test = base.extend<{ host: Host }>({
  host: async ({}, use) => {
    const { host, child } = await startHost();
    try {
      await use(host);
    } finally {
      await stopHost(child, host.dataDir);
    }
  },
});

export { expect };

export const OWNER = { name: 'Grace Achieng', pin: '4321' };

/** Fills the first-run form as a new owner would and submits it. */
export async function onboard(page: Page, store = 'Mama Grace Groceries'): Promise<void> {
  await expect(page.getByRole('heading', { name: 'Set up your shop' })).toBeVisible();
  await page.getByLabel('Store name').fill(store);
  await page.getByLabel('Country').selectOption('UG');
  await expect(page.getByLabel('Currency')).toHaveValue('UGX');
  await expect(page.getByLabel('Time zone')).toHaveValue('Africa/Kampala');
  await page.getByLabel('Owner name').fill(OWNER.name);
  await page.getByLabel('Owner PIN').fill(OWNER.pin);
  await page.getByLabel('Confirm PIN').fill(OWNER.pin);
  await page.getByRole('button', { name: 'Set up shop' }).click();
  await expect(page.getByRole('heading', { name: 'Who is at the till?' })).toBeVisible();
}

/** Picks a person on the sign-in screen (if a choice is offered) and types the PIN. */
export async function signIn(page: Page, name: string, pin: string): Promise<void> {
  const person = page.getByRole('button', { name: new RegExp(name) });
  const pinField = page.getByLabel('PIN', { exact: true });
  await expect(person.or(pinField).first()).toBeVisible();
  if (await person.isVisible()) await person.click();
  await page.getByLabel('PIN', { exact: true }).fill(pin);
  await page.getByLabel('PIN', { exact: true }).press('Enter');
  await expect(page.getByRole('navigation', { name: 'Sections' })).toBeVisible();
}

/** Opens the till on a fresh data folder, makes the catalog-only demo shop and signs the named person in. */
export async function openDemoShop(page: Page, host: Host, name: string, pin: string): Promise<void> {
  await page.goto(host.url);
  await page.getByRole('button', { name: 'Empty demo shop' }).click();
  await signIn(page, name, pin);
}

/** Calls a procedure as the signed-in tab does (same session): for setting up records a test is not about, and for
 * checking what was stored. */
export async function rpc<T>(page: Page, name: string, input: unknown): Promise<T> {
  const result = await page.evaluate(
    async ([n, body]) => {
      const res = await fetch(`/rpc/${n}`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'X-Counterline-Client': sessionStorage.getItem('counterline.client') ?? '',
        },
        body: JSON.stringify(body),
      });
      return res.json();
    },
    [name, input] as const,
  );
  if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
  return result.data as T;
}

/**
 * Types a code the way a keyboard-wedge scanner does: a few ms per key, then Enter. It waits until the till has
 * priced the last change, as a cashier reaching for the next item would: on a loaded test machine a re-render in the
 * middle of the burst can hold keys back longer than any real scanner pauses.
 */
export async function scan(page: Page, code: string): Promise<void> {
  await expect(page.getByRole('region', { name: 'Totals' })).toHaveAttribute('aria-busy', 'false');
  await page.keyboard.type(code, { delay: 5 });
  await page.keyboard.press('Enter');
}

/** Serious or critical axe findings (WCAG 2.1 A and AA) on the page as it is, each named with `where` when given. */
export async function seriousProblems(page: Page, where = ''): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${where ? `${where}: ` : ''}${v.id} (${v.impact}) ${v.nodes.length}× e.g. ${v.nodes[0]?.target.join(' ')} — ${v.help}`,
    );
}
