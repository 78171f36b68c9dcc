import {
  INTERACTION_KINDS,
  type TimelineEntry,
  type TimelineKind,
  type TimelineQuery,
} from '../../../shared/contract/relationships';
import type { Sqlite } from '../../db/open';
import { stmt } from '../../db/statements';

const WORDS: Record<string, string> = {
  call: 'Call',
  visit: 'Visit',
  message: 'Message',
  complaint: 'Complaint',
  compliment: 'Compliment',
  note: 'Note',
};

/**
 * One source of the timeline: a query over its own table returning TimelineEntry columns, newest first, for a
 * customer before an instant, optionally matching words. Nothing is copied into a timeline table: a sale voided or a
 * message sent later shows as it is now.
 */
interface Source {
  kinds: readonly TimelineKind[];
  sql: (kinds: readonly TimelineKind[], text: boolean) => string;
}

const like = (cols: string[]) => `(${cols.map((c) => `${c} LIKE :text ESCAPE '\\'`).join(' OR ')})`;

const SOURCES: Source[] = [
  {
    kinds: INTERACTION_KINDS,
    sql: (kinds, text) => `SELECT id, kind, at, kind AS title, text, NULL AS amount, channel, staff_name AS by,
        outcome AS status FROM interactions
      WHERE customer_id = :customer AND at < :before AND kind IN (${kinds.map((k) => `'${k}'`).join(', ')})
        ${text ? `AND ${like(['text', 'outcome'])}` : ''}
      ORDER BY at DESC, id DESC LIMIT :limit`,
  },
  {
    kinds: ['sale'],
    sql: (_k, text) => `SELECT o.id, 'sale' AS kind, o.completed_at AS at,
        o.number || ' · ' || (SELECT count(*) FROM sales_lines l WHERE l.sales_order_id = o.id) || ' lines' AS title,
        coalesce(o.void_reason, '') AS text, o.total + o.rounding AS amount, NULL AS channel,
        (SELECT name FROM staff s WHERE s.id = o.staff_id) AS by, o.status AS status
      FROM sales_orders o WHERE o.customer_id = :customer AND o.completed_at < :before
        ${text ? `AND ${like(['o.number'])}` : ''}
      ORDER BY o.completed_at DESC, o.id DESC LIMIT :limit`,
  },
  {
    kinds: ['refund'],
    sql: (_k, text) => `SELECT r.id, 'refund' AS kind, r.at, r.number AS title, r.reason AS text, -r.total AS amount,
        r.method AS channel, (SELECT name FROM staff s WHERE s.id = r.staff_id) AS by, r.status AS status
      FROM refunds r WHERE r.customer_id = :customer AND r.at < :before
        ${text ? `AND ${like(['r.number', 'r.reason'])}` : ''}
      ORDER BY r.at DESC, r.id DESC LIMIT :limit`,
  },
  {
    // debt payments taken without a sale (a sale's own payments are part of the sale)
    kinds: ['payment'],
    sql: (_k, text) => `SELECT p.id, 'payment' AS kind, p.at, 'Payment on account' AS title,
        trim(coalesce(p.reference, '') || ' ' || coalesce(p.note, '')) AS text, p.amount, p.method AS channel,
        (SELECT name FROM staff s WHERE s.id = p.staff_id) AS by, NULL AS status
      FROM payments p WHERE p.customer_id = :customer AND p.sales_order_id IS NULL AND p.at < :before
        ${text ? `AND ${like(['p.reference', 'p.note'])}` : ''}
      ORDER BY p.at DESC, p.id DESC LIMIT :limit`,
  },
  {
    kinds: ['sent_message'],
    sql: (_k, text) => `SELECT m.id, 'sent_message' AS kind, m.created_at AS at,
        CASE WHEN m.subject <> '' THEN m.subject ELSE m.template END AS title, m.body AS text, NULL AS amount,
        m.channel, (SELECT name FROM staff s WHERE s.id = m.created_by) AS by, m.status
      FROM outbox m WHERE m.customer_id = :customer AND m.created_at < :before
        ${text ? `AND ${like(['m.subject', 'm.body'])}` : ''}
      ORDER BY m.created_at DESC, m.id DESC LIMIT :limit`,
  },
];

/**
 * A customer's timeline, newest first: each source gives its newest `limit` rows before the cursor, and the merge keeps
 * the newest `limit` of them. The cursor is an instant; rows sharing the last instant are all kept on this page so
 * none is skipped by the next.
 */
export function timeline(sqlite: Sqlite, q: TimelineQuery): { rows: TimelineEntry[]; nextBefore: number | null } {
  const wanted = new Set<TimelineKind>(q.kinds?.length ? q.kinds : SOURCES.flatMap((s) => s.kinds));
  const text = q.text ? `%${q.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const params = { customer: q.customerId, before: q.before ?? Number.MAX_SAFE_INTEGER, limit: q.limit + 1 };
  const all: TimelineEntry[] = [];
  for (const source of SOURCES) {
    const kinds = source.kinds.filter((k) => wanted.has(k));
    if (!kinds.length) continue;
    const rows = stmt(sqlite, source.sql(kinds, text !== null)).all(
      text === null ? params : { ...params, text },
    ) as TimelineEntry[];
    all.push(...rows);
  }
  all.sort((a, b) => b.at - a.at || (a.id < b.id ? 1 : -1));
  for (const r of all) if (r.kind in WORDS) r.title = WORDS[r.kind] as string;
  if (all.length <= q.limit) return { rows: all, nextBefore: null };
  const last = all[q.limit - 1] as TimelineEntry;
  // finish the instant the page ends on, so `before` does not skip its other rows
  let end = q.limit;
  while (end < all.length && (all[end] as TimelineEntry).at === last.at) end++;
  return { rows: all.slice(0, end), nextBefore: last.at };
}
