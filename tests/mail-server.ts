import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface Received {
  envelopeTo: string[];
  mail: ParsedMail;
}

/**
 * A real SMTP server on 127.0.0.1 (plain, no STARTTLS) that parses each message it accepts. `refuse` makes it answer
 * RCPT TO with a 550 for that address; `failData` makes it answer the message itself with a temporary 451.
 */
export async function startMailServer(opts: { refuse?: string; failData?: boolean; beforeAccept?: () => void } = {}) {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, cb) {
      if (opts.refuse && address.address === opts.refuse) {
        const err = Object.assign(new Error('5.1.1 No such mailbox here'), { responseCode: 550 });
        return cb(err);
      }
      cb();
    },
    onData(stream, session, cb) {
      simpleParser(stream).then(
        (mail) => {
          if (opts.failData) return cb(Object.assign(new Error('4.3.0 Try again later'), { responseCode: 451 }));
          received.push({ envelopeTo: session.envelope.rcptTo.map((r) => r.address), mail });
          opts.beforeAccept?.();
          cb();
        },
        (e: Error) => cb(e),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { port, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
