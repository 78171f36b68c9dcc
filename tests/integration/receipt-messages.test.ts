import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OutboxMessage } from '../../src/shared/contract/messaging';
import { DEMO, DEMO_PRODUCTS, makeTestApp, signInAs, type TestApp } from '../helpers';
import { startMailServer } from '../mail-server';

describe('a receipt sent from the till, by e-mail (PDF) or WhatsApp (text)', { timeout: 30_000 }, () => {
  let app: TestApp;
  let mail: Awaited<ReturnType<typeof startMailServer>>;
  const ok = async <T>(name: string, input: unknown, client = 'cashier'): Promise<T> => {
    const res = await app.call(name, input, client);
    if (!res.ok) throw new Error(`${name}: ${res.error.code} ${res.error.message}`);
    return res.data as T;
  };
  const refused = async (name: string, input: unknown, client = 'cashier') => {
    const res = await app.call(name, input, client);
    if (res.ok) throw new Error(`${name} was accepted`);
    return res.error;
  };
  const sale = async (customerId: string | null, key: string) => {
    const sugar = await ok<{ id: string; price: number }>('catalog.byBarcode', {
      code: DEMO_PRODUCTS.find((p) => p.sku === 'MR-003')?.barcode,
    });
    return (
      await ok<{ order: { id: string; number: string } }>('sales.complete', {
        cart: { customerId, lines: [{ productId: sugar.id, qtyMilli: 2000 }] },
        payments: [{ method: 'cash', amount: 2 * sugar.price }],
        idempotencyKey: key,
      })
    ).order;
  };

  beforeEach(async () => {
    app = makeTestApp();
    app.services.system.createDemoShop();
    await signInAs(app.call, DEMO.owner, DEMO.ownerPin, 'owner');
    await signInAs(app.call, DEMO.cashier, DEMO.cashierPin, 'cashier');
    app.services.messaging.outbox.configure({ backoffMs: 30, maxBackoffMs: 100 });
    mail = await startMailServer();
    await ok(
      'messaging.updateSettings',
      { email: { host: '127.0.0.1', port: mail.port, security: 'none', user: null, from: 'shop@counterline.test' } },
      'owner',
    );
    app.services.messaging.start({ readReplies: false });
  });
  afterEach(async () => {
    await mail.close();
    app.dispose();
  });

  it('e-mails the sale’s invoice PDF to the customer who agreed to e-mail; a retried request queues it once', async () => {
    const c = await ok<{ customer: { id: string } }>('customers.create', {
      type: 'individual',
      firstName: 'Ruth',
      lastName: 'Akello',
      email: 'ruth@example.test',
      consentEmail: true,
    });
    const order = await sale(c.customer.id, 'receipt-sale-1');
    const input = { salesOrderId: order.id, channel: 'email', idempotencyKey: `receipt-${order.id}` };
    const queued = await ok<OutboxMessage>('messaging.sendReceipt', input);
    expect(queued).toMatchObject({
      to: 'ruth@example.test',
      template: 'receipt',
      attachments: [`invoice-${order.number}.pdf`],
    });
    expect((await ok<OutboxMessage>('messaging.sendReceipt', input)).id).toBe(queued.id);
    await app.services.messaging.outbox.waitFor(queued.id, 8_000);
    expect(app.services.messaging.message(queued.id).status).toBe('sent');
    const got = mail.received[0]?.mail;
    expect(got?.subject).toBe(`Your receipt from Mama Rose Grocery (${order.number})`);
    expect(got?.text).toMatch(
      new RegExp(`Hello Ruth, thank you for shopping at Mama Rose Grocery[\\s\\S]*${order.number} · UGX`),
    );
    const file = join(app.dir, 'receipt.pdf');
    writeFileSync(file, got?.attachments[0]?.content as Buffer);
    expect(execFileSync('pdftotext', ['-layout', file, '-']).toString()).toContain(order.number);
    expect(mail.received).toHaveLength(1);
  });

  it('a walk-in gets it at the address they give; without one, or to a customer who has not agreed, it is refused in words', async () => {
    const order = await sale(null, 'receipt-sale-2');
    const missing = await refused('messaging.sendReceipt', {
      salesOrderId: order.id,
      channel: 'email',
      idempotencyKey: 'receipt-walkin-0',
    });
    expect(missing.message).toBe(
      `Sale ${order.number} has no customer: type the e-mail address or WhatsApp number the receipt goes to.`,
    );
    const wa = await ok<OutboxMessage>('messaging.sendReceipt', {
      salesOrderId: order.id,
      channel: 'whatsapp',
      to: '+256 772 555 010',
      idempotencyKey: 'receipt-walkin-1',
    });
    expect(wa.link).toMatch(/^https:\/\/wa\.me\/256772555010\?text=/);
    expect(decodeURIComponent(wa.link?.split('text=')[1] ?? '')).toMatch(
      new RegExp(`^Hello, thank you for shopping at Mama Rose Grocery\\..*\\n${order.number} · UGX`, 's'),
    );
    const noConsent = await ok<{ customer: { id: string } }>('customers.create', {
      type: 'individual',
      firstName: 'Paul',
      lastName: 'Ouma',
      email: 'paul@example.test',
    });
    const second = await sale(noConsent.customer.id, 'receipt-sale-3');
    const no = await refused('messaging.sendReceipt', {
      salesOrderId: second.id,
      channel: 'email',
      idempotencyKey: 'receipt-paul-1',
    });
    expect(no.message).toMatch(/Paul Ouma has not agreed to messages by e-mail/);
    expect(
      (
        await refused('messaging.sendReceipt', {
          salesOrderId: '0190a6f0-0000-7000-8000-000000000000',
          channel: 'email',
          to: 'a@b.cd',
          idempotencyKey: 'receipt-none-1',
        })
      ).code,
    ).toBe('NOT_FOUND');
  });
});
