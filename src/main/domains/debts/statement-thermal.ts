import { z } from 'zod';
import { Statement } from '../../../shared/contract/debts';
import { documentWords } from '../../../shared/i18n/documents';
import { formatMoney } from '../../../shared/money';
import type { Block } from '../../devices/printers/document';
import { StoreHeader } from '../../devices/printers/receipt-data';
import { localDate } from './dates';

/** What a statement print job stores: the statement as built, the shop as it was, and when it was printed. */
export const StatementPrintData = z.object({ store: StoreHeader, statement: Statement, at: z.number().int() });

/** Lines a receipt roll can hold before the statement says "see the A4 statement" instead. */
const MAX_LINES = 60;

/** A statement of account on the receipt printer: the same figures as the A4 one, latest entries when it is long. */
export function statementReceipt(raw: unknown, opts: { logo?: boolean } = {}): Block[] {
  const { store, statement: st, at } = StatementPrintData.parse(raw);
  const money = (n: number) => formatMoney(n, st.currency, store.locale, { code: false });
  const day = (ms: number) => localDate(ms, store.timeZone);
  const w = documentWords(st.language);
  const b: Block[] = [];
  if (opts.logo) b.push({ kind: 'logo' });
  b.push({ kind: 'text', text: store.name, align: 'center', bold: true, big: true });
  for (const t of [store.address, store.phone]) if (t) b.push({ kind: 'text', text: t, align: 'center' });
  b.push({ kind: 'rule' }, { kind: 'text', text: w('statementTitle'), align: 'center', bold: true });
  b.push({ kind: 'text', text: st.customer.name, align: 'center' });
  b.push({ kind: 'text', text: `${st.from} - ${st.to}`, align: 'center' }, { kind: 'rule' });
  b.push({ kind: 'pair', left: w('broughtForward', { currency: st.currency }), right: money(st.opening) });
  const skipped = Math.max(0, st.lines.length - MAX_LINES);
  if (skipped) b.push({ kind: 'text', text: w('earlierEntries', { n: skipped }) });
  for (const l of st.lines.slice(skipped)) {
    const amount = l.debit ? money(l.debit) : `-${money(l.credit)}`;
    b.push({ kind: 'pair', left: `${day(l.at)} ${l.description}`, right: amount });
  }
  b.push({ kind: 'rule' });
  b.push({
    kind: 'pair',
    left: w('balance', { currency: st.currency }),
    right: money(st.closing),
    bold: true,
    big: true,
  });
  const a = st.aging;
  for (const [label, v] of [
    [w('aging.current'), a.current],
    [w('aging.d1_30'), a.d1_30],
    [w('aging.d31_60'), a.d31_60],
    [w('aging.d61_90'), a.d61_90],
    [w('aging.over90'), a.over90],
  ] as const)
    if (v) b.push({ kind: 'pair', left: label, right: money(v) });
  if (st.paymentInstructions) b.push({ kind: 'rule' }, { kind: 'text', text: st.paymentInstructions });
  b.push({ kind: 'text', text: w('printed', { date: day(at) }), align: 'center' });
  b.push({ kind: 'feed', lines: 3 }, { kind: 'cut' });
  return b;
}
