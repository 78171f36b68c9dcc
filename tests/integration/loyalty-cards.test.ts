import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ean13CheckDigit } from '../../src/main/domains/customers/normalise';
import { gs1CheckDigit, hasValidCheckDigit } from '../../src/main/domains/loyalty-cards/card-numbers';
import type { Customer } from '../../src/shared/contract/customers';
import type { CardFind, LoyaltyCard } from '../../src/shared/contract/loyalty-cards';
import type { LookupResult } from '../../src/shared/contract/sales';
import { DEMO, makeTestApp, signInAs, type TestApp } from '../helpers';

describe('loyalty cards', () => {
  let app: TestApp;
  const ok = async <T>(name: string, input: unknown, client?: string): Promise<T> => {
    const res = await app.call(name, input, client);
    if (!res.ok)
      throw new Error(`${name}: ${res.error.code} ${res.error.message} ${JSON.stringify(res.error.details)}`);
    return res.data as T;
  };
  const refused = async (name: string, input: unknown) => {
    const res = await app.call(name, input);
    if (res.ok) throw new Error(`${name} should have been refused`);
    return res.error;
  };
  const person = async (firstName: string, lastName: string, extra: object = {}) =>
    (await ok<{ customer: Customer }>('customers.create', { type: 'individual', firstName, lastName, ...extra }))
      .customer;
  const cards = (customerId: string) => ok<LoyaltyCard[]>('loyaltyCards.list', { customerId });
  const cardRows = () =>
    app.sqlite.prepare('SELECT customer_id AS c, card_no AS n, status FROM loyalty_cards ORDER BY card_no').all();

  beforeEach(async () => {
    app = makeTestApp();
    app.services.system.createDemoShop();
    await signInAs(app.call, DEMO.owner, DEMO.ownerPin);
  });
  afterEach(() => app.dispose());

  it('computes the same GS1 check digit as EAN-13 and catches a mistyped digit', () => {
    for (const body of ['290000000001', '616123456789', '400638133393']) {
      expect(gs1CheckDigit(body)).toBe(ean13CheckDigit(body));
      expect(hasValidCheckDigit(body + String(ean13CheckDigit(body)))).toBe(true);
      expect(hasValidCheckDigit(body + String((ean13CheckDigit(body) + 1) % 10))).toBe(false);
    }
  });

  it('generates EAN-13 cards in the shop range with a valid check digit, one after another', async () => {
    const sarah = await person('Sarah', 'Nabirye');
    const tom = await person('Tom', 'Okot');
    const a = await ok<Customer>('loyaltyCards.issue', { customerId: sarah.id });
    const b = await ok<Customer>('loyaltyCards.issue', { customerId: tom.id });
    expect(a.loyaltyCardNo).toBe('2900000000018');
    expect(b.loyaltyCardNo).toBe('2900000000025');
    for (const c of [a, b]) expect(hasValidCheckDigit(c.loyaltyCardNo as string)).toBe(true);
    expect(await cards(sarah.id)).toMatchObject([{ cardNo: '2900000000018', status: 'active', staffName: DEMO.owner }]);
  });

  it('follows the shop prefix and format setting: Code 128 cards are 16 digits with a check digit', async () => {
    await ok('loyaltyCards.updateSettings', { prefix: '2711', format: 'code128' });
    const c = await ok<Customer>('loyaltyCards.issue', { customerId: (await person('Ann', 'Mugo')).id });
    expect(c.loyaltyCardNo).toMatch(/^2711\d{12}$/);
    expect(hasValidCheckDigit(c.loyaltyCardNo as string)).toBe(true);
    const cashier = 'cashier';
    await signInAs(app.call, DEMO.cashier, DEMO.cashierPin, cashier);
    const res = await app.call('loyaltyCards.updateSettings', { prefix: '20' }, cashier);
    expect(res.ok ? 'ok' : res.error.code).toBe('FORBIDDEN');
  });

  it('registers a pre-printed card, refusing a bad EAN-13 check digit and a number another customer holds', async () => {
    const sarah = await person('Sarah', 'Nabirye');
    const tom = await person('Tom', 'Okot');
    const bad = await refused('loyaltyCards.issue', { customerId: sarah.id, cardNo: '2900000000019' });
    expect(bad.code).toBe('VALIDATION');
    expect(bad.message).toMatch(/not a valid EAN-13/);
    const c = await ok<Customer>('loyaltyCards.issue', { customerId: sarah.id, cardNo: '88001234' });
    expect(c.loyaltyCardNo).toBe('88001234');
    const taken = await refused('loyaltyCards.issue', { customerId: tom.id, cardNo: '88001234' });
    expect(taken.code).toBe('CONFLICT');
    expect(taken.message).toBe('Card 88001234 already belongs to Sarah Nabirye.');
    const twice = await refused('loyaltyCards.issue', { customerId: sarah.id });
    expect(twice.message).toMatch(/already has card 88001234/);
    expect(cardRows()).toEqual([{ c: sarah.id, n: '88001234', status: 'active' }]);
  });

  it('replaces a card: the old one is kept as replaced, the new one is active and mirrored on the customer', async () => {
    const sarah = await person('Sarah', 'Nabirye');
    const first = await ok<Customer>('loyaltyCards.issue', { customerId: sarah.id });
    app.clock.advance(30 * 86_400_000);
    await signInAs(app.call, DEMO.owner, DEMO.ownerPin); // the idle till locked itself meanwhile
    const next = await ok<Customer>('loyaltyCards.replace', { customerId: sarah.id, reason: 'replaced' });
    expect(next.loyaltyCardNo).not.toBe(first.loyaltyCardNo);
    expect((await cards(sarah.id)).map((c) => [c.cardNo, c.status])).toEqual([
      [next.loyaltyCardNo, 'active'],
      [first.loyaltyCardNo, 'replaced'],
    ]);
    // an old card can never be handed out again, to anyone
    const reuse = await refused('loyaltyCards.issue', {
      customerId: (await person('Tom', 'Okot')).id,
      cardNo: first.loyaltyCardNo,
    });
    expect(reuse.message).toMatch(/was Sarah Nabirye's card \(replaced\)/);
    const audit = app.sqlite
      .prepare("SELECT action FROM audit_log WHERE entity = 'customer' AND entity_id = ? ORDER BY at, id")
      .all(sarah.id)
      .map((r) => (r as { action: string }).action);
    expect(audit).toEqual(['customer.create', 'loyaltyCard.issue', 'loyaltyCard.replaced', 'loyaltyCard.replace']);
  });

  it('refuses a replaced or lost card at the till, naming the customer, and attaches with the new one', async () => {
    const sarah = await person('Sarah', 'Nabirye');
    const old = (await ok<Customer>('loyaltyCards.issue', { customerId: sarah.id })).loyaltyCardNo as string;
    app.clock.set(Date.UTC(2026, 10, 3, 10, 0, 0));
    await signInAs(app.call, DEMO.owner, DEMO.ownerPin);
    const now = (await ok<Customer>('loyaltyCards.replace', { customerId: sarah.id, reason: 'replaced' }))
      .loyaltyCardNo as string;
    const atTill = await ok<LookupResult>('sales.lookupCode', { code: old });
    expect(atTill).toEqual({
      kind: 'unknown',
      code: old,
      message: `Card ${old} was replaced on 3 Nov — ask for the new card; customer: Sarah N.`,
    });
    expect(await ok<LookupResult>('sales.lookupCode', { code: now })).toMatchObject({
      kind: 'customer',
      customer: { id: sarah.id },
    });
    const lost = await ok<Customer>('loyaltyCards.markLost', { customerId: sarah.id });
    expect(lost.loyaltyCardNo).toBeNull();
    const lostAtTill = await ok<LookupResult>('sales.lookupCode', { code: now });
    expect(lostAtTill).toMatchObject({ kind: 'unknown', message: expect.stringMatching(/reported lost on 3 Nov/) });
    expect(await ok<CardFind>('loyaltyCards.find', { code: now })).toMatchObject({
      kind: 'refused',
      customerId: sarah.id,
    });
  });

  it('keeps the card history in step when a customer is created or edited with a card number', async () => {
    const zoe = await person('Zoë', 'Achieng', { loyaltyCardNo: '2900000000056' });
    expect(await cards(zoe.id)).toMatchObject([{ cardNo: '2900000000056', status: 'active' }]);
    await ok('customers.update', { id: zoe.id, loyaltyCardNo: '55512345' });
    expect((await cards(zoe.id)).map((c) => [c.cardNo, c.status])).toEqual([
      ['55512345', 'active'],
      ['2900000000056', 'replaced'],
    ]);
    // generated numbers continue after the highest ever issued in the range, old ones included
    const next = await ok<Customer>('customers.generateCard', { id: (await person('New', 'One')).id });
    expect(next.loyaltyCardNo).toBe('2900000000063');
    const clash = await app.call('customers.create', {
      type: 'individual',
      firstName: 'Other',
      loyaltyCardNo: '2900000000056',
    });
    expect(clash.ok ? 'ok' : clash.error.code).toBe('CONFLICT');
    expect(cardRows()).toHaveLength(3);
  });

  it('moves cards to the survivor of a merge, keeping the chosen card active and the other refused', async () => {
    const a = await person('Sarah', 'Nabirye');
    const b = await person('Sara', 'Nabirye');
    const cardA = (await ok<Customer>('loyaltyCards.issue', { customerId: a.id })).loyaltyCardNo as string;
    const cardB = (await ok<Customer>('loyaltyCards.issue', { customerId: b.id })).loyaltyCardNo as string;
    const merged = await ok<Customer>('customers.merge', {
      survivorId: a.id,
      otherId: b.id,
      keep: { loyaltyCardNo: 'other' },
    });
    expect(merged.loyaltyCardNo).toBe(cardB);
    expect((await cards(a.id)).map((c) => [c.cardNo, c.status]).sort()).toEqual(
      [
        [cardA, 'replaced'],
        [cardB, 'active'],
      ].sort(),
    );
    expect(app.sqlite.prepare('SELECT count(*) AS n FROM loyalty_cards WHERE customer_id = ?').get(b.id)).toEqual({
      n: 0,
    });
    expect(await ok<LookupResult>('sales.lookupCode', { code: cardB })).toMatchObject({
      kind: 'customer',
      customer: { id: a.id },
    });
    expect(await ok<LookupResult>('sales.lookupCode', { code: cardA })).toMatchObject({
      kind: 'unknown',
      message: expect.stringContaining('customer: Sarah N.'),
    });
  });

  it("deletes a customer's cards with the customer when it has no history", async () => {
    const a = await person('Sarah', 'Nabirye');
    await ok('loyaltyCards.issue', { customerId: a.id });
    await ok('loyaltyCards.replace', { customerId: a.id, reason: 'lost' });
    await ok('customers.delete', { id: a.id });
    expect(cardRows()).toEqual([]);
  });

  it('prints an A4 sheet of cards with each name and number, ten to a page', async () => {
    const people: Customer[] = [];
    for (let i = 0; i < 12; i++) {
      const p = await person(`Card${i}`, `Holder${i}`);
      people.push(await ok<Customer>('loyaltyCards.issue', { customerId: p.id }));
    }
    const none = await person('No', 'Card');
    const refusedSheet = await refused('loyaltyCards.sheetPdf', { customerIds: [people[0]?.id, none.id] });
    expect(refusedSheet.message).toBe('No Card has no card yet.');
    const pdf = await ok<{ fileName: string; base64: string }>('loyaltyCards.sheetPdf', {
      customerIds: people.map((p) => p.id),
    });
    const file = join(app.dir, pdf.fileName);
    writeFileSync(file, Buffer.from(pdf.base64, 'base64'));
    const text = execFileSync('pdftotext', ['-layout', file, '-']).toString();
    const pages = text.split('\f').filter((p) => p.trim());
    expect(pages).toHaveLength(2);
    for (let i = 0; i < 12; i++) {
      expect(text).toContain(`Card${i} Holder${i}`);
      expect(text).toContain(people[i]?.loyaltyCardNo);
    }
    expect(pages[0]).toContain('Card9 Holder9');
    expect(pages[1]).toContain('Card10 Holder10');
    expect(pages[0]).toContain('Loyalty card');
  });

  it('prints the sheet of the cards given since a day, and says so when there are none', async () => {
    await ok('loyaltyCards.issue', { customerId: (await person('Early', 'Bird')).id });
    app.clock.advance(2 * 86_400_000);
    await signInAs(app.call, DEMO.owner, DEMO.ownerPin);
    await ok('loyaltyCards.issue', { customerId: (await person('New', 'Member')).id });
    const pdf = await ok<{ fileName: string; base64: string }>('loyaltyCards.sheetSince', { from: '2026-01-07' });
    const file = join(app.dir, pdf.fileName);
    writeFileSync(file, Buffer.from(pdf.base64, 'base64'));
    const text = execFileSync('pdftotext', ['-layout', file, '-']).toString();
    expect(text).toContain('New Member');
    expect(text).not.toContain('Early Bird');
    expect((await refused('loyaltyCards.sheetSince', { from: '2026-02-01' })).message).toBe(
      'No cards were given on or after 2026-02-01.',
    );
  });

  it('queues the card slip on the receipt printer with the name and number', async () => {
    const a = await person('Sarah', 'Nabirye');
    const card = (await ok<Customer>('loyaltyCards.issue', { customerId: a.id })).loyaltyCardNo;
    const job = await ok<{ template: string; id: string }>('loyaltyCards.printSlip', { customerId: a.id });
    expect(job.template).toBe('loyalty-card');
    const preview = await ok<{ text: string }>('devices.previewJob', { id: job.id });
    expect(preview.text).toContain('Sarah Nabirye');
    expect(preview.text).toContain(`Card ${card}`);
  });
});
