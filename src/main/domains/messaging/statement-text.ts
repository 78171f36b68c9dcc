import type { Statement } from '../../../shared/contract/debts';
import type { Placeholder } from '../../../shared/contract/messaging';
import { documentWords } from '../../../shared/i18n/documents';
import { formatMoney } from '../../../shared/money';
import { ACCOUNT_ENTRY_KINDS } from '../../db/schema/ledgers';
import { localDate } from '../debts/dates';

/** A statement as text shows the last few entries of the period; the whole of it is the A4 statement. */
export const TEXT_ENTRIES = 5;

/** Shown where a figure is missing (no unpaid invoice has a due date): the Cloud API refuses an empty parameter. */
const NONE = '–';

export interface StatementFigures {
  /** filled into the text the customer reads (click-to-chat, the outbox, the timeline): one entry a line */
  text: Partial<Record<Placeholder, string>>;
  /** the Cloud API template's parameters: the same figures, entries on one line (a parameter may not break lines) */
  params: Partial<Record<Placeholder, string>>;
}

/**
 * The figures a statement of account as text fills in, in the statement's language: the closing balance, what of it
 * is overdue (every aging bucket past Current), the oldest unpaid due date, and the last entries in short
 * ("2026-12-03 Invoice S-000042 UGX 42,000", a payment with a minus).
 */
export function statementFigures(
  st: Statement,
  shop: { locale: string; timeZone: string },
  oldestDueAt: number | null,
): StatementFigures {
  const money = (n: number) => formatMoney(n, st.currency, shop.locale);
  const w = documentWords(st.language);
  const a = st.aging;
  const overdue = Math.max(0, a.d1_30 + a.d31_60 + a.d61_90 + a.over90);
  const entries = st.lines.slice(-TEXT_ENTRIES).map((l) => {
    const kind = (ACCOUNT_ENTRY_KINDS as readonly string[]).includes(l.kind)
      ? w(`kind.${l.kind}` as Parameters<typeof w>[0])
      : l.kind;
    const amount = l.debit ? money(l.debit) : `-${money(l.credit)}`;
    return [localDate(l.at, shop.timeZone), kind, l.documentNo, amount].filter(Boolean).join(' ');
  });
  const figures = {
    balance: money(st.closing),
    overdue: money(overdue),
    dueDate: oldestDueAt === null ? NONE : localDate(oldestDueAt, shop.timeZone),
  };
  const none = w('noEntries');
  return {
    text: { ...figures, entries: entries.length ? entries.join('\n') : none },
    params: { ...figures, entries: entries.length ? entries.join('; ') : none },
  };
}
