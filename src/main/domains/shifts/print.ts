import PDFDocument from 'pdfkit';
import { z } from 'zod';
import { ShiftReport } from '../../../shared/contract/shifts';
import { documentWords } from '../../../shared/i18n/documents';
import { type CurrencyCode, formatMoney, isCurrencyCode } from '../../../shared/money';
import { type Block, layout, plainText } from '../../devices/printers/document';
import { StoreHeader } from '../../devices/printers/receipt-data';

/** What an X/Z report print job stores: the report as read, and the shop as it was. */
export const ShiftReportPrintData = z.object({ store: StoreHeader, report: ShiftReport });

/** A pay-in, pay-out or no-sale slip; printing it opens the drawer. */
export const CashSlipData = z.object({
  store: StoreHeader,
  kind: z.enum(['pay_in', 'pay_out', 'no_sale']),
  currency: z.string(),
  amount: z.number().int(),
  reason: z.string().nullable(),
  staffName: z.string(),
  approvedByName: z.string().nullable(),
  shiftNumber: z.string(),
  at: z.number().int(),
});

function when(at: number, timeZone: string): string {
  try {
    return new Intl.DateTimeFormat('en-GB', { timeZone, dateStyle: 'short', timeStyle: 'short' }).format(at);
  } catch {
    return new Date(at).toISOString().slice(0, 16).replace('T', ' ');
  }
}

function moneyOf(currency: string, locale: string) {
  const c: CurrencyCode = isCurrencyCode(currency) ? currency : 'UGX';
  return (n: number) => formatMoney(n, c, locale, { code: false });
}

/** The X or Z report on a receipt roll: every figure the drawer and the day are checked by, in the shop's language. */
export function shiftReportBlocks(raw: unknown, opts: { logo?: boolean } = {}): Block[] {
  const { store, report: r } = ShiftReportPrintData.parse(raw);
  const w = documentWords(store.language);
  const money = moneyOf(r.currency, store.locale);
  const method = (m: string) => w(`method.${m}` as Parameters<typeof w>[0]);
  const b: Block[] = [];
  const pair = (left: string, n: number, bold = false) => b.push({ kind: 'pair', left, right: money(n), bold });
  if (opts.logo) b.push({ kind: 'logo' });
  b.push({ kind: 'text', text: store.name, align: 'center', bold: true, big: true });
  b.push({ kind: 'text', text: w('shift.title', { kind: r.kind }), align: 'center', bold: true, big: true });
  b.push({ kind: 'text', text: w('shift.shiftOn', { number: r.number, till: r.tillName }), align: 'center' });
  b.push({ kind: 'pair', left: w('shift.openedBy', { name: r.openedBy }), right: when(r.openedAt, store.timeZone) });
  b.push({
    kind: 'pair',
    left: r.kind === 'Z' ? w('shift.closedBy', { name: r.closedBy ?? '' }) : w('shift.readAt'),
    right: when(r.at, store.timeZone),
  });
  b.push({ kind: 'rule' });
  pair(w('shift.sales', { n: r.sales.count, currency: r.currency }), r.sales.total, true);
  if (r.voids.count) pair(w('shift.voids', { n: r.voids.count }), -r.voids.total);
  for (const p of r.payments) pair(`  ${method(p.method)} (${p.count})`, p.amount);
  pair(w('shift.refunds', { n: r.refunds.count }), -r.refunds.total);
  for (const p of r.refunds.byMethod) pair(`  ${method(p.method)}`, -p.amount);
  pair(w('shift.discounts'), r.discounts.total);
  if (r.discounts.priceOverrides)
    b.push({ kind: 'pair', left: w('shift.priceChanges'), right: String(r.discounts.priceOverrides) });
  for (const t of r.taxes) pair(w('shift.taxOn', { rate: t.rateBp / 100, net: money(t.net) }), t.tax);
  pair(w('shift.debt', { n: r.debtCollected.count }), r.debtCollected.total);
  for (const p of r.debtCollected.byMethod) pair(`  ${method(p.method)}`, p.amount);
  pair(w('shift.payIns', { n: r.payIns.count }), r.payIns.total);
  pair(w('shift.payOuts', { n: r.payOuts.count }), -r.payOuts.total);
  b.push({ kind: 'pair', left: w('shift.noSales'), right: String(r.noSales) });
  pair(w('shift.changeGiven'), r.changeGiven);
  b.push({ kind: 'rule' }, { kind: 'text', text: w('shift.cashInDrawer'), bold: true });
  pair(w('shift.float'), r.cash.float);
  pair(w('shift.cashSales'), r.cash.sales);
  if (r.cash.voids) pair(w('shift.cashVoids'), r.cash.voids);
  pair(w('shift.cashRefunds'), -r.cash.refunds);
  pair(w('shift.cashDebt'), r.cash.debtPayments);
  pair(w('shift.cashPayIns'), r.cash.payIns);
  pair(w('shift.cashPayOuts'), -r.cash.payOuts);
  pair(w('shift.expected', { currency: r.currency }), r.cash.expected, true);
  if (r.cash.counted !== null) {
    pair(w('shift.counted', { currency: r.currency }), r.cash.counted, true);
    const d = r.cash.difference ?? 0;
    pair(w(d > 0 ? 'shift.over' : d < 0 ? 'shift.short' : 'shift.difference'), d, true);
  }
  b.push({ kind: 'feed', lines: 3 }, { kind: 'cut' });
  return b;
}

export function cashSlipBlocks(raw: unknown): Block[] {
  const d = CashSlipData.parse(raw);
  const w = documentWords(d.store.language);
  const money = moneyOf(d.currency, d.store.locale);
  const b: Block[] = [{ kind: 'drawer' }];
  b.push({ kind: 'text', text: d.store.name, align: 'center', bold: true });
  b.push({ kind: 'text', text: w(`slip.${d.kind}`), align: 'center', bold: true, big: true });
  b.push({ kind: 'pair', left: w('slip.shift', { number: d.shiftNumber }), right: when(d.at, d.store.timeZone) });
  b.push({ kind: 'text', text: w('refundBy', { name: d.staffName }) });
  if (d.approvedByName) b.push({ kind: 'text', text: w('slip.approvedBy', { name: d.approvedByName }) });
  if (d.kind !== 'no_sale') b.push({ kind: 'pair', left: d.currency, right: money(d.amount), bold: true, big: true });
  if (d.reason) b.push({ kind: 'text', text: d.reason });
  if (d.kind !== 'no_sale') b.push({ kind: 'feed', lines: 1 }, { kind: 'text', text: w('slip.signature') });
  b.push({ kind: 'feed', lines: 3 }, { kind: 'cut' });
  return b;
}

/** The same report as the receipt roll, on an A4 page in a fixed-width font: what was printed is what is filed. */
export function shiftReportPdf(data: z.input<typeof ShiftReportPrintData>): Promise<Buffer> {
  const text = plainText(layout(shiftReportBlocks(data), 48), 48)
    .split('\n')
    .filter((l) => !l.startsWith('['));
  return new Promise((resolve, reject) => {
    const r = data.report;
    const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: `${r.kind} report ${r.number}` } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.font('Courier').fontSize(10);
    for (const line of text) doc.text(line.length ? line : ' ', { lineGap: 1 });
    doc.end();
  });
}
