import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/main/app';
import { defaultPeriod } from '../../src/main/domains/debts/statements';
import { postAccountEntry } from '../../src/main/domains/ledgers/account';
import { DAY_MS, testClock } from '../../src/shared/clock';
import type { OutboxMessage } from '../../src/shared/contract/messaging';
import { seededRandom, uuidv7Source } from '../../src/shared/ids';
import { DEMO, makeTestApp, signInAs, type TestApp } from '../helpers';

interface Seen {
  path: string;
  headers: IncomingMessage['headers'];
  json: Record<string, unknown>;
}

type TemplateBody = {
  template: { name: string; language: { code: string }; components: Array<{ parameters: Array<{ text: string }> }> };
};

/**
 * A statement of account by WhatsApp: a text with the balance, what is overdue and since when, and the last entries,
 * in the customer's language; through the outbox like every message, only to a customer who agreed to WhatsApp. With
 * the Cloud API set up it is the approved `statement_text` template (a local server answers as Meta documents it);
 * without it, the click-to-chat link a person opens.
 */
describe('a statement by WhatsApp', { timeout: 30_000 }, () => {
  let app: TestApp;
  let server: Server;
  let base: string;
  const seen: Seen[] = [];
  let period: { from: string; to: string };
  const ok = async <T>(name: string, input: unknown, client = 'owner'): Promise<T> => {
    const res = await app.call(name, input, client);
    if (!res.ok) throw new Error(`${name}: ${res.error.code} ${res.error.message}`);
    return res.data as T;
  };
  const customer = async (extra: Record<string, unknown>) => {
    const id = (
      await ok<{ customer: { id: string } }>('customers.create', {
        type: 'individual',
        firstName: 'Ruth',
        lastName: 'Akello',
        phones: [{ number: '+256772123456', isPrimary: true }],
        consentWhatsapp: true,
        allowDuplicate: true,
        ...extra,
      })
    ).customer.id;
    const deps = { ...app, newId: uuidv7Source(app.clock), tillId: () => 'till' };
    app.sqlite.transaction(() => {
      // one invoice three days overdue, one not due for a week
      postAccountEntry(deps, {
        customerId: id,
        kind: 'invoice',
        amount: 42_000,
        currency: 'UGX',
        documentNo: 'S-000042',
        dueAt: app.clock.now() - 3 * DAY_MS,
      });
      postAccountEntry(deps, {
        customerId: id,
        kind: 'invoice',
        amount: 18_000,
        currency: 'UGX',
        documentNo: 'S-000043',
        dueAt: app.clock.now() + 7 * DAY_MS,
      });
    })();
    return id;
  };
  const statement = (customerId: string, key: string, extra: Record<string, unknown> = {}) =>
    ok<OutboxMessage>('messaging.sendStatement', {
      customerId,
      ...period,
      channel: 'whatsapp',
      idempotencyKey: key,
      ...extra,
    });

  beforeEach(async () => {
    seen.length = 0;
    server = createServer((req, res) => {
      let data = '';
      req.on('data', (c) => {
        data += c;
      });
      req.on('end', () => {
        seen.push({ path: req.url ?? '', headers: req.headers, json: JSON.parse(data || '{}') });
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(
          JSON.stringify({
            messaging_product: 'whatsapp',
            contacts: [{ input: '256772123456', wa_id: '256772123456' }],
            messages: [{ id: 'wamid.STATEMENT1' }],
          }),
        );
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    app = makeTestApp();
    app.services.system.createDemoShop();
    await signInAs(app.call, DEMO.owner, DEMO.ownerPin, 'owner');
    await signInAs(app.call, DEMO.cashier, DEMO.cashierPin, 'cashier');
    app.services.messaging.outbox.configure({ backoffMs: 30, maxBackoffMs: 100 });
    app.services.messaging.start({ readReplies: false });
    period = defaultPeriod(app.clock.now(), app.services.messaging.shop().timeZone);
  });
  afterEach(async () => {
    app.dispose();
    await new Promise<void>((r) => server.close(() => r()));
  });

  it('goes over the Cloud API as the statement_text template: balance, overdue, due date and the entries', async () => {
    await ok('messaging.updateSettings', {
      whatsapp: { phoneNumberId: '106540352242922', accessToken: 'EAAG-token', baseUrl: base },
    });
    const ruth = await customer({});
    const queued = await statement(ruth, 'statement-wa-1');
    expect(queued).toMatchObject({ channel: 'whatsapp', template: 'statement_text', to: '+256772123456', link: null });
    const r = await app.services.messaging.outbox.waitFor(queued.id, 8_000);
    const sent = app.services.messaging.message(r?.id ?? queued.id);
    expect(sent.status).toBe('sent');
    expect(seen).toHaveLength(1);
    expect(seen[0]?.path).toBe('/v21.0/106540352242922/messages');
    expect(seen[0]?.headers.authorization).toBe('Bearer EAAG-token');
    const body = seen[0]?.json as unknown as TemplateBody & Record<string, unknown>;
    expect(body).toMatchObject({ messaging_product: 'whatsapp', to: '256772123456', type: 'template' });
    expect(body.template.name).toBe('statement_text');
    expect(body.template.language).toEqual({ code: 'en' });
    const params = body.template.components[0]?.parameters.map((p) => p.text) ?? [];
    const shop = app.services.messaging.shop();
    expect(params.slice(0, 4)).toEqual(['Ruth', shop.name, 'UGX 60,000', 'UGX 42,000']);
    expect(params[4]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // the entries in short, on one line: the Cloud API refuses a parameter with a line break
    expect(params[5]).toMatch(
      /^\d{4}-\d{2}-\d{2} Invoice S-000042 UGX 42,000; \d{4}-\d{2}-\d{2} Invoice S-000043 UGX 18,000$/,
    );
    expect(params.every((p) => p.length > 0 && !/[\n\t]/.test(p))).toBe(true);
    // the text the outbox keeps (and the customer's timeline shows) has the same figures, one entry a line
    expect(sent.body).toContain('Balance: UGX 60,000');
    expect(sent.body).toContain('Overdue: UGX 42,000');
    expect(sent.body).toMatch(/\n\d{4}-\d{2}-\d{2} Invoice S-000042 UGX 42,000\n\d{4}-\d{2}-\d{2} Invoice S-000043/);
    const audit = app.sqlite
      .prepare("SELECT actor_name AS who, changes FROM audit_log WHERE action = 'message.queue' AND entity_id = ?")
      .all(ruth) as Array<{ who: string; changes: string }>;
    expect(audit).toHaveLength(1);
    expect(audit[0]?.who).toBe(DEMO.owner);
    expect(JSON.parse(audit[0]?.changes ?? '[]')).toEqual(
      expect.arrayContaining([
        { field: 'channel', before: null, after: 'whatsapp' },
        { field: 'template', before: null, after: 'statement_text' },
      ]),
    );
    // the same key again is the same message, never a second one
    expect((await statement(ruth, 'statement-wa-1')).id).toBe(queued.id);
    expect(app.sqlite.prepare('SELECT count(*) AS n FROM outbox').get()).toEqual({ n: 1 });
  });

  it('without the Cloud API it is a click-to-chat link with the text in the customer’s language', async () => {
    const baraka = await customer({ firstName: 'Baraka', preferredLanguage: 'sw' });
    const m = await statement(baraka, 'statement-wa-2');
    expect(m).toMatchObject({ channel: 'whatsapp', status: 'sent', template: 'statement_text' });
    expect(m.link).toMatch(/^https:\/\/wa\.me\/256772123456\?text=/);
    const text = decodeURIComponent((m.link ?? '').split('?text=')[1] ?? '');
    expect(text).toBe(m.body);
    expect(text).toMatch(/^Habari Baraka/);
    expect(text).toContain('Salio: UGX 60,000');
    expect(text).toContain('Ankara S-000042');
    expect(seen).toHaveLength(0);
  });

  it('without a period it is the shop’s month so far by the shop’s calendar, also when UTC is still on the day before', async () => {
    expect(app.services.messaging.shop().timeZone).toBe('Africa/Kampala');
    // 22:30 UTC on 31 January is 01:30 on 1 February in Kampala: the entries made now are February's
    app.clock.set(Date.UTC(2026, 0, 31, 22, 30));
    await signInAs(app.call, DEMO.owner, DEMO.ownerPin, 'owner');
    const ruth = await customer({});
    const m = await ok<OutboxMessage>('messaging.sendStatement', {
      customerId: ruth,
      channel: 'whatsapp',
      idempotencyKey: 'statement-wa-late',
    });
    expect(m.body).toContain('Balance: UGX 60,000');
    expect(m.body).toMatch(/\n2026-02-01 Invoice S-000042 UGX 42,000\n2026-02-01 Invoice S-000043 UGX 18,000\n/);
  });

  it('goes only to a customer who agreed to WhatsApp, and says so in words; nothing is queued', async () => {
    const nana = await customer({ firstName: 'Nana', consentWhatsapp: false });
    const res = await app.call(
      'messaging.sendStatement',
      { customerId: nana, ...period, channel: 'whatsapp', idempotencyKey: 'statement-wa-3' },
      'owner',
    );
    expect(res).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(!res.ok && res.error.message).toMatch(/^Nana Akello has not agreed to messages by WhatsApp; ask them/);
    expect(app.sqlite.prepare('SELECT count(*) AS n FROM outbox').get()).toEqual({ n: 0 });
  });

  it('a cashier may send one from the customer page', async () => {
    const ruth = await customer({});
    const res = await app.call(
      'messaging.sendStatement',
      { customerId: ruth, ...period, channel: 'whatsapp', idempotencyKey: 'statement-wa-4' },
      'cashier',
    );
    expect(res.ok).toBe(true);
  });
});

const run = promisify(execFile);

describe('counterline send statement --channel whatsapp', { timeout: 60_000 }, () => {
  let dir = '';
  let customerId = '';
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'counterline-statement-wa-'));
    const clock = testClock(Date.UTC(2026, 0, 20, 9));
    const app = createApp({ dataDir: dir, clock, newId: uuidv7Source(clock, seededRandom(7)), log: () => {} });
    try {
      app.services.system.createDemoShop();
      customerId = app.services.customers.create(
        { id: null, name: 'test' },
        {
          type: 'individual',
          firstName: 'Okello',
          lastName: 'Owes',
          phones: [{ number: '+256772555111', label: 'mobile', isPrimary: true }],
          consentWhatsapp: true,
        },
      ).customer.id;
      const deps = { ...app, newId: uuidv7Source(clock), tillId: () => 'till' };
      app.sqlite.transaction(() =>
        postAccountEntry(deps, {
          customerId,
          kind: 'invoice',
          amount: 90_000,
          currency: 'UGX',
          documentNo: 'S-000090',
          dueAt: clock.now() - 5 * DAY_MS,
        }),
      )();
    } finally {
      app.close();
    }
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('gives the click-to-chat link to open when the Cloud API is not set up (exit 0, --json too)', async () => {
    const { stdout } = await run(
      process.execPath,
      [
        'bin/counterline.mjs',
        'send',
        'statement',
        customerId,
        '--from',
        '2026-01-01',
        '--to',
        '2026-01-20',
        '--channel',
        'whatsapp',
        '--json',
        '--data-dir',
        dir,
      ],
      { encoding: 'utf8' },
    );
    const out = JSON.parse(stdout) as { status: string; channel: string; to: string; link: string };
    expect(out).toMatchObject({ status: 'sent', channel: 'whatsapp', to: '+256772555111' });
    expect(out.link).toMatch(/^https:\/\/wa\.me\/256772555111\?text=Hello%20Okello/);
    expect(decodeURIComponent(out.link)).toContain('Balance: UGX 90,000');
  });
});
