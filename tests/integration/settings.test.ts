import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO, makeTestApp, signInAs, type TestApp } from '../helpers';

describe('settings and first run', () => {
  let app: TestApp;
  afterEach(() => app.dispose());
  beforeEach(() => {
    app = makeTestApp();
  });

  it('onboards a shop once: store, owner who can sign in, and the country’s standard tax rate', async () => {
    expect(await app.call('system.status')).toMatchObject({ ok: true, data: { initialised: false } });
    const input = {
      store: { name: 'Toko Sari', country: 'ID', currency: 'IDR', timeZone: 'Asia/Jakarta', language: 'id' },
      owner: { name: 'Sari Wulandari', pin: '2580' },
    };
    expect(await app.call('system.onboard', input)).toEqual({ ok: true, data: null });
    expect(await app.call('system.onboard', input)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    await signInAs(app.call, 'Sari Wulandari', '2580');
    const s = await app.call('settings.get');
    expect(s).toMatchObject({
      ok: true,
      data: {
        store: { name: 'Toko Sari', currency: 'IDR', locale: 'id-ID' },
        taxRates: [{ name: 'PPN 11%', rateBp: 1100, isDefault: true }, { rateBp: 0 }],
      },
    });
  });

  it('refuses an unknown time zone at onboarding in plain words', async () => {
    const res = await app.call('system.onboard', {
      store: { name: 'X', country: 'UG', currency: 'UGX', timeZone: 'Mars/Olympus', language: 'en' },
      owner: { name: 'Y', pin: '1234' },
    });
    expect(res).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: expect.stringContaining('time zone') },
    });
  });

  it('audits each changed store field with before and after', async () => {
    app.services.system.createDemoShop();
    await signInAs(app.call, DEMO.owner, DEMO.ownerPin);
    await app.call('settings.updateStore', { phone: '+256 700 000001', receiptFooter: 'Webale!' });
    const [row] = app.services.audit.list({ action: 'settings.update', limit: 1 }).rows;
    expect(row?.changes).toEqual([
      { field: 'phone', before: '+256 772 100200', after: '+256 700 000001' },
      { field: 'receiptFooter', before: 'Thank you for shopping with us', after: 'Webale!' },
    ]);
  });

  it('refuses to change the currency once money has been recorded', async () => {
    app.services.system.createDemoShop();
    await signInAs(app.call, DEMO.owner, DEMO.ownerPin);
    expect(await app.call('settings.updateStore', { currency: 'KES' })).toMatchObject({ ok: true });
    expect(await app.call('settings.updateStore', { currency: 'UGX' })).toMatchObject({ ok: true });
    // one completed sale fixes the currency
    const product = app.sqlite.prepare('SELECT id, price FROM products WHERE unit = ? LIMIT 1').get('piece') as {
      id: string;
      price: number;
    };
    const sale = await app.call('sales.complete', {
      cart: { lines: [{ productId: product.id, qtyMilli: 1000 }] },
      payments: [{ method: 'card', amount: product.price }],
      idempotencyKey: 'settings-test-sale',
    });
    expect(sale).toMatchObject({ ok: true });
    const res = await app.call('settings.updateStore', { currency: 'GBP' });
    expect(res).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: expect.stringContaining('stays UGX') },
    });
    expect(app.services.settings.store().currency).toBe('UGX');
  });

  it('keeps exactly one default tax rate', async () => {
    app.services.system.createDemoShop();
    await signInAs(app.call, DEMO.owner, DEMO.ownerPin);
    const res = await app.call('settings.saveTaxRate', { name: 'Hotel levy', rateBp: 500, isDefault: true });
    expect(res.ok && (res.data as Array<{ isDefault: boolean }>).filter((t) => t.isDefault)).toHaveLength(1);
  });
});
