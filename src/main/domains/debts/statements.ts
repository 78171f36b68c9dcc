import type { Statement } from '../../../shared/contract/debts';
import type { StoreProfile } from '../../../shared/contract/system';
import { AppError } from '../../../shared/errors';
import { documentLanguage, documentWords } from '../../../shared/i18n/documents';
import type { CurrencyCode } from '../../../shared/money';
import type { Sqlite } from '../../db/open';
import { ACCOUNT_ENTRY_KINDS } from '../../db/schema/ledgers';
import { stmt } from '../../db/statements';
import { agingOf } from './aging';
import { dayEnd, dayStart, localDate } from './dates';

/** Longest period one statement covers: a statement is read by a person, and the PDF stays a few hundred pages. */
const MAX_DAYS = 3 * 366;

interface EntryRow {
  id: string;
  at: number;
  kind: string;
  amount: number;
  documentNo: string | null;
  dueAt: number | null;
  reason: string | null;
}

/**
 * A statement of account for the shop days `from`..`to` (inclusive): the balance brought forward, every entry in the
 * period with the running balance, the closing balance (= the ledger's balance at the end of `to`) and its aging.
 */
export function buildStatement(
  sqlite: Sqlite,
  store: Pick<StoreProfile, 'currency' | 'timeZone' | 'language'>,
  paymentInstructions: string,
  input: { customerId: string; from: string; to: string },
): Statement {
  const start = dayStart(input.from, store.timeZone);
  const end = dayEnd(input.to, store.timeZone);
  if (end <= start) throw new AppError('VALIDATION', 'The statement period ends before it starts; swap the dates.');
  if (end - start > MAX_DAYS * 86_400_000)
    throw new AppError('VALIDATION', 'A statement covers at most three years; choose a shorter period.');
  const c = stmt(
    sqlite,
    `SELECT c.id, c.display_name AS name, c.code, c.phone_primary_e164 AS phone, c.email, c.preferred_language AS language,
       (SELECT trim(a.line1 || ' ' || a.line2 || ' ' || a.city) FROM customer_addresses a WHERE a.customer_id = c.id
        ORDER BY a.is_default DESC, a.id LIMIT 1) AS address
     FROM customers c WHERE c.id = ?`,
  ).get(input.customerId) as
    | {
        id: string;
        name: string;
        code: string | null;
        phone: string | null;
        email: string | null;
        address: string | null;
        language: string | null;
      }
    | undefined;
  if (!c) throw new AppError('NOT_FOUND', 'That customer was not found.', { id: input.customerId });
  const opening = (
    stmt(sqlite, 'SELECT coalesce(sum(amount), 0) AS n FROM account_entries WHERE customer_id = ? AND at < ?').get(
      c.id,
      start,
    ) as { n: number }
  ).n;
  const rows = stmt(
    sqlite,
    `SELECT id, at, kind, amount, document_no AS documentNo, due_at AS dueAt, reason FROM account_entries
     WHERE customer_id = ? AND at >= ? AND at < ? ORDER BY at, id`,
  ).all(c.id, start, end) as EntryRow[];
  const language = documentLanguage(c.language, store.language);
  const w = documentWords(language);
  let running = opening;
  const lines = rows.map((r) => {
    running += r.amount;
    return {
      id: r.id,
      at: r.at,
      kind: r.kind,
      documentNo: r.documentNo,
      description: describeEntry(r, store.timeZone, w),
      dueAt: r.kind === 'invoice' ? r.dueAt : null,
      debit: Math.max(r.amount, 0),
      credit: Math.max(-r.amount, 0),
      balance: running,
    };
  });
  const aging = agingOf(sqlite, c.id, end);
  return {
    customer: { id: c.id, name: c.name, code: c.code, phone: c.phone, email: c.email, address: c.address ?? '' },
    currency: store.currency as CurrencyCode,
    language,
    from: input.from,
    to: input.to,
    opening,
    lines,
    closing: running,
    aging: aging.buckets,
    paymentInstructions,
  };
}

function describeEntry(r: EntryRow, timeZone: string, w: ReturnType<typeof documentWords>): string {
  const words = (ACCOUNT_ENTRY_KINDS as readonly string[]).includes(r.kind)
    ? w(`kind.${r.kind}` as Parameters<typeof w>[0])
    : r.kind;
  const doc = r.documentNo ? ` ${r.documentNo}` : '';
  const due = r.kind === 'invoice' && r.dueAt !== null ? ` ${w('dueOn', { date: localDate(r.dueAt, timeZone) })}` : '';
  const why = r.reason && r.kind !== 'invoice' && r.kind !== 'payment' ? `: ${r.reason}` : '';
  return `${words}${doc}${due}${why}`;
}

/** The period a statement covers by default: this month so far, in the shop's days. */
export function defaultPeriod(now: number, timeZone: string): { from: string; to: string } {
  const to = localDate(now, timeZone);
  return { from: `${to.slice(0, 8)}01`, to };
}
