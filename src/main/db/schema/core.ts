import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/** Each till that writes business rows; document numbers are counted per till. */
export const tills = sqliteTable('tills', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  prefix: text('prefix').notNull().default(''),
  isThisTill: integer('is_this_till', { mode: 'boolean' }).notNull().default(false),
  createdAt: integer('created_at').notNull(),
});

export const documentCounters = sqliteTable(
  'document_counters',
  {
    tillId: text('till_id')
      .notNull()
      .references(() => tills.id),
    kind: text('kind').notNull(),
    last: integer('last').notNull().default(0),
  },
  (t) => [uniqueIndex('document_counters_till_kind').on(t.tillId, t.kind)],
);

/** Typed settings by key (each value validated by a zod schema in the settings service). */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value', { mode: 'json' }).notNull(),
  updatedAt: integer('updated_at').notNull(),
});

export const taxRates = sqliteTable('tax_rates', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  rateBp: integer('rate_bp').notNull(),
  isDefault: integer('is_default', { mode: 'boolean' }).notNull().default(false),
  createdAt: integer('created_at').notNull(),
});

export const staff = sqliteTable(
  'staff',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    role: text('role', { enum: ['owner', 'manager', 'cashier'] }).notNull(),
    pinHash: text('pin_hash').notNull(),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    failedAttempts: integer('failed_attempts').notNull().default(0),
    lockedUntil: integer('locked_until'),
    tillId: text('till_id').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('staff_active_name').on(t.active, t.name)],
);

/** Append-only: triggers in a custom migration refuse UPDATE and DELETE. */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: text('id').primaryKey(),
    at: integer('at').notNull(),
    actorId: text('actor_id'),
    actorName: text('actor_name').notNull(),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id'),
    changes: text('changes', { mode: 'json' }).notNull().default(sql`'[]'`),
    note: text('note'),
    tillId: text('till_id').notNull(),
  },
  (t) => [
    index('audit_log_at').on(t.at),
    index('audit_log_entity').on(t.entity, t.entityId, t.at),
    index('audit_log_actor').on(t.actorId, t.at),
    index('audit_log_action').on(t.action, t.at),
  ],
);
