import { SerialPort } from 'serialport';
import type { GsmModem } from '../../../../shared/contract/messaging';
import type { OutgoingMessage, SendOutcome } from './outcome';

const CTRL_Z = '\x1a';
const ESC = '\x1b';

/** What some +CMS ERROR codes (3GPP TS 27.005 §3.2.5) mean, in words; others are quoted as numbers. */
const CMS_WORDS: Record<number, string> = {
  38: 'the network is out of order',
  41: 'the network is busy',
  42: 'the network is congested',
  301: 'the modem is not ready for SMS',
  310: 'there is no SIM card',
  311: 'the SIM card wants its PIN',
  322: 'the SIM card memory is full',
  330: 'the SIM card does not know the SMS centre number',
  331: 'there is no network signal',
  332: 'the network did not answer in time',
};

class ModemLine {
  private buffer = '';
  private waiter: (() => void) | null = null;

  constructor(private port: SerialPort) {
    port.on('data', (chunk: Buffer) => {
      this.buffer += chunk.toString('latin1');
      this.waiter?.();
    });
  }

  write(text: string): Promise<void> {
    return new Promise((resolve, reject) => {
      this.port.write(Buffer.from(text, 'latin1'), (e) => (e ? reject(e) : this.port.drain(() => resolve())));
    });
  }

  /** Waits for the pattern; returns what came before it and its first group, and drops both. */
  async before(pattern: RegExp, ms: number): Promise<[string, string] | null> {
    return this.until((): [string, string] | null => {
      const m = pattern.exec(this.buffer);
      if (!m) return null;
      const text = this.buffer.slice(0, m.index);
      this.buffer = this.buffer.slice(m.index + m[0].length);
      return [text, m[1] ?? ''];
    }, ms);
  }

  /** Waits for one of the answers; returns its match and drops what was read up to it. */
  async expect(patterns: RegExp[], ms: number): Promise<RegExpExecArray | null> {
    return this.until(() => {
      for (const p of patterns) {
        const m = p.exec(this.buffer);
        if (m) {
          this.buffer = this.buffer.slice(m.index + m[0].length);
          return m;
        }
      }
      return null;
    }, ms);
  }

  /** Tries `find` on what has come in, again each time more comes, until it finds something or `ms` have passed. */
  private async until<T>(find: () => T | null, ms: number): Promise<T | null> {
    const end = Date.now() + ms;
    for (;;) {
      const found = find();
      if (found !== null) return found;
      const left = end - Date.now();
      if (left <= 0) return null;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiter = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.waiter = null;
    }
  }
}

const OK = /\r?\nOK\r?\n|^OK\r?\n/m;
const ERROR = /(\+CM[SE] ERROR: *(\d+)|\r?\nERROR\r?\n)/;
const PROMPT = /> ?/;
const SENT = /\+CMGS: *(\d+)[\s\S]*?OK\r?\n/;

function cmsWords(m: RegExpExecArray): string {
  const code = m[2] ? Number(m[2]) : null;
  if (code === null) return 'the modem answered ERROR';
  return `the modem answered +CMS ERROR ${code}${CMS_WORDS[code] ? ` (${CMS_WORDS[code]})` : ''}`;
}

/**
 * One SMS through a GSM modem on a serial port, in text mode (3GPP TS 27.005): AT, AT+CMGF=1, AT+CMGS="number",
 * the text after the `>` prompt, Ctrl-Z, then `+CMGS: <reference>` and OK. A modem that does not answer, is not there or
 * reports a network or SIM problem keeps the message queued; the words say which.
 */
export function sendByModem(m: GsmModem, msg: Pick<OutgoingMessage, 'to' | 'body'>): Promise<SendOutcome> {
  return oneAtATime(m.path, () => send(m, msg));
}

/** One conversation with a modem at a time (a send and an inbox read would interleave their AT commands). */
const busy = new Map<string, Promise<unknown>>();
function oneAtATime<T>(path: string, work: () => Promise<T>): Promise<T> {
  const run = (busy.get(path) ?? Promise.resolve()).then(work, work);
  const settled = run.catch(() => {});
  busy.set(path, settled);
  void settled.then(() => busy.get(path) === settled && busy.delete(path));
  return run;
}

async function send(m: GsmModem, msg: Pick<OutgoingMessage, 'to' | 'body'>): Promise<SendOutcome> {
  const port = new SerialPort({ path: m.path, baudRate: m.baudRate, autoOpen: false });
  try {
    await new Promise<void>((resolve, reject) => port.open((e) => (e ? reject(e) : resolve())));
  } catch (e) {
    return { ok: false, retry: true, message: `The modem on ${m.path} could not be opened: ${(e as Error).message}` };
  }
  const line = new ModemLine(port);
  const step = async (command: string, wait: RegExp[], what: string) => {
    await line.write(command);
    const got = await line.expect([...wait, ERROR], m.timeoutMs);
    if (!got) throw new ModemProblem(`The modem on ${m.path} did not answer ${what} within ${m.timeoutMs / 1000} s.`);
    if (ERROR.test(got[0]) && !wait.some((w) => w.test(got[0])))
      throw new ModemProblem(`Sending the SMS failed: ${cmsWords(got)}.`);
    return got;
  };
  try {
    await step('AT\r', [OK], 'AT');
    await step('AT+CMGF=1\r', [OK], 'AT+CMGF=1');
    const to = msg.to.replace(/[^\d+]/g, '');
    await step(`AT+CMGS="${to}"\r`, [PROMPT], 'AT+CMGS');
    // text mode: no control characters inside the text (Ctrl-Z ends it, Esc cancels it)
    const text = msg.body.replaceAll(CTRL_Z, ' ').replaceAll(ESC, ' ').replace(/\r?\n/g, '\r');
    const sent = await step(`${text}${CTRL_Z}`, [SENT], 'the message');
    return { ok: true, providerRef: `mr:${sent[1]}` };
  } catch (e) {
    if (e instanceof ModemProblem) {
      // leave the modem ready for the next command
      await line.write(ESC).catch(() => {});
      return { ok: false, retry: true, message: e.message };
    }
    return { ok: false, retry: true, message: `The modem on ${m.path} failed: ${(e as Error).message}` };
  } finally {
    await new Promise<void>((resolve) => (port.isOpen ? port.close(() => resolve()) : resolve()));
  }
}

class ModemProblem extends Error {}

export interface InboxMessage {
  index: number;
  from: string;
  text: string;
}

/** The text-mode listing `+CMGL: <index>,"<stat>","<from>",[<alpha>],"<time>"` then the text, for each message. */
export function parseCmgl(listing: string): InboxMessage[] {
  const out: InboxMessage[] = [];
  const lines = listing.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const head = /^\+CMGL: *(\d+), *"[^"]*", *"([^"]*)"/.exec(lines[i] ?? '');
    if (!head) continue;
    const text: string[] = [];
    while (i + 1 < lines.length && !/^\+CMGL:/.test(lines[i + 1] ?? '')) text.push(lines[++i] ?? '');
    out.push({ index: Number(head[1]), from: head[2] ?? '', text: text.join('\n').trim() });
  }
  return out;
}

/**
 * Reads the messages the modem has received and not yet read (`AT+CMGL="REC UNREAD"` in text mode), then deletes
 * each one read (`AT+CMGD=<index>`) so the SIM card's memory does not fill. A modem that does not answer says so.
 */
export function readInbox(
  m: GsmModem,
): Promise<{ ok: true; messages: InboxMessage[] } | { ok: false; message: string }> {
  return oneAtATime(m.path, async () => {
    const port = new SerialPort({ path: m.path, baudRate: m.baudRate, autoOpen: false });
    try {
      await new Promise<void>((resolve, reject) => port.open((e) => (e ? reject(e) : resolve())));
    } catch (e) {
      return { ok: false, message: `The modem on ${m.path} could not be opened: ${(e as Error).message}` };
    }
    const line = new ModemLine(port);
    const ask = async (command: string) => {
      await line.write(command);
      const answer = await line.before(/\r?\n(OK|ERROR|\+CM[SE] ERROR: *\d+)\r?\n/, m.timeoutMs);
      if (answer === null) throw new ModemProblem(`The modem on ${m.path} did not answer ${command.trim()}.`);
      if (answer[1] !== 'OK') throw new ModemProblem(`The modem answered ${answer[1]} to ${command.trim()}.`);
      return answer[0];
    };
    try {
      await ask('AT+CMGF=1\r');
      const messages = parseCmgl(await ask('AT+CMGL="REC UNREAD"\r'));
      for (const msg of messages) await ask(`AT+CMGD=${msg.index}\r`);
      return { ok: true, messages };
    } catch (e) {
      return { ok: false, message: (e as Error).message };
    } finally {
      await new Promise<void>((resolve) => (port.isOpen ? port.close(() => resolve()) : resolve()));
    }
  });
}
