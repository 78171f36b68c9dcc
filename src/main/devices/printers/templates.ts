import type { PrintTemplate } from '../../../shared/contract/devices';
import { AppError } from '../../../shared/errors';
import { type DocumentWord, documentWords } from '../../../shared/i18n/documents';
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

type Words = ReturnType<typeof documentWords>;

/** A payment method's printed name; a job stored with the words themselves (older jobs) prints them as they are. */
export function methodWord(w: Words, method: string): string {
  return ['cash', 'card', 'mobile_money', 'bank_transfer', 'on_account', 'store_credit', 'points'].includes(method)
    ? w(`method.${method}` as DocumentWord)
    : method;
}

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
  const w = documentWords(store.language);
  const blocks: Block[] = [];
  if (withLogo) blocks.push({ kind: 'logo' });
  blocks.push({ kind: 'text', text: store.name, align: 'center', bold: true, big: true });
  for (const t of [store.address, store.phone, store.taxId ? w('taxId', { id: store.taxId }) : '', store.header])
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

function customerBlocks(
  c: SaleReceiptData['customer'],
  money: (n: number) => string,
  currency: string,
  w: Words,
): Block[] {
  if (!c) return [];
  const blocks: Block[] = [{ kind: 'rule' }, { kind: 'pair', left: w('customer'), right: c.name }];
  if (c.cardNo) blocks.push({ kind: 'pair', left: w('card'), right: c.cardNo });
  if (c.accountBalance !== null && c.accountBalance !== 0)
    blocks.push({
      kind: 'pair',
      left: c.accountBalance > 0 ? w('leftToPay', { currency }) : w('inCredit', { currency }),
      right: money(Math.abs(c.accountBalance)),
      bold: true,
    });
  if (c.pointsEarned !== null) blocks.push({ kind: 'pair', left: w('pointsEarned'), right: String(c.pointsEarned) });
  if (c.pointsRedeemed) blocks.push({ kind: 'pair', left: w('pointsRedeemed'), right: String(c.pointsRedeemed) });
  // a negative balance (points taken back after they were spent) says so in words, not only with a minus sign
  if (c.pointsBalance !== null)
    blocks.push({
      kind: 'pair',
      left: c.pointsBalance < 0 ? w('pointsOwed') : w('pointsBalance'),
      right: String(c.pointsBalance),
      bold: c.pointsBalance < 0,
    });
  return blocks;
}

export function saleReceipt(raw: unknown, opts: { logo?: boolean } = {}): Block[] {
  const d = SaleReceiptData.parse(raw);
  const money = moneyFn(d.currency, d.store.locale);
  const w = documentWords(d.store.language);
  const b: Block[] = header(d.store, !!opts.logo);
  if (d.copy) b.push({ kind: 'text', text: w('copy'), align: 'center', bold: true });
  b.push({ kind: 'pair', left: w('receiptNo', { number: d.number }), right: when(d.at, d.store) });
  if (d.staffName) b.push({ kind: 'text', text: w('servedBy', { name: d.staffName }) });
  b.push({ kind: 'rule' });
  for (const l of d.lines) {
    b.push({ kind: 'text', text: l.name });
    b.push({ kind: 'pair', left: `  ${qty(l.qtyMilli, l.unit)} x ${money(l.unitPrice)}`, right: money(l.amount) });
    if (l.discount) b.push({ kind: 'pair', left: `  ${w('discount')}`, right: `-${money(l.discount)}` });
  }
  b.push({ kind: 'rule' });
  b.push({ kind: 'pair', left: w('subtotal'), right: money(d.subtotal) });
  if (d.discountTotal) b.push({ kind: 'pair', left: w('discounts'), right: `-${money(d.discountTotal)}` });
  for (const t of d.taxes)
    b.push({
      kind: 'pair',
      left: w('taxOn', {
        included: d.pricesIncludeTax ? 'yes' : 'no',
        rate: (t.rateBp / 100).toString(),
        net: money(t.net),
      }),
      right: money(t.tax),
    });
  if (d.taxes.length === 0 && d.taxTotal) b.push({ kind: 'pair', left: w('tax'), right: money(d.taxTotal) });
  if (d.rounding) b.push({ kind: 'pair', left: w('rounding'), right: money(d.rounding) });
  b.push({
    kind: 'pair',
    left: w('total', { currency: d.currency }),
    right: money(d.total + d.rounding),
    bold: true,
    big: true,
  });
  for (const p of d.payments) {
    const label = methodWord(w, p.method);
    b.push({
      kind: 'pair',
      left: p.reference ? `${label} ${p.reference}` : label,
      right: money(p.tendered ?? p.amount),
    });
  }
  if (d.changeGiven) b.push({ kind: 'pair', left: w('change'), right: money(d.changeGiven), bold: true });
  if (d.onAccountTotal) b.push({ kind: 'pair', left: w('putOnAccount'), right: money(d.onAccountTotal) });
  if (d.savings > 0)
    b.push({
      kind: 'text',
      text: w('youSaved', { currency: d.currency, amount: money(d.savings) }),
      align: 'center',
      bold: true,
    });
  b.push(...customerBlocks(d.customer, money, d.currency, w));
  if (d.openDrawer) b.unshift({ kind: 'drawer' });
  b.push(...footer(d.store, d.number));
  return b;
}

export function refundReceipt(raw: unknown, opts: { logo?: boolean } = {}): Block[] {
  const d = RefundReceiptData.parse(raw);
  const money = moneyFn(d.currency, d.store.locale);
  const w = documentWords(d.store.language);
  const b: Block[] = header(d.store, !!opts.logo);
  b.push({ kind: 'text', text: w('refundTitle'), align: 'center', bold: true, big: true });
  if (d.copy) b.push({ kind: 'text', text: w('copy'), align: 'center', bold: true });
  b.push({ kind: 'pair', left: w('refundNo', { number: d.number }), right: when(d.at, d.store) });
  b.push({ kind: 'text', text: w('forSale', { number: d.saleNumber }) });
  if (d.staffName) b.push({ kind: 'text', text: w('refundBy', { name: d.staffName }) });
  if (d.reason) b.push({ kind: 'text', text: w('reason', { reason: d.reason }) });
  b.push({ kind: 'rule' });
  for (const l of d.lines)
    b.push({ kind: 'pair', left: `${qty(l.qtyMilli, 'piece')} x ${l.name}`, right: money(l.total) });
  b.push({ kind: 'rule' });
  if (d.taxTotal) b.push({ kind: 'pair', left: w('taxIncluded'), right: money(d.taxTotal) });
  b.push({ kind: 'pair', left: w('refunded', { currency: d.currency }), right: money(d.total), bold: true, big: true });
  b.push({ kind: 'pair', left: w('paidBackAs'), right: methodWord(w, d.method) });
  b.push(...customerBlocks(d.customer, money, d.currency, w));
  b.push({ kind: 'feed', lines: 1 }, { kind: 'text', text: w('signature') });
  b.push(...footer(d.store, d.number));
  return b;
}

export function paymentReceipt(raw: unknown, opts: { logo?: boolean } = {}): Block[] {
  const d = PaymentReceiptData.parse(raw);
  const money = moneyFn(d.currency, d.store.locale);
  const w = documentWords(d.store.language);
  const b: Block[] = header(d.store, !!opts.logo);
  b.push({ kind: 'text', text: w('paymentTitle'), align: 'center', bold: true });
  if (d.copy) b.push({ kind: 'text', text: w('copy'), align: 'center', bold: true });
  b.push({ kind: 'pair', left: w('receiptNo', { number: d.number }), right: when(d.at, d.store) });
  if (d.staffName) b.push({ kind: 'text', text: w('receivedBy', { name: d.staffName }) });
  b.push({ kind: 'rule' });
  b.push({ kind: 'pair', left: w('owedBefore', { currency: d.currency }), right: money(d.balanceBefore) });
  let paid = 0;
  for (const p of d.payments) {
    paid += p.amount;
    const label = methodWord(w, p.method);
    b.push({ kind: 'pair', left: p.reference ? `${label} ${p.reference}` : label, right: money(p.amount) });
  }
  b.push({ kind: 'pair', left: w('paid', { currency: d.currency }), right: money(paid), bold: true, big: true });
  b.push(...customerBlocks({ ...d.customer, accountBalance: d.balanceBefore - paid }, money, d.currency, w));
  b.push(...footer(d.store, d.number));
  return b;
}

export function loyaltyCard(raw: unknown, opts: { logo?: boolean } = {}): Block[] {
  const d = LoyaltyCardData.parse(raw);
  const w = documentWords(d.store.language);
  const b: Block[] = header(d.store, !!opts.logo);
  b.push({ kind: 'text', text: w('loyaltyTitle'), align: 'center', bold: true, big: true });
  b.push({ kind: 'text', text: d.customerName, align: 'center', bold: true });
  b.push({ kind: 'text', text: w('cardNo', { number: d.cardNo }), align: 'center' });
  if (d.pointsBalance !== null)
    b.push({ kind: 'text', text: w('pointsLine', { points: String(d.pointsBalance) }), align: 'center' });
  b.push({ kind: 'feed', lines: 1 }, { kind: 'barcode', data: d.cardNo }, { kind: 'feed', lines: 1 });
  b.push({ kind: 'qr', data: d.cardNo });
  b.push({ kind: 'text', text: w('issued', { date: when(d.at, d.store) }), align: 'center' });
  b.push({ kind: 'text', text: w('showCard'), align: 'center' });
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
