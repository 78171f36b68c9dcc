import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sendSms } from '../../src/main/domains/messaging/channels/sms-http';
import { SmsGateway } from '../../src/shared/contract/messaging';

interface Seen {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  form: Record<string, string>;
}

/**
 * A local server standing in for each provider: it records the request and answers with the body the provider's
 * documentation shows for that case.
 */
describe('SMS gateway presets: the providers’ documented requests and answers', () => {
  let server: Server;
  let base: string;
  const seen: Seen[] = [];
  let answer: { status: number; body: unknown } = { status: 200, body: {} };
  beforeAll(async () => {
    server = createServer((req, res) => {
      let data = '';
      req.on('data', (c) => {
        data += c;
      });
      req.on('end', () => {
        seen.push({
          method: req.method ?? '',
          path: req.url ?? '',
          headers: req.headers,
          form: Object.fromEntries(new URLSearchParams(data)),
        });
        res.writeHead(answer.status, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(answer.body));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));
  beforeEach(() => {
    seen.length = 0;
  });
  const msg = {
    id: 'm1',
    idempotencyKey: 'msg-key-1',
    to: '+256772123456',
    subject: '',
    body: 'Hello Ruth, UGX 42,000 is due.',
    attachments: [],
  };

  it("Africa's Talking: form fields and apiKey header; 101 Success is sent, 405 InsufficientBalance is refused", async () => {
    const g = SmsGateway.parse({
      preset: 'africastalking',
      account: 'mamarose',
      authorization: 'atsk_123',
      sender: 'MAMAROSE',
      url: `${base}/version1/messaging`,
    });
    answer = {
      status: 201,
      body: {
        SMSMessageData: {
          Message: 'Sent to 1/1 Total Cost: UGX 30.0000',
          Recipients: [
            {
              statusCode: 101,
              number: '+256772123456',
              status: 'Success',
              cost: 'UGX 30.0000',
              messageId: 'ATXid_sample123',
            },
          ],
        },
      },
    };
    expect(await sendSms(g, msg)).toEqual({ ok: true, providerRef: 'ATXid_sample123' });
    expect(seen[0]).toMatchObject({ method: 'POST', path: '/version1/messaging' });
    expect(seen[0]?.headers.apikey).toBe('atsk_123');
    expect(seen[0]?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(seen[0]?.form).toEqual({ username: 'mamarose', to: '+256772123456', message: msg.body, from: 'MAMAROSE' });

    answer = {
      status: 201,
      body: {
        SMSMessageData: {
          Message: 'Sent to 0/1 Total Cost: 0',
          Recipients: [
            { statusCode: 405, number: '+256772123456', status: 'InsufficientBalance', cost: '0', messageId: 'None' },
          ],
        },
      },
    };
    expect(await sendSms(g, msg)).toEqual({
      ok: false,
      retry: false,
      message: "Africa's Talking did not send it: InsufficientBalance (405).",
    });
    answer = { status: 201, body: { SMSMessageData: { Message: 'InvalidSenderId', Recipients: [] } } };
    expect(await sendSms(g, msg)).toMatchObject({
      ok: false,
      retry: false,
      message: "Africa's Talking did not send it: InvalidSenderId.",
    });
    answer = { status: 500, body: { error: 'internal' } };
    expect(await sendSms(g, msg)).toMatchObject({ ok: false, retry: true });
  });

  it('Zenziva: userkey and passkey in the form, the number without +; status "1" is sent, else its text says why', async () => {
    const g = SmsGateway.parse({
      preset: 'zenziva',
      account: 'uk123',
      authorization: 'pk456',
      url: `${base}/reguler/api/sendsms/`,
    });
    answer = { status: 200, body: { messageId: '4477', to: '6281234567890', status: '1', text: 'Success' } };
    const id = { ...msg, to: '+6281234567890' };
    expect(await sendSms(g, id)).toEqual({ ok: true, providerRef: '4477' });
    expect(seen[0]?.form).toEqual({ userkey: 'uk123', passkey: 'pk456', to: '6281234567890', message: msg.body });
    answer = { status: 200, body: { status: '0', text: 'Saldo tidak cukup' } };
    expect(await sendSms(g, id)).toEqual({
      ok: false,
      retry: false,
      message: 'Zenziva did not send it: Saldo tidak cukup.',
    });
  });

  it('Twilio: the account SID in the path and Basic auth; 201 with its sid is sent, a 400 error body is refused in words', async () => {
    const g = SmsGateway.parse({
      preset: 'twilio',
      account: 'AC0123456789abcdef',
      authorization: 'tok',
      sender: '+447700900001',
      url: `${base}/2010-04-01/Accounts/{{account}}/Messages.json`,
    });
    answer = { status: 201, body: { sid: 'SM1234567890abcdef', status: 'queued', to: '+447700900123' } };
    const uk = { ...msg, to: '+447700900123' };
    expect(await sendSms(g, uk)).toEqual({ ok: true, providerRef: 'SM1234567890abcdef' });
    expect(seen[0]?.path).toBe('/2010-04-01/Accounts/AC0123456789abcdef/Messages.json');
    expect(seen[0]?.headers.authorization).toBe(`Basic ${Buffer.from('AC0123456789abcdef:tok').toString('base64')}`);
    expect(seen[0]?.form).toEqual({ To: '+447700900123', From: '+447700900001', Body: msg.body });
    answer = {
      status: 400,
      body: { code: 21211, message: "The 'To' number +447700900123 is not a valid phone number.", status: 400 },
    };
    expect(await sendSms(g, uk)).toEqual({
      ok: false,
      retry: false,
      message: "Twilio did not send it: The 'To' number +447700900123 is not a valid phone number. (21211).",
    });
    answer = { status: 503, body: {} };
    expect(await sendSms(g, uk)).toMatchObject({ ok: false, retry: true });
  });
});
