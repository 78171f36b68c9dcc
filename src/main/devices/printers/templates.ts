import type { PrintTemplate } from '../../../shared/contract/devices';
import { AppError } from '../../../shared/errors';
import { type CurrencyCode, formatMoney } from '../../../shared/money';
import { statementReceipt } from '../../domains/debts/statement-thermal';
import { cashSlipBlocks, shiftReportBlocks } from '../../domains/shifts/print';
import type { Block } from './document';
import {
  LoyaltyCardData,
  PaymentReceiptData,
  RefundReceiptData,
  SaleReceiptData,
  type StoreHeader,
  TestPageData,
} from './receipt-data';

/** Receipt templates: data → blocks. One function per document; the layout and printer language come later. */

const METHOD_WORDS: Record<string, string> = {
  cash: 'Cash',
  card: 'Card',
  mobile_money: 'Mobile money',
  bank_transfer: 'Bank transfer',
  on_account: 'On account',
  store_credit: 'Store credit',
  points: 'Points',
};

function moneyFn(currency: CurrencyCode, locale: string) {
  return (minor: number) => formatMoney(minor, currency, locale, { code: false });
}

function when(at: number, store: StoreHeader): string {
  try {
    return new Intl.DateTimeFormat('en-GB', {
      timeZone: store.timeZone,
      dateStyle: 'short',
      timeStyle: 'short',
    }).format(at);
  } catch {
    return new Date(at).toISOString().slice(0, 16).replace('T', ' ');
  }
}

function qty(qtyMilli: number, unit: string): string {
  const whole = qtyMilli % 1000 === 0;
  const n = whole ? String(qtyMilli / 1000) : (qtyMilli / 1000).toFixed(3).replace(/0+$/, '');
  return unit === 'piece' ? n : `${n} ${unit}`;
}

function header(store: StoreHeader, withLogo: boolean): Block[] {
  const blocks: Block[] = [];
  if (withLogo) blocks.push({ kind: 'logo' });
  blocks.push({ kind: 'text', text: store.name, align: 'center', bold: true, big: true });
  for (const t of [store.address, store.phone, store.taxId ? `Tax ID ${store.taxId}` : '', store.header])
    if (t) blocks.push({ kind: 'text', text: t, align: 'center' });
  blocks.push({ kind: 'rule' });
  return blocks;
}

function footer(store: StoreHeader, code: string | null): Block[] {
  const blocks: Block[] = [];
  if (code) blocks.push({ kind: 'feed', lines: 1 }, { kind: 'barcode', data: code });
  if (store.footer) blocks.push({ kind: 'feed', lines: 1 }, { kind: 'text', text: store.footer, align: 'center' });
  blocks.push({ kind: 'feed', lines: 3 }, { kind: 'cut' });
  return blocks;
}

function customerBlocks(c: SaleReceiptData['customer'], money: (n: number) => string, currency: string): Block[] {
  if (!c) return [];
  const blocks: Block[] = [{ kind: 'rule' }, { kind: 'pair', left: 'Customer', right: c.name }];
  if (c.cardNo) blocks.push({ kind: 'pair', left: 'Card', right: c.cardNo });
  if (c.accountBalance !== null && c.accountBalance !== 0)
    blocks.push({
      kind: 'pair',
      left: c.accountBalance > 0 ? `Left to pay on account ${currency}` : `In credit ${currency}`,
      right: money(Math.abs(c.accountBalance)),
      bold: true,
    });
  if (c.pointsEarned !== null) blocks.push({ kind: 'pair', left: 'Points earned', right: String(c.pointsEarned) });
  if (c.pointsRedeemed) blocks.push({ kind: 'pair', left: 'Points redeemed', right: String(c.pointsRedeemed) });
  // a negative balance (points taken back after they were spent) says so in words, not only with a minus sign
  if (c.pointsBalance !== null)
    blocks.push({
      kind: 'pair',
      left: c.pointsBalance < 0 ? 'Points owed' : 'Points balance',
      right: String(c.pointsBalance),
      bold: c.pointsBalance < 0,
    });
  return blocks;
}

export function saleReceipt(raw: unknown, opts: { logo?: boolean } = {}): Block[] {
  const d = SaleReceiptData.parse(raw);
  const money = moneyFn(d.currency, d.store.locale);
  const b: Block[] = header(d.store, !!opts.logo);
  if (d.copy) b.push({ kind: 'text', text: '*** COPY ***', align: 'center', bold: true });
  b.push({ kind: 'pair', left: `Receipt ${d.number}`, right: when(d.at, d.store) });
  if (d.staffName) b.push({ kind: 'text', text: `Served by ${d.staffName}` });
  b.push({ kind: 'rule' });
  for (const l of d.lines) {
    b.push({ kind: 'text', text: l.name });
    b.push({ kind: 'pair', left: `  ${qty(l.qtyMilli, l.unit)} x ${money(l.unitPrice)}`, right: money(l.amount) });
    if (l.discount) b.push({ kind: 'pair', left: '  Discount', right: `-${money(l.discount)}` });
  }
  b.push({ kind: 'rule' });
  b.push({ kind: 'pair', left: 'Subtotal', right: money(d.subtotal) });
  if (d.discountTotal) b.push({ kind: 'pair', left: 'Discounts', right: `-${money(d.discountTotal)}` });
  for (const t of d.taxes)
    b.push({
      kind: 'pair',
      left: `${d.pricesIncludeTax ? 'incl. ' : ''}Tax ${(t.rateBp / 100).toString()}% on ${money(t.net)}`,
      right: money(t.tax),
    });
  if (d.taxes.length === 0 && d.taxTotal) b.push({ kind: 'pair', left: 'Tax', right: money(d.taxTotal) });
  if (d.rounding) b.push({ kind: 'pair', left: 'Rounding', right: money(d.rounding) });
  b.push({ kind: 'pair', left: `TOTAL ${d.currency}`, right: money(d.total + d.rounding), bold: true, big: true });
  for (const p of d.payments) {
    const label = METHOD_WORDS[p.method] ?? p.method;
    b.push({
      kind: 'pair',
      left: p.reference ? `${label} ${p.reference}` : label,
      right: money(p.tendered ?? p.amount),
    });
  }
  if (d.changeGiven) b.push({ kind: 'pair', left: 'Change', right: money(d.changeGiven), bold: true });
  if (d.onAccountTotal) b.push({ kind: 'pair', left: 'Put on account', right: money(d.onAccountTotal) });
  if (d.savings > 0)
    b.push({ kind: 'text', text: `You saved ${d.currency} ${money(d.savings)}`, align: 'center', bold: true });
  b.push(...customerBlocks(d.customer, money, d.currency));
  if (d.openDrawer) b.unshift({ kind: 'drawer' });
  b.push(...footer(d.store, d.number));
  return b;
}

export function refundReceipt(raw: unknown, opts: { logo?: boolean } = {}): Block[] {
  const d = RefundReceiptData.parse(raw);
  const money = moneyFn(d.currency, d.store.locale);
  const b: Block[] = header(d.store, !!opts.logo);
  b.push({ kind: 'text', text: 'REFUND', align: 'center', bold: true, big: true });
  if (d.copy) b.push({ kind: 'text', text: '*** COPY ***', align: 'center', bold: true });
  b.push({ kind: 'pair', left: `Refund ${d.number}`, right: when(d.at, d.store) });
  b.push({ kind: 'text', text: `For sale ${d.saleNumber}` });
  if (d.staffName) b.push({ kind: 'text', text: `By ${d.staffName}` });
  if (d.reason) b.push({ kind: 'text', text: `Reason: ${d.reason}` });
  b.push({ kind: 'rule' });
  for (const l of d.lines)
    b.push({ kind: 'pair', left: `${qty(l.qtyMilli, 'piece')} x ${l.name}`, right: money(l.total) });
  b.push({ kind: 'rule' });
  if (d.taxTotal) b.push({ kind: 'pair', left: 'Tax included', right: money(d.taxTotal) });
  b.push({ kind: 'pair', left: `REFUNDED ${d.currency}`, right: money(d.total), bold: true, big: true });
  b.push({ kind: 'pair', left: 'Paid back as', right: METHOD_WORDS[d.method] ?? d.method });
  b.push(...customerBlocks(d.customer, money, d.currency));
  b.push({ kind: 'feed', lines: 1 }, { kind: 'text', text: 'Signature: ____________________' });
  b.push(...footer(d.store, d.number));
  return b;
}

export function paymentReceipt(raw: unknown, opts: { logo?: boolean } = {}): Block[] {
  const d = PaymentReceiptData.parse(raw);
  const money = moneyFn(d.currency, d.store.locale);
  const b: Block[] = header(d.store, !!opts.logo);
  b.push({ kind: 'text', text: 'PAYMENT RECEIVED', align: 'center', bold: true });
  if (d.copy) b.push({ kind: 'text', text: '*** COPY ***', align: 'center', bold: true });
  b.push({ kind: 'pair', left: `Receipt ${d.number}`, right: when(d.at, d.store) });
  if (d.staffName) b.push({ kind: 'text', text: `Received by ${d.staffName}` });
  b.push({ kind: 'rule' });
  b.push({ kind: 'pair', left: `Owed before ${d.currency}`, right: money(d.balanceBefore) });
  let paid = 0;
  for (const p of d.payments) {
    paid += p.amount;
    const label = METHOD_WORDS[p.method] ?? p.method;
    b.push({ kind: 'pair', left: p.reference ? `${label} ${p.reference}` : label, right: money(p.amount) });
  }
  b.push({ kind: 'pair', left: `PAID ${d.currency}`, right: money(paid), bold: true, big: true });
  b.push(...customerBlocks({ ...d.customer, accountBalance: d.balanceBefore - paid }, money, d.currency));
  b.push(...footer(d.store, d.number));
  return b;
}

export function loyaltyCard(raw: unknown, opts: { logo?: boolean } = {}): Block[] {
  const d = LoyaltyCardData.parse(raw);
  const b: Block[] = header(d.store, !!opts.logo);
  b.push({ kind: 'text', text: 'LOYALTY CARD', align: 'center', bold: true, big: true });
  b.push({ kind: 'text', text: d.customerName, align: 'center', bold: true });
  b.push({ kind: 'text', text: `Card ${d.cardNo}`, align: 'center' });
  if (d.pointsBalance !== null) b.push({ kind: 'text', text: `Points: ${d.pointsBalance}`, align: 'center' });
  b.push({ kind: 'feed', lines: 1 }, { kind: 'barcode', data: d.cardNo }, { kind: 'feed', lines: 1 });
  b.push({ kind: 'qr', data: d.cardNo });
  b.push({ kind: 'text', text: `Issued ${when(d.at, d.store)}`, align: 'center' });
  b.push({ kind: 'text', text: 'Show this card at the till to collect points.', align: 'center' });
  b.push({ kind: 'feed', lines: 3 }, { kind: 'cut' });
  return b;
}

export function testPage(raw: unknown, opts: { logo?: boolean } = {}): Block[] {
  const d = TestPageData.parse(raw);
  const b: Block[] = header(d.store, !!opts.logo);
  b.push({ kind: 'text', text: 'PRINTER TEST', align: 'center', bold: true, big: true });
  b.push({ kind: 'pair', left: 'Printer', right: d.printerName });
  b.push({ kind: 'pair', left: 'Address', right: d.uri });
  if (d.profile) b.push({ kind: 'text', text: d.profile });
  b.push({ kind: 'pair', left: 'Printed', right: when(d.at, d.store) });
  b.push({ kind: 'rule' });
  b.push({ kind: 'text', text: 'Accents: é è à ç ñ ü ö Å' });
  b.push({ kind: 'text', text: 'Money: € £ 1,234.50' });
  b.push({ kind: 'text', text: 'Bold line', bold: true });
  b.push({ kind: 'text', text: 'Right aligned', align: 'right' });
  b.push({ kind: 'barcode', data: 'TEST-1234' });
  b.push({ kind: 'qr', data: 'https://counterline.example/test' });
  b.push({ kind: 'text', text: 'If you can read this, receipts will print.', align: 'center' });
  b.push({ kind: 'feed', lines: 3 }, { kind: 'cut' });
  return b;
}

const TEMPLATES: Record<PrintTemplate, (data: unknown, opts: { logo?: boolean }) => Block[]> = {
  'sale-receipt': saleReceipt,
  'refund-receipt': refundReceipt,
  'payment-receipt': paymentReceipt,
  'loyalty-card': loyaltyCard,
  'test-page': testPage,
  statement: statementReceipt,
  'shift-report': shiftReportBlocks,
  'cash-slip': cashSlipBlocks,
};

/** The blocks for a stored job; a snapshot the template cannot read is a job that fails with words, not a crash. */
export function renderTemplate(template: string, data: unknown, opts: { logo?: boolean } = {}): Block[] {
  const fn = TEMPLATES[template as PrintTemplate];
  if (!fn) throw new AppError('VALIDATION', `There is no receipt template called "${template}".`);
  try {
    return fn(data, opts);
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('VALIDATION', `The ${template} job has data the template cannot print: ${(e as Error).message}`);
  }
}
