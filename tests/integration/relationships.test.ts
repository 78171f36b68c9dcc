import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { postAccountEntry } from '../../src/main/domains/ledgers/account';
import { DEMO_PRODUCTS } from '../../src/main/seed/products';
import type { Product } from '../../src/shared/contract/catalog';
import type { Celebration, FollowUp, Interaction, TimelineEntry } from '../../src/shared/contract/relationships';
import type { CompleteResult } from '../../src/shared/contract/sales';
import { uuidv7Source } from '../../src/shared/ids';
import { DEMO, makeTestApp, signInAs, type TestApp, tableCount } from '../helpers';

const code = (sku: string) => DEMO_PRODUCTS.find((p) => p.sku === sku)?.barcode as string;
const MIN = 60_000;

describe('interactions, the timeline and follow-ups', () => {
  let app: TestApp;
  let customerId: string;
  let managerId: string;
  const ok = async <T>(name: string, input: unknown, client = 'test-client'): Promise<T> => {
    const res = await app.call(name, input, client);
    if (!res.ok) throw new Error(`${name}: ${res.error.code} ${res.error.message}`);
    return res.data as T;
  };
  const refused = async (name: string, input: unknown) => {
    const res = await app.call(name, input);
    if (res.ok) throw new Error(`${name} was accepted`);
    return res.error;
  };
  const owe = (amount: number, dueAt: number) => {
    const deps = { ...app, newId: uuidv7Source(app.clock), tillId: () => 'till' };
    app.sqlite.transaction(() =>
      postAccountEntry(deps, { customerId, kind: 'invoice', amount, currency: 'UGX', documentNo: 'S-OLD', dueAt }),
    )();
  };

  beforeEach(async () => {
    app = makeTestApp();
    app.services.system.createDemoShop();
    await signInAs(app.call, DEMO.cashier, DEMO.cashierPin);
    managerId = await signInAs(app.call, DEMO.manager, DEMO.managerPin, 'manager-client');
    customerId = (
      await ok<{ customer: { id: string } }>('customers.create', {
        type: 'individual',
        firstName: 'Ruth',
        lastName: 'Akello',
        dateOfBirth: '1990-01-07',
      })
    ).customer.id;
  });
  afterEach(() => app.dispose());

  it('logs a call with who, when, channel, outcome and text, and audits it', async () => {
    const call = await ok<Interaction>('relationships.logInteraction', {
      customerId,
      kind: 'call',
      channel: 'phone',
      outcome: 'promised to pay Friday',
      text: 'Asked about the sugar debt',
    });
    expect(call).toMatchObject({ kind: 'call', channel: 'phone', staffName: DEMO.cashier, at: app.clock.now() });
    const audit = app.sqlite
      .prepare("SELECT actor_name AS who, entity_id AS id FROM audit_log WHERE action = 'interaction.log'")
      .all();
    expect(audit).toEqual([{ who: DEMO.cashier, id: customerId }]);
  });

  it('refuses a contact in the future or for a customer who is not there, writing nothing', async () => {
    const before = tableCount(app, 'audit_log');
    const future = await refused('relationships.logInteraction', {
      customerId,
      kind: 'note',
      channel: 'other',
      at: app.clock.now() + 3_600_000,
    });
    expect(future.message).toMatch(/future/);
    const missing = await refused('relationships.logInteraction', {
      customerId: '0190b6d4-0000-7000-8000-000000000000',
      kind: 'note',
      channel: 'other',
    });
    expect(missing.code).toBe('NOT_FOUND');
    const badKind = await refused('relationships.logInteraction', { customerId, kind: 'gossip', channel: 'other' });
    expect(badKind.code).toBe('VALIDATION');
    expect(tableCount(app, 'interactions')).toBe(0);
    expect(tableCount(app, 'audit_log')).toBe(before);
  });

  it('shows sales, refunds, payments and contacts in one timeline, read from their own tables, filtered and searched', async () => {
    const sugar = await ok<Product>('catalog.byBarcode', { code: code('MR-003') });
    const sale = (
      await ok<CompleteResult>('sales.complete', {
        cart: { customerId, lines: [{ productId: sugar.id, qtyMilli: 2000 }] },
        payments: [{ method: 'card', amount: 10_000 }],
        idempotencyKey: 'timeline-sale',
      })
    ).order;
    app.clock.advance(MIN);
    await ok('relationships.logInteraction', { customerId, kind: 'complaint', channel: 'in_person', text: 'Torn bag' });
    app.clock.advance(MIN);
    await ok(
      'refunds.create',
      {
        salesOrderId: sale.id,
        lines: [{ salesLineId: sale.lines[0]?.id, qtyMilli: 1000, restock: true }],
        method: 'original',
        reason: 'torn bag',
        idempotencyKey: 'timeline-refund',
      },
      'manager-client',
    );
    app.clock.advance(MIN);
    owe(20_000, app.clock.now());
    await ok('receivables.receivePayment', {
      customerId,
      amount: 5_000,
      method: 'cash',
      reference: 'paid at the door',
      idempotencyKey: 'timeline-pay',
    });
    app.clock.advance(MIN);
    await ok('relationships.logInteraction', { customerId, kind: 'call', channel: 'phone', text: 'Thanked her' });

    const all = await ok<{ rows: TimelineEntry[] }>('relationships.timeline', { customerId });
    expect(all.rows.map((r) => r.kind)).toEqual(['call', 'payment', 'refund', 'complaint', 'sale']);
    expect(all.rows.find((r) => r.kind === 'sale')).toMatchObject({ amount: 10_000, status: 'completed' });
    expect(all.rows.find((r) => r.kind === 'payment')).toMatchObject({ amount: 5_000, text: 'paid at the door' });
    expect(all.rows.find((r) => r.kind === 'refund')?.amount).toBe(-5_000);
    // the documents are read from their own tables: only the two contacts were written by this domain
    expect(tableCount(app, 'interactions')).toBe(2);

    const money = await ok<{ rows: TimelineEntry[] }>('relationships.timeline', {
      customerId,
      kinds: ['sale', 'refund'],
    });
    expect(money.rows.map((r) => r.kind)).toEqual(['refund', 'sale']);
    const torn = await ok<{ rows: TimelineEntry[] }>('relationships.timeline', { customerId, text: 'torn' });
    expect(torn.rows.map((r) => r.kind)).toEqual(['refund', 'complaint']);

    const page1 = await ok<{ rows: TimelineEntry[]; nextBefore: number }>('relationships.timeline', {
      customerId,
      limit: 2,
    });
    expect(page1.rows.map((r) => r.kind)).toEqual(['call', 'payment']);
    const page2 = await ok<{ rows: TimelineEntry[] }>('relationships.timeline', {
      customerId,
      limit: 10,
      before: page1.nextBefore,
    });
    expect(page2.rows.map((r) => r.kind)).toEqual(['refund', 'complaint', 'sale']);
  });

  it('creates a follow-up from an overdue debt in one call, and completes it, each step audited', async () => {
    const none = await refused('relationships.followUpFromDebt', { customerId });
    expect(none.message).toMatch(/nothing overdue/);
    owe(42_000, app.clock.now() - 10 * 86_400_000);
    const task = await ok<FollowUp>('relationships.followUpFromDebt', { customerId, assignedStaffId: managerId });
    expect(task).toMatchObject({
      source: 'overdue_debt',
      status: 'open',
      assignedStaffName: DEMO.manager,
      customerName: 'Ruth Akello',
    });
    expect(task.title).toMatch(/Collect payment: .*42,000.* overdue/);
    expect((await refused('relationships.followUpFromDebt', { customerId })).code).toBe('CONFLICT');

    const today = await ok<{ count: number; rows: FollowUp[] }>('relationships.today', {});
    expect(today.count).toBe(1);
    expect(today.rows[0]?.id).toBe(task.id);

    const done = await ok<FollowUp>('relationships.changeFollowUp', { id: task.id, action: 'done', note: 'paid' });
    expect(done).toMatchObject({ status: 'done', closedAt: app.clock.now(), note: expect.stringContaining('paid') });
    expect((await ok<{ count: number }>('relationships.today', {})).count).toBe(0);
    expect((await refused('relationships.changeFollowUp', { id: task.id, action: 'done' })).code).toBe('CONFLICT');
    const actions = app.sqlite
      .prepare("SELECT action FROM audit_log WHERE action LIKE 'followup.%' ORDER BY id")
      .all()
      .map((r) => (r as { action: string }).action);
    expect(actions).toEqual(['followup.create', 'followup.done']);
  });

  it('snoozes a follow-up off today and back on when its time comes; cancels one; one from a complaint', async () => {
    const t = await ok<FollowUp>('relationships.createFollowUp', {
      customerId,
      title: 'Deliver the rice order',
      dueAt: app.clock.now() + MIN,
    });
    expect((await ok<{ count: number }>('relationships.today', {})).count).toBe(1);
    await ok('relationships.changeFollowUp', { id: t.id, action: 'snooze', until: app.clock.now() + 30 * MIN });
    expect((await ok<{ count: number }>('relationships.today', {})).count).toBe(0);
    app.clock.advance(31 * MIN);
    await signInAs(app.call, DEMO.cashier, DEMO.cashierPin);
    expect((await ok<{ count: number; rows: FollowUp[] }>('relationships.today', {})).rows[0]?.status).toBe('snoozed');
    await ok('relationships.changeFollowUp', { id: t.id, action: 'cancel' });
    const past = await refused('relationships.changeFollowUp', { id: t.id, action: 'snooze', until: 1 });
    expect(past.code).toBe('CONFLICT');
    const blank = await refused('relationships.createFollowUp', { customerId, title: '  ', dueAt: 1 });
    expect(blank.code).toBe('VALIDATION');

    const complaint = await ok<Interaction>('relationships.logInteraction', {
      customerId,
      kind: 'complaint',
      channel: 'phone',
      text: 'The bread was stale',
    });
    const back = await ok<FollowUp>('relationships.followUpFromComplaint', { interactionId: complaint.id });
    expect(back).toMatchObject({ source: 'complaint', sourceRef: complaint.id, note: 'The bread was stale' });
    const list = await ok<FollowUp[]>('relationships.followUps', { customerId, includeClosed: true });
    expect(list.map((f) => f.status)).toEqual(['open', 'cancelled']);
  });

  it('lists birthdays for today, this week and this month in shop time', async () => {
    // the test clock starts on 5 January 2026
    await ok('customers.create', {
      type: 'individual',
      firstName: 'Joy',
      lastName: 'Today',
      dateOfBirth: '2000-01-05',
    });
    await ok('customers.create', {
      type: 'individual',
      firstName: 'Late',
      lastName: 'Month',
      dateOfBirth: '1985-01-30',
    });
    await ok('customers.create', {
      type: 'individual',
      firstName: 'Feb',
      lastName: 'Ruary',
      dateOfBirth: '1985-02-01',
    });
    const names = async (range: string) =>
      (await ok<Celebration[]>('relationships.celebrations', { range }))
        .filter((c) => c.kind === 'birthday')
        .map((c) => `${c.name} ${c.date} ${c.years}`);
    expect(await names('today')).toEqual(['Joy Today 2026-01-05 26']);
    expect(await names('week')).toEqual(['Joy Today 2026-01-05 26', 'Ruth Akello 2026-01-07 36']);
    expect(await names('month')).toEqual([
      'Joy Today 2026-01-05 26',
      'Ruth Akello 2026-01-07 36',
      'Late Month 2026-01-30 41',
    ]);
  });

  it('erasing a customer blanks what was written about them and sent to them, keeping when and how', async () => {
    await ok('relationships.logInteraction', {
      customerId,
      kind: 'complaint',
      channel: 'phone',
      outcome: 'angry',
      text: 'Ruth says her neighbour took the parcel',
    });
    await ok('relationships.createFollowUp', { customerId, title: 'Call back', note: 'ask Ruth at home', dueAt: 1 });
    const erased = await app.call('customers.erase', { id: customerId, confirm: 'Ruth Akello' }, 'manager-client');
    if (!erased.ok) throw new Error(erased.error.message);
    const i = app.sqlite.prepare('SELECT kind, channel, text, outcome FROM interactions').all();
    expect(i).toEqual([{ kind: 'complaint', channel: 'phone', text: '', outcome: null }]);
    expect(app.sqlite.prepare('SELECT note FROM follow_ups').all()).toEqual([{ note: '' }]);
  });
});
