import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { erasedName } from '../../src/main/domains/customers/erase';
import { DEMO, makeTestApp, signInAs, type TestApp } from '../helpers';

const YEAR = 365.25 * 86_400_000;

/** The owner's rule: customers quiet for N years are listed, and erased only when the owner approves the list. */
describe('retention', () => {
  let app: TestApp;
  const ok = async <T>(name: string, input: unknown, who = 'owner'): Promise<T> => {
    const r = await app.call(name, input, who);
    if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
    return r.data as T;
  };
  const add = async (firstName: string) =>
    (await ok<{ customer: { id: string } }>('customers.create', { type: 'individual', firstName, lastName: 'Test' }))
      .customer.id;

  beforeEach(async () => {
    app = makeTestApp();
    app.services.system.createDemoShop();
    await signInAs(app.call, DEMO.owner, DEMO.ownerPin, 'owner');
    await signInAs(app.call, DEMO.manager, DEMO.managerPin, 'manager');
  });
  afterEach(() => app.dispose());

  it('lists nobody until the owner sets it, then the quiet customers who owe nothing, and erases the approved ones', async () => {
    const quiet = await add('Quiet');
    const owing = await add('Owing');
    app.sqlite.prepare('UPDATE customers SET balance = 5000 WHERE id = ?').run(owing);
    app.clock.advance(3 * YEAR);
    // three years on, the tills have locked themselves: the owner and the manager sign in again
    await signInAs(app.call, DEMO.owner, DEMO.ownerPin, 'owner');
    await signInAs(app.call, DEMO.manager, DEMO.managerPin, 'manager');
    const recent = await add('Recent');
    expect(await ok('customers.retention', null)).toMatchObject({ years: null, rows: [] });

    expect(await app.call('customers.setRetention', { years: 2 }, 'manager')).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    await ok('customers.setRetention', { years: 2 });
    const listed = await ok<{ rows: Array<{ id: string; name: string }> }>('customers.retention', null);
    expect(listed.rows.map((r) => r.id)).toEqual([quiet]);

    // the approval covers only who the rule lists: a recent customer slipped into the list is left alone
    const r = await ok<{ erased: number; skipped: number }>('customers.eraseByRetention', { ids: [quiet, recent] });
    expect(r).toEqual({ erased: 1, skipped: 1 });
    const names = app.sqlite
      .prepare('SELECT id, display_name AS n FROM customers WHERE id IN (?, ?, ?)')
      .all(quiet, owing, recent) as Array<{ id: string; n: string }>;
    expect(Object.fromEntries(names.map((x) => [x.id, x.n]))).toEqual({
      [quiet]: erasedName(quiet),
      [owing]: 'Owing Test',
      [recent]: 'Recent Test',
    });
    expect((await ok<{ rows: unknown[] }>('customers.retention', null)).rows).toEqual([]);
    const audit = app.sqlite
      .prepare("SELECT action FROM audit_log WHERE action IN ('customers.retention', 'customer.erase') ORDER BY at, id")
      .all();
    expect(audit).toEqual([{ action: 'customers.retention' }, { action: 'customer.erase' }]);
  });
});
