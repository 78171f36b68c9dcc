import { mkdirSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, openDemoShop, rpc, signIn, test } from './fixtures';

const SHOTS = '/tmp/shots';

interface Seen {
  path: string;
  headers: IncomingMessage['headers'];
  json: {
    to?: string;
    type?: string;
    template?: { name: string; language: { code: string }; components: Array<{ parameters: Array<{ text: string }> }> };
  };
}

/** The WhatsApp Business Cloud API stood in by a local server answering as Meta documents a sent template message. */
async function startCloudApi() {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    let data = '';
    req.on('data', (c) => {
      data += c;
    });
    req.on('end', () => {
      seen.push({ path: req.url ?? '', headers: req.headers, json: JSON.parse(data || '{}') });
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(
        JSON.stringify({
          messaging_product: 'whatsapp',
          contacts: [{ input: '256772905678', wa_id: '256772905678' }],
          messages: [{ id: 'wamid.E2ESTATEMENT' }],
        }),
      );
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    seen,
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

test('edit the statement-as-text template, preview it with a customer, save it, and send her statement by WhatsApp', async ({
  page,
  host,
}) => {
  mkdirSync(SHOTS, { recursive: true });
  await page.setViewportSize({ width: 1366, height: 768 });
  const cloud = await startCloudApi();
  try {
    await openDemoShop(page, host, 'Rose Nakato', '1234');
    await rpc(page, 'messaging.updateSettings', {
      whatsapp: { phoneNumberId: '106540352242922', accessToken: 'EAAG-e2e', baseUrl: cloud.base },
    });
    const made = await rpc<{ customer: { id: string } }>(page, 'customers.create', {
      type: 'individual',
      firstName: 'Halima',
      lastName: 'Nabirye',
      phones: [{ number: '0772905678', isPrimary: true }],
      consentWhatsapp: true,
    });
    await rpc(page, 'receivables.openingBalance', {
      customerId: made.customer.id,
      amount: 50_000,
      dueOn: '2025-11-30',
      reason: 'from the old book',
    });

    await page
      .getByRole('navigation', { name: 'Sections' })
      .getByRole('button', { name: /Messages/ })
      .click();
    const card = page.getByTestId('templates');
    await expect(card.getByRole('tab', { name: 'English' })).toHaveAttribute('aria-selected', 'true');
    const row = card.getByRole('row', { name: /Statement as text \(WhatsApp\)/ });
    await expect(row).toContainText('Built-in');
    await row.getByRole('button', { name: /Edit/ }).click();

    const dialog = page.getByRole('dialog', { name: 'Statement as text (WhatsApp) in English' });
    const body = dialog.getByLabel('Message', { exact: true });
    await expect(body).toBeFocused();
    await expect(body).toHaveValue(/^Hello \{\{firstName\}\}, this is your statement/);

    // a misspelt word is named in plain words and the wording cannot be saved
    await body.fill('Hello {{fristName}}, {{shopName}} here.');
    await expect(dialog.getByRole('alert')).toHaveText(
      '{{fristName}} is not a word Counterline can fill in. Use one of the words listed below, spelled the same way.',
    );
    await expect(dialog.getByRole('button', { name: /Save wording/ })).toBeDisabled();

    // the shop's own wording, words put in from the list where the cursor is
    await body.fill('Hello {{firstName}}, {{shopName}} here. You owe ');
    await dialog.getByRole('button', { name: /\{\{balance\}\}/ }).click();
    await body.press('End');
    await body.pressSequentially(', of it overdue ');
    await dialog.getByRole('button', { name: /\{\{overdue\}\}/ }).click();
    await body.press('End');
    await body.pressSequentially('.\nLately:\n{{entries}}');
    await expect(body).toHaveValue(
      'Hello {{firstName}}, {{shopName}} here. You owe {{balance}}, of it overdue {{overdue}}.\nLately:\n{{entries}}',
    );
    await expect(dialog.getByRole('alert')).toHaveCount(0);

    // preview with a real customer found by search, before anything is saved
    await dialog.getByLabel('Find a customer by name or phone').fill('halima');
    await dialog
      .getByRole('list', { name: 'Customers found' })
      .getByRole('button', { name: /Halima Nabirye/ })
      .click();
    const preview = dialog.getByTestId('template-preview');
    await expect(preview).toContainText('As Halima Nabirye would get it');
    await expect(preview).toContainText(
      'Hello Halima, Mama Rose Grocery here. You owe UGX 50,000, of it overdue UGX 50,000.',
    );
    await expect(preview).toContainText('Lately:');
    await expect(preview).toContainText('Opening balance UGX 50,000');
    await page.screenshot({ path: `${SHOTS}/template-editor.png` });

    await body.press('Control+Enter');
    await expect(page.getByRole('status').filter({ hasText: 'Wording saved.' })).toBeVisible();
    await expect(dialog.getByRole('button', { name: 'Back to the built-in wording' })).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
    await expect(row).toContainText('Your shop’s own');

    // the statement from her page, by WhatsApp through the Cloud API: the request as Meta documents it
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Customers' }).click();
    await page.getByLabel('Search customers').fill('halima');
    await page.getByRole('option', { name: /Halima Nabirye/ }).click();
    await page.getByTestId('follow-ups').getByRole('button', { name: 'WhatsApp statement' }).click();
    await expect(
      page.getByRole('status').filter({ hasText: 'Statement queued for WhatsApp to +256772905678.' }),
    ).toBeVisible();
    await expect.poll(() => cloud.seen.length, { timeout: 15_000 }).toBe(1);
    const request = cloud.seen[0] as Seen;
    expect(request.path).toBe('/v21.0/106540352242922/messages');
    expect(request.headers.authorization).toBe('Bearer EAAG-e2e');
    expect(request.json).toMatchObject({ to: '256772905678', type: 'template' });
    expect(request.json.template?.name).toBe('statement_text');
    expect(request.json.template?.language).toEqual({ code: 'en' });
    const params = request.json.template?.components[0]?.parameters.map((p) => p.text) ?? [];
    expect(params.slice(0, 4)).toEqual(['Halima', 'Mama Rose Grocery', 'UGX 50,000', 'UGX 50,000']);
    expect(params[4]).toMatch(/^\d{4}-\d{2}-\d{2} Opening balance UGX 50,000$/);
    await expect(page.getByRole('list', { name: 'Timeline' }).getByRole('listitem').first()).toContainText(
      'Message sent',
    );
    await page.screenshot({ path: `${SHOTS}/customer-whatsapp-statement.png` });

    // and back to the built-in wording, after saying what will happen
    await page
      .getByRole('navigation', { name: 'Sections' })
      .getByRole('button', { name: /Messages/ })
      .click();
    // by keyboard this time: the rows take ↑ ↓ Home End, and Enter opens one
    await card.getByRole('row', { name: /^Receipt/ }).focus();
    await page.keyboard.press('End');
    await expect(row).toBeFocused();
    await page.keyboard.press('Enter');
    await dialog.getByRole('button', { name: 'Back to the built-in wording' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Go back to the built-in wording?' });
    await expect(confirm).toContainText('“Statement as text (WhatsApp)” in English');
    await expect(confirm.getByRole('button', { name: 'Use the built-in wording' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('status').filter({ hasText: 'The built-in wording is back.' })).toBeVisible();
    await expect(body).toHaveValue(/^Hello \{\{firstName\}\}, this is your statement/);
    await page.keyboard.press('Escape');
    await expect(row).toContainText('Built-in');
    await card.screenshot({ path: `${SHOTS}/templates-card.png` });

    // a cashier sends messages but does not see the editor
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signIn(page, 'Aisha Namuli', '1357');
    await page
      .getByRole('navigation', { name: 'Sections' })
      .getByRole('button', { name: /Messages/ })
      .click();
    await expect(page.getByRole('table', { name: 'Outbox' })).toBeVisible();
    await expect(page.getByTestId('templates')).toHaveCount(0);
  } finally {
    await cloud.close();
  }
});

test('without the Cloud API the WhatsApp statement opens click-to-chat with the text in her language', async ({
  page,
  host,
}) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  // wa.me answered here: the test never reaches the internet
  await page
    .context()
    .route('https://wa.me/**', (route) =>
      route.fulfill({ status: 200, contentType: 'text/html', body: '<title>WhatsApp</title>' }),
    );
  await openDemoShop(page, host, 'Moses Okello', '2468');
  const made = await rpc<{ customer: { id: string } }>(page, 'customers.create', {
    type: 'individual',
    firstName: 'Baraka',
    lastName: 'Mwangi',
    preferredLanguage: 'sw',
    phones: [{ number: '0772905679', isPrimary: true }],
    consentWhatsapp: true,
  });
  await rpc(page, 'receivables.openingBalance', { customerId: made.customer.id, amount: 12_500 });
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Customers' }).click();
  await page.getByLabel('Search customers').fill('baraka');
  await page.getByRole('option', { name: /Baraka Mwangi/ }).click();
  const popup = page.waitForEvent('popup');
  await page.getByTestId('follow-ups').getByRole('button', { name: 'WhatsApp statement' }).click();
  const chat = await popup;
  const url = new URL(chat.url());
  expect(url.origin + url.pathname).toBe('https://wa.me/256772905679');
  const text = url.searchParams.get('text') ?? '';
  expect(text).toMatch(/^Habari Baraka, hii ni taarifa ya akaunti yako kutoka Mama Rose Grocery\./);
  expect(text).toContain('Salio: UGX 12,500');
  expect(text).toMatch(/\n\d{4}-\d{2}-\d{2} Salio la kuanzia UGX 12,500\n/);
  await chat.close();
  await expect(
    page.getByRole('status').filter({ hasText: 'Statement ready for +256772905679: WhatsApp opens with the text' }),
  ).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/customer-whatsapp-click-to-chat.png` });
});
