import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_FAILED_PINS } from '../../src/main/domains/staff/service';
import { DEMO, makeTestApp, signInAs, type TestApp } from '../helpers';

describe('staff sign-in', () => {
  let app: TestApp;
  let call: TestApp['call'];
  let ownerId: string;
  beforeEach(async () => {
    app = makeTestApp();
    call = app.call;
    app.services.system.createDemoShop();
    ownerId = await signInAs(call, DEMO.owner, DEMO.ownerPin);
  });
  afterEach(() => app.dispose());

  it('stores PINs only as scrypt hashes', () => {
    const rows = app.sqlite.prepare('SELECT pin_hash FROM staff').all() as Array<{ pin_hash: string }>;
    for (const r of rows) {
      expect(r.pin_hash).toMatch(/^scrypt\$32768\$8\$1\$/);
      expect(r.pin_hash).not.toContain(DEMO.ownerPin);
    }
  });

  it('refuses a wrong PIN, audits every failure, and locks the person out after repeated failures', async () => {
    for (let i = 1; i <= MAX_FAILED_PINS; i++) {
      const res = await call('staff.signIn', { staffId: ownerId, pin: '9999' }, 'other-till');
      expect(res).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    }
    const right = await call('staff.signIn', { staffId: ownerId, pin: DEMO.ownerPin }, 'other-till');
    expect(right).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    const failures = app.services.audit.list({ action: 'staff.signInFailed', limit: 50 }).rows;
    expect(failures).toHaveLength(MAX_FAILED_PINS);
    expect(failures[0]).toMatchObject({ actorId: ownerId, entityId: ownerId });

    app.clock.advance(5 * 60_000 + 1);
    expect(await call('staff.signIn', { staffId: ownerId, pin: DEMO.ownerPin }, 'other-till')).toMatchObject({
      ok: true,
    });
  });

  it('locks the till after the store’s idle time and unlocks with the PIN', async () => {
    expect(await call('settings.get')).toMatchObject({ ok: true });
    app.clock.advance(5 * 60_000 + 1);
    expect(await call('settings.get')).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    expect(await call('staff.session')).toMatchObject({ ok: true, data: { locked: true } });
    expect(await call('staff.signIn', { staffId: ownerId, pin: DEMO.ownerPin })).toMatchObject({ ok: true });
    expect(await call('settings.get')).toMatchObject({ ok: true });
    expect(app.services.audit.list({ action: 'staff.unlock', limit: 5 }).rows).toHaveLength(1);
  });

  it('locks on request', async () => {
    await call('staff.lock');
    expect(await call('audit.list', {})).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
  });

  it('lets owners and managers manage staff, audited field by field, and keeps one owner', async () => {
    const created = await call('staff.create', { name: '  Peter   Ssali ', role: 'cashier', pin: '4321' });
    expect(created).toMatchObject({ ok: true, data: { name: 'Peter Ssali', role: 'cashier', active: true } });
    const id = (created as { data: { id: string } }).data.id;
    await call('staff.update', { id, role: 'manager' });
    const history = app.services.audit.list({ entityId: id, limit: 10 }).rows;
    expect(history[0]).toMatchObject({
      action: 'staff.update',
      changes: [{ field: 'role', before: 'cashier', after: 'manager' }],
    });
    expect(await call('staff.update', { id: ownerId, active: false })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });

    await signInAs(call, DEMO.manager, DEMO.managerPin, 'manager-till');
    expect(await call('staff.create', { name: 'New Owner', role: 'owner', pin: '1111' }, 'manager-till')).toMatchObject(
      {
        ok: false,
        error: { code: 'FORBIDDEN' },
      },
    );
  });

  it('ends the sessions of someone who is deactivated', async () => {
    const cashierId = await signInAs(call, DEMO.cashier, DEMO.cashierPin, 'cashier-till');
    await call('staff.update', { id: cashierId, active: false });
    expect(await call('settings.get', null, 'cashier-till')).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    });
  });
});
