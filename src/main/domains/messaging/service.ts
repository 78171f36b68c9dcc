import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Statement } from '../../../shared/contract/debts';
import type {
  MessageChannel,
  MessageLanguage,
  MessagingSettingsPatch,
  MessagingSettingsView,
  OutboxMessage,
  Placeholder,
  ReplyOutcome,
  Template,
  TemplateKey,
} from '../../../shared/contract/messaging';
import { AppError } from '../../../shared/errors';
import { type CurrencyCode, formatMoney } from '../../../shared/money';
import { stmt } from '../../db/statements';
import type { Actor, AuditService } from '../audit/service';
import { oldestDue } from '../debts/aging';
import { localDate } from '../debts/dates';
import { openItemsOf } from '../debts/open-items';
import type { DebtReports } from '../debts/reports';
import type { Deps } from '../deps';
import type { DevicesService } from '../devices/service';
import type { SalesOrders } from '../sales/orders';
import type { SettingsService } from '../settings/service';
import { BulkSends } from './bulk';
import { sendEmail } from './channels/email';
import { readInbox, sendByModem } from './channels/gsm-modem';
import { sendSms } from './channels/sms-http';
import { quietUntil, refusal } from './consent';
import { type MessageDraft, Outbox, type OutboxOptions } from './outbox';
import { parseGatewayReply, receiveReply } from './replies';
import { MessagingSettingsStore } from './settings';
import { statementFigures } from './statement-text';
import { TemplateWordings } from './template-wordings';
import { checkPlaceholders, fill, languageFor, MARKETING, paramsOf, uses } from './templates';

export interface Recipient {
  id: string;
  name: string;
  firstName: string | null;
  email: string | null;
  phone: string | null;
  language: string | null;
  balance: number;
  points: number;
  consentEmail: number;
  consentSms: number;
  consentWhatsapp: number;
  marketingOptIn: number;
  status: string;
}

export const RECIPIENT_COLUMNS = `id, display_name AS name, first_name AS firstName, email, phone_primary_e164 AS phone,
  preferred_language AS language, balance, points_balance AS points, consent_email AS consentEmail,
  consent_sms AS consentSms, consent_whatsapp AS consentWhatsapp, marketing_opt_in AS marketingOptIn, status`;

const CHANNEL_WORDS: Record<MessageChannel, string> = {
  email: 'an e-mail address',
  sms: 'a phone number',
  whatsapp: 'a phone number',
};

const REPLY_POLL_MS = 5 * 60_000;
/** the app itself reading the modem's inbox */
const MODEM_ACTOR: Actor = { id: null, name: 'modem inbox' };
const GATEWAY_ACTOR: Actor = { id: null, name: 'SMS gateway' };
const MAC_CHARS = 22;
const linkMac = (key: string, orderId: string) =>
  createHmac('sha256', key).update(`receipt:${orderId}`).digest('base64url').slice(0, MAC_CHARS);

export function capWords(name: string, cap: { messages: number; days: number }): string {
  return `${name} has had ${cap.messages} offers or greetings in the last ${cap.days} days, the most the shop allows.`;
}

/**
 * Messages to customers: templates filled for one customer, consent checked, and the result written to the outbox in
 * the same transaction as its audit row. Sending is the outbox worker's business; nothing here waits for a provider.
 */
export class MessagingService {
  readonly settings: MessagingSettingsStore;
  readonly outbox: Outbox;
  readonly bulk: BulkSends;
  private wordings: TemplateWordings;
  private replyTimer: NodeJS.Timeout | null = null;

  constructor(
    private deps: Deps,
    private audit: AuditService,
    private store: SettingsService,
    private debts: DebtReports,
    private receipts: { orders: SalesOrders; devices: DevicesService },
    opts: OutboxOptions = {},
  ) {
    this.settings = new MessagingSettingsStore(deps, audit);
    this.wordings = new TemplateWordings(deps, audit);
    this.outbox = new Outbox(
      deps,
      () => this.settings.get(),
      () => this.store.store().timeZone,
      opts,
    );
    this.bulk = new BulkSends(deps, audit, this, this.outbox);
  }

  start(opts: { reconcile?: boolean; readReplies?: boolean } = {}): void {
    this.outbox.start(opts);
    // replies waiting in the modem's inbox (STOP) are read every few minutes while the app runs
    if (opts.readReplies !== false && !this.replyTimer) {
      this.replyTimer = setInterval(() => {
        if (this.settings.get().modem) void this.checkReplies(MODEM_ACTOR).catch(() => {});
      }, REPLY_POLL_MS);
      this.replyTimer.unref?.();
    }
  }

  stop(): void {
    this.outbox.stop();
    if (this.replyTimer) clearInterval(this.replyTimer);
    this.replyTimer = null;
  }

  /** The shop's name, language and time zone, as messages use them. */
  shop() {
    return this.store.store();
  }

  /** A reply from a customer's phone: STOP withdraws their consent to SMS (audited); anything else changes nothing. */
  reply(actor: Actor, input: { from: string; text: string }) {
    return receiveReply(this.deps, this.audit, actor, this.store.store().country, input);
  }

  /** The path an SMS gateway posts replies to, under the browser host's address. */
  replyHook(actor: Actor, renew: boolean): { path: string } {
    return { path: `/hooks/sms/${this.settings.replyKey(actor, renew)}` };
  }

  /**
   * A reply posted by the SMS gateway to /hooks/sms/<secret>: 'unknown' when the secret is not this shop's (the host
   * answers 404, as for any other path), 'unreadable' when the body has no sender and text.
   */
  hookReply(secret: string, body: string, contentType: string): ReplyOutcome | 'unknown' | 'unreadable' {
    const key = this.settings.get().replyKey;
    const a = Buffer.from(secret);
    if (!key || a.length !== key.length || !timingSafeEqual(a, Buffer.from(key))) return 'unknown';
    const reply = parseGatewayReply(body, contentType);
    return reply ? this.reply(GATEWAY_ACTOR, reply) : 'unreadable';
  }

  /**
   * The link to a sale's receipt (its invoice PDF) at the shop's public address, signed with the shop's hooks secret
   * so it cannot be guessed from the sale's id; empty when the shop has no public address.
   */
  receiptLink(actor: Actor, orderId: string): string {
    const base = this.settings.get().publicAddress;
    if (!base) return '';
    return `${base}/r/${orderId}.${linkMac(this.settings.replyKey(actor, false), orderId)}`;
  }

  /** The receipt a link names, or null when the link is not one this shop made (or the sale was voided). */
  async receiptByLink(orderId: string, mac: string) {
    const key = this.settings.get().replyKey;
    if (!key || mac.length !== MAC_CHARS) return null;
    if (!timingSafeEqual(Buffer.from(mac), Buffer.from(linkMac(key, orderId)))) return null;
    const row = stmt(this.deps.sqlite, "SELECT id FROM sales_orders WHERE id = ? AND status != 'voided'").get(orderId);
    if (!row) return null;
    return this.receipts.devices.invoicePdf(this.receipts.orders.get({ id: orderId }));
  }

  /** Reads the GSM modem's inbox and acts on each reply. */
  async checkReplies(actor: Actor): Promise<{ read: number; stops: number; message: string }> {
    const modem = this.settings.get().modem;
    if (!modem) return { read: 0, stops: 0, message: 'There is no modem to read replies from.' };
    const inbox = await readInbox(modem);
    if (!inbox.ok) return { read: 0, stops: 0, message: inbox.message };
    let stops = 0;
    for (const m of inbox.messages) if (this.reply(actor, m).stop) stops += 1;
    return {
      read: inbox.messages.length,
      stops,
      message: `${inbox.messages.length} replies read from the modem, ${stops} asking to stop.`,
    };
  }

  settingsView(): MessagingSettingsView {
    return this.settings.view();
  }

  updateSettings(actor: Actor, patch: MessagingSettingsPatch): MessagingSettingsView {
    this.settings.update(actor, patch);
    // messages waiting for a channel to be set up may go now
    this.deps.sqlite
      .prepare(
        "UPDATE outbox SET next_attempt_at = NULL WHERE status = 'queued' AND last_error LIKE '% is not set up:%'",
      )
      .run();
    this.outbox.wake();
    return this.settings.view();
  }

  /** Sends a test straight away (not through the outbox), so the settings screen can say at once whether it works. */
  async test(actor: Actor, input: { channel: 'email' | 'sms'; to: string }): Promise<{ ok: boolean; message: string }> {
    const s = this.settings.get();
    const shop = this.store.store().name;
    const m = {
      id: this.deps.newId(),
      idempotencyKey: `test-${this.deps.newId()}`,
      to: input.to,
      subject: `Test message from ${shop}`,
      body: `This is a test message from Counterline at ${shop}. If you can read it, ${input.channel === 'email' ? 'e-mail' : 'SMS'} works.`,
      attachments: [],
    };
    let out: Awaited<ReturnType<typeof sendEmail>>;
    if (input.channel === 'email') {
      if (!s.email) return { ok: false, message: 'E-mail is not set up yet: enter the mail server first.' };
      out = await sendEmail(s.email, m, 15_000);
    } else {
      if (s.sms) out = await sendSms(s.sms, m);
      else if (s.modem) out = await sendByModem(s.modem, m);
      else return { ok: false, message: 'SMS is not set up yet: enter the gateway or the modem first.' };
    }
    this.audit.record(actor, {
      action: 'messaging.test',
      entity: 'settings',
      entityId: 'messaging',
      note: `test ${input.channel} to ${input.to}: ${out.ok ? 'sent' : out.message}`,
    });
    return out.ok ? { ok: true, message: `The test was sent to ${input.to}.` } : { ok: false, message: out.message };
  }

  templates(): Template[] {
    return this.wordings.list();
  }

  private template(key: TemplateKey, language: MessageLanguage): { subject: string; body: string } {
    return this.wordings.wording(key, language);
  }

  saveTemplate(
    actor: Actor,
    t: { key: TemplateKey; language: MessageLanguage; subject: string; body: string },
  ): Template {
    return this.wordings.save(actor, t);
  }

  resetTemplate(actor: Actor, t: { key: TemplateKey; language: MessageLanguage }): Template {
    return this.wordings.reset(actor, t);
  }

  private recipient(customerId: string): Recipient {
    const r = stmt(this.deps.sqlite, `SELECT ${RECIPIENT_COLUMNS} FROM customers WHERE id = ?`).get(customerId) as
      | Recipient
      | undefined;
    if (!r) throw new AppError('NOT_FOUND', 'That customer was not found.', { id: customerId });
    if (r.status === 'merged') throw new AppError('CONFLICT', `${r.name} was merged into another customer.`);
    return r;
  }

  /**
   * The template in the customer's language with their figures filled in; `draft` is a wording not saved yet (the
   * template editor's preview), checked as saving would check it.
   */
  render(
    customerId: string,
    key: TemplateKey,
    language?: MessageLanguage,
    draft?: { subject: string; body: string },
  ): { language: MessageLanguage; subject: string; body: string; params: string[] } {
    const c = this.recipient(customerId);
    const lang = language ?? languageFor(c.language, this.store.store().language);
    if (draft) {
      checkPlaceholders(draft.subject);
      checkPlaceholders(draft.body);
    }
    return { language: lang, ...this.fillFor(c, draft ?? this.template(key, lang)) };
  }

  /**
   * A wording filled with one customer's figures. The due date, what is overdue and the last entries take queries,
   * so they are only worked out when the wording uses them; `statement` gives them for a statement's period (else
   * this month's).
   */
  fillFor(
    c: Recipient,
    t: { subject: string; body: string },
    statement?: Statement,
    more: Partial<Record<Placeholder, string>> = {},
  ): { subject: string; body: string; params: string[] } {
    const store = this.store.store();
    const words = `${t.subject}${t.body}`;
    const due =
      (statement || uses(words, 'dueDate')) && oldestDue(openItemsOf(this.deps.sqlite, c.id, Number.MAX_SAFE_INTEGER));
    const values = {
      firstName: c.firstName ?? c.name,
      name: c.name,
      balance: formatMoney(Math.max(0, c.balance), store.currency as CurrencyCode, store.locale),
      dueDate: typeof due === 'number' ? localDate(due, store.timeZone) : '',
      points: String(c.points),
      shopName: store.name,
      shopPhone: store.phone,
      ...more,
    };
    const st =
      statement ??
      (uses(words, 'overdue') || uses(words, 'entries') ? this.debts.statement({ customerId: c.id }) : null);
    const figures = st ? statementFigures(st, store, typeof due === 'number' ? due : null) : { text: {}, params: {} };
    const text = { ...values, ...figures.text };
    return {
      subject: fill(t.subject, text),
      body: fill(t.body, text),
      params: paramsOf(t.body, { ...values, ...figures.params }),
    };
  }

  /** The wording of a template in a language: the shop's own when saved, else the built-in one. */
  wording(key: TemplateKey, language: MessageLanguage): { subject: string; body: string } {
    return this.template(key, language);
  }

  /**
   * Why the frequency cap holds back one more offer or greeting to this customer, or null: offers queued or sent to
   * them in the cap's window count; service messages (receipts, statements, reminders) never do.
   */
  capRefusal(c: { id: string; name: string }): string | null {
    const cap = this.settings.get().marketingCap;
    if (!cap) return null;
    const since = this.deps.clock.now() - cap.days * 86_400_000;
    const n = (
      stmt(
        this.deps.sqlite,
        `SELECT count(*) AS n FROM outbox WHERE customer_id = ? AND marketing = 1
           AND status IN ('queued', 'sending', 'sent') AND created_at >= ?`,
      ).get(c.id, since) as { n: number }
    ).n;
    return n >= cap.messages ? capWords(c.name, cap) : null;
  }

  /** Consent, then the address; a refusal says why in words and writes nothing. */
  private addressFor(c: Recipient, channel: MessageChannel, marketing: boolean, to: string | undefined): string {
    const why = refusal(
      c.name,
      {
        consentEmail: !!c.consentEmail,
        consentSms: !!c.consentSms,
        consentWhatsapp: !!c.consentWhatsapp,
        marketingOptIn: !!c.marketingOptIn,
      },
      channel,
      marketing,
    );
    if (why) throw new AppError('CONFLICT', why, { reason: 'consent' });
    const address = to ?? (channel === 'email' ? c.email : c.phone);
    if (!address) throw new AppError('VALIDATION', `${c.name} has no ${CHANNEL_WORDS[channel]} on their record.`);
    if (channel === 'email' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(address))
      throw new AppError('VALIDATION', `${address} is not an e-mail address.`);
    if (channel !== 'email' && address.replace(/\D/g, '').length < 8)
      throw new AppError('VALIDATION', `${address} is not a phone number a message can go to.`);
    return address;
  }

  private queue(actor: Actor, draft: MessageDraft): OutboxMessage {
    const { id, replayed } = this.deps.sqlite.transaction(() => {
      const out = this.outbox.enqueue(draft);
      if (!out.replayed)
        this.audit.record(actor, {
          action: 'message.queue',
          entity: 'customer',
          entityId: draft.customerId,
          after: {
            messageId: out.id,
            channel: draft.channel,
            to: draft.to,
            template: draft.template,
            attachments: draft.attachments.map((a) => a.fileName),
          },
        });
      return out;
    })();
    if (!replayed) this.outbox.wake();
    return this.message(id);
  }

  send(
    actor: Actor,
    input: { customerId: string; template: TemplateKey; channel: MessageChannel; to?: string; idempotencyKey: string },
  ): OutboxMessage {
    const c = this.recipient(input.customerId);
    const marketing = MARKETING[input.template];
    const to = this.addressFor(c, input.channel, marketing, input.to);
    const capped = marketing ? this.capRefusal(c) : null;
    if (capped) throw new AppError('CONFLICT', capped, { reason: 'cap' });
    const text = this.render(c.id, input.template);
    const store = this.store.store();
    return this.queue(actor, {
      idempotencyKey: input.idempotencyKey,
      customerId: c.id,
      channel: input.channel,
      to,
      template: input.template,
      marketing,
      subject: text.subject,
      body: text.body,
      templateValues: { language: text.language, params: text.params },
      notBefore: marketing ? quietUntil(this.deps.clock.now(), store.timeZone, this.settings.get().quietHours) : null,
      attachments: [],
      createdBy: actor.id,
    });
  }

  /**
   * A statement of account through the outbox: by e-mail with its PDF attached, or by WhatsApp as a text (the
   * `statement_text` wording with the period's figures; the Cloud API's template of that name, else a click-to-chat
   * link). Either only over a channel the customer agreed to.
   */
  async sendStatement(
    actor: Actor,
    input: {
      customerId: string;
      from?: string;
      to?: string;
      channel?: 'email' | 'whatsapp';
      toAddress?: string;
      idempotencyKey: string;
    },
  ): Promise<OutboxMessage> {
    const c = this.recipient(input.customerId);
    const channel = input.channel ?? 'email';
    const to = this.addressFor(c, channel, false, input.toAddress);
    const existing = stmt(this.deps.sqlite, 'SELECT id FROM outbox WHERE idempotency_key = ?').get(
      input.idempotencyKey,
    ) as { id: string } | undefined;
    if (existing) return this.message(existing.id);
    if (channel === 'whatsapp') {
      const st = this.debts.statement({ customerId: c.id, from: input.from, to: input.to });
      const lang = languageFor(c.language, this.store.store().language);
      const text = this.fillFor(c, this.template('statement_text', lang), st);
      return this.queue(actor, {
        idempotencyKey: input.idempotencyKey,
        customerId: c.id,
        channel,
        to,
        template: 'statement_text',
        marketing: false,
        subject: text.subject,
        body: text.body,
        templateValues: { language: lang, params: text.params },
        notBefore: null,
        attachments: [],
        createdBy: actor.id,
      });
    }
    const pdf = await this.debts.statementPdf(actor, { customerId: c.id, from: input.from, to: input.to });
    const text = this.render(c.id, 'statement');
    return this.queue(actor, {
      idempotencyKey: input.idempotencyKey,
      customerId: c.id,
      channel: 'email',
      to,
      template: 'statement',
      marketing: false,
      subject: text.subject,
      body: text.body,
      notBefore: null,
      attachments: [{ fileName: pdf.fileName, mimeType: pdf.mimeType, bytes: pdf.bytes }],
      createdBy: actor.id,
    });
  }

  /**
   * A sale's receipt: by e-mail with its invoice PDF, or by WhatsApp as text (the number and total at the end). To
   * the sale's customer over a channel they agreed to, or, for a walk-in, to the address they give at the counter.
   */
  async sendReceipt(
    actor: Actor,
    input: { salesOrderId: string; channel: 'email' | 'whatsapp'; to?: string; idempotencyKey: string },
  ): Promise<OutboxMessage> {
    const existing = stmt(this.deps.sqlite, 'SELECT id FROM outbox WHERE idempotency_key = ?').get(
      input.idempotencyKey,
    ) as { id: string } | undefined;
    if (existing) return this.message(existing.id);
    const order = this.receipts.orders.get({ id: input.salesOrderId });
    if (order.status === 'voided')
      throw new AppError('CONFLICT', `Sale ${order.number} was voided; it has no receipt.`);
    const walkIn: Recipient = {
      id: '',
      name: input.to ?? '',
      firstName: '',
      email: input.to ?? null,
      phone: input.to ?? null,
      language: null,
      balance: 0,
      points: 0,
      // a walk-in who gives an address at the counter is asking for this one receipt there
      consentEmail: 1,
      consentSms: 1,
      consentWhatsapp: 1,
      marketingOptIn: 0,
      status: 'active',
    };
    const c = order.customerId ? this.recipient(order.customerId) : walkIn;
    if (!order.customerId && !input.to)
      throw new AppError(
        'VALIDATION',
        `Sale ${order.number} has no customer: type the e-mail address or WhatsApp number the receipt goes to.`,
      );
    const to = this.addressFor(c, input.channel, false, input.to);
    const store = this.store.store();
    const lang = languageFor(c.language, store.language);
    const text = this.fillFor(c, this.template('receipt', lang), undefined, {
      receiptLink: this.receiptLink(actor, order.id),
    });
    const summary = `${order.number} · ${formatMoney(order.total, order.currency as CurrencyCode, store.locale)}`;
    const pdf = input.channel === 'email' ? await this.receipts.devices.invoicePdf(order) : null;
    return this.queue(actor, {
      idempotencyKey: input.idempotencyKey,
      customerId: order.customerId,
      channel: input.channel,
      to,
      template: 'receipt',
      marketing: false,
      subject: `${text.subject} (${order.number})`,
      body: `${text.body}\n${summary}`,
      templateValues: { language: lang, params: text.params },
      notBefore: null,
      attachments: pdf
        ? [{ fileName: pdf.fileName, mimeType: pdf.mimeType, bytes: Buffer.from(pdf.base64, 'base64') }]
        : [],
      createdBy: actor.id,
    });
  }

  message(id: string): OutboxMessage {
    const r = this.outbox.row(id);
    if (!r) throw new AppError('NOT_FOUND', 'That message was not found.', { id });
    return this.outbox.shape(r);
  }

  list(q: { status?: string; customerId?: string; limit: number }): OutboxMessage[] {
    return this.outbox.list(q).map((r) => this.outbox.shape(r));
  }

  /** A person sends a failed or cancelled message again: they decided, so it is audited with their name. */
  resend(actor: Actor, id: string): OutboxMessage {
    this.deps.sqlite.transaction(() => {
      const m = this.message(id);
      if (m.status !== 'failed' && m.status !== 'cancelled')
        throw new AppError(
          'CONFLICT',
          `This message is ${m.status}; only a failed or cancelled one can be sent again.`,
        );
      if (m.link) throw new AppError('CONFLICT', 'Open the WhatsApp link again to resend it.');
      stmt(
        this.deps.sqlite,
        "UPDATE outbox SET status = 'queued', next_attempt_at = NULL, updated_at = ? WHERE id = ?",
      ).run(this.deps.clock.now(), id);
      this.audit.record(actor, {
        action: 'message.resend',
        entity: 'customer',
        entityId: m.customerId,
        before: { messageId: id, status: m.status, lastError: m.lastError },
        after: { messageId: id, status: 'queued' },
      });
    })();
    this.outbox.wake();
    return this.message(id);
  }

  cancel(actor: Actor, id: string): OutboxMessage {
    return this.deps.sqlite.transaction(() => {
      const m = this.message(id);
      if (m.status !== 'queued' && m.status !== 'failed')
        throw new AppError('CONFLICT', `This message is ${m.status}; it cannot be cancelled.`);
      stmt(this.deps.sqlite, "UPDATE outbox SET status = 'cancelled', updated_at = ? WHERE id = ?").run(
        this.deps.clock.now(),
        id,
      );
      this.audit.record(actor, {
        action: 'message.cancel',
        entity: 'customer',
        entityId: m.customerId,
        before: { messageId: id, status: m.status },
        after: { messageId: id, status: 'cancelled' },
      });
      return this.message(id);
    })();
  }
}
