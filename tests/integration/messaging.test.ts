import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/main/app';
import { postAccountEntry } from '../../src/main/domains/ledgers/account';
import { INTERRUPTED } from '../../src/main/domains/messaging/outbox';
import { DAY_MS, testClock } from '../../src/shared/clock';
import type { OutboxMessage, Template } from '../../src/shared/contract/messaging';
import { seededRandom, uuidv7Source } from '../../src/shared/ids';
import { DEMO, makeTestApp, signInAs, type TestApp, tableCount } from '../helpers';
import { startMailServer } from '../mail-server';

const FAST = { backoffMs: 30, maxBackoffMs: 100, emailTimeoutMs: 3_000 };

describe('messages through the outbox, over a real SMTP server and an HTTP SMS gateway', { timeout: 60_000 }, () => {
  let app: TestApp;
  let customerId: string;
  const closers: Array<() => Promise<void> | void> = [];
  const ok = async <T>(name: string, input: unknown, client = 'owner'): Promise<T> => {
    const res = await app.call(name, input, client);
    if (!res.ok) throw new Error(`${name}: ${res.error.code} ${res.error.message}`);
    return res.data as T;
  };
  const refused = async (name: string, input: unknown, client = 'owner') => {
    const res = await app.call(name, input, client);
    if (res.ok) throw new Error(`${name} was accepted`);
    return res.error;
  };
  const smtp = (port: number) =>
    ok('messaging.updateSettings', {
      email: { host: '127.0.0.1', port, security: 'none', user: null, from: 'shop@counterline.test' },
    });
  const waitFor = async (id: string) => {
    const r = await app.services.messaging.outbox.waitFor(id, 8_000);
    return app.services.messaging.message(r?.id ?? id);
  };
  let phones = 0;
  const customer = async (extra: Record<string, unknown>) =>
    (
      await ok<{ customer: { id: string } }>('customers.create', {
        type: 'individual',
        firstName: 'Ruth',
        lastName: 'Akello',
        email: 'ruth@example.test',
        phones: [{ number: `+25677212345${phones++}`, isPrimary: true }],
        ...extra,
      })
    ).customer.id;
  /** waits until the message is as the test expects (the worker retries on its own timers) */
  const until = async (id: string, pred: (m: OutboxMessage) => boolean) => {
    for (let i = 0; i < 200; i++) {
      const m = app.services.messaging.message(id);
      if (pred(m)) return m;
      await new Promise((r) => setTimeout(r, 20));
    }
    return app.services.messaging.message(id);
  };

  beforeEach(async () => {
    phones = 0;
    app = makeTestApp();
    app.services.system.createDemoShop();
    await signInAs(app.call, DEMO.owner, DEMO.ownerPin, 'owner');
    await signInAs(app.call, DEMO.cashier, DEMO.cashierPin, 'cashier');
    app.services.messaging.outbox.configure(FAST);
    app.services.messaging.start();
    customerId = await customer({ consentEmail: true, consentSms: true, consentWhatsapp: true });
    const deps = { ...app, newId: uuidv7Source(app.clock), tillId: () => 'till' };
    app.sqlite.transaction(() =>
      postAccountEntry(deps, {
        customerId,
        kind: 'invoice',
        amount: 42_000,
        currency: 'UGX',
        documentNo: 'S-000042',
        dueAt: app.clock.now() - 3 * DAY_MS,
      }),
    )();
  });
  afterEach(async () => {
    for (const close of closers.splice(0)) await close();
    app.dispose();
  });

  it('e-mails a statement with its PDF: recipients, subject, text and HTML bodies and the attachment as received', async () => {
    const mail = await startMailServer();
    closers.push(mail.close);
    await smtp(mail.port);
    const queued = await ok<OutboxMessage>(
      'messaging.sendStatement',
      { customerId, from: '2026-01-01', to: '2026-01-31', idempotencyKey: 'statement-ruth-jan' },
      'cashier',
    );
    expect(queued).toMatchObject({ status: 'queued', channel: 'email', to: 'ruth@example.test' });
    const sent = await waitFor(queued.id);
    expect(sent.status).toBe('sent');
    expect(mail.received).toHaveLength(1);
    const got = mail.received[0]?.mail;
    expect(mail.received[0]?.envelopeTo).toEqual(['ruth@example.test']);
    expect(got?.subject).toBe('Your statement from Mama Rose Grocery');
    expect(got?.text).toContain('The balance is UGX 42,000');
    expect(got?.html).toContain('<p>Hello Ruth, your statement of account is attached.');
    expect(got?.messageId).toBe(`<${queued.id}@counterline>`);
    const pdf = got?.attachments[0];
    expect(pdf?.contentType).toBe('application/pdf');
    expect(pdf?.filename).toMatch(/^statement-.*\.pdf$/);
    const file = join(app.dir, 'got.pdf');
    writeFileSync(file, pdf?.content as Buffer);
    const words = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
    expect(words).toContain('Ruth Akello');
    expect(words).toContain('S-000042');
    // the same request again is the same message: it is not sent a second time
    const again = await ok<OutboxMessage>(
      'messaging.sendStatement',
      { customerId, from: '2026-01-01', to: '2026-01-31', idempotencyKey: 'statement-ruth-jan' },
      'cashier',
    );
    expect(again.id).toBe(queued.id);
    await app.services.messaging.outbox.drain();
    expect(mail.received).toHaveLength(1);
    const timeline = await ok<{ rows: Array<{ kind: string; status: string }> }>('relationships.timeline', {
      customerId,
      kinds: ['sent_message'],
    });
    expect(timeline.rows).toEqual([expect.objectContaining({ kind: 'sent_message', status: 'sent' })]);
  });

  it('keeps a message queued with the reason while the mail server refuses connections, and sends it once it is up', async () => {
    const mail = await startMailServer();
    closers.push(mail.close);
    await smtp(1); // nothing listens on port 1
    const m = await ok<OutboxMessage>('messaging.send', {
      customerId,
      template: 'payment_reminder',
      channel: 'email',
      idempotencyKey: 'reminder-ruth-1',
    });
    const waiting = await until(m.id, (x) => x.status === 'queued' && x.lastError !== null);
    expect(waiting.status).toBe('queued');
    expect(waiting.lastError).toMatch(/could not be reached/);
    expect(waiting.attempts).toBeGreaterThanOrEqual(1);
    await smtp(mail.port);
    const sent = await waitFor(m.id);
    expect(sent.status).toBe('sent');
    expect(mail.received.map((r) => r.mail.subject)).toEqual(['A reminder from Mama Rose Grocery']);
    expect(mail.received[0]?.mail.text).toMatch(/UGX 42,000 is due on your account since 2026-01-02/);
  });

  it('fails a message the mail server refuses for good, and keeps one it turns away for now queued', async () => {
    const refusing = await startMailServer({ refuse: 'ruth@example.test' });
    closers.push(refusing.close);
    await smtp(refusing.port);
    const m = await ok<OutboxMessage>('messaging.send', {
      customerId,
      template: 'payment_reminder',
      channel: 'email',
      idempotencyKey: 'reminder-ruth-2',
    });
    const failed = await waitFor(m.id);
    expect(failed.status).toBe('failed');
    expect(failed.lastError).toMatch(/refused the address.*No such mailbox/);

    const busy = await startMailServer({ failData: true });
    closers.push(busy.close);
    await smtp(busy.port);
    const later = await ok<OutboxMessage>('messaging.send', {
      customerId,
      template: 'payment_reminder',
      channel: 'email',
      idempotencyKey: 'reminder-ruth-3',
    });
    const held = await until(later.id, (x) => x.status === 'queued' && x.lastError !== null);
    expect(held.status).toBe('queued');
    expect(held.lastError).toMatch(/Try again later/);
  });

  it('sends only over channels the customer agreed to, and marketing only with opt-in, changing nothing when refused', async () => {
    const quiet = await customer({ firstName: 'Quiet', email: 'quiet@example.test', consentSms: true });
    const audit = tableCount(app, 'audit_log');
    const noEmail = await refused('messaging.send', {
      customerId: quiet,
      template: 'payment_reminder',
      channel: 'email',
      idempotencyKey: 'consent-1',
    });
    expect(noEmail.message).toBe(
      'Quiet Akello has not agreed to messages by e-mail; ask them and tick it on their page.',
    );
    const noOffers = await refused('messaging.send', {
      customerId: quiet,
      template: 'birthday',
      channel: 'sms',
      idempotencyKey: 'consent-2',
    });
    expect(noOffers.message).toMatch(/not opted in to offers/);
    expect(tableCount(app, 'outbox')).toBe(0);
    expect(tableCount(app, 'audit_log')).toBe(audit);
  });

  it('holds marketing through quiet hours in shop time; service messages are not held', async () => {
    const fan = await customer({
      firstName: 'Fan',
      email: 'fan@example.test',
      consentEmail: true,
      marketingOptIn: true,
    });
    // 20:30 UTC is 23:30 in Kampala: inside 21:00–08:00
    app.clock.set(Date.UTC(2026, 0, 5, 20, 30));
    await signInAs(app.call, DEMO.owner, DEMO.ownerPin, 'owner');
    const greeting = await ok<OutboxMessage>('messaging.send', {
      customerId: fan,
      template: 'birthday',
      channel: 'email',
      idempotencyKey: 'birthday-fan-2026',
    });
    expect(greeting.nextAttemptAt).toBe(Date.UTC(2026, 0, 6, 5, 0));
    expect(greeting.body).toBe('Happy birthday, Fan! Everyone at Mama Rose Grocery wishes you a wonderful day.');
    const reminder = await ok<OutboxMessage>('messaging.send', {
      customerId,
      template: 'payment_reminder',
      channel: 'email',
      idempotencyKey: 'reminder-night',
    });
    expect(reminder.nextAttemptAt).toBeNull();
  });

  it('fills templates per language and refuses a placeholder it cannot fill', async () => {
    const sw = await customer({
      firstName: 'Baraka',
      email: 'baraka@example.test',
      preferredLanguage: 'sw',
      consentSms: true,
    });
    const preview = await ok<{ language: string; body: string }>('messaging.preview', {
      customerId: sw,
      template: 'points_expiring',
    });
    expect(preview).toEqual({
      language: 'sw',
      subject: 'Pointi zako Mama Rose Grocery',
      body: 'Habari Baraka, una pointi 0 Mama Rose Grocery. Zitumie kabla hazijaisha muda!',
    });
    const bad = await refused('messaging.saveTemplate', {
      key: 'birthday',
      language: 'en',
      subject: 'Hi',
      body: 'Dear {{fristName}}',
    });
    expect(bad.message).toMatch(/\{\{fristName\}\} is not a word a message can use/);
    const saved = await ok<Template>('messaging.saveTemplate', {
      key: 'birthday',
      language: 'id',
      subject: 'Selamat, {{firstName}}',
      body: 'Selamat ulang tahun {{firstName}} dari {{shopName}}',
    });
    expect(saved.custom).toBe(true);
    const templates = await ok<Template[]>('messaging.templates', null);
    // eight templates (the statement as text too) in three languages
    expect(templates).toHaveLength(24);
  });

  it('posts an SMS to the gateway in its request shape; a 500 and a timeout keep it queued with the reason', async () => {
    const requests: Array<{ headers: IncomingMessage['headers']; body: string }> = [];
    let answer: 'ok' | 'error' | 'hang' = 'error';
    const server: Server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => {
        body += c;
      });
      req.on('end', () => {
        requests.push({ headers: req.headers, body });
        if (answer === 'hang') return;
        if (answer === 'error') {
          res.writeHead(500, { 'content-type': 'application/json' });
          return res.end('{"error":"upstream unavailable"}');
        }
        res.writeHead(201, { 'content-type': 'application/json' });
        res.end('{"messageId":"gw-123"}');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    closers.push(() => {
      server.closeAllConnections();
      server.close();
    });
    const port = (server.address() as AddressInfo).port;
    await ok('messaging.updateSettings', {
      sms: { url: `http://127.0.0.1:${port}/send`, authorization: 'Bearer sekret', timeoutMs: 500 },
    });
    const view = await ok<{ sms: Record<string, unknown> }>('messaging.settings', null);
    expect(view.sms.authorizationSet).toBe(true);
    expect(JSON.stringify(view)).not.toContain('sekret');

    const m = await ok<OutboxMessage>('messaging.send', {
      customerId,
      template: 'payment_reminder',
      channel: 'sms',
      idempotencyKey: 'sms-ruth-1',
    });
    let now = await until(m.id, (x) => x.status === 'queued' && x.lastError !== null);
    expect(now.status).toBe('queued');
    expect(now.lastError).toBe('The SMS gateway answered 500: {"error":"upstream unavailable"}');
    answer = 'hang';
    now = await until(m.id, (x) => /did not answer/.test(x.lastError ?? ''));
    expect(now.status).not.toBe('sent');
    expect(now.lastError).toMatch(/did not answer within 0.5 s/);
    answer = 'ok';
    const sent = await waitFor(m.id);
    expect(sent.status).toBe('sent');
    const last = requests.at(-1);
    expect(last?.headers.authorization).toBe('Bearer sekret');
    expect(last?.headers['idempotency-key']).toBe('sms-ruth-1');
    expect(last?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(last?.body ?? '')).toEqual({
      to: '+256772123450',
      message: expect.stringContaining('UGX 42,000 is due on your account'),
      reference: 'sms-ruth-1',
    });
  });

  it('gives a WhatsApp click-to-chat link with the text and records that it was handed out', async () => {
    const m = await ok<OutboxMessage>('messaging.send', {
      customerId,
      template: 'payment_reminder',
      channel: 'whatsapp',
      idempotencyKey: 'wa-ruth-1',
    });
    expect(m.status).toBe('sent');
    expect(m.link).toMatch(/^https:\/\/wa\.me\/256772123450\?text=Hello%20Ruth%2C/);
  });

  it('never sends twice: a message whose hand-over was cut off by a stop is set aside on restart, not resent', async () => {
    // the provider accepts the message as the app stops: Counterline never learns it was accepted
    const mail = await startMailServer({ beforeAccept: () => app.services.messaging.stop() });
    closers.push(mail.close);
    await smtp(mail.port);
    const m = await ok<OutboxMessage>('messaging.send', {
      customerId,
      template: 'payment_reminder',
      channel: 'email',
      idempotencyKey: 'crash-test-1',
    });
    for (let i = 0; i < 100 && !mail.received.length; i++) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 100));
    expect(app.services.messaging.message(m.id).status).toBe('sending');
    app.close();

    // a new start of the shop over the same database
    const clock = testClock(Date.UTC(2026, 0, 5, 10));
    const again = createApp({ dataDir: app.dir, clock, newId: uuidv7Source(clock, seededRandom(9)), log: () => {} });
    try {
      again.services.messaging.outbox.configure(FAST);
      again.services.messaging.start();
      await again.services.messaging.outbox.drain();
      await new Promise((r) => setTimeout(r, 200));
      const after = again.services.messaging.message(m.id);
      expect(after.status).toBe('failed');
      expect(after.lastError).toBe(INTERRUPTED);
      expect(mail.received).toHaveLength(1);
    } finally {
      again.close();
      app = Object.assign(app, { close: () => {} });
    }
  });
});
