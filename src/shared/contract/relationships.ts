import { z } from 'zod';
import { EpochMs, Id } from './common';
import { procedure } from './define';

export const INTERACTION_KINDS = ['call', 'visit', 'message', 'complaint', 'compliment', 'note'] as const;
export const INTERACTION_CHANNELS = ['phone', 'in_person', 'whatsapp', 'sms', 'email', 'other'] as const;
/** what a customer's timeline can show: the staff's own entries and the documents read from their tables */
export const TIMELINE_KINDS = [...INTERACTION_KINDS, 'sale', 'refund', 'payment', 'sent_message'] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

const Text = (max: number) => z.string().trim().max(max, `at most ${max} characters`);

export const InteractionDraft = z.object({
  customerId: Id,
  kind: z.enum(INTERACTION_KINDS),
  channel: z.enum(INTERACTION_CHANNELS),
  outcome: Text(200).optional(),
  text: Text(4000).default(''),
  /** when it happened; now when left out; never in the future */
  at: EpochMs.optional(),
});
export type InteractionDraft = z.output<typeof InteractionDraft>;

export const Interaction = z.object({
  id: Id,
  customerId: Id,
  kind: z.enum(INTERACTION_KINDS),
  channel: z.enum(INTERACTION_CHANNELS),
  outcome: z.string().nullable(),
  text: z.string(),
  at: EpochMs,
  staffId: z.string().nullable(),
  staffName: z.string(),
});
export type Interaction = z.infer<typeof Interaction>;

export const TimelineQuery = z.object({
  customerId: Id,
  kinds: z.array(z.enum(TIMELINE_KINDS)).max(TIMELINE_KINDS.length).optional(),
  /** words to find in the entry's text, outcome, document number or message */
  text: Text(100).optional(),
  /** entries strictly before this instant (the previous page's nextBefore) */
  before: EpochMs.optional(),
  limit: z.number().int().min(1).max(200).default(50),
});
export type TimelineQuery = z.output<typeof TimelineQuery>;

export const TimelineEntry = z.object({
  /** the row's id in its own table */
  id: z.string(),
  kind: z.enum(TIMELINE_KINDS),
  at: EpochMs,
  /** a short line: "S-000012 · 3 lines", "Call · promised to pay Friday" */
  title: z.string(),
  text: z.string(),
  /** signed minor units where money moved (sale total, refund, payment), else null */
  amount: z.number().int().nullable(),
  channel: z.string().nullable(),
  /** staff who did it, when known */
  by: z.string().nullable(),
  /** for a sent message: queued / sent / failed…; for a sale: completed / voided */
  status: z.string().nullable(),
});
export type TimelineEntry = z.infer<typeof TimelineEntry>;

export const FOLLOW_UP_STATUSES = ['open', 'snoozed', 'done', 'cancelled'] as const;
export const FOLLOW_UP_SOURCES = ['manual', 'overdue_debt', 'complaint', 'at_risk'] as const;

export const FollowUpDraft = z.object({
  customerId: Id,
  title: Text(200).pipe(z.string().min(1, 'say what is to be done')),
  note: Text(2000).default(''),
  dueAt: EpochMs,
  assignedStaffId: Id.nullable().default(null),
});

export const FollowUp = z.object({
  id: Id,
  customerId: Id,
  customerName: z.string(),
  title: z.string(),
  note: z.string(),
  dueAt: EpochMs,
  assignedStaffId: z.string().nullable(),
  assignedStaffName: z.string().nullable(),
  status: z.enum(FOLLOW_UP_STATUSES),
  snoozedUntil: EpochMs.nullable(),
  source: z.enum(FOLLOW_UP_SOURCES),
  sourceRef: z.string().nullable(),
  closedAt: EpochMs.nullable(),
  createdAt: EpochMs,
  overdue: z.boolean(),
});
export type FollowUp = z.infer<typeof FollowUp>;

export const FollowUpChange = z.discriminatedUnion('action', [
  z.object({ id: Id, action: z.literal('done'), note: Text(2000).optional() }),
  z.object({ id: Id, action: z.literal('cancel'), note: Text(2000).optional() }),
  z.object({ id: Id, action: z.literal('snooze'), until: EpochMs }),
  z.object({ id: Id, action: z.literal('reopen') }),
  z.object({ id: Id, action: z.literal('assign'), assignedStaffId: Id.nullable() }),
]);
export type FollowUpChange = z.output<typeof FollowUpChange>;

export const TodayList = z.object({
  date: z.string(),
  count: z.number().int(),
  overdue: z.number().int(),
  rows: z.array(FollowUp),
});

export const CELEBRATION_RANGES = ['today', 'week', 'month'] as const;
export const Celebration = z.object({
  customerId: Id,
  name: z.string(),
  kind: z.enum(['birthday', 'first_purchase']),
  /** the date it falls on this year, YYYY-MM-DD in shop time */
  date: z.string(),
  /** years: age when the year of birth is known, years since the first purchase */
  years: z.number().int().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
});
export type Celebration = z.infer<typeof Celebration>;

export const relationships = {
  logInteraction: procedure({ input: InteractionDraft, output: Interaction, permission: 'customers.edit' }),
  timeline: procedure({
    input: TimelineQuery,
    output: z.object({ rows: z.array(TimelineEntry), nextBefore: EpochMs.nullable() }),
    permission: 'customers.view',
  }),
  createFollowUp: procedure({ input: FollowUpDraft, output: FollowUp, permission: 'customers.edit' }),
  /** one key from an overdue debt: "collect payment" due now, refused when nothing is overdue */
  followUpFromDebt: procedure({
    input: z.object({ customerId: Id, assignedStaffId: Id.nullable().default(null) }),
    output: FollowUp,
    permission: 'customers.edit',
  }),
  /** one key from a logged complaint: "call back about the complaint" due tomorrow */
  followUpFromComplaint: procedure({
    input: z.object({ interactionId: Id, assignedStaffId: Id.nullable().default(null) }),
    output: FollowUp,
    permission: 'customers.edit',
  }),
  changeFollowUp: procedure({ input: FollowUpChange, output: FollowUp, permission: 'customers.edit' }),
  followUps: procedure({
    input: z.object({ customerId: Id, includeClosed: z.boolean().default(false) }),
    output: z.array(FollowUp),
    permission: 'customers.view',
  }),
  /** open follow-ups due by the end of the shop day (overdue first), and snoozed ones whose time came */
  today: procedure({
    input: z.object({ mine: z.boolean().default(false), limit: z.number().int().min(1).max(500).default(100) }),
    output: TodayList,
    permission: 'customers.view',
  }),
  celebrations: procedure({
    input: z.object({ range: z.enum(CELEBRATION_RANGES).default('today') }),
    output: z.array(Celebration),
    permission: 'customers.view',
  }),
};
