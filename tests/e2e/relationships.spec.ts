import { startMailServer } from '../mail-server';
import { expect, openDemoShop, rpc, test } from './fixtures';

const SHOTS = 'test-results/screenshots';

async function openCustomer(page: import('@playwright/test').Page, search: string, name: RegExp) {
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Customers' }).click();
  await page.getByLabel('Search customers').fill(search);
  await page.getByRole('option', { name }).click();
}

test('log a call, create a follow-up from an overdue debt in one key, and complete it from the Today list', async ({
  page,
  host,
}) => {
  await openDemoShop(page, host, 'Moses Okello', '2468');
  const made = await rpc<{ customer: { id: string } }>(page, 'customers.create', {
    type: 'individual',
    firstName: 'Halima',
    lastName: 'Nabirye',
    phones: [{ number: '0772905678', isPrimary: true }],
  });
  await rpc(page, 'receivables.openingBalance', {
    customerId: made.customer.id,
    amount: 50_000,
    dueOn: '2025-11-30',
    reason: 'from the old book',
  });

  await openCustomer(page, 'halima', /Halima Nabirye/);
  const timeline = page.getByTestId('timeline');
  await timeline.getByRole('button', { name: 'Log contact' }).click();
  const form = page.getByRole('form', { name: 'Log contact' });
  await expect(form.getByLabel('What', { exact: true })).toHaveValue('call');
  await expect(form.getByLabel('How')).toHaveValue('phone');
  await form.getByLabel('Outcome').fill('Promised to pay on Friday');
  await form.getByLabel('What was said').fill('Called about the old book debt.');
  await form.getByRole('button', { name: 'Save contact' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Contact saved.' })).toBeVisible();
  const entries = page.getByRole('list', { name: 'Timeline' });
  await expect(entries.getByRole('listitem').first()).toContainText('Promised to pay on Friday');
  await expect(entries.getByRole('listitem').first()).toContainText('Moses Okello');

  const followUps = page.getByTestId('follow-ups');
  await followUps.getByRole('button', { name: /Follow up on the debt \(UGX 50,000\)/ }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Follow-up added.' })).toBeVisible();
  await expect(followUps.getByTestId('follow-up')).toContainText('Collect payment: UGX 50,000 overdue');
  await expect(followUps.getByTestId('follow-up')).toContainText('Oldest unpaid invoice was due 2025-11-30.');
  await expect(page.getByTestId('today-badge')).toHaveText('1');
  await page.screenshot({ path: `${SHOTS}/relationships-customer.png`, fullPage: true });

  // at the till, attaching her shows what is to be done with her
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: /Till/ }).click();
  await page.keyboard.press('F3');
  await page.getByLabel('Find customer').fill('halima');
  await expect(page.getByRole('listbox', { name: 'Customers found' }).getByRole('option')).toHaveCount(1);
  await page.getByLabel('Find customer').press('Enter');
  await expect(page.getByTestId('till-follow-ups')).toHaveText('1 open follow-up: Collect payment: UGX 50,000 overdue');
  await page.screenshot({ path: `${SHOTS}/relationships-till.png` });

  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: /Today/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Today' })).toBeVisible();
  const today = page.getByTestId('today-list');
  await expect(today.getByRole('heading', { level: 2 })).toContainText('1 follow-up due');
  const task = today.getByTestId('follow-up');
  await expect(task).toContainText('for Halima Nabirye');
  await page.screenshot({ path: `${SHOTS}/relationships-today.png`, fullPage: true });
  await task.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Marked done.' })).toBeVisible();
  await expect(today.getByRole('heading', { level: 2 })).toHaveText('Nothing due today.');
  await expect(page.getByTestId('today-badge')).toHaveCount(0);

  const audit = await rpc<{ rows: Array<{ action: string }> }>(page, 'audit.list', {
    entity: 'customer',
    entityId: made.customer.id,
  });
  expect(audit.rows.map((r) => r.action)).toEqual(
    expect.arrayContaining(['interaction.log', 'followup.create', 'followup.done']),
  );
});

test('set up e-mail, send a test, and e-mail a statement to the test SMTP server; the outbox shows it sent', async ({
  page,
  host,
}) => {
  const mail = await startMailServer();
  try {
    await openDemoShop(page, host, 'Rose Nakato', '1234');
    const made = await rpc<{ customer: { id: string } }>(page, 'customers.create', {
      type: 'individual',
      firstName: 'Amina',
      lastName: 'Wekesa',
      email: 'amina@example.test',
      consentEmail: true,
    });
    await rpc(page, 'receivables.openingBalance', { customerId: made.customer.id, amount: 12_500 });

    await page
      .getByRole('navigation', { name: 'Sections' })
      .getByRole('button', { name: /Messages/ })
      .click();
    const smtp = page.getByRole('form', { name: 'E-mail (SMTP)' });
    await smtp.getByLabel('Mail server').fill('127.0.0.1');
    await smtp.getByLabel('Port').fill(String(mail.port));
    await smtp.getByLabel('Security').selectOption('none');
    await smtp.getByLabel('Sender address').fill('shop@example.test');
    await smtp.getByRole('button', { name: 'Save e-mail settings' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'E-mail settings saved.' })).toBeVisible();
    await smtp.getByLabel('Send a test to').fill('owner@example.test');
    await smtp.getByRole('button', { name: 'Send test' }).click();
    await expect(
      page.getByRole('status').filter({ hasText: 'The test was sent to owner@example.test.' }),
    ).toBeVisible();
    expect(mail.received.at(-1)?.envelopeTo).toEqual(['owner@example.test']);

    await openCustomer(page, 'amina', /Amina Wekesa/);
    await page.getByTestId('follow-ups').getByRole('button', { name: 'E-mail statement' }).click();
    await expect(
      page.getByRole('status').filter({ hasText: 'Statement queued for amina@example.test.' }),
    ).toBeVisible();
    await expect.poll(() => mail.received.length, { timeout: 15_000 }).toBe(2);
    const got = mail.received[1]?.mail;
    expect(got?.subject).toBe('Your statement from Mama Rose Grocery');
    expect(got?.attachments[0]?.contentType).toBe('application/pdf');
    await expect(page.getByRole('list', { name: 'Timeline' }).getByRole('listitem').first()).toContainText(
      'Message sent',
    );

    await page
      .getByRole('navigation', { name: 'Sections' })
      .getByRole('button', { name: /Messages/ })
      .click();
    const outbox = page.getByRole('table', { name: 'Outbox' });
    await expect(outbox.getByRole('row', { name: /amina@example.test/ })).toContainText('Sent');
    await page.screenshot({ path: `${SHOTS}/relationships-outbox.png`, fullPage: true });
  } finally {
    await mail.close();
  }
});

test('greet this month’s birthdays in one go: who gets it and who is left out, then the outbox sends them with progress', async ({
  page,
  host,
}) => {
  const mail = await startMailServer();
  try {
    await openDemoShop(page, host, 'Rose Nakato', '1234');
    await rpc(page, 'messaging.updateSettings', {
      email: { host: '127.0.0.1', port: mail.port, security: 'none', user: null, from: 'shop@example.test' },
      quietHours: null,
    });
    // birthdays today in the shop's time zone (Kampala), so they fall in "this month" whatever the date
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Africa/Kampala' }).format(new Date());
    const people = [
      { firstName: 'Neema', email: 'neema@example.test', marketingOptIn: true },
      { firstName: 'Tumaini', email: 'tumaini@example.test', marketingOptIn: true },
      { firstName: 'Zawadi', email: 'zawadi@example.test', marketingOptIn: false },
    ];
    for (const [i, p] of people.entries())
      await rpc(page, 'customers.create', {
        type: 'individual',
        lastName: 'Birthday',
        consentEmail: true,
        dateOfBirth: `${1980 + i}${today.slice(4)}`,
        ...p,
      });

    await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: /Today/ }).click();
    await page.getByRole('button', { name: 'This month' }).click();
    await page.getByRole('button', { name: 'Greet them all' }).click();
    const dialog = page.getByRole('dialog', { name: 'Send to 3 customers' });
    await expect(dialog.getByLabel('Message', { exact: true })).toHaveValue('birthday');
    await expect(dialog).toContainText('2 will get it: 2 by e-mail, 0 by SMS.');
    await expect(dialog).toContainText('1 left out, and why:');
    await expect(dialog).toContainText('has not opted in to offers and greetings');
    await page.screenshot({ path: `${SHOTS}/relationships-bulk-preview.png` });
    await dialog.getByLabel('Messages a minute (1 to 600)').fill('600');
    await dialog.getByRole('button', { name: /Send to 2/ }).click();
    await expect(dialog.getByText('2 of 2 sent · 0 failed · 0 cancelled')).toBeVisible({ timeout: 15_000 });
    expect(mail.received.map((m) => m.envelopeTo[0]).sort()).toEqual(['neema@example.test', 'tumaini@example.test']);
    await page.screenshot({ path: `${SHOTS}/relationships-bulk-sent.png` });
    await dialog.getByRole('button', { name: /Close/ }).click();

    await page
      .getByRole('navigation', { name: 'Sections' })
      .getByRole('button', { name: /Messages/ })
      .click();
    await expect(page.getByTestId('bulk-sends')).toContainText('Birthday greeting');
    await expect(page.getByTestId('bulk-sends')).toContainText('2 of 2 sent');
    const replies = page.getByTestId('replies');
    await replies.getByLabel('From (phone number)').fill('+256700111222');
    await replies.getByLabel('Their words').fill('STOP');
    await replies.getByRole('button', { name: 'Record reply' }).click();
    await expect(
      page.getByRole('status').filter({ hasText: 'No customer has that number; nothing changed.' }),
    ).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/relationships-messages.png`, fullPage: true });
  } finally {
    await mail.close();
  }
});

test("set up SMS through Africa's Talking and send a test: the request has the provider's documented shape", async ({
  page,
  host,
}) => {
  const seen: Array<{ path: string; apiKey: string | undefined; form: Record<string, string> }> = [];
  const { createServer } = await import('node:http');
  const gateway = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      seen.push({
        path: req.url ?? '',
        apiKey: req.headers.apikey as string | undefined,
        form: Object.fromEntries(new URLSearchParams(body)),
      });
      res.writeHead(201, { 'Content-Type': 'application/json' });
      res.end(
        JSON.stringify({
          SMSMessageData: {
            Message: 'Sent to 1/1 Total Cost: UGX 30.0000',
            Recipients: [{ statusCode: 101, number: '+256772000111', status: 'Success', messageId: 'ATXid_e2e' }],
          },
        }),
      );
    });
  });
  await new Promise<void>((r) => gateway.listen(0, '127.0.0.1', r));
  try {
    const port = (gateway.address() as import('node:net').AddressInfo).port;
    await openDemoShop(page, host, 'Rose Nakato', '1234');
    await page
      .getByRole('navigation', { name: 'Sections' })
      .getByRole('button', { name: /Messages/ })
      .click();
    const card = page.getByRole('form', { name: 'SMS and WhatsApp' });
    await card.getByLabel('SMS provider').selectOption('africastalking');
    await expect(card.getByLabel('Gateway address')).toHaveValue('https://api.africastalking.com/version1/messaging');
    await card.getByLabel('Gateway address').fill(`http://127.0.0.1:${port}/version1/messaging`);
    await card.getByLabel('User name / account').fill('mamarose');
    await card.getByLabel('API key').fill('atsk_e2e');
    await card.getByLabel('Sender name or number').fill('MAMAROSE');
    await card.getByRole('button', { name: 'Save SMS and WhatsApp' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'SMS and WhatsApp settings saved.' })).toBeVisible();
    await expect(card.getByLabel('API key')).toHaveValue('');
    await expect(card.getByLabel('API key')).toHaveAttribute('placeholder', '••••••');
    await card.getByLabel('Send a test SMS to').fill('+256772000111');
    await card.getByRole('button', { name: 'Send test' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'The test was sent to +256772000111.' })).toBeVisible();
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ path: '/version1/messaging', apiKey: 'atsk_e2e' });
    expect(seen[0]?.form).toMatchObject({ username: 'mamarose', to: '+256772000111', from: 'MAMAROSE' });
    await card.screenshot({ path: `${SHOTS}/relationships-sms-settings.png` });

    // the customer replies STOP: the gateway posts it to the address the Replies card shows, through a tunnel
    const made = await rpc<{ customer: { id: string } }>(page, 'customers.create', {
      type: 'individual',
      firstName: 'Baraka',
      lastName: 'Replies',
      phones: [{ number: '+256772000111', isPrimary: true }],
      consentSms: true,
    });
    const replies = page.getByTestId('replies');
    await replies.getByRole('button', { name: 'Show the address' }).click();
    const path = (await replies.getByTestId('reply-hook').textContent()) as string;
    expect(path).toMatch(/^\/hooks\/sms\/[A-Za-z0-9_-]{32}$/);
    await replies.screenshot({ path: `${SHOTS}/relationships-replies-hook.png` });
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const body = new URLSearchParams({
        from: '+256772000111',
        to: 'MAMAROSE',
        text: 'STOP',
        id: 'ATXid_r1',
      }).toString();
      const req = request(
        {
          host: '127.0.0.1',
          port: new URL(host.url).port,
          path,
          method: 'POST',
          headers: { Host: 'mama-rose.tunnel.example', 'Content-Type': 'application/x-www-form-urlencoded' },
        },
        (res) => resolve(res.statusCode ?? 0),
      );
      req.on('error', reject);
      req.end(body);
    });
    expect(status).toBe(200);
    const after = await rpc<{ consentSms: boolean }>(page, 'customers.get', { id: made.customer.id });
    expect(after.consentSms).toBe(false);
  } finally {
    await new Promise<void>((r) => gateway.close(() => r()));
  }
});

test('a walk-in asks for the receipt by e-mail at the till: it arrives with the invoice PDF', async ({
  page,
  host,
}) => {
  const mail = await startMailServer();
  try {
    await openDemoShop(page, host, 'Rose Nakato', '1234');
    await rpc(page, 'messaging.updateSettings', {
      email: { host: '127.0.0.1', port: mail.port, security: 'none', user: null, from: 'shop@example.test' },
    });
    await expect(page.getByRole('region', { name: 'Totals' })).toHaveAttribute('aria-busy', 'false');
    await page.getByLabel('Scan or search product').focus();
    await page.keyboard.type('6164000000034', { delay: 5 });
    await page.keyboard.press('Enter');
    await expect(page.getByRole('table', { name: 'Items in this sale' }).locator('tbody tr')).toHaveCount(1);
    await page.keyboard.press('F12');
    const pay = page.getByRole('dialog', { name: 'Take payment' });
    await expect(pay.getByLabel('Cash received')).toBeFocused();
    await page.keyboard.type('10000', { delay: 60 });
    await pay.getByLabel('Cash received').press('Enter');
    const done = page.getByRole('status').filter({ hasText: /Sale S-\d+ complete/ });
    await expect(done).toBeVisible();
    await done.getByLabel('E-mail or WhatsApp number for the receipt').fill('walkin@example.test');
    await done.getByRole('button', { name: 'E-mail receipt' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Receipt queued for walkin@example.test.' })).toBeVisible();
    await expect.poll(() => mail.received.length, { timeout: 15_000 }).toBe(1);
    expect(mail.received[0]?.envelopeTo).toEqual(['walkin@example.test']);
    expect(mail.received[0]?.mail.attachments[0]?.filename).toMatch(/^invoice-S-\d+\.pdf$/);
    await page.screenshot({ path: `${SHOTS}/till-receipt-sent.png` });
  } finally {
    await mail.close();
  }
});
