import { formatMoney } from '../../../shared/money';
import type { SaleReceiptData } from '../printers/receipt-data';
import { A4Document } from './a4';

const METHOD_WORDS: Record<string, string> = {
  cash: 'Cash',
  card: 'Card',
  mobile_money: 'Mobile money',
  bank_transfer: 'Bank transfer',
  on_account: 'On account',
  store_credit: 'Store credit',
  points: 'Points',
};

/** An A4 invoice for a completed sale, from the same data the sale receipt prints. */
export function invoicePdf(d: SaleReceiptData): Promise<Buffer> {
  const money = (n: number) => formatMoney(n, d.currency, d.store.locale, { code: false });
  const date = new Intl.DateTimeFormat('en-GB', { timeZone: d.store.timeZone, dateStyle: 'long' }).format(d.at);
  const doc = new A4Document(`Invoice ${d.number}`).letterhead(d.store, 'INVOICE', [
    ['Invoice', d.number],
    ['Date', date],
    ['Currency', d.currency],
  ]);
  if (d.customer) doc.block('Bill to', [d.customer.name, ...(d.customer.cardNo ? [`Card ${d.customer.cardNo}`] : [])]);
  doc.table(
    [
      { title: 'Item', weight: 5 },
      { title: 'Qty', weight: 1.2, align: 'right' },
      { title: 'Unit price', weight: 1.8, align: 'right' },
      { title: 'Discount', weight: 1.6, align: 'right' },
      { title: 'Amount', weight: 1.8, align: 'right' },
    ],
    d.lines.map((l) => [
      l.name,
      l.unit === 'piece' ? String(l.qtyMilli / 1000) : `${l.qtyMilli / 1000} ${l.unit}`,
      money(l.unitPrice),
      l.discount ? `-${money(l.discount)}` : '',
      money(l.total),
    ]),
  );
  const pairs: Array<[string, string]> = [['Subtotal', money(d.subtotal)]];
  if (d.discountTotal) pairs.push(['Discounts', `-${money(d.discountTotal)}`]);
  for (const t of d.taxes)
    pairs.push([`${d.pricesIncludeTax ? 'Incl. ' : ''}tax ${t.rateBp / 100}% on ${money(t.net)}`, money(t.tax)]);
  if (d.rounding) pairs.push(['Rounding', money(d.rounding)]);
  const totalLabel = `Total ${d.currency}`;
  pairs.push([totalLabel, money(d.total + d.rounding)]);
  for (const p of d.payments) pairs.push([`Paid: ${METHOD_WORDS[p.method] ?? p.method}`, money(p.amount)]);
  const dueLabel = `Amount due ${d.currency}`;
  if (d.onAccountTotal) pairs.push([dueLabel, money(d.onAccountTotal)]);
  doc.totals(pairs, [totalLabel, dueLabel]);
  if (d.savings > 0) doc.note(`You saved ${d.currency} ${money(d.savings)}`);
  if (d.store.footer) doc.note(d.store.footer);
  return doc.finish();
}
