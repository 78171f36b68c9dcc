import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HttpHost, startHttpHost } from '../../src/main/host/http';
import { procedures } from '../../src/shared/contract';
import type { Result } from '../../src/shared/errors';
import { can } from '../../src/shared/permissions';
import { DEMO, makeTestApp, signInAs, type TestApp } from '../helpers';

type Call = (name: string, input: unknown, clientKey: string) => Promise<Result<unknown>>;

/** The same contract checks, through each binding that runs without Electron. */
const bindings: Array<{ name: string; make: (app: TestApp) => Promise<{ call: Call; close(): Promise<void> }> }> = [
  {
    name: 'in-process router',
    make: async (app) => ({ call: (n, i, c) => app.router.call(n, i, { clientKey: c }), close: async () => {} }),
  },
  {
    name: 'browser host over HTTP',
    make: async (app) => {
      const host: HttpHost = await startHttpHost({ app, rendererDir: '/nonexistent' });
      const call: Call = async (name, input, clientKey) => {
        const res = await fetch(`http://127.0.0.1:${host.port}/rpc/${name}`, {
          method: 'POST',
          headers: {
            Authorization: `Bearer ${host.token}`,
            'Content-Type': 'application/json',
            'X-Counterline-Client': clientKey,
          },
          body: JSON.stringify(input),
        });
        return (await res.json()) as Result<unknown>;
      };
      return { call, close: () => host.close() };
    },
  },
];

const changes = (app: TestApp) => (app.sqlite.prepare('SELECT total_changes() AS n').get() as { n: number }).n;

for (const binding of bindings) {
  describe(`contract through the ${binding.name}`, () => {
    let app: TestApp;
    let call: Call;
    let close: () => Promise<void>;

    beforeAll(async () => {
      app = makeTestApp();
      app.services.system.createDemoShop();
      ({ call, close } = await binding.make(app));
      await signInAs(call, DEMO.owner, DEMO.ownerPin, 'owner-client');
      await signInAs(call, DEMO.cashier, DEMO.cashierPin, 'cashier-client');
    });
    afterAll(async () => {
      await close();
      app.dispose();
    });

    it.each(procedures.map(([name]) => name))(
      '%s refuses malformed input with VALIDATION and writes nothing',
      async (name) => {
        const before = changes(app);
        const res = await call(name, 42, 'owner-client');
        expect(res.ok).toBe(false);
        if (!res.ok) expect(res.error.code).toBe('VALIDATION');
        expect(changes(app)).toBe(before);
      },
    );

    const guarded = procedures.filter(([, p]) => p.permission !== 'public');
    it.each(guarded.map(([name]) => name))('%s without a session answers UNAUTHENTICATED', async (name) => {
      const before = changes(app);
      const res = await call(name, null, 'nobody-signed-in');
      expect(res).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
      expect(changes(app)).toBe(before);
    });

    const cashierCannot = procedures.filter(
      ([, p]) => p.permission !== 'public' && p.permission !== 'session' && !can('cashier', p.permission),
    );
    it('has procedures a cashier may not call', () => {
      expect(cashierCannot.map(([n]) => n)).toEqual(
        expect.arrayContaining(['staff.create', 'audit.list', 'settings.updateStore']),
      );
    });
    it.each(cashierCannot.map(([name]) => name))('%s is FORBIDDEN to a cashier', async (name) => {
      const before = changes(app);
      const res = await call(name, null, 'cashier-client');
      expect(res).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(changes(app)).toBe(before);
    });

    it('rejects an unknown procedure', async () => {
      const res = await call('customers.dropAll', {}, 'owner-client');
      expect(res).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    });

    it('answers a valid call with data', async () => {
      const res = await call('settings.get', null, 'owner-client');
      expect(res).toMatchObject({ ok: true, data: { store: { name: 'Mama Rose Grocery', currency: 'UGX' } } });
    });
  });
}

describe('router registration', () => {
  it('fails at start-up when two procedures share a name', () => {
    const app = makeTestApp();
    try {
      const [name, proc] = procedures[0] as (typeof procedures)[number];
      expect(() => app.router.register(name, proc, () => null)).toThrow(/registered twice/);
    } finally {
      app.dispose();
    }
  });
});
