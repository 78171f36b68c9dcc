import type { SalesOrder } from '../../../shared/contract/sales';
import { documentLanguage } from '../../../shared/i18n/documents';
import type { SaleReceiptData, StoreHeader } from './receipt-data';

/** The store fields sales.complete snapshots with each receipt job. */
export interface StoreSnapshot {
  name: string;
  address?: string;
  phone?: string;
  taxId?: string;
  receiptHeader?: string;
  receiptFooter?: string;
  locale?: string;
  timeZone?: string;
  language?: string;
}

/** The shop as printed on a document; `customerLanguage` (their preferred one) chooses the document's words. */
export function storeHeader(s: StoreSnapshot, customerLanguage?: string | null): StoreHeader {
  return {
    name: s.name,
    address: s.address ?? '',
    phone: s.phone ?? '',
    taxId: s.taxId ?? '',
    header: s.receiptHeader ?? '',
    footer: s.receiptFooter ?? '',
    locale: s.locale ?? 'en',
    timeZone: s.timeZone ?? 'UTC',
    language: documentLanguage(customerLanguage, s.language),
  };
}

export interface CustomerExtras {
  cardNo: string | null;
  balance: number | null;
  pointsBalance: number | null;
  language?: string | null;
}

/** A completed sale (as sales.complete stores it in the job) → what the sale receipt prints. */
export function saleReceiptFromOrder(
  store: StoreSnapshot,
  order: SalesOrder,
  customer: CustomerExtras | null,
  copy = false,
  /** the sale's points as written with it (earned, redeemed, balance after), so a reprint shows the day's figures */
  points: { earned: number; redeemed: number; balance: number } | null = null,
): SaleReceiptData {
  const taxes = new Map<number, { rateBp: number; net: number; tax: number }>();
  for (const l of order.lines) {
    const t = taxes.get(l.taxRateBp) ?? { rateBp: l.taxRateBp, net: 0, tax: 0 };
    t.net += l.net;
    t.tax += l.tax;
    taxes.set(l.taxRateBp, t);
  }
  return {
    store: storeHeader(store, customer?.language),
    currency: order.currency,
    number: order.number,
    at: order.completedAt,
    staffName: order.staffName,
    lines: order.lines.map((l) => ({
      name: l.name,
      qtyMilli: l.qtyMilli,
      unit: l.unit,
      unitPrice: l.unitPrice,
      amount: l.amount,
      discount: l.lineDiscount + l.orderDiscountShare,
      total: l.total,
    })),
    pricesIncludeTax: order.pricesIncludeTax,
    subtotal: order.subtotal,
    discountTotal: order.discountTotal,
    taxTotal: order.taxTotal,
    taxes: [...taxes.values()].filter((t) => t.rateBp > 0),
    rounding: order.rounding,
    total: order.total,
    savings: order.savings,
    payments: order.payments
      .filter((p) => !p.reversesId && p.method !== 'on_account')
      .map((p) => ({
        method: p.method,
        amount: p.amount,
        tendered: p.tendered,
        change: p.change,
        reference: p.reference,
      })),
    changeGiven: order.changeGiven,
    onAccountTotal: order.onAccountTotal,
    customer: order.customerName
      ? {
          name: order.customerName,
          cardNo: customer?.cardNo ?? null,
          accountBalance: customer?.balance ?? null,
          pointsEarned: points ? points.earned : null,
          pointsRedeemed: points ? points.redeemed : null,
          pointsBalance: points ? points.balance : (customer?.pointsBalance ?? null),
        }
      : null,
    copy,
    openDrawer: !copy && order.payments.some((p) => p.method === 'cash'),
  };
}
