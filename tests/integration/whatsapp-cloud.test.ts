import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { postAccountEntry } from '../../src/main/domains/ledgers/account';
import { DAY_MS } from '../../src/shared/clock';
import type { OutboxMessage } from '../../src/shared/contract/messaging';
import { uuidv7Source } from '../../src/shared/ids';
import { DEMO, makeTestApp, signInAs, type TestApp } from '../helpers';

interface Seen {
  path: string;
  headers: IncomingMessage['headers'];
  json: Record<string, unknown>;
}

/**
 * The WhatsApp Business Cloud API stood in by a local server that checks each request against Meta's documented
 * shape (POST /{version}/{phone-number-id}/messages, Bearer token, a template message) and answers as the docs show.
 */
describe('WhatsApp through the Business Cloud API (template messages)', { timeout: 30_000 }, () => {
  let app: TestApp;
  let server: Server;
  let base: string;
  const seen: Seen[] = [];
  let answer: { status: number; body: unknown };
  let customerId: string;

  beforeEach(async () => {
    seen.length = 0;
    answer = {
      status: 200,
      body: {
        messaging_product: 'whatsapp',
        contacts: [{ input: '256772123456', wa_id: '256772123456' }],
        messages: [{ id: 'wamid.HBgLMjU2NzcyMTIzNDU2FQIAERgSQ0ZBMEE3' }],
      },
    };
    server = createServer((req, res) => {
      let data = '';
      req.on('data', (c) => {
        data += c;
      });
      req.on('end', () => {
        seen.push({ path: req.url ?? '', headers: req.headers, json: JSON.parse(data || '{}') });
        res.writeHead(answer.status, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(answer.body));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    app = makeTestApp();
    app.services.system.createDemoShop();
    await signInAs(app.call, DEMO.owner, DEMO.ownerPin, 'owner');
    app.services.messaging.outbox.configure({ backoffMs: 30, maxBackoffMs: 100 });
    const set = await app.call(
      'messaging.updateSettings',
      { whatsapp: { phoneNumberId: '106540352242922', accessToken: 'EAAG-token', baseUrl: base } },
      'owner',
    );
    if (!set.ok) throw new Error(set.error.message);
    const made = await app.call(
      'customers.create',
      {
        type: 'individual',
        firstName: 'Ruth',
        lastName: 'Akello',
        phones: [{ number: '+256772123456', isPrimary: true }],
        consentWhatsapp: true,
      },
      'owner',
    );
    if (!made.ok) throw new Error(made.error.message);
    customerId = (made.data as { customer: { id: string } }).customer.id;
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
    app.services.messaging.start({ readReplies: false });
  });
  afterEach(async () => {
    app.dispose();
    await new Promise<void>((r) => server.close(() => r()));
  });

  const send = async (key: string) => {
    const res = await app.call(
      'messaging.send',
      { customerId, template: 'payment_reminder', channel: 'whatsapp', idempotencyKey: key },
      'owner',
    );
    if (!res.ok) throw new Error(res.error.message);
    const m = res.data as OutboxMessage;
    const r = await app.services.messaging.outbox.waitFor(m.id, 8_000);
    return app.services.messaging.message(r?.id ?? m.id);
  };

  it('sends the approved template with the placeholders as body parameters, in order; the wamid is kept', async () => {
    const sent = await send('wa-cloud-1');
    expect(sent).toMatchObject({ status: 'sent', channel: 'whatsapp', link: null });
    expect(app.sqlite.prepare('SELECT provider_ref AS r FROM outbox WHERE id = ?').get(sent.id)).toEqual({
      r: 'wamid.HBgLMjU2NzcyMTIzNDU2FQIAERgSQ0ZBMEE3',
    });
    expect(seen[0]?.path).toBe('/v21.0/106540352242922/messages');
    expect(seen[0]?.headers.authorization).toBe('Bearer EAAG-token');
    const shop = app.services.messaging.shop();
    expect(seen[0]?.json).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '256772123456',
      type: 'template',
      template: {
        name: 'payment_reminder',
        language: { code: 'en' },
        components: [
          {
            type: 'body',
            // Hello {{firstName}}, this is {{shopName}}. {{balance}} is due … since {{dueDate}}. … call {{shopPhone}}.
            parameters: ['Ruth', shop.name, 'UGX 42,000', expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), shop.phone].map(
              (text) => ({ type: 'text', text }),
            ),
          },
        ],
      },
    });
  });

  it('a template Meta does not know fails in Meta’s words; a rate limit keeps it queued to try again', async () => {
    answer = {
      status: 404,
      body: {
        error: {
          message: '(#132001) Template name does not exist in the translation',
          type: 'OAuthException',
          code: 132001,
          error_data: {
            messaging_product: 'whatsapp',
            details: 'template name (payment_reminder) does not exist in en',
          },
          fbtrace_id: 'AbCdEf',
        },
      },
    };
    const failed = await send('wa-cloud-2');
    expect(failed).toMatchObject({
      status: 'failed',
      lastError: 'WhatsApp did not send it: template name (payment_reminder) does not exist in en (error 132001).',
    });
    answer = { status: 400, body: { error: { message: '(#130429) Rate limit hit', code: 130429 } } };
    const res = await app.call(
      'messaging.send',
      { customerId, template: 'payment_reminder', channel: 'whatsapp', idempotencyKey: 'wa-cloud-3' },
      'owner',
    );
    const id = res.ok ? (res.data as OutboxMessage).id : '';
    for (let i = 0; i < 100 && app.services.messaging.message(id).attempts === 0; i++)
      await new Promise((r) => setTimeout(r, 20));
    expect(app.services.messaging.message(id)).toMatchObject({
      status: 'queued',
      lastError: 'WhatsApp did not send it: (#130429) Rate limit hit (error 130429).',
    });
    const view = await app.call('messaging.settings', null, 'owner');
    expect(view.ok && (view.data as { whatsapp: Record<string, unknown> }).whatsapp).toMatchObject({
      phoneNumberId: '106540352242922',
      accessTokenSet: true,
    });
    expect(JSON.stringify(view.ok && view.data)).not.toContain('EAAG-token');
  });
});
