import { blob, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import {
  FOLLOW_UP_SOURCES,
  FOLLOW_UP_STATUSES,
  INTERACTION_CHANNELS,
  INTERACTION_KINDS,
} from '../../../shared/contract/relationships';
import { customers } from './customers';

/** A contact with a customer, written by staff. Sales, refunds, payments and messages stay in their own tables. */
export const interactions = sqliteTable(
  'interactions',
  {
    id: text('id').primaryKey(),
    customerId: text('customer_id')
      .notNull()
      .references(() => customers.id),
    kind: text('kind', { enum: INTERACTION_KINDS }).notNull(),
    channel: text('channel', { enum: INTERACTION_CHANNELS }).notNull(),
    outcome: text('outcome'),
    text: text('text').notNull().default(''),
    /** when the contact happened (may be earlier than when it was written down) */
    at: integer('at').notNull(),
    staffId: text('staff_id'),
    staffName: text('staff_name').notNull(),
    createdAt: integer('created_at').notNull(),
    tillId: text('till_id').notNull(),
  },
  (t) => [index('interactions_customer_at').on(t.customerId, t.at, t.id)],
);

/** A task on a customer: call back, collect a payment, deliver an order. */
export const followUps = sqliteTable(
  'follow_ups',
  {
    id: text('id').primaryKey(),
    customerId: text('customer_id')
      .notNull()
      .references(() => customers.id),
    title: text('title').notNull(),
    note: text('note').notNull().default(''),
    dueAt: integer('due_at').notNull(),
    assignedStaffId: text('assigned_staff_id'),
    status: text('status', { enum: FOLLOW_UP_STATUSES }).notNull().default('open'),
    /** while snoozed: when it comes back onto the list */
    snoozedUntil: integer('snoozed_until'),
    source: text('source', { enum: FOLLOW_UP_SOURCES }).notNull().default('manual'),
    /** the interaction or ledger entry it came from */
    sourceRef: text('source_ref'),
    closedAt: integer('closed_at'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
    createdBy: text('created_by'),
    tillId: text('till_id').notNull(),
  },
  (t) => [
    index('follow_ups_status_due').on(t.status, t.dueAt),
    index('follow_ups_customer_status').on(t.customerId, t.status),
  ],
);

/** The shop's own wording of a message template; a key/language without a row uses the built-in default. */
export const messageTemplates = sqliteTable(
  'message_templates',
  {
    key: text('key').notNull(),
    language: text('language').notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [uniqueIndex('message_templates_key_language').on(t.key, t.language)],
);

export const MESSAGE_CHANNELS = ['email', 'sms', 'whatsapp'] as const;
export const MESSAGE_STATUSES = ['queued', 'sending', 'sent', 'failed', 'cancelled'] as const;

/**
 * The outbox: every message is a row before it is sent. 'sending' is committed before the provider is called, so a
 * crash after the provider accepted it is seen on restart and never sent again by itself.
 */
export const outbox = sqliteTable(
  'outbox',
  {
    id: text('id').primaryKey(),
    /** one message, once: a retried request with the same key gets the same row */
    idempotencyKey: text('idempotency_key').notNull(),
    customerId: text('customer_id').references(() => customers.id),
    channel: text('channel', { enum: MESSAGE_CHANNELS }).notNull(),
    toAddress: text('to_address').notNull(),
    template: text('template').notNull(),
    marketing: integer('marketing', { mode: 'boolean' }).notNull().default(false),
    subject: text('subject').notNull().default(''),
    body: text('body').notNull(),
    status: text('status', { enum: MESSAGE_STATUSES }).notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    nextAttemptAt: integer('next_attempt_at'),
    providerRef: text('provider_ref'),
    sentAt: integer('sent_at'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
    createdBy: text('created_by'),
    tillId: text('till_id').notNull(),
    /** one message of a bulk send (message_batches), paused and cancelled with it */
    batchId: text('batch_id'),
    /** the template's placeholder values as JSON (a WhatsApp Cloud template message sends them as its parameters) */
    templateValues: text('template_values'),
  },
  (t) => [
    uniqueIndex('outbox_idempotency_key').on(t.idempotencyKey),
    index('outbox_batch_status').on(t.batchId, t.status),
    index('outbox_status_next').on(t.status, t.nextAttemptAt),
    index('outbox_customer_created').on(t.customerId, t.createdAt),
  ],
);

/** Files that go with a message (a statement's PDF), stored with it so what was queued is what is sent. */
export const outboxAttachments = sqliteTable(
  'outbox_attachments',
  {
    id: text('id').primaryKey(),
    messageId: text('message_id')
      .notNull()
      .references(() => outbox.id),
    fileName: text('file_name').notNull(),
    mimeType: text('mime_type').notNull(),
    bytes: blob('bytes', { mode: 'buffer' }).notNull(),
  },
  (t) => [index('outbox_attachments_message').on(t.messageId)],
);

/** A bulk send: one template to a list of customers, through the outbox at a gentle rate; paused or cancelled as one. */
export const messageBatches = sqliteTable('message_batches', {
  id: text('id').primaryKey(),
  idempotencyKey: text('idempotency_key').notNull().unique(),
  template: text('template').notNull(),
  channel: text('channel').notNull(),
  /** sending: the outbox takes its messages as they fall due; paused: it holds them; cancelled: the rest will not go */
  status: text('status', { enum: ['sending', 'paused', 'cancelled'] })
    .notNull()
    .default('sending'),
  total: integer('total').notNull(),
  /** the wait between two of its messages */
  intervalMs: integer('interval_ms').notNull(),
  createdAt: integer('created_at').notNull(),
  createdBy: text('created_by'),
  updatedAt: integer('updated_at').notNull(),
});
