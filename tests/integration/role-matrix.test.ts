import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO, makeTestApp, signInAs, type TestApp } from '../helpers';

/** The owner decides what managers and cashiers may do; the main process follows at once, for every session. */
describe('the permission matrix', () => {
  let app: TestApp;
  beforeEach(async () => {
    app = makeTestApp();
    app.services.system.createDemoShop();
    await signInAs(app.call, DEMO.owner, DEMO.ownerPin, 'owner');
    await signInAs(app.call, DEMO.manager, DEMO.managerPin, 'manager');
    await signInAs(app.call, DEMO.cashier, DEMO.cashierPin, 'cashier');
  });
  afterEach(() => app.dispose());
  const customer = { type: 'individual', firstName: 'Test', lastName: 'Person' };
  const data = async <T>(name: string, input: unknown, who: string): Promise<T> => {
    const r = await app.call(name, input, who);
    if (!r.ok) throw new Error(r.error.message);
    return r.data as T;
  };

  it('taking a permission from cashiers refuses it to a signed-in cashier at once, and giving one back allows it', async () => {
    expect((await app.call('customers.create', customer, 'cashier')).ok).toBe(true);
    const { current } = await data<{ current: Record<string, string[]> }>('staff.roles', null, 'owner');
    const without = (current.cashier ?? []).filter((p) => p !== 'customers.edit');
    const set = await app.call('staff.setRolePermissions', { role: 'cashier', permissions: without }, 'owner');
    expect(set).toMatchObject({ ok: true });
    expect(await app.call('customers.create', customer, 'cashier')).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    const session = await data<{ permissions: string[] }>('staff.session', null, 'cashier');
    expect(session.permissions).not.toContain('customers.edit');
    // a cashier may now see the audit log, if the owner wishes
    await app.call('staff.setRolePermissions', { role: 'cashier', permissions: [...without, 'audit.view'] }, 'owner');
    expect((await app.call('audit.list', {}, 'cashier')).ok).toBe(true);
    const audit = app.sqlite
      .prepare("SELECT actor_name AS who, note FROM audit_log WHERE action = 'staff.rolePermissions' ORDER BY at, id")
      .all();
    expect(audit).toEqual([
      { who: DEMO.owner, note: 'cashier: -customers.edit' },
      { who: DEMO.owner, note: 'cashier: +audit.view' },
    ]);
  });

  it('only the owner changes it, and the owner’s own permissions cannot be taken away', async () => {
    const refused = await app.call('staff.setRolePermissions', { role: 'cashier', permissions: [] }, 'manager');
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await app.call('staff.setRolePermissions', { role: 'owner', permissions: [] }, 'owner')).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    expect(
      await app.call('staff.setRolePermissions', { role: 'cashier', permissions: ['fly'] }, 'owner'),
    ).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    expect((await app.call('customers.create', customer, 'cashier')).ok).toBe(true);
  });

  it('a disabled staff member is signed out everywhere at once', async () => {
    const list = await data<Array<{ id: string; name: string }>>('staff.list', null, 'owner');
    const aisha = list.find((s) => s.name === DEMO.cashier) as { id: string };
    expect(await app.call('staff.update', { id: aisha.id, active: false }, 'owner')).toMatchObject({ ok: true });
    expect(await app.call('customers.search', {}, 'cashier')).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    });
  });
});
