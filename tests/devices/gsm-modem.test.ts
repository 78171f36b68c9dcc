import { SerialPort } from 'serialport';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OutboxMessage } from '../../src/shared/contract/messaging';
import { DEMO, makeTestApp, signInAs, type TestApp } from '../helpers';
import { type PtyPair, socatPair } from './fake-printers';

type Mode = 'ok' | 'no-network' | 'silent';

/**
 * A GSM modem in SMS text mode on the far end of a pty pair, answering as 3GPP TS 27.005 says: OK to AT and
 * AT+CMGF=1, the "> " prompt to AT+CMGS="number", then +CMGS: <mr> and OK once the text ends with Ctrl-Z.
 */
async function scriptedModem(
  path: string,
  mode: () => Mode,
  inbox: Array<{ index: number; from: string; text: string }> = [],
) {
  const port = new SerialPort({ path, baudRate: 115_200, autoOpen: false });
  await new Promise<void>((res, rej) => port.open((e) => (e ? rej(e) : res())));
  const texts: Array<{ to: string; text: string }> = [];
  const commands: string[] = [];
  let buffer = '';
  let to: string | null = null;
  let mr = 16;
  port.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('latin1');
    for (;;) {
      if (to !== null) {
        const end = buffer.indexOf('\x1a');
        if (end < 0) return;
        const text = buffer.slice(0, end);
        buffer = buffer.slice(end + 1);
        if (mode() === 'no-network') port.write('\r\n+CMS ERROR: 331\r\n');
        else {
          texts.push({ to, text });
          port.write(`\r\n+CMGS: ${++mr}\r\n\r\nOK\r\n`);
        }
        to = null;
        continue;
      }
      const cr = buffer.indexOf('\r');
      if (cr < 0) return;
      const command = buffer.slice(0, cr).replaceAll('\x1b', '');
      buffer = buffer.slice(cr + 1);
      commands.push(command);
      if (mode() === 'silent') continue;
      const cmgs = /^AT\+CMGS="([^"]+)"$/.exec(command);
      if (cmgs) {
        to = cmgs[1] as string;
        port.write('\r\n> ');
      } else if (command === 'AT' || command === 'AT+CMGF=1') port.write('\r\nOK\r\n');
      else if (command === 'AT+CMGL="REC UNREAD"') {
        // 3GPP TS 27.005 §3.4.2 text mode: +CMGL: <index>,<stat>,<oa>,[<alpha>],[<scts>] then the text
        const listing = inbox
          .map((m) => `\r\n+CMGL: ${m.index},"REC UNREAD","${m.from}",,"26/12/07,09:15:00+12"\r\n${m.text}`)
          .join('');
        port.write(`${listing}\r\n\r\nOK\r\n`);
      } else if (/^AT\+CMGD=\d+$/.test(command)) {
        const at = inbox.findIndex((m) => m.index === Number(command.slice(8)));
        if (at >= 0) inbox.splice(at, 1);
        port.write('\r\nOK\r\n');
      } else port.write('\r\nERROR\r\n');
    }
  });
  return { texts, commands, close: () => new Promise<void>((r) => port.close(() => r())) };
}

describe('SMS through a GSM modem on a serial port (socat pty pair, scripted modem)', { timeout: 30_000 }, () => {
  let app: TestApp;
  let pair: PtyPair;
  let customerId: string;
  let mode: Mode = 'ok';
  beforeEach(async () => {
    mode = 'ok';
    pair = await socatPair();
    app = makeTestApp();
    app.services.system.createDemoShop();
    await signInAs(app.call, DEMO.owner, DEMO.ownerPin, 'owner');
    app.services.messaging.outbox.configure({ backoffMs: 30, maxBackoffMs: 100 });
    app.services.messaging.start();
    const made = await app.call(
      'customers.create',
      {
        type: 'individual',
        firstName: 'Juma',
        lastName: 'Mwangi',
        phones: [{ number: '+256772123499', isPrimary: true }],
        consentSms: true,
      },
      'owner',
    );
    if (!made.ok) throw new Error(made.error.message);
    customerId = (made.data as { customer: { id: string } }).customer.id;
    const set = await app.call(
      'messaging.updateSettings',
      { modem: { path: pair.a, baudRate: 115_200, timeoutMs: 700 } },
      'owner',
    );
    if (!set.ok) throw new Error(set.error.message);
  });
  afterEach(async () => {
    app.dispose();
    await pair.close();
  });

  const send = async (key: string) => {
    const res = await app.call(
      'messaging.send',
      { customerId, template: 'payment_reminder', channel: 'sms', idempotencyKey: key },
      'owner',
    );
    if (!res.ok) throw new Error(res.error.message);
    return res.data as OutboxMessage;
  };
  const until = async (id: string, pred: (m: OutboxMessage) => boolean) => {
    for (let i = 0; i < 250; i++) {
      const m = app.services.messaging.message(id);
      if (pred(m)) return m;
      await new Promise((r) => setTimeout(r, 20));
    }
    return app.services.messaging.message(id);
  };

  it('sends in text mode: AT, AT+CMGF=1, AT+CMGS with the number, the text and Ctrl-Z; +CMGS marks it sent', async () => {
    const modem = await scriptedModem(pair.b, () => mode);
    try {
      const m = await send('modem-sms-1');
      const sent = await until(m.id, (x) => x.status === 'sent');
      expect(sent.status).toBe('sent');
      expect(modem.commands.slice(0, 3)).toEqual(['AT', 'AT+CMGF=1', 'AT+CMGS="+256772123499"']);
      expect(modem.texts).toEqual([{ to: '+256772123499', text: expect.stringContaining('Hello Juma, this is') }]);
      const ref = app.sqlite.prepare('SELECT provider_ref AS r FROM outbox WHERE id = ?').get(m.id) as { r: string };
      expect(ref.r).toBe('mr:17');
    } finally {
      await modem.close();
    }
  });

  it('keeps the message queued with the reason when the modem has no network, and sends it once it has', async () => {
    mode = 'no-network';
    const modem = await scriptedModem(pair.b, () => mode);
    try {
      const m = await send('modem-sms-2');
      const held = await until(m.id, (x) => x.lastError !== null);
      expect(held.status).not.toBe('sent');
      expect(held.lastError).toBe(
        'Sending the SMS failed: the modem answered +CMS ERROR 331 (there is no network signal).',
      );
      mode = 'ok';
      const sent = await until(m.id, (x) => x.status === 'sent');
      expect(sent.status).toBe('sent');
      expect(modem.texts).toHaveLength(1);
    } finally {
      await modem.close();
    }
  });

  it('keeps the message queued when the modem does not answer', async () => {
    mode = 'silent';
    const modem = await scriptedModem(pair.b, () => mode);
    try {
      const m = await send('modem-sms-3');
      const held = await until(m.id, (x) => x.lastError !== null);
      expect(held.status).not.toBe('sent');
      expect(held.lastError).toMatch(/^The modem on .* did not answer AT within 0.7 s\.$/);
    } finally {
      await modem.close();
    }
  });

  it('reads replies from the modem inbox: STOP withdraws that number’s consent to SMS, each read message is deleted', async () => {
    const inbox = [
      { index: 1, from: '+256772123499', text: 'STOP' },
      { index: 2, from: '+256700000001', text: 'Asante sana' },
    ];
    const modem = await scriptedModem(pair.b, () => mode, inbox);
    try {
      const res = await app.call('messaging.checkReplies', null, 'owner');
      expect(res.ok && res.data).toEqual({
        read: 2,
        stops: 1,
        message: '2 replies read from the modem, 1 asking to stop.',
      });
      expect(modem.commands).toEqual(['AT+CMGF=1', 'AT+CMGL="REC UNREAD"', 'AT+CMGD=1', 'AT+CMGD=2']);
      expect(inbox).toEqual([]);
      expect(app.sqlite.prepare('SELECT consent_sms AS c FROM customers WHERE id = ?').get(customerId)).toEqual({
        c: 0,
      });
      const refused = await app.call(
        'messaging.send',
        { customerId, template: 'payment_reminder', channel: 'sms', idempotencyKey: 'after-stop-1' },
        'owner',
      );
      expect(!refused.ok && refused.error.message).toMatch(/has not agreed to messages by SMS/);
      mode = 'silent';
      const silent = await app.call('messaging.checkReplies', null, 'owner');
      expect(silent.ok && silent.data).toMatchObject({
        read: 0,
        stops: 0,
        message: expect.stringMatching(/did not answer AT\+CMGF=1/),
      });
    } finally {
      await modem.close();
    }
  });
});
