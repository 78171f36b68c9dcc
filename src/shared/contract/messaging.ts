import { z } from 'zod';
import { EpochMs, Id } from './common';
import { procedure } from './define';
import { IdempotencyKey } from './sales';

export const MESSAGE_CHANNELS = ['email', 'sms', 'whatsapp'] as const;
export type MessageChannel = (typeof MESSAGE_CHANNELS)[number];
export const MESSAGE_STATUSES = ['queued', 'sending', 'sent', 'failed', 'cancelled'] as const;
export const MESSAGE_LANGUAGES = ['en', 'id', 'sw'] as const;
export type MessageLanguage = (typeof MESSAGE_LANGUAGES)[number];
export const TEMPLATE_KEYS = [
  'receipt',
  'statement',
  'payment_reminder',
  'birthday',
  'points_expiring',
  'new_offer',
  'back_in_stock',
  /** a statement of account as a text (WhatsApp): balance, what is overdue and since when, the last entries */
  'statement_text',
] as const;
export type TemplateKey = (typeof TEMPLATE_KEYS)[number];
/** the words a template may use, filled from the customer and the shop when the message is made */
export const PLACEHOLDERS = [
  'firstName',
  'name',
  'balance',
  'overdue',
  'dueDate',
  'entries',
  'points',
  'shopName',
  'shopPhone',
  /** the receipt's PDF at the till's public address (empty when the shop has none) */
  'receiptLink',
] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];
export const SMTP_SECURITY = ['none', 'starttls', 'tls'] as const;

const HHMM = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time as HH:MM (24 hours)');

export const EmailChannel = z.object({
  host: z.string().trim().min(1, 'the mail server is needed').max(200),
  port: z.number().int().min(1).max(65_535),
  /** tls: TLS from the first byte (port 465); starttls: upgrade required (587); none: plain (a local relay) */
  security: z.enum(SMTP_SECURITY),
  user: z.string().trim().max(200).nullable(),
  /** kept in the shop's database; never sent back to a screen */
  password: z.string().max(500).nullable(),
  from: z.string().trim().email('the sender must be an e-mail address').max(200),
  /** a shop's own server may have a self-made certificate */
  allowSelfSigned: z.boolean().default(false),
});
export type EmailChannel = z.output<typeof EmailChannel>;

/**
 * custom: the request as configured below. The others follow each provider's documented API (see
 * src/main/domains/messaging/channels/sms-presets.ts): Africa's Talking (Kenya, Uganda, Tanzania, Nigeria…),
 * Zenziva (Indonesia), Twilio (the UK and elsewhere). `account` is the provider's user name / user key / account SID;
 * `authorization` holds its API key / pass key / auth token.
 */
export const SMS_PRESETS = ['custom', 'africastalking', 'zenziva', 'twilio'] as const;
/** each provider's live address (a shop may point `url` at the provider's sandbox instead) */
export const SMS_PRESET_URLS: Record<Exclude<(typeof SMS_PRESETS)[number], 'custom'>, string> = {
  africastalking: 'https://api.africastalking.com/version1/messaging',
  zenziva: 'https://console.zenziva.net/reguler/api/sendsms/',
  twilio: 'https://api.twilio.com/2010-04-01/Accounts/{{account}}/Messages.json',
};

export const SmsGateway = z.object({
  preset: z.enum(SMS_PRESETS).default('custom'),
  account: z.string().trim().max(200).default(''),
  url: z.string().trim().url('the gateway address must be a URL (https://…)').max(500),
  method: z.enum(['POST', 'GET']).default('POST'),
  /** sent as the Authorization header (e.g. "Bearer …" or "Basic …"); never sent back to a screen */
  authorization: z.string().max(500).nullable().default(null),
  contentType: z.enum(['application/json', 'application/x-www-form-urlencoded']).default('application/json'),
  /** the request body with {{to}}, {{text}}, {{id}} and {{from}} filled in (escaped for the content type) */
  bodyTemplate: z.string().max(2000).default('{"to":"{{to}}","message":"{{text}}","reference":"{{id}}"}'),
  sender: z.string().trim().max(40).default(''),
  timeoutMs: z.number().int().min(500).max(60_000).default(10_000),
});
export type SmsGateway = z.output<typeof SmsGateway>;

/** A GSM USB modem on a serial port, sending in text mode with AT commands (used when no SMS gateway is set). */
export const GsmModem = z.object({
  path: z.string().trim().min(1, 'the serial port is needed (e.g. /dev/ttyUSB0 or COM3)').max(200),
  baudRate: z.number().int().min(1200).max(921_600).default(115_200),
  timeoutMs: z.number().int().min(500).max(120_000).default(20_000),
});
export type GsmModem = z.output<typeof GsmModem>;

/**
 * The WhatsApp Business Cloud API (Meta), for shops that have it: business-initiated messages go as approved
 * template messages named like Counterline's templates (payment_reminder, birthday…) in the customer's language, the
 * placeholders as body parameters in the order they appear in Counterline's wording. Without it, WhatsApp is
 * click-to-chat.
 */
export const WhatsappCloud = z.object({
  phoneNumberId: z
    .string()
    .trim()
    .regex(/^\d{5,30}$/, 'the phone number ID from WhatsApp Manager is digits'),
  /** kept in the shop's database; never sent back to a screen */
  accessToken: z.string().max(1000).nullable(),
  apiVersion: z
    .string()
    .regex(/^v\d+\.\d+$/, 'a Graph API version such as v21.0')
    .default('v21.0'),
  baseUrl: z.string().trim().url().max(200).default('https://graph.facebook.com'),
  timeoutMs: z.number().int().min(500).max(60_000).default(10_000),
});
export type WhatsappCloud = z.output<typeof WhatsappCloud>;

export const QuietHours = z.object({ start: HHMM, end: HHMM });
export const MarketingCap = z.object({
  messages: z.number().int().min(1).max(100),
  days: z.number().int().min(1).max(365),
});

const PublicAddress = z
  .string()
  .trim()
  .max(200)
  .regex(/^https?:\/\/[^\s/]+(\/[^\s]*)?$/, 'a web address such as https://my-shop.example.net');

export const MessagingSettings = z.object({
  email: EmailChannel.nullable().default(null),
  sms: SmsGateway.nullable().default(null),
  modem: GsmModem.nullable().default(null),
  whatsapp: WhatsappCloud.nullable().default(null),
  /** no marketing between these times in shop time; receipts and statements asked for are not held */
  quietHours: QuietHours.nullable().default({ start: '21:00', end: '08:00' }),
  /** at most this many offers and greetings to one customer in this many days; service messages are not counted */
  marketingCap: MarketingCap.nullable().default({ messages: 4, days: 30 }),
  /**
   * where this till is reached from outside (a tunnel or proxy the shop runs, e.g. https://mama-rose.example.net):
   * receipt links and the gateway's replies address are under it
   */
  publicAddress: PublicAddress.nullable().default(null),
  /** the secret part of the address an SMS gateway posts replies to (/hooks/sms/<key>); never sent back to a screen */
  replyKey: z
    .string()
    .regex(/^[A-Za-z0-9_-]{32,64}$/)
    .nullable()
    .default(null),
});
export type MessagingSettings = z.output<typeof MessagingSettings>;

/** The settings as a screen sees them: secrets replaced by whether one is set. */
export const MessagingSettingsView = z.object({
  email: EmailChannel.omit({ password: true }).extend({ passwordSet: z.boolean() }).nullable(),
  sms: SmsGateway.omit({ authorization: true }).extend({ authorizationSet: z.boolean() }).nullable(),
  modem: GsmModem.nullable(),
  whatsapp: WhatsappCloud.omit({ accessToken: true }).extend({ accessTokenSet: z.boolean() }).nullable(),
  quietHours: QuietHours.nullable(),
  marketingCap: MarketingCap.nullable(),
  /** whether an address for the gateway's replies was made */
  replyHookSet: z.boolean(),
  publicAddress: z.string().nullable(),
});
export type MessagingSettingsView = z.infer<typeof MessagingSettingsView>;

export const MessagingSettingsPatch = z.object({
  /** password left out: the one kept stays */
  email: EmailChannel.extend({ password: z.string().max(500).nullable().optional() })
    .nullable()
    .optional(),
  sms: SmsGateway.extend({ authorization: z.string().max(500).nullable().optional() })
    .nullable()
    .optional(),
  modem: GsmModem.nullable().optional(),
  /** access token left out: the one kept stays */
  whatsapp: WhatsappCloud.extend({ accessToken: z.string().max(1000).nullable().optional() })
    .nullable()
    .optional(),
  quietHours: QuietHours.nullable().optional(),
  marketingCap: MarketingCap.nullable().optional(),
  publicAddress: PublicAddress.nullable().optional(),
});
export type MessagingSettingsPatch = z.output<typeof MessagingSettingsPatch>;

export const Template = z.object({
  key: z.enum(TEMPLATE_KEYS),
  language: z.enum(MESSAGE_LANGUAGES),
  subject: z.string().max(200),
  body: z.string().min(1).max(2000),
  marketing: z.boolean(),
  /** false: the built-in wording */
  custom: z.boolean(),
});
export type Template = z.infer<typeof Template>;

export const OutboxMessage = z.object({
  id: Id,
  customerId: z.string().nullable(),
  customerName: z.string().nullable(),
  channel: z.enum(MESSAGE_CHANNELS),
  to: z.string(),
  template: z.string(),
  marketing: z.boolean(),
  subject: z.string(),
  body: z.string(),
  status: z.enum(MESSAGE_STATUSES),
  attempts: z.number().int(),
  /** why it has not gone, in words */
  lastError: z.string().nullable(),
  nextAttemptAt: EpochMs.nullable(),
  sentAt: EpochMs.nullable(),
  createdAt: EpochMs,
  attachments: z.array(z.string()),
  /** a click-to-chat link for a WhatsApp message (staff open it and press send) */
  link: z.string().nullable(),
});
export type OutboxMessage = z.infer<typeof OutboxMessage>;

export const SendInput = z.object({
  customerId: Id,
  template: z.enum(TEMPLATE_KEYS),
  channel: z.enum(MESSAGE_CHANNELS),
  /** another address or number than the customer's own (still only over a channel they agreed to) */
  to: z.string().trim().min(3).max(200).optional(),
  idempotencyKey: IdempotencyKey,
});

/** best: e-mail where the customer agreed to it and has an address, else SMS */
export const BULK_CHANNELS = ['email', 'sms', 'best'] as const;
export const BulkQuery = z.object({
  customerIds: z.array(Id).min(1, 'the list has nobody on it').max(50_000),
  template: z.enum(TEMPLATE_KEYS),
  channel: z.enum(BULK_CHANNELS),
});
export type BulkQuery = z.infer<typeof BulkQuery>;

export const BulkPreview = z.object({
  total: z.number().int(),
  willSend: z.object({ email: z.number().int(), sms: z.number().int() }),
  leftOutCount: z.number().int(),
  /** why people are left out, most common first */
  reasons: z.array(z.object({ reason: z.string(), count: z.number().int() })),
  /** the first few left out, by name */
  leftOut: z.array(z.object({ customerId: Id, name: z.string(), reason: z.string() })),
});
export type BulkPreview = z.infer<typeof BulkPreview>;

export const BulkSendInput = BulkQuery.extend({
  idempotencyKey: IdempotencyKey,
  /** the gentle rate: messages handed to the provider per minute */
  perMinute: z.number().int().min(1).max(600).default(20),
});

export const BATCH_STATUSES = ['sending', 'paused', 'cancelled'] as const;
export const MessageBatch = z.object({
  id: Id,
  template: z.string(),
  channel: z.enum(BULK_CHANNELS),
  status: z.enum(BATCH_STATUSES),
  total: z.number().int(),
  /** waiting to go, going now, gone, failed for good, cancelled */
  queued: z.number().int(),
  sending: z.number().int(),
  sent: z.number().int(),
  failed: z.number().int(),
  cancelled: z.number().int(),
  perMinute: z.number().int(),
  createdAt: EpochMs,
});
export type MessageBatch = z.infer<typeof MessageBatch>;

/** A reply from a customer (an SMS gateway's callback, the modem's inbox): STOP and its words withdraw consent. */
export const ReplyInput = z.object({
  from: z.string().trim().min(3).max(40),
  text: z.string().max(2000),
  channel: z.literal('sms').default('sms'),
});
export const ReplyOutcome = z.object({
  /** the reply asked to stop */
  stop: z.boolean(),
  /** the customers with that number whose consent was withdrawn */
  customers: z.array(z.object({ id: Id, name: z.string() })),
});
export type ReplyOutcome = z.infer<typeof ReplyOutcome>;

export const Ymd = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');

export const messaging = {
  settings: procedure({ input: z.null(), output: MessagingSettingsView, permission: 'settings.view' }),
  updateSettings: procedure({
    input: MessagingSettingsPatch,
    output: MessagingSettingsView,
    permission: 'settings.edit',
  }),
  /** sends a test at once (not through the outbox) and says what happened in words */
  test: procedure({
    input: z.object({ channel: z.enum(['email', 'sms']), to: z.string().trim().min(3).max(200) }),
    output: z.object({ ok: z.boolean(), message: z.string() }),
    permission: 'settings.edit',
  }),
  templates: procedure({ input: z.null(), output: z.array(Template), permission: 'messages.send' }),
  saveTemplate: procedure({
    input: z.object({
      key: z.enum(TEMPLATE_KEYS),
      language: z.enum(MESSAGE_LANGUAGES),
      subject: z.string().trim().max(200),
      body: z.string().trim().min(1, 'the message has no words').max(2000),
    }),
    output: Template,
    permission: 'messages.manage',
  }),
  /** the built-in wording back in place of the shop's own (nothing changes when it is the built-in one already) */
  resetTemplate: procedure({
    input: z.object({ key: z.enum(TEMPLATE_KEYS), language: z.enum(MESSAGE_LANGUAGES) }),
    output: Template,
    permission: 'messages.manage',
  }),
  /** the message as this customer would get it, without queueing anything; `draft` is a wording not saved yet */
  preview: procedure({
    input: z.object({
      customerId: Id,
      template: z.enum(TEMPLATE_KEYS),
      language: z.enum(MESSAGE_LANGUAGES).optional(),
      draft: z.object({ subject: z.string().max(200), body: z.string().max(2000) }).optional(),
    }),
    output: z.object({ language: z.enum(MESSAGE_LANGUAGES), subject: z.string(), body: z.string() }),
    permission: 'messages.send',
  }),
  send: procedure({ input: SendInput, output: OutboxMessage, permission: 'messages.send' }),
  /**
   * a statement of account: by e-mail with the PDF attached, or by WhatsApp as a text (balance, overdue, the last
   * entries; the Cloud API's `statement_text` template when it is set up, else a click-to-chat link)
   */
  sendStatement: procedure({
    input: z.object({
      customerId: Id,
      /** the period; without it the shop's month so far, by the shop's time zone */
      from: Ymd.optional(),
      to: Ymd.optional(),
      channel: z.enum(['email', 'whatsapp']).default('email'),
      /** another e-mail address or WhatsApp number than the customer's own (still only if they agreed to it) */
      toAddress: z.string().trim().min(3).max(200).optional(),
      idempotencyKey: IdempotencyKey,
    }),
    output: OutboxMessage,
    permission: 'messages.send',
  }),
  /** a sale's receipt, by e-mail (its invoice PDF attached) or WhatsApp (the text); `to` for a walk-in who asks */
  sendReceipt: procedure({
    input: z.object({
      salesOrderId: Id,
      channel: z.enum(['email', 'whatsapp']),
      to: z.string().trim().min(3).max(200).optional(),
      idempotencyKey: IdempotencyKey,
    }),
    output: OutboxMessage,
    permission: 'messages.send',
  }),
  outbox: procedure({
    input: z.object({
      status: z.enum(['waiting', ...MESSAGE_STATUSES]).optional(),
      customerId: Id.optional(),
      limit: z.number().int().min(1).max(500).default(100),
    }),
    output: z.array(OutboxMessage),
    permission: 'messages.send',
  }),
  message: procedure({ input: z.object({ id: Id }), output: OutboxMessage, permission: 'messages.send' }),
  /** a failed or cancelled message back into the queue (a person decided it should go again) */
  resend: procedure({ input: z.object({ id: Id }), output: OutboxMessage, permission: 'messages.manage' }),
  cancel: procedure({ input: z.object({ id: Id }), output: OutboxMessage, permission: 'messages.manage' }),
  /** who of a list would get the message on which channel, and who is left out and why; queues nothing */
  bulkPreview: procedure({ input: BulkQuery, output: BulkPreview, permission: 'messages.manage' }),
  bulkSend: procedure({ input: BulkSendInput, output: MessageBatch, permission: 'messages.manage' }),
  batches: procedure({ input: z.null(), output: z.array(MessageBatch), permission: 'messages.manage' }),
  batch: procedure({ input: z.object({ id: Id }), output: MessageBatch, permission: 'messages.manage' }),
  setBatch: procedure({
    input: z.object({ id: Id, action: z.enum(['pause', 'resume', 'cancel']) }),
    output: MessageBatch,
    permission: 'messages.manage',
  }),
  /** a reply typed in or forwarded from a gateway: STOP withdraws the sender's consent to SMS and to offers */
  reply: procedure({ input: ReplyInput, output: ReplyOutcome, permission: 'messages.manage' }),
  /**
   * The address path an SMS gateway posts customers' replies to (the browser host's /hooks/sms/<secret>), made on
   * first ask; `renew` makes a new one and the old one stops working.
   */
  replyHook: procedure({
    input: z.object({ renew: z.boolean().default(false) }),
    output: z.object({ path: z.string() }),
    permission: 'messages.manage',
  }),
  /** reads the GSM modem's inbox now (the worker also reads it every few minutes) */
  checkReplies: procedure({
    input: z.null(),
    output: z.object({ read: z.number().int(), stops: z.number().int(), message: z.string() }),
    permission: 'messages.manage',
  }),
};
