import nodemailer from 'nodemailer';
import type { EmailChannel } from '../../../../shared/contract/messaging';
import type { OutgoingMessage, SendOutcome } from './outcome';

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

/** The plain text as simple HTML: paragraphs where the text has blank lines, line breaks where it has one. */
export function htmlBody(text: string): string {
  const paragraphs = text.split(/\n{2,}/).map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`);
  return `<!doctype html><html><body style="font-family:sans-serif">${paragraphs.join('')}</body></html>`;
}

function transportFor(c: EmailChannel, timeoutMs: number) {
  return nodemailer.createTransport({
    host: c.host,
    port: c.port,
    secure: c.security === 'tls',
    requireTLS: c.security === 'starttls',
    ignoreTLS: c.security === 'none',
    auth: c.user ? { user: c.user, pass: c.password ?? '' } : undefined,
    tls: { rejectUnauthorized: !c.allowSelfSigned },
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  });
}

interface MailError {
  code?: string;
  responseCode?: number;
  response?: string;
  message?: string;
}

/** A mail error in words a shopkeeper can act on, and whether trying again later can help. */
export function mailFailure(e: MailError, c: Pick<EmailChannel, 'host' | 'port'>): { retry: boolean; message: string } {
  const server = `${c.host}:${c.port}`;
  const said = (e.response ?? e.message ?? '').replace(/\s+/g, ' ').slice(0, 200);
  if (e.code === 'EENVELOPE' && (e.responseCode ?? 0) >= 500)
    return { retry: false, message: `The mail server refused the address: ${said}` };
  if (e.code === 'EAUTH')
    return { retry: true, message: `The mail server did not accept the user name or password (${said}).` };
  if (e.code === 'ETLS' || /certificate|ssl|tls/i.test(said))
    return { retry: true, message: `A secure connection to ${server} could not be made: ${said}` };
  if (e.code === 'ETIMEDOUT') return { retry: true, message: `The mail server ${server} did not answer in time.` };
  if (e.code === 'ECONNECTION' || e.code === 'ESOCKET' || e.code === 'EDNS')
    return { retry: true, message: `The mail server ${server} could not be reached: ${said}` };
  if ((e.responseCode ?? 0) >= 400)
    return { retry: (e.responseCode ?? 0) < 500, message: `The mail server said: ${said}` };
  return { retry: true, message: `Sending the e-mail failed: ${said}` };
}

/**
 * Sends one e-mail (plain text and HTML, attachments) over the shop's SMTP server. The Message-ID is made from the
 * outbox row, so a receiving system that sees it twice can tell it is the same message.
 */
export async function sendEmail(c: EmailChannel, m: OutgoingMessage, timeoutMs = 15_000): Promise<SendOutcome> {
  const transport = transportFor(c, timeoutMs);
  try {
    const info = await transport.sendMail({
      from: c.from,
      to: m.to,
      subject: m.subject,
      text: m.body,
      html: htmlBody(m.body),
      messageId: `<${m.id}@counterline>`,
      headers: { 'X-Counterline-Key': m.idempotencyKey },
      attachments: m.attachments.map((a) => ({ filename: a.fileName, content: a.bytes, contentType: a.mimeType })),
    });
    if (info.rejected.length && !info.accepted.length)
      return { ok: false, retry: false, message: `The mail server refused ${m.to}: ${info.response}` };
    return { ok: true, providerRef: info.messageId };
  } catch (e) {
    return { ok: false, ...mailFailure(e as MailError, c) };
  } finally {
    transport.close();
  }
}
