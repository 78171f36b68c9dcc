import PDFDocument from 'pdfkit';
import { z } from 'zod';
import { ShiftReport } from '../../../shared/contract/shifts';
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

export const METHOD_WORDS: Record<string, string> = {
  cash: 'Cash',
  card: 'Card',
  mobile_money: 'Mobile money',
  bank_transfer: 'Bank transfer',
  on_account: 'On account',
  store_credit: 'Store credit',
  points: 'Points',
};

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

/** The X or Z report on a receipt roll: every figure the drawer and the day are checked by. */
export function shiftReportBlocks(raw: unknown, opts: { logo?: boolean } = {}): Block[] {
  const { store, report: r } = ShiftReportPrintData.parse(raw);
  const money = moneyOf(r.currency, store.locale);
  const b: Block[] = [];
  const pair = (left: string, n: number, bold = false) => b.push({ kind: 'pair', left, right: money(n), bold });
  if (opts.logo) b.push({ kind: 'logo' });
  b.push({ kind: 'text', text: store.name, align: 'center', bold: true, big: true });
  b.push({ kind: 'text', text: `${r.kind} REPORT`, align: 'center', bold: true, big: true });
  b.push({ kind: 'text', text: `Shift ${r.number} - ${r.tillName}`, align: 'center' });
  b.push({ kind: 'pair', left: `Opened by ${r.openedBy}`, right: when(r.openedAt, store.timeZone) });
  b.push({
    kind: 'pair',
    left: r.kind === 'Z' ? `Closed by ${r.closedBy ?? ''}` : 'Read at',
    right: when(r.at, store.timeZone),
  });
  b.push({ kind: 'rule' });
  pair(`Sales (${r.sales.count}) ${r.currency}`, r.sales.total, true);
  if (r.voids.count) pair(`Voids (${r.voids.count})`, -r.voids.total);
  for (const p of r.payments) pair(`  ${METHOD_WORDS[p.method] ?? p.method} (${p.count})`, p.amount);
  pair(`Refunds (${r.refunds.count})`, -r.refunds.total);
  for (const p of r.refunds.byMethod) pair(`  ${METHOD_WORDS[p.method] ?? p.method}`, -p.amount);
  pair('Discounts given', r.discounts.total);
  if (r.discounts.priceOverrides)
    b.push({ kind: 'pair', left: 'Price changes', right: String(r.discounts.priceOverrides) });
  for (const t of r.taxes) pair(`Tax ${t.rateBp / 100}% on ${money(t.net)}`, t.tax);
  pair(`Debt collected (${r.debtCollected.count})`, r.debtCollected.total);
  for (const p of r.debtCollected.byMethod) pair(`  ${METHOD_WORDS[p.method] ?? p.method}`, p.amount);
  pair(`Pay-ins (${r.payIns.count})`, r.payIns.total);
  pair(`Pay-outs (${r.payOuts.count})`, -r.payOuts.total);
  b.push({ kind: 'pair', left: 'Drawer opened, no sale', right: String(r.noSales) });
  pair('Change given', r.changeGiven);
  b.push({ kind: 'rule' }, { kind: 'text', text: 'CASH IN THE DRAWER', bold: true });
  pair('Opening float', r.cash.float);
  pair('+ Cash sales', r.cash.sales);
  if (r.cash.voids) pair('- Voided cash', r.cash.voids);
  pair('- Cash refunds', -r.cash.refunds);
  pair('+ Cash debt payments', r.cash.debtPayments);
  pair('+ Pay-ins', r.cash.payIns);
  pair('- Pay-outs', -r.cash.payOuts);
  pair(`Expected ${r.currency}`, r.cash.expected, true);
  if (r.cash.counted !== null) {
    pair(`Counted ${r.currency}`, r.cash.counted, true);
    const d = r.cash.difference ?? 0;
    pair(d > 0 ? 'Over' : d < 0 ? 'Short' : 'Difference', d, true);
  }
  b.push({ kind: 'feed', lines: 3 }, { kind: 'cut' });
  return b;
}

const SLIP_WORDS = { pay_in: 'PAY-IN', pay_out: 'PAY-OUT', no_sale: 'NO SALE' } as const;

export function cashSlipBlocks(raw: unknown): Block[] {
  const d = CashSlipData.parse(raw);
  const money = moneyOf(d.currency, d.store.locale);
  const b: Block[] = [{ kind: 'drawer' }];
  b.push({ kind: 'text', text: d.store.name, align: 'center', bold: true });
  b.push({ kind: 'text', text: SLIP_WORDS[d.kind], align: 'center', bold: true, big: true });
  b.push({ kind: 'pair', left: `Shift ${d.shiftNumber}`, right: when(d.at, d.store.timeZone) });
  b.push({ kind: 'text', text: `By ${d.staffName}` });
  if (d.approvedByName) b.push({ kind: 'text', text: `Approved by ${d.approvedByName}` });
  if (d.kind !== 'no_sale') b.push({ kind: 'pair', left: d.currency, right: money(d.amount), bold: true, big: true });
  if (d.reason) b.push({ kind: 'text', text: d.reason });
  if (d.kind !== 'no_sale') b.push({ kind: 'feed', lines: 1 }, { kind: 'text', text: 'Signature: ______________' });
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
