import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { type HttpHost, startHttpHost } from '../../src/main/host/http';
import { procedures } from '../../src/shared/contract';
import type { Result } from '../../src/shared/errors';
import { can, ROLES } from '../../src/shared/permissions';
import { DEMO, makeTestApp, signInAs, type TestApp } from '../helpers';

/**
 * The renderer is untrusted: every procedure gets inputs a broken or hostile page could send, built from its own zod
 * schema (each field given the wrong type, a huge string, negative and fractional money, an id that does not exist,
 * extra fields, `__proto__` and `constructor` keys, deep nesting). None may crash the main process, answer INTERNAL,
 * or change the database when it refuses.
 */
const UNKNOWN_ID = '01900000-0000-7000-8000-00000000dead';
const HUGE = 'x'.repeat(200_000);
const nest = (depth: number): unknown => {
  let v: unknown = { leaf: 1 };
  for (let i = 0; i < depth; i++) v = { a: v };
  return v;
};
const WRONG_VALUES: unknown[] = [null, -1, -0.5, 1.5, 1e308, '', HUGE, true, [], {}, [[[]]], '<script>x</script>'];

/** The field names an input object takes, when its schema is an object. */
function shapeOf(schema: z.ZodType): string[] {
  const s = schema as unknown as { shape?: Record<string, unknown>; def?: { innerType?: z.ZodType } };
  if (s.shape) return Object.keys(s.shape);
  return s.def?.innerType ? shapeOf(s.def.innerType) : [];
}

function hostileInputs(schema: z.ZodType): unknown[] {
  const keys = shapeOf(schema);
  const inputs: unknown[] = [
    42,
    'text',
    [],
    HUGE,
    nest(3_000),
    JSON.parse('{"__proto__": {"polluted": "yes"}, "constructor": {"prototype": {"polluted": "yes"}}}'),
  ];
  for (const key of keys) {
    for (const v of WRONG_VALUES) inputs.push({ [key]: v });
    inputs.push({ [key]: UNKNOWN_ID });
    inputs.push(JSON.parse(`{"${key}": "${UNKNOWN_ID}", "__proto__": {"isAdmin": true}}`));
  }
  if (keys.length) {
    inputs.push(Object.fromEntries(keys.map((k) => [k, HUGE])));
    inputs.push(Object.fromEntries(keys.map((k) => [k, -12.345])));
    inputs.push({ ...Object.fromEntries(keys.map((k) => [k, UNKNOWN_ID])), extra: 'field', amount: -0.01 });
  }
  return inputs;
}

/** Every table's rows, as one number per table: a refused call must leave them all as they were. */
function checksum(app: TestApp): string {
  const tables = app.sqlite
    .prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%fts%'",
    )
    .all() as Array<{ name: string }>;
  return tables
    .map(({ name }) => {
      const r = app.sqlite
        .prepare(`SELECT count(*) AS n, total(length(quote(t.rowid))) AS h FROM "${name}" t`)
        .get() as {
        n: number;
        h: number;
      };
      return `${name}:${r.n}:${r.h}`;
    })
    .join('|');
}

describe('hostile calls from the renderer', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = makeTestApp();
    app.services.system.createDemoShop();
    await signInAs(app.call, DEMO.owner, DEMO.ownerPin, 'owner');
  });
  afterAll(() => app.dispose());

  // signing in with a wrong PIN is refused and, by design, leaves an audit row (failed attempts are counted)
  const WRITES_WHEN_REFUSED = new Set(['staff.signIn', 'staff.unlock']);
  const fuzzed = procedures.filter(([name]) => name !== 'staff.lock' && name !== 'staff.signOut');

  it.each(fuzzed.map(([name, p]) => [name, p] as const))(
    '%s answers every hostile input in words, never INTERNAL, and changes nothing when it refuses',
    async (name, proc) => {
      const problems: string[] = [];
      for (const input of hostileInputs(proc.input)) {
        const before = checksum(app);
        const res = await app.call(name, input, 'owner');
        if (!res.ok) {
          if (res.error.code === 'INTERNAL')
            problems.push(`INTERNAL for ${JSON.stringify(input).slice(0, 80)}: ${res.error.message}`);
          if (typeof res.error.message !== 'string' || res.error.message.length === 0) problems.push('no message');
          if (!WRITES_WHEN_REFUSED.has(name) && checksum(app) !== before)
            problems.push(`changed the database while refusing ${JSON.stringify(input).slice(0, 80)}`);
        }
      }
      expect(problems).toEqual([]);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    },
    60_000,
  );
});

describe('who may call what', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = makeTestApp();
    app.services.system.createDemoShop();
    await signInAs(app.call, DEMO.owner, DEMO.ownerPin, 'owner');
    await signInAs(app.call, DEMO.manager, DEMO.managerPin, 'manager');
    await signInAs(app.call, DEMO.cashier, DEMO.cashierPin, 'cashier');
    await signInAs(app.call, DEMO.cashier, DEMO.cashierPin, 'locked');
    await app.call('staff.lock', null, 'locked');
  });
  afterAll(() => app.dispose());

  const guarded = procedures.filter(([, p]) => p.permission !== 'public' && p.permission !== 'session');
  const matrix = ROLES.flatMap((role) => guarded.map(([name, p]) => [role, name, p.permission] as const));

  it.each(matrix)('%s calling %s: allowed only with its permission', async (role, name, permission) => {
    const before = checksum(app);
    // null is invalid for almost every procedure: a role that may call it gets VALIDATION, one that may not, FORBIDDEN
    const res = await app.call(name, null, role);
    if (can(role, permission as never)) expect(res.ok || res.error.code !== 'FORBIDDEN').toBe(true);
    else {
      expect(res).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(checksum(app)).toBe(before);
    }
  });

  it.each(procedures.filter(([, p]) => p.permission !== 'public').map(([n]) => n))(
    '%s from a locked till answers LOCKED and changes nothing',
    async (name) => {
      if (name === 'staff.unlock' || name === 'staff.signOut' || name === 'staff.lock') return;
      const before = checksum(app);
      const res = await app.call(name, null, 'locked');
      expect(res).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
      expect(checksum(app)).toBe(before);
    },
  );
});

describe('the browser host refuses what does not come from its own page', () => {
  let app: TestApp;
  let host: HttpHost;
  beforeAll(async () => {
    app = makeTestApp();
    app.services.system.createDemoShop();
    host = await startHttpHost({ app, rendererDir: '/nonexistent' });
  });
  afterAll(async () => {
    await host.close();
    app.dispose();
  });
  const post = (headers: Record<string, string>) =>
    fetch(`http://127.0.0.1:${host.port}/rpc/settings.get`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/json', ...headers },
      body: 'null',
    });

  it('a cross-origin request, even with the token, is refused', async () => {
    const res = await post({ Origin: 'http://evil.example' });
    expect(res.status).toBe(403);
    expect(((await res.json()) as Result<unknown>).ok).toBe(false);
    const own = await post({ Origin: `http://127.0.0.1:${host.port}` });
    expect(own.status).toBe(200);
  });
});
