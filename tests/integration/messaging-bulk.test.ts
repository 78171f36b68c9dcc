import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BulkPreview, MessageBatch, OutboxMessage, ReplyOutcome } from '../../src/shared/contract/messaging';
import { DEMO, makeTestApp, signInAs, type TestApp } from '../helpers';
import { startMailServer } from '../mail-server';

const FAST = { backoffMs: 30, maxBackoffMs: 100, emailTimeoutMs: 3_000 };

describe('bulk sends, the frequency cap and STOP replies', { timeout: 60_000 }, () => {
  let app: TestApp;
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
  let n = 0;
  const customer = async (first: string, extra: Record<string, unknown>) =>
    (
      await ok<{ customer: { id: string } }>('customers.create', {
        type: 'individual',
        firstName: first,
        lastName: 'Test',
        phones: [{ number: `+2567721234${String(n++).padStart(2, '0')}`, isPrimary: true }],
        ...extra,
      })
    ).customer.id;
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  const batchUntil = async (id: string, pred: (b: MessageBatch) => boolean) => {
    for (let i = 0; i < 300; i++) {
      const b = await ok<MessageBatch>('messaging.batch', { id });
      if (pred(b)) return b;
      await sleep(20);
    }
    return ok<MessageBatch>('messaging.batch', { id });
  };

  let mail: Awaited<ReturnType<typeof startMailServer>>;
  let ids: Record<string, string>;
  beforeEach(async () => {
    n = 0;
    app = makeTestApp();
    app.services.system.createDemoShop();
    await signInAs(app.call, DEMO.owner, DEMO.ownerPin, 'owner');
    await signInAs(app.call, DEMO.cashier, DEMO.cashierPin, 'cashier');
    app.services.messaging.outbox.configure(FAST);
    mail = await startMailServer();
    closers.push(mail.close);
    await ok('messaging.updateSettings', {
      email: { host: '127.0.0.1', port: mail.port, security: 'none', user: null, from: 'shop@counterline.test' },
      quietHours: null,
    });
    ids = {
      email: await customer('Amina', { email: 'amina@example.test', consentEmail: true, marketingOptIn: true }),
      smsOnly: await customer('Baraka', { consentSms: true, marketingOptIn: true }),
      noOptIn: await customer('Chausiku', { email: 'chau@example.test', consentEmail: true }),
      noConsent: await customer('Dede', { email: 'dede@example.test', marketingOptIn: true }),
      both: await customer('Eko', {
        email: 'eko@example.test',
        consentEmail: true,
        consentSms: true,
        marketingOptIn: true,
      }),
    };
    app.services.messaging.start({ readReplies: false });
  });
  afterEach(async () => {
    for (const close of closers.splice(0)) await close();
    app.dispose();
  });

  it('previews who of a list gets a greeting on which channel, and who is left out and why, queueing nothing', async () => {
    const p = await ok<BulkPreview>('messaging.bulkPreview', {
      customerIds: [...Object.values(ids), '0190a6f0-0000-7000-8000-000000000000'],
      template: 'birthday',
      channel: 'best',
    });
    expect(p.total).toBe(3);
    expect(p.willSend).toEqual({ email: 2, sms: 1 });
    expect(p.leftOutCount).toBe(3);
    const why = Object.fromEntries(p.leftOut.map((l) => [l.name, l.reason]));
    expect(why['Chausiku Test']).toMatch(/not opted in to offers/);
    expect(why['Dede Test']).toMatch(/agreed to neither/);
    expect(why['?']).toMatch(/not a customer/);
    expect(app.sqlite.prepare('SELECT count(*) AS n FROM outbox').get()).toEqual({ n: 0 });
  });

  it('sends through the outbox at the gentle rate, once for a retried request, audited as one bulk send', async () => {
    const input = {
      customerIds: [ids.email, ids.both, ids.noOptIn],
      template: 'birthday',
      channel: 'email',
      perMinute: 600,
      idempotencyKey: 'bulk-birthdays-dec',
    };
    const started = await ok<MessageBatch>('messaging.bulkSend', input);
    expect(started).toMatchObject({ total: 2, status: 'sending', perMinute: 600 });
    const due = app.sqlite
      .prepare('SELECT next_attempt_at AS at FROM outbox WHERE batch_id = ? ORDER BY next_attempt_at')
      .all(started.id) as Array<{ at: number }>;
    expect((due[1]?.at ?? 0) - (due[0]?.at ?? 0)).toBe(100);
    const done = await batchUntil(started.id, (b) => b.sent === 2);
    expect(done).toMatchObject({ sent: 2, queued: 0, failed: 0 });
    expect(mail.received.map((m) => m.envelopeTo[0]).sort()).toEqual(['amina@example.test', 'eko@example.test']);
    expect(mail.received[0]?.mail.text).toMatch(/Happy birthday|birthday/i);
    const again = await ok<MessageBatch>('messaging.bulkSend', input);
    expect(again.id).toBe(started.id);
    expect(app.sqlite.prepare('SELECT count(*) AS n FROM outbox').get()).toEqual({ n: 2 });
    expect(
      app.sqlite
        .prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'message.bulk' AND entity_id = ?")
        .get(started.id),
    ).toEqual({ n: 1 });
  });

  it('pauses, resumes from now at the same rate, and cancels what has not gone', async () => {
    const started = await ok<MessageBatch>('messaging.bulkSend', {
      customerIds: [ids.email, ids.both],
      template: 'birthday',
      channel: 'email',
      perMinute: 1,
      idempotencyKey: 'bulk-slow-one',
    });
    // one a minute: the first goes at once, the second waits a minute
    await batchUntil(started.id, (b) => b.sent === 1);
    const paused = await ok<MessageBatch>('messaging.setBatch', { id: started.id, action: 'pause' });
    expect(paused).toMatchObject({ status: 'paused', sent: 1, queued: 1 });
    const resumed = await ok<MessageBatch>('messaging.setBatch', { id: started.id, action: 'resume' });
    expect(resumed.status).toBe('sending');
    const next = app.sqlite
      .prepare("SELECT next_attempt_at AS at FROM outbox WHERE batch_id = ? AND status = 'queued'")
      .get(started.id) as { at: number };
    expect(Math.abs(next.at - Date.now())).toBeLessThan(5_000);
    await batchUntil(started.id, (b) => b.sent === 2);

    const other = await ok<MessageBatch>('messaging.bulkSend', {
      customerIds: [ids.email, ids.both],
      template: 'points_expiring',
      channel: 'email',
      perMinute: 1,
      idempotencyKey: 'bulk-slow-two',
    });
    await batchUntil(other.id, (b) => b.sent === 1);
    const cancelled = await ok<MessageBatch>('messaging.setBatch', { id: other.id, action: 'cancel' });
    expect(cancelled).toMatchObject({ status: 'cancelled', sent: 1, cancelled: 1, queued: 0 });
    expect((await refused('messaging.setBatch', { id: other.id, action: 'resume' })).message).toMatch(
      /cancelled already/,
    );
    const actions = app.sqlite
      .prepare("SELECT action FROM audit_log WHERE action LIKE 'message.bulk.%' ORDER BY id")
      .all()
      .map((r) => (r as { action: string }).action);
    expect(actions).toEqual(['message.bulk.pause', 'message.bulk.resume', 'message.bulk.cancel']);
    expect(
      (
        await refused('messaging.bulkSend', {
          customerIds: [],
          template: 'birthday',
          channel: 'email',
          idempotencyKey: 'bulk-empty-1',
        })
      ).code,
    ).toBe('VALIDATION');
    expect(
      (
        await refused(
          'messaging.bulkPreview',
          { customerIds: [ids.email], template: 'birthday', channel: 'email' },
          'cashier',
        )
      ).code,
    ).toBe('FORBIDDEN');
  });

  it('holds back offers past the frequency cap, in words, but never receipts or statements', async () => {
    await ok('messaging.updateSettings', { marketingCap: { messages: 2, days: 30 } });
    for (const [i, template] of (['birthday', 'points_expiring'] as const).entries())
      await ok<OutboxMessage>('messaging.send', {
        customerId: ids.email,
        template,
        channel: 'email',
        idempotencyKey: `cap-test-${i}-xyz`,
      });
    const third = await refused('messaging.send', {
      customerId: ids.email,
      template: 'birthday',
      channel: 'email',
      idempotencyKey: 'cap-test-3-xyz',
    });
    expect(third.message).toBe(
      'Amina Test has had 2 offers or greetings in the last 30 days, the most the shop allows.',
    );
    await ok<OutboxMessage>('messaging.send', {
      customerId: ids.email,
      template: 'payment_reminder',
      channel: 'email',
      idempotencyKey: 'cap-test-service',
    });
    const p = await ok<BulkPreview>('messaging.bulkPreview', {
      customerIds: [ids.email, ids.both],
      template: 'birthday',
      channel: 'email',
    });
    expect(p.total).toBe(1);
    expect(p.leftOut[0]).toMatchObject({ name: 'Amina Test' });
    expect(p.leftOut[0]?.reason).toMatch(/has had 2 offers or greetings in the last 30 days/);
  });

  it('a STOP reply withdraws that number’s consent to SMS, cancels its waiting SMS and is audited; other replies change nothing', async () => {
    app.services.messaging.stop();
    const waiting = await ok<OutboxMessage>('messaging.send', {
      customerId: ids.smsOnly,
      template: 'payment_reminder',
      channel: 'sms',
      idempotencyKey: 'sms-before-stop',
    });
    const hello = await ok<ReplyOutcome>('messaging.reply', { from: '+256772123401', text: 'Thank you!' });
    expect(hello).toEqual({ stop: false, customers: [{ id: ids.smsOnly, name: 'Baraka Test' }] });
    // the number as a local one (the shop is in Uganda), the word in Kiswahili
    const stop = await ok<ReplyOutcome>('messaging.reply', { from: '0772 123401', text: 'Acha tafadhali' });
    expect(stop.stop).toBe(true);
    expect(stop.customers.map((c) => c.id)).toEqual([ids.smsOnly]);
    expect(app.sqlite.prepare('SELECT consent_sms AS c FROM customers WHERE id = ?').get(ids.smsOnly)).toEqual({
      c: 0,
    });
    expect(app.services.messaging.message(waiting.id)).toMatchObject({
      status: 'cancelled',
      lastError: 'The customer replied STOP.',
    });
    const audit = app.sqlite
      .prepare("SELECT entity_id AS id, note FROM audit_log WHERE action = 'consent.withdraw'")
      .all() as Array<{ id: string; note: string }>;
    expect(audit).toEqual([
      { id: ids.smsOnly, note: expect.stringContaining('replied "Acha tafadhali" by SMS from +256772123401') },
    ]);
    const after = await refused('messaging.send', {
      customerId: ids.smsOnly,
      template: 'payment_reminder',
      channel: 'sms',
      idempotencyKey: 'sms-after-stop',
    });
    expect(after.message).toMatch(/has not agreed to messages by SMS/);
    expect(await ok<ReplyOutcome>('messaging.reply', { from: '+447700900123', text: 'STOP' })).toEqual({
      stop: true,
      customers: [],
    });
  });
});
