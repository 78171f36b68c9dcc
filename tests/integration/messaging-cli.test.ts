import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/main/app';
import { postAccountEntry } from '../../src/main/domains/ledgers/account';
import { DAY_MS, testClock } from '../../src/shared/clock';
import { seededRandom, uuidv7Source } from '../../src/shared/ids';
import { startMailServer } from '../mail-server';

const run = promisify(execFile);
/** The CLI as a child process, without blocking this process (the SMTP server answers from here). */
async function cli(args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await run(process.execPath, ['bin/counterline.mjs', ...args], {
      encoding: 'utf8',
      env: { ...process.env, ...env },
    });
    return { status: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { status: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

describe('counterline messaging smtp / send statement / outbox', { timeout: 120_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'counterline-messaging-cli-'));
  let customerId = '';
  let noConsent = '';
  let mail: Awaited<ReturnType<typeof startMailServer>>;
  beforeAll(async () => {
    mail = await startMailServer();
    const clock = testClock(Date.UTC(2026, 0, 20, 9));
    const app = createApp({ dataDir: dir, clock, newId: uuidv7Source(clock, seededRandom(5)), log: () => {} });
    try {
      app.services.system.createDemoShop();
      const actor = { id: null, name: 'test' };
      customerId = app.services.customers.create(actor, {
        type: 'individual',
        firstName: 'Okello',
        lastName: 'Owes',
        email: 'okello@example.test',
        consentEmail: true,
      }).customer.id;
      noConsent = app.services.customers.create(actor, {
        type: 'individual',
        firstName: 'Nana',
        lastName: 'Private',
        email: 'nana@example.test',
      }).customer.id;
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
  afterAll(async () => {
    await mail.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a password on the command line, and an unset --password-env, with exit 2 and 1', async () => {
    const inline = await cli([
      'messaging',
      'smtp',
      '--host',
      'h',
      '--port',
      '25',
      '--from',
      'a@b.c',
      '--password',
      'x',
    ]);
    expect(inline.status).toBe(2);
    expect(inline.stderr).toMatch(/never given on the command line/);
    const unset = await cli([
      'messaging',
      'smtp',
      '--host',
      'h',
      '--port',
      '587',
      '--user',
      'u',
      '--password-env',
      'NO_SUCH_VAR_CL',
      '--from',
      'a@b.c',
      '--data-dir',
      dir,
    ]);
    expect(unset.status).toBe(1);
    expect(unset.stderr).toMatch(/NO_SUCH_VAR_CL is not set/);
  });

  it('sets SMTP, sends a statement with its PDF and prints the documented JSON; the outbox then has nothing waiting', async () => {
    const set = await cli(
      [
        'messaging',
        'smtp',
        '--host',
        '127.0.0.1',
        '--port',
        String(mail.port),
        '--security',
        'none',
        '--from',
        'shop@counterline.test',
        '--data-dir',
        dir,
      ],
      {},
    );
    expect(set.stderr).toBe('');
    expect(set.status).toBe(0);
    expect(set.stdout).toContain(`127.0.0.1:${mail.port} (none)`);

    const sent = await cli([
      'send',
      'statement',
      customerId,
      '--from',
      '2026-01-01',
      '--to',
      '2026-01-31',
      '--channel',
      'email',
      '--json',
      '--data-dir',
      dir,
    ]);
    expect(sent.stderr).toBe('');
    expect(sent.status).toBe(0);
    const out = JSON.parse(sent.stdout);
    expect(Object.keys(out)).toEqual(['messageId', 'status', 'channel', 'to']);
    expect(out).toMatchObject({ status: 'sent', channel: 'email', to: 'okello@example.test' });
    expect(mail.received).toHaveLength(1);
    expect(mail.received[0]?.mail.attachments[0]?.contentType).toBe('application/pdf');
    expect(mail.received[0]?.mail.text).toContain('UGX 90,000');

    const other = await cli([
      'send',
      'statement',
      customerId,
      '--from',
      '2026-01-01',
      '--to',
      '2026-01-31',
      '--to-address',
      'accounts@example.test',
      '--data-dir',
      dir,
    ]);
    expect(other.status).toBe(0);
    expect(other.stdout).toMatch(/sent to accounts@example.test/);
    expect(mail.received[1]?.envelopeTo).toEqual(['accounts@example.test']);

    const outbox = await cli(['outbox', '--json', '--data-dir', dir]);
    expect(outbox.status).toBe(0);
    expect(JSON.parse(outbox.stdout)).toEqual([]);
  });

  it('says in one line why a statement did not go, leaving it queued for the outbox to list', async () => {
    const consent = await cli([
      'send',
      'statement',
      noConsent,
      '--from',
      '2026-01-01',
      '--to',
      '2026-01-31',
      '--data-dir',
      dir,
    ]);
    expect(consent.status).toBe(1);
    expect(consent.stderr.trim()).toBe(
      'Nana Private has not agreed to messages by e-mail; ask them and tick it on their page.',
    );

    await cli([
      'messaging',
      'smtp',
      '--host',
      '127.0.0.1',
      '--port',
      '1',
      '--security',
      'none',
      '--from',
      'shop@counterline.test',
      '--data-dir',
      dir,
    ]);
    const down = await cli(
      ['send', 'statement', customerId, '--from', '2026-01-01', '--to', '2026-01-31', '--json', '--data-dir', dir],
      { COUNTERLINE_SEND_WAIT_MS: '1500' },
    );
    expect(down.status).toBe(1);
    expect(down.stderr.trim().split('\n')).toHaveLength(1);
    expect(down.stderr).toMatch(/^Not sent yet: The mail server 127.0.0.1:1 could not be reached/);
    expect(JSON.parse(down.stdout).status).toBe('queued');

    const outbox = await cli(['outbox', '--json', '--data-dir', dir]);
    const waiting = JSON.parse(outbox.stdout);
    expect(waiting).toEqual([
      expect.objectContaining({
        status: 'queued',
        channel: 'email',
        reason: expect.stringMatching(/could not be reached/),
      }),
    ]);
    const text = await cli(['outbox', '--data-dir', dir]);
    expect(text.stdout).toMatch(/^queued\s+email\s+okello@example.test\s+statement\s+The mail server/);
  });

  it('leaves a message another Counterline is handing over alone (a host may be sending while the command runs)', async () => {
    const db = new Database(join(dir, 'counterline.db'));
    const inFlight = db.prepare("SELECT id FROM outbox WHERE status = 'queued' LIMIT 1").get() as { id: string };
    db.prepare("UPDATE outbox SET status = 'sending' WHERE id = ?").run(inFlight.id);
    db.close();
    const res = await cli(
      ['send', 'statement', customerId, '--from', '2026-01-01', '--to', '2026-01-31', '--data-dir', dir],
      { COUNTERLINE_SEND_WAIT_MS: '300' },
    );
    expect(res.status).toBe(1);
    const check = new Database(join(dir, 'counterline.db'), { readonly: true });
    const row = check.prepare('SELECT status FROM outbox WHERE id = ?').get(inFlight.id) as { status: string };
    check.close();
    expect(row.status).toBe('sending');
  });
});
