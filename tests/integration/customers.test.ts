import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Customer } from '../../src/shared/contract/customers';
import { DEMO, makeTestApp, signInAs, type TestApp } from '../helpers';

type Saved = { customer: Customer; duplicates: Array<{ id: string; displayName: string; field: string }> };

describe('customers', () => {
  let app: TestApp;
  let call: TestApp['call'];
  const ok = async <T = Saved>(name: string, input: unknown, client?: string): Promise<T> => {
    const res = await call(name, input, client);
    if (!res.ok)
      throw new Error(`${name}: ${res.error.code} ${res.error.message} ${JSON.stringify(res.error.details)}`);
    return res.data as T;
  };
  const person = (firstName: string, lastName: string, extra: object = {}) =>
    ok('customers.create', { type: 'individual', firstName, lastName, ...extra });
  const searchIds = async (input: object) =>
    (await ok<{ rows: Array<{ id: string }> }>('customers.search', { limit: 200, ...input })).rows.map((r) => r.id);
  /** a table standing in for sales: it references customers, so the customer has history */
  const makeSalesTable = (name = 'test_sales') =>
    app.sqlite.exec(
      `CREATE TABLE ${name} (id TEXT PRIMARY KEY, customer_id TEXT REFERENCES customers(id), total INTEGER)`,
    );

  beforeEach(async () => {
    app = makeTestApp();
    call = app.call;
    app.services.system.createDemoShop(); // country UG
    await signInAs(call, DEMO.owner, DEMO.ownerPin);
  });
  afterEach(() => app.dispose());

  it('creates individual and business customers, normalising names and the phone with the store country', async () => {
    const { customer: jose } = await person('  José ', ' Nuñez  ', {
      phones: [{ number: '0772-123-456' }, { number: '+256 701 234567', label: 'work' }],
      email: ' Jose.Nunez@Example.com ',
      dateOfBirth: '1990-03-14',
      addresses: [{ city: 'Kampala', line1: 'Plot 4' }],
      tags: ['regular', 'regular', 'vip'],
      creditLimit: 50_000_00,
    });
    expect(jose).toMatchObject({
      displayName: 'José Nuñez',
      firstName: 'José',
      phonePrimary: '+256772123456',
      email: 'Jose.Nunez@Example.com',
      tags: ['regular', 'vip'],
      creditLimit: 5_000_000,
      status: 'active',
    });
    expect(jose.phones.map((p) => [p.e164, p.raw, p.isPrimary])).toEqual([
      ['+256772123456', '0772-123-456', true],
      ['+256701234567', '+256 701 234567', false],
    ]);
    const { customer: acme } = await ok('customers.create', {
      type: 'business',
      companyName: 'Acme  Traders Ltd',
      contactPerson: 'Ann',
      taxId: '100 200 300',
    });
    expect(acme).toMatchObject({ displayName: 'Acme Traders Ltd', type: 'business', taxId: '100200300' });
    expect(await call('customers.create', { type: 'business', firstName: 'No company' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    expect(
      await call('customers.create', { type: 'individual', firstName: 'X', phones: [{ number: '12' }] }),
    ).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const got = await ok<Customer>('customers.get', { id: jose.id });
    expect(got.addresses[0]).toMatchObject({ city: 'Kampala', line1: 'Plot 4' });
    const history = await ok<{ rows: Array<{ action: string; changes: Array<{ field: string }> }> }>(
      'customers.history',
      { id: jose.id },
    );
    expect(history.rows[0]?.action).toBe('customer.create');
    expect(history.rows[0]?.changes.map((c) => c.field)).toEqual(
      expect.arrayContaining(['displayName', 'phones', 'email']),
    );
  });

  it('refuses duplicates by phone, email, card and tax id unless allowed with a reason, and warns about similar names', async () => {
    const { customer: first } = await person('Rose', 'Nakato', {
      phones: [{ number: '0772123456' }],
      email: 'rose@example.com',
      taxId: 'TIN-001',
      loyaltyCardNo: '2900000000017',
    });
    const cases: Array<[string, object]> = [
      ['phone', { phones: [{ number: '+256 772 123 456' }] }],
      ['email', { email: 'ROSE@example.com' }],
      ['taxId', { taxId: 'tin001' }],
      ['loyaltyCardNo', { loyaltyCardNo: '2900000000017' }],
    ];
    for (const [field, extra] of cases) {
      const res = await call('customers.create', {
        type: 'individual',
        firstName: 'Other',
        lastName: 'Person',
        ...extra,
      });
      expect(res).toMatchObject({
        ok: false,
        error: { code: 'CONFLICT', details: { matches: [{ id: first.id, displayName: 'Rose Nakato', field }] } },
      });
    }
    expect(
      await call('customers.create', {
        type: 'individual',
        firstName: 'Rosie',
        phones: [{ number: '0772123456' }],
        allowDuplicate: true,
      }),
    ).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const twin = await person('Rosie', 'Nakato', {
      phones: [{ number: '0772123456' }],
      allowDuplicate: true,
      duplicateReason: 'shares the family phone',
    });
    expect(twin.duplicates).toEqual([{ id: first.id, displayName: 'Rose Nakato', field: 'phone' }]);
    const note = (await ok<{ rows: Array<{ note: string | null }> }>('customers.history', { id: twin.customer.id }))
      .rows[0]?.note;
    expect(note).toContain('shares the family phone');
    // the card number is unique even with a reason
    expect(
      await call('customers.create', {
        type: 'individual',
        firstName: 'Card',
        loyaltyCardNo: '2900000000017',
        allowDuplicate: true,
        duplicateReason: 'x',
      }),
    ).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const namesake = await person('rose', 'NAKATO');
    expect(namesake.duplicates).toEqual(
      expect.arrayContaining([{ id: first.id, displayName: 'Rose Nakato', field: 'name' }]),
    );
    // editing someone without touching the duplicated phone is not refused again
    expect(await call('customers.update', { id: twin.customer.id, notes: 'likes mangoes' })).toMatchObject({
      ok: true,
    });
  });

  it('finds customers by partial phone, accent-free name, email prefix, code and card number', async () => {
    const { customer: jose } = await person('José', 'Nuñez', {
      phones: [{ number: '0772 123 456' }],
      email: 'jnunez@mail.example',
      code: 'C-0042',
    });
    const carded = await ok<Customer>('customers.generateCard', { id: jose.id });
    expect(carded.loyaltyCardNo).toMatch(/^29\d{11}$/);
    const { customer: zoe } = await person('Zoë', 'Achieng', {
      phones: [{ number: '0701 999 888' }],
      loyaltyCardNo: '2900000000056',
    });
    // card numbers continue after the highest one in the shop's range, each a valid EAN-13
    expect(carded.loyaltyCardNo).toBe('2900000000018');
    const { customer: third } = await person('Third', 'Card');
    expect((await ok<Customer>('customers.generateCard', { id: third.id })).loyaltyCardNo).toBe('2900000000063');
    expect(zoe.loyaltyCardNo).toBe('2900000000056');
    for (const text of [
      '772123',
      '0772123',
      '+256 772 123',
      'jose',
      'JOSÉ',
      'nunez',
      'jose nun',
      'jnunez@mai',
      'C-0042',
      '0042',
      carded.loyaltyCardNo as string,
      (carded.loyaltyCardNo as string).slice(0, 12),
    ]) {
      expect(await searchIds({ text }), text).toEqual([jose.id]);
    }
    const rows = (await ok<{ rows: Array<Record<string, unknown>> }>('customers.search', { text: 'jose' })).rows;
    expect(rows[0]).toMatchObject({
      displayName: 'José Nuñez',
      phone: '+256772123456',
      email: 'jnunez@mail.example',
      code: 'C-0042',
      cardNo: carded.loyaltyCardNo,
      balance: 0,
      totalSpent: 0,
      status: 'active',
    });
    expect(await searchIds({ text: 'zoe' })).toHaveLength(1);
    expect(await searchIds({ text: '"); DROP' })).toEqual([]);
  });

  it('hides inactive customers unless asked, and filters by category, tag, city, birth month and type', async () => {
    const cats = await ok<Array<{ id: string; name: string }>>('customers.categories', null);
    expect(cats.map((c) => c.name)).toEqual(['Retail', 'Wholesale', 'VIP', 'Corporate', 'Member']);
    const vip = cats.find((c) => c.name === 'VIP')?.id;
    const { customer: a } = await person('Amina', 'Kato', {
      categoryId: vip,
      tags: ['Gold'],
      addresses: [{ city: 'Jinja' }],
      dateOfBirth: '1985-07-02',
    });
    const { customer: b } = await person('Amos', 'Kato');
    await ok('customers.create', { type: 'business', companyName: 'Kato Hardware' });
    await ok('customers.setStatus', { id: b.id, status: 'inactive' });
    expect(await searchIds({ text: 'kato', type: 'individual' })).toEqual([a.id]);
    expect(await searchIds({ text: 'amos' })).toEqual([]);
    expect(await searchIds({ text: 'amos', status: 'inactive' })).toEqual([b.id]);
    expect(await searchIds({ text: 'amos', status: 'any' })).toEqual([b.id]);
    for (const filter of [{ categoryId: vip }, { tag: 'gold' }, { city: 'jinja' }, { birthMonth: 7 }]) {
      expect(await searchIds(filter), JSON.stringify(filter)).toEqual([a.id]);
    }
    const page1 = await ok<{ rows: Array<{ displayName: string }>; nextCursor: string | null }>('customers.search', {
      limit: 1,
    });
    expect(page1.rows[0]?.displayName).toBe('Amina Kato');
    const page2 = await ok<{ rows: Array<{ displayName: string }>; nextCursor: string | null }>('customers.search', {
      limit: 1,
      cursor: page1.nextCursor,
    });
    expect(page2).toEqual({ rows: [expect.objectContaining({ displayName: 'Kato Hardware' })], nextCursor: null });
    expect((await searchIds({ sort: 'created', direction: 'desc' }))[0]).not.toBe(a.id);
    expect(await call('customers.saveCategory', { name: 'Staff' })).toMatchObject({ ok: true });
    await signInAs(call, DEMO.cashier, DEMO.cashierPin, 'cashier');
    expect(await call('customers.delete', { id: a.id }, 'cashier')).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });

  it('lists points with each customer and sorts by points, highest first, a page at a time', async () => {
    const ids: string[] = [];
    for (const [first, points] of [
      ['Ann', 40],
      ['Ben', 0],
      ['Cate', 250],
      ['Dan', 40],
    ] as const) {
      const { customer } = await person(first, 'Points');
      ids.push(customer.id);
      if (points)
        await ok('loyalty.adjust', {
          customerId: customer.id,
          points,
          reason: 'opening',
          idempotencyKey: `opening-${first}`,
        });
    }
    const walk: Array<{ displayName: string; pointsBalance: number }> = [];
    let cursor: string | null | undefined;
    do {
      const page: { rows: Array<{ displayName: string; pointsBalance: number }>; nextCursor: string | null } = await ok(
        'customers.search',
        { sort: 'points', direction: 'desc', limit: 1, ...(cursor ? { cursor } : {}) },
      );
      walk.push(...page.rows);
      cursor = page.nextCursor;
    } while (cursor);
    expect(walk.map((r) => r.pointsBalance)).toEqual([250, 40, 40, 0]);
    expect(walk[0]?.displayName).toBe('Cate Points');
    // ties go by id, so paging neither repeats nor skips one
    expect(new Set(walk.map((r) => r.displayName)).size).toBe(4);
  });

  it('filters by a city or region of any address, by when the customer was created and by last activity', async () => {
    const day = 86_400_000;
    const t0 = app.clock.now();
    const { customer: a } = await person('Agnes', 'Mirembe', {
      addresses: [{ kind: 'shipping', city: 'Entebbe', region: 'Wakiso' }],
    });
    const { customer: b } = await person('Boniface', 'Lule', { addresses: [{ city: 'Mbarara', region: 'Western' }] });
    const { customer: c } = await person('Carol', 'Atim');
    // ten days apart (moving the clock that far would lock the till)
    const created = app.sqlite.prepare('UPDATE customers SET created_at = ? WHERE id = ?');
    created.run(t0 + 10 * day, b.id);
    created.run(t0 + 20 * day, c.id);
    // sales set the last activity; until the till records them, the column is set as a sale would
    const active = app.sqlite.prepare('UPDATE customers SET last_activity_at = ? WHERE id = ?');
    active.run(t0 + 3 * day, a.id);
    active.run(t0 + 25 * day, c.id);
    expect(await searchIds({ city: 'wakiso' })).toEqual([a.id]);
    expect(await searchIds({ city: 'Mbarara' })).toEqual([b.id]);
    expect(await searchIds({ city: 'Kampala' })).toEqual([]);
    expect(await searchIds({ createdFrom: t0 + day, createdTo: t0 + 15 * day })).toEqual([b.id]);
    expect(await searchIds({ createdFrom: t0 + 15 * day })).toEqual([c.id]);
    // never seen at the till: left out of any last-activity range
    expect(await searchIds({ activeFrom: t0, activeTo: t0 + 30 * day })).toEqual([a.id, c.id]);
    expect(await searchIds({ activeTo: t0 + 10 * day })).toEqual([a.id]);
    expect(await searchIds({ text: 'carol', activeFrom: t0 + 20 * day })).toEqual([c.id]);
  });

  it('manages categories: add, rename with payment terms, delete only when no customer is in it (audited)', async () => {
    type Cat = { id: string; name: string; paymentTermsDays: number | null };
    let cats = await ok<Cat[]>('customers.saveCategory', { name: 'Schools', paymentTermsDays: 30 });
    const schools = cats.find((c) => c.name === 'Schools') as Cat;
    expect(schools.paymentTermsDays).toBe(30);
    cats = await ok<Cat[]>('customers.saveCategory', {
      id: schools.id,
      name: 'Schools & colleges',
      paymentTermsDays: 45,
    });
    expect(cats.find((c) => c.id === schools.id)).toMatchObject({ name: 'Schools & colleges', paymentTermsDays: 45 });
    expect(await call('customers.saveCategory', { name: 'retail' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: 'There is already a category called Retail.' },
    });

    const { customer: a } = await person('Agnes', 'Mirembe', { categoryId: schools.id });
    const { customer: b } = await person('Ben', 'Mirembe', { categoryId: schools.id });
    await ok('customers.setStatus', { id: b.id, status: 'inactive' });
    expect(await call('customers.deleteCategory', { id: schools.id })).toMatchObject({
      ok: false,
      error: {
        code: 'CONFLICT',
        message:
          'Schools & colleges is the category of 2 customers. Move them to another category first, then delete it.',
      },
    });
    expect((await ok<Cat[]>('customers.categories', null)).some((c) => c.id === schools.id)).toBe(true);

    // a merged record only keeps the category for history; it does not hold the delete up
    await ok('customers.merge', { survivorId: b.id, otherId: a.id });
    // the merged record has nothing linked any more, but it is what traces the merge: it stays
    expect(await call('customers.delete', { id: a.id })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: expect.stringContaining('the record stays so the merge can be traced') },
    });
    await ok('customers.update', { id: b.id, categoryId: null });
    cats = await ok<Cat[]>('customers.deleteCategory', { id: schools.id });
    expect(cats.some((c) => c.id === schools.id)).toBe(false);
    const audit = app.sqlite
      .prepare("SELECT actor_name AS actor FROM audit_log WHERE action = 'customerCategory.delete' AND entity_id = ?")
      .all(schools.id);
    expect(audit).toEqual([{ actor: DEMO.owner }]);
    expect(await call('customers.deleteCategory', { id: schools.id })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it('keeps one default billing and one default shipping address, consents, and the date marketing was agreed', async () => {
    const { customer } = await person('Dora', 'Nakku', {
      dateOfBirth: '1988-02-29',
      preferredLanguage: 'id',
      consentWhatsapp: true,
      marketingOptIn: true,
      addresses: [
        { kind: 'billing', line1: 'Plot 1', city: 'Kampala', isDefault: false },
        { kind: 'billing', line1: 'Plot 2', city: 'Kampala', isDefault: true },
        { kind: 'billing', line1: 'Plot 3', city: 'Kampala', isDefault: true },
        { kind: 'shipping', line1: 'Stall 9', city: 'Owino' },
      ],
    });
    const defaults = customer.addresses.filter((a) => a.isDefault).map((a) => `${a.kind} ${a.line1}`);
    expect(defaults.sort()).toEqual(['billing Plot 2', 'shipping Stall 9']);
    expect(customer).toMatchObject({
      dateOfBirth: '1988-02-29',
      preferredLanguage: 'id',
      consentSms: false,
      consentWhatsapp: true,
      marketingOptIn: true,
      marketingOptInAt: app.clock.now(),
    });
    const agreed = customer.marketingOptInAt;
    app.clock.advance(60_000);
    const { customer: again } = await ok('customers.update', { id: customer.id, consentSms: true });
    // the date it was given stays while the customer keeps saying yes
    expect(again).toMatchObject({ consentSms: true, marketingOptIn: true, marketingOptInAt: agreed });
    const { customer: off } = await ok('customers.update', { id: customer.id, marketingOptIn: false });
    expect(off).toMatchObject({ marketingOptIn: false, marketingOptInAt: null });
  });

  it('pages by keyset in every sort and direction: the pages put together are the whole list, none twice', async () => {
    const names = ['Kato', 'Kato', 'Achan', 'Zawadi', 'Mugisha', 'Kato', 'Bbosa', 'Nakku', 'Opio'];
    const ids: string[] = [];
    for (const [i, last] of names.entries()) ids.push((await person(`P${i % 3}`, last)).customer.id);
    // ties and never-seen customers (NULL last activity) are where keyset paging goes wrong
    const set = app.sqlite.prepare(
      'UPDATE customers SET total_spent = ?, balance = ?, last_activity_at = ?, created_at = ? WHERE id = ?',
    );
    ids.forEach((id, i) => {
      set.run(
        (i % 3) * 1000,
        i % 2 ? 500 : 0,
        i % 4 === 0 ? null : 1_700_000_000_000 + (i % 3),
        1_600_000_000_000 + (i % 2),
        id,
      );
    });
    for (const sort of ['name', 'created', 'lastActivity', 'totalSpent', 'balance'] as const) {
      for (const direction of ['asc', 'desc'] as const) {
        for (const text of ['', 'kato']) {
          const whole = await searchIds({ sort, direction, text });
          const paged: string[] = [];
          let cursor: string | undefined;
          do {
            const page = await ok<{ rows: Array<{ id: string }>; nextCursor: string | null }>('customers.search', {
              sort,
              direction,
              text,
              limit: 2,
              ...(cursor ? { cursor } : {}),
            });
            paged.push(...page.rows.map((r) => r.id));
            cursor = page.nextCursor ?? undefined;
          } while (cursor);
          expect(paged, `${sort} ${direction} "${text}"`).toEqual(whole);
          expect(whole.length).toBe(text ? 3 : names.length);
        }
      }
    }
    expect(await call('customers.search', { cursor: '12' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: 'That list position is out of date; search again.' },
    });
  });

  it('refuses to delete a customer with history, and deletes (audited) one without', async () => {
    makeSalesTable();
    const { customer: buyer } = await person('Moses', 'Buyer', {
      phones: [{ number: '0772000111' }],
      addresses: [{ city: 'Gulu' }],
    });
    const { customer: browser } = await person('Just', 'Looking', {
      phones: [{ number: '0772000222' }],
      addresses: [{ city: 'Gulu' }],
    });
    app.sqlite.prepare("INSERT INTO test_sales VALUES ('s1', ?, 1000)").run(buyer.id);
    const refused = await call('customers.delete', { id: buyer.id });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', details: { linked: [{ table: 'test_sales', rows: 1 }] } },
    });
    expect(refused.ok ? '' : refused.error.message).toContain('has history; deactivate instead');
    expect(await call('customers.delete', { id: browser.id })).toEqual({ ok: true, data: null });
    expect(await call('customers.get', { id: browser.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await searchIds({ text: 'looking', status: 'any' })).toEqual([]);
    const audit = app.services.audit.list({ entity: 'customer', entityId: browser.id, limit: 10 }).rows;
    expect(audit[0]).toMatchObject({ action: 'customer.delete', actorName: DEMO.owner });
    expect(audit[0]?.changes).toEqual(
      expect.arrayContaining([{ field: 'displayName', before: 'Just Looking', after: null }]),
    );
  });

  it('merges: moves rows of every referencing table (even one added later), keeps chosen fields, tombstones the other', async () => {
    const { customer: keep } = await person('Grace', 'Atim', {
      phones: [{ number: '0772111222' }],
      email: 'grace@old.example',
      tags: ['a'],
    });
    const { customer: dup } = await person('Grace', 'Atimm', {
      phones: [{ number: '0772111222' }, { number: '0701555666' }],
      email: 'grace@new.example',
      addresses: [{ city: 'Lira', isDefault: true }],
      tags: ['b'],
      allowDuplicate: true,
      duplicateReason: 'entered twice',
    });
    makeSalesTable();
    app.sqlite.exec(
      'CREATE TABLE test_points (id TEXT PRIMARY KEY, holder TEXT NOT NULL REFERENCES customers(id), points INTEGER)',
    );
    app.sqlite
      .prepare("INSERT INTO test_sales VALUES ('s1', ?, 500), ('s2', ?, 700), ('s3', ?, 900)")
      .run(dup.id, dup.id, keep.id);
    app.sqlite.prepare("INSERT INTO test_points VALUES ('p1', ?, 10)").run(dup.id);

    const merged = await ok<Customer>('customers.merge', {
      survivorId: keep.id,
      otherId: dup.id,
      keep: { email: 'other' },
    });
    expect(merged).toMatchObject({
      id: keep.id,
      displayName: 'Grace Atim',
      email: 'grace@new.example',
      tags: ['a', 'b'],
      phonePrimary: '+256772111222',
    });
    expect(merged.phones.map((p) => p.e164).sort()).toEqual(['+256701555666', '+256772111222']);
    expect(merged.addresses.map((a) => a.city)).toEqual(['Lira']);
    const owners = (t: string, col: string) =>
      (app.sqlite.prepare(`SELECT DISTINCT ${col} AS c FROM ${t}`).all() as Array<{ c: string }>).map((r) => r.c);
    expect(owners('test_sales', 'customer_id')).toEqual([keep.id]);
    expect(owners('test_points', 'holder')).toEqual([keep.id]);
    expect(await ok<Customer>('customers.get', { id: dup.id })).toMatchObject({
      status: 'merged',
      mergedIntoId: keep.id,
      phones: [],
      addresses: [],
    });
    expect(await searchIds({ text: '0701555', status: 'any' })).toEqual([keep.id]);
    for (const id of [keep.id, dup.id]) {
      const rows = (await ok<{ rows: Array<{ action: string; note: string | null }> }>('customers.history', { id }))
        .rows;
      expect(rows[0]).toMatchObject({
        action: 'customer.merge',
        note: expect.stringContaining('test_points.holder: 1'),
      });
    }
    expect(await call('customers.merge', { survivorId: keep.id, otherId: dup.id })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    expect(await call('customers.update', { id: dup.id, notes: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
  });

  it('fails loudly, changing nothing, when a table references customers in a way merge cannot move', async () => {
    const { customer: a } = await person('Ann', 'One', { code: 'A1' });
    const { customer: b } = await person('Ann', 'Two', { code: 'A2' });
    app.sqlite.exec('CREATE TABLE test_by_code (id TEXT PRIMARY KEY, customer_code TEXT REFERENCES customers(code))');
    const res = await call('customers.merge', { survivorId: a.id, otherId: b.id });
    expect(res).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(await ok<Customer>('customers.get', { id: b.id })).toMatchObject({ status: 'active' });
    app.sqlite.exec('DROP TABLE test_by_code');
    // a unique key on the reference makes moving impossible: refused, naming the table
    app.sqlite.exec(
      'CREATE TABLE test_one_each (id TEXT PRIMARY KEY, customer_id TEXT UNIQUE REFERENCES customers(id))',
    );
    app.sqlite.prepare("INSERT INTO test_one_each VALUES ('x', ?), ('y', ?)").run(a.id, b.id);
    const clash = await call('customers.merge', { survivorId: a.id, otherId: b.id });
    expect(clash).toMatchObject({ ok: false, error: { code: 'CONFLICT', details: { table: 'test_one_each' } } });
    expect(await ok<Customer>('customers.get', { id: b.id })).toMatchObject({ status: 'active' });
  });

  it('audits updates field by field and status changes', async () => {
    const { customer } = await person('Peter', 'Ssali');
    await ok('customers.update', { id: customer.id, lastName: 'Ssalongo', phones: [{ number: '0772 333 444' }] });
    await ok('customers.setStatus', { id: customer.id, status: 'inactive' });
    const rows = (
      await ok<{ rows: Array<{ action: string; changes: Array<{ field: string; before: unknown; after: unknown }> }> }>(
        'customers.history',
        { id: customer.id },
      )
    ).rows;
    expect(rows.map((r) => r.action)).toEqual(['customer.deactivate', 'customer.update', 'customer.create']);
    expect(rows[1]?.changes).toEqual(
      expect.arrayContaining([
        { field: 'lastName', before: 'Ssali', after: 'Ssalongo' },
        { field: 'displayName', before: 'Peter Ssali', after: 'Peter Ssalongo' },
        { field: 'phones', before: [], after: ['+256772333444 (mobile, primary)'] },
      ]),
    );
    expect(rows[0]?.changes).toEqual([{ field: 'status', before: 'active', after: 'inactive' }]);
  });

  it('property: any customer is found by its phone digits and by a prefix of its name', async () => {
    const FIRST = ['José', 'Zoë', 'Amina', 'Björn', 'Nuñez', 'Achieng', 'Łukasz', 'Renée', 'Ömer', 'Kato'];
    const LAST = ['Nuñez', 'Okello', 'Müller', 'Nakato', 'García', 'Ssali', 'Çelik', 'Dvořák'];
    // accents that decompose (é, ë, ñ, ö…) fold away; Ł has no decomposition, so it is searched as written
    const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '');
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...FIRST),
        fc.constantFrom(...LAST),
        fc.constantFrom('70', '75', '77', '78'),
        fc.integer({ min: 0, max: 9_999_999 }),
        fc.integer({ min: 3, max: 6 }),
        fc.boolean(),
        async (first, last, op, subscriber, digits, folded) => {
          n += 1;
          const nsn = `${op}${String(subscriber).padStart(7, '0')}`;
          const created = await call('customers.create', {
            type: 'individual',
            firstName: first,
            lastName: `${last}${n}`,
            phones: [{ number: `0${nsn}` }],
            allowDuplicate: true,
            duplicateReason: 'property test',
          });
          if (!created.ok) throw new Error(created.error.message);
          const { id } = (created.data as Saved).customer;
          const byPhone = await searchIds({ text: nsn.slice(0, digits + 3) });
          expect(byPhone).toContain(id);
          expect(await searchIds({ text: `0${nsn}` })).toContain(id);
          const name = folded ? fold(first) : first;
          expect(await searchIds({ text: `${name.slice(0, Math.min(digits, name.length))} ${last}${n}` })).toContain(
            id,
          );
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('reference customers', () => {
  it('seeds customers deterministically that the service finds and can edit', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { seedReference } = await import('../../src/main/seed/reference');
    const dir = mkdtempSync(join(tmpdir(), 'counterline-ref-'));
    try {
      const { app, counts } = seedReference({ dataDir: dir, scale: 0.01 });
      try {
        expect(counts.customers).toBe(1000);
        const fts = (app.sqlite.prepare('SELECT count(*) AS n FROM customers_fts').get() as { n: number }).n;
        expect(fts).toBe(1000);
        const someone = app.sqlite
          .prepare(
            "SELECT id, display_name AS name, phone_primary_e164 AS phone FROM customers WHERE status = 'active' AND type = 'individual' LIMIT 1 OFFSET 500",
          )
          .get() as { id: string; name: string; phone: string };
        const search = (text: string) =>
          app.services.customers
            .search({ text, status: 'active', sort: 'name', direction: 'asc', limit: 200 })
            .rows.map((r) => r.id);
        expect(search(`0${someone.phone.slice(4)}`)).toContain(someone.id);
        expect(search(someone.name)).toContain(someone.id);
        const actor = { id: null, name: 'test' };
        const { customer } = app.services.customers.update(actor, { id: someone.id, notes: 'checked' });
        expect(customer.phonePrimary).toBe(someone.phone);
        expect(app.services.customers.generateCard(actor, someone.id).loyaltyCardNo).toMatch(/^29\d{11}$/);
      } finally {
        app.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
