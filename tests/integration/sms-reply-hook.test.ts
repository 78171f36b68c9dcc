import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type HttpHost, startHttpHost } from '../../src/main/host/http';
import { DEMO, DEMO_PRODUCTS, makeTestApp, signInAs, type TestApp } from '../helpers';

/**
 * An SMS gateway posts a customer's reply to the browser host (through the shop's tunnel or proxy, so under another
 * host name and without the till's token): STOP withdraws the consent, as a reply read from the modem does.
 */
describe('replies posted by the SMS gateway', () => {
  let app: TestApp;
  let host: HttpHost;
  let hook: string;
  let customerId: string;
  const consent = () =>
    (app.sqlite.prepare('SELECT consent_sms AS c FROM customers WHERE id = ?').get(customerId) as { c: number }).c;
  const post = (path: string, body: string, type: string, method = 'POST') =>
    fetch(`http://127.0.0.1:${host.port}${path}`, {
      method,
      // the tunnel's name, not the till's
      headers: { 'Content-Type': type, Host: 'mama-rose.example-tunnel.net' },
      body: method === 'GET' ? undefined : body,
    });

  beforeEach(async () => {
    app = makeTestApp();
    app.services.system.createDemoShop();
    await signInAs(app.call, DEMO.owner, DEMO.ownerPin);
    const made = await app.call('customers.create', {
      type: 'individual',
      firstName: 'Baraka',
      lastName: 'Hook',
      phones: [{ number: '+256772123409', isPrimary: true }],
      consentSms: true,
    });
    if (!made.ok) throw new Error(made.error.message);
    customerId = (made.data as { customer: { id: string } }).customer.id;
    const r = await app.call('messaging.replyHook', {});
    if (!r.ok) throw new Error(r.error.message);
    hook = (r.data as { path: string }).path;
    host = await startHttpHost({ app, rendererDir: '/nonexistent' });
  });
  afterEach(async () => {
    await host.close();
    app.dispose();
  });

  it("reads Africa's Talking's incoming-message callback: STOP withdraws the consent, audited as the gateway", async () => {
    expect(hook).toMatch(/^\/hooks\/sms\/[A-Za-z0-9_-]{32}$/);
    const callback = new URLSearchParams({
      date: '2026-12-07 09:15:02',
      from: '+256772123409',
      id: 'ATXid_4f6b',
      linkId: 'SampleLinkId123',
      text: 'STOP',
      to: '22384',
      networkCode: '64101',
    }).toString();
    const res = await post(hook, callback, 'application/x-www-form-urlencoded');
    expect(res.status).toBe(200);
    expect(consent()).toBe(0);
    expect(
      app.sqlite.prepare("SELECT actor_name AS who FROM audit_log WHERE action = 'consent.withdraw'").all(),
    ).toEqual([{ who: 'SMS gateway' }]);
  });

  it('reads Twilio’s form and a JSON body; a reply that is not STOP changes nothing', async () => {
    expect(
      (await post(hook, 'From=%2B256772123409&Body=Thanks%20a%20lot', 'application/x-www-form-urlencoded')).status,
    ).toBe(200);
    expect(consent()).toBe(1);
    expect((await post(hook, JSON.stringify({ from: '0772123409', text: 'Sitisha' }), 'application/json')).status).toBe(
      200,
    );
    expect(consent()).toBe(0);
  });

  it('answers a wrong secret as an unknown path, and a GET or an empty body in words, changing nothing', async () => {
    const stop = new URLSearchParams({ from: '+256772123409', text: 'STOP' }).toString();
    expect(
      (await post(`${hook.slice(0, -1)}${hook.endsWith('x') ? 'y' : 'x'}`, stop, 'application/x-www-form-urlencoded'))
        .status,
    ).toBe(404);
    expect((await post('/hooks/sms/', stop, 'application/x-www-form-urlencoded')).status).toBe(404);
    expect((await post(hook, '', 'text/plain', 'GET')).status).toBe(405);
    expect((await post(hook, 'nothing=here', 'application/x-www-form-urlencoded')).status).toBe(400);
    expect(consent()).toBe(1);
    // a new address makes the old one stop working
    const renewed = await app.call('messaging.replyHook', { renew: true });
    const next = renewed.ok ? (renewed.data as { path: string }).path : '';
    expect(next).not.toBe(hook);
    expect((await post(hook, stop, 'application/x-www-form-urlencoded')).status).toBe(404);
    expect((await post(next, stop, 'application/x-www-form-urlencoded')).status).toBe(200);
    expect(consent()).toBe(0);
  });

  it('a WhatsApp receipt carries a link to its PDF at the shop’s public address; a forged link finds nothing', async () => {
    const ok = async <T>(name: string, input: unknown) => {
      const r = await app.call(name, input);
      if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
      return r.data as T;
    };
    await ok('messaging.updateSettings', { publicAddress: 'https://mama-rose.example-tunnel.net/' });
    await ok('messaging.saveTemplate', {
      key: 'receipt',
      language: 'en',
      subject: 'Your receipt',
      body: 'Thank you {{firstName}}! Your receipt: {{receiptLink}}',
    });
    const sugar = await ok<{ id: string; price: number }>('catalog.byBarcode', {
      code: DEMO_PRODUCTS.find((p) => p.sku === 'MR-003')?.barcode,
    });
    const { order } = await ok<{ order: { id: string; number: string } }>('sales.complete', {
      cart: { customerId: null, lines: [{ productId: sugar.id, qtyMilli: 1000 }] },
      payments: [{ method: 'cash', amount: sugar.price }],
      idempotencyKey: 'receipt-link-1',
    });
    const sent = await ok<{ link: string | null }>('messaging.sendReceipt', {
      salesOrderId: order.id,
      channel: 'whatsapp',
      to: '+256772123409',
      idempotencyKey: 'receipt-link-msg-1',
    });
    const text = decodeURIComponent(sent.link?.split('text=')[1] ?? '');
    const link = /https:\/\/mama-rose\.example-tunnel\.net(\/r\/\S+)/.exec(text)?.[1] as string;
    expect(link).toMatch(new RegExp(`^/r/${order.id}\\.[A-Za-z0-9_-]{22}$`));
    // through the tunnel: the invoice PDF of that sale, and nothing for a changed signature or another sale
    const pdf = await post(link, '', '', 'GET');
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    const forged = `${link.slice(0, -1)}${link.endsWith('A') ? 'B' : 'A'}`;
    expect((await post(forged, '', '', 'GET')).status).toBe(404);
    // a new secret retires every link made with the old one
    await ok('messaging.replyHook', { renew: true });
    expect((await post(link, '', '', 'GET')).status).toBe(404);
  });

  it('a cashier cannot see or renew the address', async () => {
    await signInAs(app.call, DEMO.cashier, DEMO.cashierPin, 'till');
    expect(await app.call('messaging.replyHook', {}, 'till')).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });
});
