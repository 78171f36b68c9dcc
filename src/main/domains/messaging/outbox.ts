import type { MessageChannel, MessagingSettings, OutboxMessage } from '../../../shared/contract/messaging';
import { stmt } from '../../db/statements';
import { DrainLoop } from '../../drain-loop';
import type { Deps } from '../deps';
import { sendEmail } from './channels/email';
import { sendByModem } from './channels/gsm-modem';
import type { OutgoingMessage, SendOutcome } from './channels/outcome';
import { sendSms } from './channels/sms-http';
import { waLink } from './channels/whatsapp';
import { sendWhatsappCloud } from './channels/whatsapp-cloud';
import { quietUntil } from './consent';

export interface OutboxRow {
  id: string;
  idempotencyKey: string;
  customerId: string | null;
  customerName: string | null;
  channel: MessageChannel;
  toAddress: string;
  template: string;
  marketing: number;
  subject: string;
  body: string;
  status: OutboxMessage['status'];
  attempts: number;
  lastError: string | null;
  nextAttemptAt: number | null;
  sentAt: number | null;
  createdAt: number;
  /** JSON: the template's language and placeholder values (null on a click-to-chat or older message) */
  templateValues: string | null;
}

const ROW_SQL = `SELECT m.id, m.idempotency_key AS idempotencyKey, m.customer_id AS customerId,
  c.display_name AS customerName, m.channel, m.to_address AS toAddress, m.template, m.marketing, m.subject, m.body,
  m.status, m.attempts, m.last_error AS lastError, m.next_attempt_at AS nextAttemptAt, m.sent_at AS sentAt,
  m.created_at AS createdAt, m.template_values AS templateValues FROM outbox m LEFT JOIN customers c ON c.id = m.customer_id`;

export interface MessageDraft {
  idempotencyKey: string;
  customerId: string | null;
  channel: MessageChannel;
  to: string;
  template: string;
  marketing: boolean;
  subject: string;
  body: string;
  /** marketing queued in quiet hours: not before this */
  notBefore: number | null;
  attachments: Array<{ fileName: string; mimeType: string; bytes: Buffer }>;
  createdBy: string | null;
  /** one message of a bulk send */
  batchId?: string;
  /** the language and values of the wording, for channels that send a template rather than text (WhatsApp Cloud) */
  templateValues?: { language: string; params: string[] };
}

/** a paused bulk send holds its messages back */
const NOT_PAUSED = `(m.batch_id IS NULL OR NOT EXISTS
  (SELECT 1 FROM message_batches b WHERE b.id = m.batch_id AND b.status = 'paused'))`;

export interface OutboxOptions {
  /** first retry after this long, doubling up to maxBackoffMs */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** wall clock for retry times (the app clock may be a frozen test clock) */
  now?: () => number;
  /** per-attempt limit on an SMTP conversation */
  emailTimeoutMs?: number;
}

export const INTERRUPTED =
  'Counterline stopped while handing this message over; it may have been delivered. Check with the customer, then resend it if it did not arrive.';

/**
 * The outbox worker. A message is a row before anything is sent; the row is marked 'sending' and committed before
 * the provider is called, then 'sent' (or back to 'queued' with the reason and a growing wait) after. A row found
 * 'sending' at start-up was interrupted mid-hand-over: it is never sent again by itself (the provider may have
 * accepted it), only when a person presses resend. Sending runs on its own timers; nothing on the till waits for it.
 */
export class Outbox extends DrainLoop {
  private opts: Required<OutboxOptions>;

  constructor(
    private deps: Deps,
    private settings: () => MessagingSettings,
    private timeZone: () => string,
    opts: OutboxOptions = {},
  ) {
    // a short command (`counterline send`) exits once it has waited; the timer does not hold it
    super(false);
    this.opts = { backoffMs: 5_000, maxBackoffMs: 15 * 60_000, now: Date.now, emailTimeoutMs: 15_000, ...opts };
  }

  /** the wall clock retry and due times are read against */
  now(): number {
    return this.opts.now();
  }

  configure(opts: OutboxOptions): void {
    this.opts = { ...this.opts, ...opts };
  }

  /** Writes the message (inside the caller's transaction); the same key again gives back the first message. */
  enqueue(draft: MessageDraft): { id: string; replayed: boolean } {
    const existing = stmt(this.deps.sqlite, 'SELECT id FROM outbox WHERE idempotency_key = ?').get(
      draft.idempotencyKey,
    ) as { id: string } | undefined;
    if (existing) return { id: existing.id, replayed: true };
    const id = this.deps.newId();
    const now = this.deps.clock.now();
    // click-to-chat is handed to a person at once: the row records that the link was given out; with the Cloud API
    // set up, a WhatsApp message waits its turn like any other
    const whatsapp = draft.channel === 'whatsapp' && !this.settings().whatsapp;
    stmt(
      this.deps.sqlite,
      `INSERT INTO outbox (id, idempotency_key, customer_id, channel, to_address, template, marketing, subject, body,
         status, attempts, next_attempt_at, sent_at, created_at, updated_at, created_by, till_id, batch_id,
         template_values)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      id,
      draft.idempotencyKey,
      draft.customerId,
      draft.channel,
      draft.to,
      draft.template,
      draft.marketing ? 1 : 0,
      draft.subject,
      draft.body,
      whatsapp ? 'sent' : 'queued',
      whatsapp ? 1 : 0,
      draft.notBefore,
      whatsapp ? now : null,
      now,
      now,
      draft.createdBy,
      this.deps.tillId(),
      draft.batchId ?? null,
      whatsapp || !draft.templateValues ? null : JSON.stringify(draft.templateValues),
    );
    for (const a of draft.attachments)
      stmt(
        this.deps.sqlite,
        'INSERT INTO outbox_attachments (id, message_id, file_name, mime_type, bytes) VALUES (?, ?, ?, ?, ?)',
      ).run(this.deps.newId(), id, a.fileName, a.mimeType, a.bytes);
    return { id, replayed: false };
  }

  /**
   * Starts the worker; messages a crash left 'sending' are set aside for a person, never sent again by themselves.
   * A short-lived command (`counterline send`) may run beside a host that is sending: it starts without setting
   * aside, since a 'sending' row may be the host's, in flight (claiming a row is atomic, so the two never send one
   * message both).
   */
  start(opts: { reconcile?: boolean } = {}): void {
    if (!this.begin()) return;
    if (opts.reconcile !== false) this.reconcile();
    this.wake();
  }

  reconcile(): number {
    return stmt(
      this.deps.sqlite,
      "UPDATE outbox SET status = 'failed', last_error = ?, next_attempt_at = NULL, updated_at = ? WHERE status = 'sending'",
    ).run(INTERRUPTED, this.deps.clock.now()).changes;
  }

  protected async pass(): Promise<void> {
    const due = stmt(
      this.deps.sqlite,
      `${ROW_SQL} WHERE m.status = 'queued' AND (m.next_attempt_at IS NULL OR m.next_attempt_at <= ?)
         AND ${NOT_PAUSED}
       ORDER BY m.created_at, m.id LIMIT 100`,
    ).all(this.opts.now()) as OutboxRow[];
    for (const row of due) {
      if (!this.started) return;
      await this.send(row);
    }
  }

  private async send(row: OutboxRow): Promise<void> {
    const settings = this.settings();
    if (row.marketing) {
      const until = quietUntil(this.deps.clock.now(), this.timeZone(), settings.quietHours);
      if (until !== null) {
        this.set(row.id, 'queued', row.attempts, 'Waiting for quiet hours to end.', until);
        return;
      }
    }
    const channel = this.channelFor(row, settings);
    if (typeof channel === 'string') {
      // not set up: it waits, and goes when the channel is saved (saving wakes the worker)
      this.set(row.id, 'queued', row.attempts, channel, this.opts.now() + this.opts.maxBackoffMs);
      return;
    }
    const attempts = row.attempts + 1;
    // committed before the provider is called: a crash from here on leaves 'sending', which is never resent blindly
    const claimed = stmt(
      this.deps.sqlite,
      "UPDATE outbox SET status = 'sending', attempts = ?, updated_at = ? WHERE id = ? AND status = 'queued'",
    ).run(attempts, this.deps.clock.now(), row.id).changes;
    if (!claimed) return;
    let outcome: SendOutcome;
    try {
      outcome = await channel(this.outgoing(row));
    } catch (e) {
      outcome = { ok: false, retry: true, message: `Sending failed: ${(e as Error).message}` };
    }
    // stopped (app closing) while the provider had it: the row stays 'sending' and the next start sets it aside
    if (!this.started) return;
    if (outcome.ok) {
      stmt(
        this.deps.sqlite,
        `UPDATE outbox SET status = 'sent', last_error = NULL, next_attempt_at = NULL, provider_ref = ?, sent_at = ?,
           updated_at = ? WHERE id = ?`,
      ).run(outcome.providerRef, this.deps.clock.now(), this.deps.clock.now(), row.id);
      return;
    }
    const wait = Math.min(this.opts.maxBackoffMs, this.opts.backoffMs * 2 ** Math.min(attempts - 1, 16));
    this.set(
      row.id,
      outcome.retry ? 'queued' : 'failed',
      attempts,
      outcome.message,
      outcome.retry ? this.opts.now() + wait : null,
    );
  }

  private channelFor(row: OutboxRow, s: MessagingSettings): ((m: OutgoingMessage) => Promise<SendOutcome>) | string {
    const channel = row.channel;
    if (channel === 'email') {
      const email = s.email;
      if (!email) return 'E-mail is not set up: enter the mail server under Settings → Messaging.';
      return (m) => sendEmail(email, m, this.opts.emailTimeoutMs);
    }
    if (channel === 'sms') {
      // the gateway when one is set, else the modem on the shop's own SIM card
      const sms = s.sms;
      if (sms) return (m) => sendSms(sms, m);
      const modem = s.modem;
      if (modem) return (m) => sendByModem(modem, m);
      return 'SMS is not set up: enter the SMS gateway or the modem under Settings → Messaging.';
    }
    const wa = s.whatsapp;
    const values = row.templateValues
      ? (JSON.parse(row.templateValues) as { language: string; params: string[] })
      : null;
    if (wa && values)
      return (m) =>
        sendWhatsappCloud(wa, { to: m.to, template: row.template, ...values, idempotencyKey: m.idempotencyKey });
    return 'A WhatsApp message is sent by a person from the link.';
  }

  private outgoing(row: OutboxRow): OutgoingMessage {
    const attachments = stmt(
      this.deps.sqlite,
      'SELECT file_name AS fileName, mime_type AS mimeType, bytes FROM outbox_attachments WHERE message_id = ? ORDER BY id',
    ).all(row.id) as OutgoingMessage['attachments'];
    return {
      id: row.id,
      idempotencyKey: row.idempotencyKey,
      to: row.toAddress,
      subject: row.subject,
      body: row.body,
      attachments,
    };
  }

  private set(
    id: string,
    status: OutboxMessage['status'],
    attempts: number,
    error: string | null,
    next: number | null,
  ) {
    stmt(
      this.deps.sqlite,
      `UPDATE outbox SET status = ?, attempts = ?, last_error = ?, next_attempt_at = ?, updated_at = ?
       WHERE id = ? AND status IN ('queued', 'sending')`,
    ).run(status, attempts, error, next, this.deps.clock.now(), id);
  }

  protected nextDelay(): number | null {
    const next = stmt(
      this.deps.sqlite,
      `SELECT min(coalesce(m.next_attempt_at, 0)) AS at FROM outbox m WHERE m.status = 'queued' AND ${NOT_PAUSED}`,
    ).get() as { at: number | null };
    if (next.at === null) return null;
    return Math.max(50, Math.min(next.at - this.opts.now(), 60_000));
  }

  row(id: string): OutboxRow | undefined {
    return stmt(this.deps.sqlite, `${ROW_SQL} WHERE m.id = ?`).get(id) as OutboxRow | undefined;
  }

  list(q: { status?: string; customerId?: string; limit: number }): OutboxRow[] {
    const status =
      q.status === 'waiting' ? "m.status IN ('queued', 'sending', 'failed')" : q.status ? 'm.status = :status' : '1';
    return stmt(
      this.deps.sqlite,
      `${ROW_SQL} WHERE ${status} AND (:customer IS NULL OR m.customer_id = :customer)
       ORDER BY m.created_at DESC, m.id DESC LIMIT :limit`,
    ).all({ status: q.status ?? null, customer: q.customerId ?? null, limit: q.limit }) as OutboxRow[];
  }

  attachmentNames(id: string): string[] {
    return (
      stmt(this.deps.sqlite, 'SELECT file_name AS f FROM outbox_attachments WHERE message_id = ? ORDER BY id').all(
        id,
      ) as Array<{ f: string }>
    ).map((r) => r.f);
  }

  shape(r: OutboxRow): OutboxMessage {
    return {
      id: r.id,
      customerId: r.customerId,
      customerName: r.customerName,
      channel: r.channel,
      to: r.toAddress,
      template: r.template,
      marketing: !!r.marketing,
      subject: r.subject,
      body: r.body,
      status: r.status,
      attempts: r.attempts,
      lastError: r.lastError,
      nextAttemptAt: r.nextAttemptAt,
      sentAt: r.sentAt,
      createdAt: r.createdAt,
      attachments: this.attachmentNames(r.id),
      link: r.channel === 'whatsapp' && r.templateValues === null ? waLink(r.toAddress, r.body) : null,
    };
  }

  /** Waits (draining) until the message is sent or failed, or the time is up; the CLI's `send` uses it. */
  async waitFor(id: string, ms: number): Promise<OutboxRow | undefined> {
    const end = Date.now() + ms;
    for (;;) {
      await this.drain();
      const r = this.row(id);
      if (!r || r.status === 'sent' || r.status === 'failed' || r.status === 'cancelled') return r;
      if (Date.now() >= end) return r;
      await new Promise((res) => setTimeout(res, Math.min(200, Math.max(0, end - Date.now()))));
    }
  }
}
