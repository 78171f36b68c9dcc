import { afterEach, describe, expect, it } from 'vitest';
import { makeTestApp, type TestApp } from '../helpers';

const OWNER = { id: null, name: 'owner' };

/** Settings as a version before store credit saved them: its methods, and no record of which methods it knew. */
function saveAsOlderVersion(app: TestApp, methods: string[]) {
  app.sqlite
    .prepare("INSERT INTO settings (key, value, updated_at) VALUES ('till', ?, 0)")
    .run(JSON.stringify({ paymentMethods: methods, cashRounding: {}, defaultPaymentTermsDays: 14 }));
}

describe('till payment methods across versions', () => {
  let app: TestApp;
  afterEach(() => app.dispose());

  it('offers store credit to a shop whose methods were saved before store credit existed, keeping its choices', () => {
    app = makeTestApp();
    saveAsOlderVersion(app, ['cash', 'mobile_money', 'on_account']);
    const s = app.services.tillSettings.get();
    expect(s.paymentMethods).toEqual(['cash', 'mobile_money', 'on_account', 'store_credit']);
    expect(s.defaultPaymentTermsDays).toBe(14);
  });

  it('keeps store credit off once the shop switched it off in this version', () => {
    app = makeTestApp();
    saveAsOlderVersion(app, ['cash', 'card']);
    app.services.tillSettings.update(OWNER, { paymentMethods: ['cash', 'card'] });
    // read back from the database, not the cache
    expect(app.services.tillSettings.get().paymentMethods).toEqual(['cash', 'card']);
  });
});
