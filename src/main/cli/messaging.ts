import { randomUUID } from 'node:crypto';
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { SMTP_SECURITY } from '../../shared/contract/messaging';
import { fail, withShop } from './shop';

const ACTOR = { id: null, name: 'command line' };
const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** How long `send` waits for the message to go before saying it is still queued. */
const SEND_WAIT_MS = 30_000;

function parse(args: string[], options: NonNullable<ParseArgsConfig['options']>, usage: string) {
  try {
    return parseArgs({ args, allowPositionals: true, options });
  } catch (e) {
    return { error: `${(e as Error).message}\n${usage}` };
  }
}

const SMTP_USAGE =
  'Usage: counterline messaging smtp --host H --port P [--security none|starttls|tls] [--user U --password-env VAR] --from ADDRESS [--data-dir D]';

const REPLY_USAGE =
  'Usage: counterline messaging reply --from PHONE --text TEXT [--json] [--data-dir D]  (an SMS gateway forwarder calls this with each reply)';

/**
 * `counterline messaging reply --from … --text …`: a customer's SMS reply, as a gateway's callback or forwarder hands
 * it over; STOP withdraws that number's consent to SMS.
 */
async function replyCommand(args: string[]): Promise<number> {
  const parsed = parse(
    args,
    {
      from: { type: 'string' },
      text: { type: 'string' },
      json: { type: 'boolean', default: false },
      'data-dir': { type: 'string' },
    },
    REPLY_USAGE,
  );
  if ('error' in parsed) return fail(parsed.error, 2);
  const v = parsed.values as Record<string, string | boolean | undefined>;
  if (typeof v.from !== 'string' || typeof v.text !== 'string' || parsed.positionals.length)
    return fail(REPLY_USAGE, 2);
  const reply = { from: v.from, text: v.text };
  return withShop(v['data-dir'] as string | undefined, async (app) => {
    const out = app.services.messaging.reply({ id: null, name: 'command line (SMS reply)' }, reply);
    if (v.json) console.log(JSON.stringify(out));
    else if (!out.customers.length) console.log(`No customer has the number ${reply.from}; nothing changed.`);
    else if (out.stop)
      console.log(
        `${out.customers.map((c) => c.name).join(', ')} will get no more SMS (they replied ${reply.text.trim()}).`,
      );
    else console.log(`A reply from ${out.customers.map((c) => c.name).join(', ')}; it does not ask to stop.`);
    return 0;
  });
}

/** `counterline messaging smtp …`: sets the e-mail channel; the password comes from an environment variable. */
export async function messagingCommand(args: string[]): Promise<number> {
  if (args[0] === 'reply') return replyCommand(args.slice(1));
  if (args[0] !== 'smtp') return fail(`${SMTP_USAGE}\n${REPLY_USAGE}`, 2);
  if (args.some((a) => a === '--password' || a.startsWith('--password=')))
    return fail(
      'The password is never given on the command line (other users can see it); put it in an environment variable and name it with --password-env VAR.',
      2,
    );
  const parsed = parse(
    args.slice(1),
    {
      host: { type: 'string' },
      port: { type: 'string' },
      security: { type: 'string' },
      user: { type: 'string' },
      'password-env': { type: 'string' },
      from: { type: 'string' },
      'allow-self-signed': { type: 'boolean', default: false },
      'data-dir': { type: 'string' },
    },
    SMTP_USAGE,
  );
  if ('error' in parsed) return fail(parsed.error, 2);
  const v = parsed.values as Record<string, string | boolean | undefined>;
  const host = v.host as string | undefined;
  const from = v.from as string | undefined;
  if (!host || !v.port || !from || parsed.positionals.length) return fail(SMTP_USAGE, 2);
  const port = Number(v.port);
  if (!Number.isInteger(port) || port < 1 || port > 65_535)
    return fail(`--port must be a port number, not ${v.port}`, 2);
  const security = (v.security as string | undefined) ?? (port === 465 ? 'tls' : port === 25 ? 'none' : 'starttls');
  if (!(SMTP_SECURITY as readonly string[]).includes(security))
    return fail(`--security must be none, starttls or tls, not ${security}`, 2);
  const user = (v.user as string | undefined) ?? null;
  const envName = v['password-env'] as string | undefined;
  if (envName && !user) return fail('--password-env goes with --user: name the account the password is for.', 2);
  let password: string | null = null;
  if (envName) {
    password = process.env[envName] ?? null;
    if (password === null) return fail(`The environment variable ${envName} is not set; set it to the password first.`);
  }
  return withShop(v['data-dir'] as string | undefined, async (app) => {
    app.services.messaging.updateSettings(ACTOR, {
      email: {
        host,
        port,
        security: security as 'none' | 'starttls' | 'tls',
        user,
        from,
        allowSelfSigned: v['allow-self-signed'] === true,
        // no --password-env and no user: no password; a user without --password-env keeps the one already kept
        ...(password !== null || !user ? { password } : {}),
      },
    });
    console.log(
      `E-mail goes through ${host}:${port} (${security}) from ${from}${user ? ` as ${user}${password ? ', password kept' : ''}` : ''}.`,
    );
    return 0;
  });
}

const SEND_USAGE =
  'Usage: counterline send statement CUSTOMER_ID --from YYYY-MM-DD --to YYYY-MM-DD --channel email|whatsapp [--to-address A] [--json] [--data-dir D]';

/**
 * `counterline send statement …`: queues the statement through the outbox (by e-mail the PDF attached; by WhatsApp
 * the text, over the Cloud API when it is set up, else as a click-to-chat link printed for a person to open) and
 * waits up to 30 s for it to go. Exit 0 when sent (or the link given out); 1 with the reason in one line when it was
 * refused or has not gone (it stays queued).
 */
export async function sendCommand(args: string[]): Promise<number> {
  if (args[0] !== 'statement') return fail(SEND_USAGE, 2);
  const parsed = parse(
    args.slice(1),
    {
      from: { type: 'string' },
      to: { type: 'string' },
      channel: { type: 'string', default: 'email' },
      'to-address': { type: 'string' },
      json: { type: 'boolean', default: false },
      'data-dir': { type: 'string' },
    },
    SEND_USAGE,
  );
  if ('error' in parsed) return fail(parsed.error, 2);
  const v = parsed.values as Record<string, string | boolean | undefined>;
  const from = v.from as string | undefined;
  const to = v.to as string | undefined;
  if (!from || !to || parsed.positionals.length !== 1) return fail(SEND_USAGE, 2);
  for (const [name, d] of [
    ['--from', from],
    ['--to', to],
  ])
    if (!DATE.test(d as string)) return fail(`${name} must be a date as YYYY-MM-DD, not ${d}`, 2);
  if (v.channel !== 'email' && v.channel !== 'whatsapp')
    return fail(`A statement goes by e-mail or WhatsApp (--channel email|whatsapp), not ${v.channel}.`, 2);
  const channel = v.channel;
  const customerId = parsed.positionals[0] as string;
  const wait = Number(process.env.COUNTERLINE_SEND_WAIT_MS ?? SEND_WAIT_MS);
  return withShop(v['data-dir'] as string | undefined, async (app) => {
    const messaging = app.services.messaging;
    const queued = await messaging.sendStatement(ACTOR, {
      customerId,
      from,
      to,
      channel,
      toAddress: v['to-address'] as string | undefined,
      idempotencyKey: `cli-statement-${randomUUID()}`,
    });
    // a host may be running on this shop, sending: its in-flight messages are not ours to set aside
    messaging.start({ reconcile: false, readReplies: false });
    await messaging.outbox.waitFor(queued.id, wait);
    messaging.stop();
    const m = messaging.message(queued.id);
    if (v.json)
      console.log(
        JSON.stringify({
          messageId: m.id,
          status: m.status,
          channel: m.channel,
          to: m.to,
          ...(m.link ? { link: m.link } : {}),
        }),
      );
    if (m.status === 'sent') {
      if (v.json) return 0;
      // click-to-chat: Counterline sends nothing itself; a person opens the link and presses send in WhatsApp
      if (m.link) console.log(`Statement ${from} to ${to} for ${m.to}: open ${m.link} and press send in WhatsApp.`);
      else console.log(`Statement ${from} to ${to} sent to ${m.to} (message ${m.id}).`);
      return 0;
    }
    const why = (m.lastError ?? 'it has not gone yet').replace(/\s+/g, ' ');
    return fail(
      m.status === 'failed'
        ? `Not sent: ${why}`
        : `Not sent yet: ${why} It stays queued (message ${m.id}) and goes when Counterline runs; see counterline outbox.`,
    );
  });
}

/** `counterline outbox [--json]`: what waits to be sent, and why. */
export async function outboxCommand(args: string[]): Promise<number> {
  const usage = 'Usage: counterline outbox [--all] [--json] [--data-dir D]';
  const parsed = parse(
    args,
    {
      json: { type: 'boolean', default: false },
      all: { type: 'boolean', default: false },
      'data-dir': { type: 'string' },
    },
    usage,
  );
  if ('error' in parsed) return fail(parsed.error, 2);
  if (parsed.positionals.length) return fail(usage, 2);
  const v = parsed.values as Record<string, string | boolean | undefined>;
  return withShop(v['data-dir'] as string | undefined, async (app) => {
    const rows = app.services.messaging.list({ status: v.all ? undefined : 'waiting', limit: 500 });
    if (v.json) {
      console.log(
        JSON.stringify(
          rows.map((m) => ({
            messageId: m.id,
            status: m.status,
            channel: m.channel,
            to: m.to,
            template: m.template,
            attempts: m.attempts,
            reason: m.lastError,
            nextAttemptAt: m.nextAttemptAt === null ? null : new Date(m.nextAttemptAt).toISOString(),
            createdAt: new Date(m.createdAt).toISOString(),
          })),
        ),
      );
      return 0;
    }
    if (!rows.length) {
      console.log(v.all ? 'The outbox is empty.' : 'Nothing is waiting to be sent.');
      return 0;
    }
    for (const m of rows)
      console.log(
        [m.status.padEnd(9), m.channel.padEnd(8), m.to.padEnd(28), m.template.padEnd(16), m.lastError ?? ''].join(' '),
      );
    return 0;
  });
}
