import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { postAccountEntry } from '../../src/main/domains/ledgers/account';
import { DEFAULT_TEMPLATES } from '../../src/main/domains/messaging/templates';
import { DAY_MS } from '../../src/shared/clock';
import type { Template } from '../../src/shared/contract/messaging';
import { uuidv7Source } from '../../src/shared/ids';
import { DEMO, makeTestApp, signInAs, type TestApp } from '../helpers';

/**
 * The Messages screen's template editor, through the router as the screen calls it: a wording not saved yet is
 * previewed with a real customer's figures, a placeholder Counterline cannot fill is named in words, saving and going
 * back to the built-in wording are audited, and only staff who may manage messages do either.
 */
describe('editing message templates', { timeout: 30_000 }, () => {
  let app: TestApp;
  let baraka: string;
  const ok = async <T>(name: string, input: unknown, client = 'owner'): Promise<T> => {
    const res = await app.call(name, input, client);
    if (!res.ok) throw new Error(`${name}: ${res.error.code} ${res.error.message}`);
    return res.data as T;
  };
  const refused = async (name: string, input: unknown, client = 'owner') => {
    const res = await app.call(name, input, client);
    if (res.ok) throw new Error(`${name} was accepted`);
    return res.error;
  };
  /** each audit row of an action with the fields it changed, before and after */
  const audits = (action: string) =>
    (
      app.sqlite
        .prepare('SELECT actor_name AS who, entity_id AS id, changes FROM audit_log WHERE action = ? ORDER BY at, id')
        .all(action) as Array<{ who: string; id: string; changes: string }>
    ).map((r) => {
      const changes = JSON.parse(r.changes) as Array<{ field: string; before: unknown; after: unknown }>;
      return {
        who: r.who,
        id: r.id,
        before: Object.fromEntries(changes.map((c) => [c.field, c.before])),
        after: Object.fromEntries(changes.map((c) => [c.field, c.after])),
      };
    });

  beforeEach(async () => {
    app = makeTestApp();
    app.services.system.createDemoShop();
    await signInAs(app.call, DEMO.owner, DEMO.ownerPin, 'owner');
    await signInAs(app.call, DEMO.cashier, DEMO.cashierPin, 'cashier');
    baraka = (
      await ok<{ customer: { id: string } }>('customers.create', {
        type: 'individual',
        firstName: 'Baraka',
        lastName: 'Mwangi',
        preferredLanguage: 'sw',
        phones: [{ number: '+254712345678', isPrimary: true }],
        consentWhatsapp: true,
      })
    ).customer.id;
    const deps = { ...app, newId: uuidv7Source(app.clock), tillId: () => 'till' };
    app.sqlite.transaction(() =>
      postAccountEntry(deps, {
        customerId: baraka,
        kind: 'invoice',
        amount: 42_000,
        currency: 'UGX',
        documentNo: 'S-000042',
        dueAt: app.clock.now() - 3 * DAY_MS,
      }),
    )();
  });
  afterEach(() => app.dispose());

  it('previews a wording not saved yet with the customer’s own figures, in the language being edited', async () => {
    const preview = await ok<{ language: string; subject: string; body: string }>('messaging.preview', {
      customerId: baraka,
      template: 'payment_reminder',
      language: 'en',
      draft: {
        subject: 'For {{firstName}}',
        body: '{{name}} owes {{balance}} ({{overdue}} overdue) since {{dueDate}}.',
      },
    });
    expect(preview).toEqual({
      language: 'en',
      subject: 'For Baraka',
      body: expect.stringMatching(/^Baraka Mwangi owes UGX 42,000 \(UGX 42,000 overdue\) since \d{4}-\d{2}-\d{2}\.$/),
    });
    // nothing was saved or queued by looking
    const templates = await ok<Template[]>('messaging.templates', null);
    expect(templates.find((t) => t.key === 'payment_reminder' && t.language === 'en')?.custom).toBe(false);
    expect(app.sqlite.prepare('SELECT count(*) AS n FROM outbox').get()).toEqual({ n: 0 });
  });

  it('names a placeholder it cannot fill in plain words, in a preview and when saving', async () => {
    const inPreview = await refused('messaging.preview', {
      customerId: baraka,
      template: 'birthday',
      language: 'sw',
      draft: { subject: '', body: 'Heri {{fristName}}!' },
    });
    expect(inPreview).toMatchObject({ code: 'VALIDATION' });
    expect(inPreview.message).toMatch(
      /^\{\{fristName\}\} is not a word a message can use; use one of \{\{firstName\}\}/,
    );
    const onSave = await refused('messaging.saveTemplate', {
      key: 'birthday',
      language: 'sw',
      subject: 'Heri {{shopname}}',
      body: 'Heri {{firstName}}!',
    });
    expect(onSave.message).toMatch(/\{\{shopname\}\} is not a word a message can use/);
    expect(audits('template.save')).toEqual([]);
  });

  it('saves the wording (audited, before and after) and goes back to the built-in one (audited too)', async () => {
    const body = 'Habari {{firstName}}, heri ya siku ya kuzaliwa kutoka {{shopName}}!';
    const saved = await ok<Template>('messaging.saveTemplate', {
      key: 'birthday',
      language: 'sw',
      subject: 'Heri, {{firstName}}',
      body,
    });
    expect(saved).toMatchObject({ key: 'birthday', language: 'sw', custom: true, marketing: true });
    expect((await ok<{ body: string }>('messaging.preview', { customerId: baraka, template: 'birthday' })).body).toBe(
      'Habari Baraka, heri ya siku ya kuzaliwa kutoka Mama Rose Grocery!',
    );
    const [save] = audits('template.save');
    expect(save?.who).toBe(DEMO.owner);
    expect(save?.id).toBe('birthday:sw');
    expect(save?.before).toEqual(DEFAULT_TEMPLATES.birthday.sw);
    expect(save?.after).toEqual({ subject: 'Heri, {{firstName}}', body });

    const back = await ok<Template>('messaging.resetTemplate', { key: 'birthday', language: 'sw' });
    expect(back).toEqual({
      key: 'birthday',
      language: 'sw',
      ...DEFAULT_TEMPLATES.birthday.sw,
      marketing: true,
      custom: false,
    });
    const [reset] = audits('template.reset');
    expect(reset?.who).toBe(DEMO.owner);
    expect(reset?.id).toBe('birthday:sw');
    expect(reset?.before).toEqual({ subject: 'Heri, {{firstName}}', body });
    expect(reset?.after).toEqual(DEFAULT_TEMPLATES.birthday.sw);
    expect((await ok<{ body: string }>('messaging.preview', { customerId: baraka, template: 'birthday' })).body).toBe(
      'Heri ya siku ya kuzaliwa, Baraka! Sote Mama Rose Grocery tunakutakia siku njema.',
    );
    const templates = await ok<Template[]>('messaging.templates', null);
    expect(templates.find((t) => t.key === 'birthday' && t.language === 'sw')?.custom).toBe(false);

    // the built-in wording already: nothing changes, nothing is audited
    await ok<Template>('messaging.resetTemplate', { key: 'birthday', language: 'sw' });
    expect(audits('template.reset')).toHaveLength(1);
  });

  it('lists every template in every language, the statement as text among them', async () => {
    const templates = await ok<Template[]>('messaging.templates', null);
    expect(templates).toHaveLength(8 * 3);
    expect(templates.filter((t) => t.key === 'statement_text').map((t) => t.language)).toEqual(['en', 'id', 'sw']);
  });

  it('a cashier may preview but not change or reset a template', async () => {
    expect(
      await refused('messaging.saveTemplate', { key: 'birthday', language: 'en', subject: '', body: 'Hi' }, 'cashier'),
    ).toMatchObject({ code: 'FORBIDDEN' });
    expect(await refused('messaging.resetTemplate', { key: 'birthday', language: 'en' }, 'cashier')).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect((await app.call('messaging.preview', { customerId: baraka, template: 'birthday' }, 'cashier')).ok).toBe(
      true,
    );
  });
});
