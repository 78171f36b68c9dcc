import type { AccountPayment, ReceiptMethod } from '../../shared/contract/receivables';
import type { Refund } from '../../shared/contract/refunds';
import type { ApprovalNeed, CompleteInput, PaymentMethod, SalesOrder } from '../../shared/contract/sales';
import type { Role } from '../../shared/permissions';
import type { Actor } from './audit/service';
import type { RefundPoints } from './loyalty/clawback';
import type { ReceiptPoints } from './loyalty/service';
import type { CreditDecision } from './receivables/credit';
import type { PaymentPlan } from './sales/payment-plan';
import type { PricedCart, PricedCartLine } from './sales/pricing';
import type { SalesActor } from './sales/service';

/**
 * The business documents a till produces, and the two ordered lists that act on them: guards (checks that may
 * refuse a sale before anything is written) and postings (what a written document does to the ledgers and side
 * records, inside the same transaction). The lists themselves are declared in src/main/postings.ts.
 */

export interface CustomerForSale {
  id: string;
  displayName: string;
  status: 'active' | 'inactive' | 'merged';
  categoryId: string | null;
  mergedIntoId: string | null;
  paymentTermsDays: number | null;
  categoryTermsDays: number | null;
}

export type SaleLine = PricedCartLine & {
  name: string;
  sku: string | null;
  unit: 'piece' | 'kg' | 'litre';
  categoryId: string | null;
};

/** A cart as priced, before its payments are looked at: what needs a manager's approval. */
export interface CartDraft {
  actor: SalesActor;
  input: CompleteInput;
  customer: CustomerForSale | null;
  priced: PricedCart;
  needs: ApprovalNeed[];
  approver: { id: string; name: string } | null;
  /** checks the manager's approval sent with the sale for one more need (the credit limit); absent when none was sent */
  approve?: ((need: ApprovalNeed) => { id: string; name: string; role: Role } | null) | undefined;
}

/** A sale as priced and paid, before it is written: what the guards look at and add their decisions to. */
export interface SaleDraft extends CartDraft {
  lines: SaleLine[];
  plan: PaymentPlan;
  credit: CreditDecision | null;
  /** points that pay part of the sale (after expiring what is past its date) */
  pointsRedeemed: number;
}

/** A completed sale: the order as written, with what the guards decided. */
export interface SaleDocument extends SaleDraft {
  id: string;
  number: string;
  at: number;
  staffId: string;
  currency: string;
  payments: Array<PaymentPlan['rows'][number] & { id: string }>;
  order: SalesOrder;
  /** what postings hand to later postings and to the cashier */
  out: { points: ReceiptPoints | null; printJobId: string | null };
}

export interface SaleVoidDocument {
  actor: SalesActor;
  /** the order as it was before the void */
  order: SalesOrder;
  reason: string;
  at: number;
}

export interface RefundDocument {
  actor: SalesActor;
  staffId: string;
  /** the refund as written */
  refund: Refund;
  order: { id: string; number: string; currency: string; customerId: string | null; customerName: string | null };
  /** goods value of the refunded lines (with tax), before points and cash rounding */
  linesTotal: number;
  lines: Array<{ salesLineId: string; productId: string; qtyMilli: number; restock: boolean }>;
  /** points taken back and given back, worked out before the refund was written */
  points: RefundPoints & { customerId: string | null };
  reason: string;
  out: { printJobId: string | null };
}

export interface RefundCancelDocument {
  actor: SalesActor;
  /** the refund as it was before the cancel */
  refund: Refund;
  /** product of each refunded sales line */
  products: Map<string, string>;
  reason: string;
}

export interface DebtPaymentDocument {
  actor: Actor;
  number: string;
  at: number;
  customer: { id: string; name: string; cardNo: string | null; balance: number };
  method: ReceiptMethod;
  amount: number;
  tendered: number | null;
  change: number | null;
  reference: string | null;
  entryId: string;
  allocations: Array<{ creditEntryId: string; debitEntryId: string; amount: number }>;
  payment: AccountPayment;
  out: { printJobId: string | null };
}

export interface MergeDocument {
  actor: Actor;
  survivorId: string;
  otherId: string;
}

export interface Documents {
  sale: SaleDocument;
  saleVoid: SaleVoidDocument;
  refund: RefundDocument;
  refundCancel: RefundCancelDocument;
  debtPayment: DebtPaymentDocument;
  merge: MergeDocument;
}

/** Money about to leave or enter the drawer outside a sale: a refund paid back, a debt payment taken. */
export interface MoneyDraft {
  method: PaymentMethod;
  amount: number;
}

/**
 * What guards check: a priced cart (before payments are planned), then the paid sale inside its transaction; a
 * refund and a debt payment inside theirs, before they are written.
 */
export interface Drafts {
  cart: CartDraft;
  sale: SaleDraft;
  refund: MoneyDraft;
  debtPayment: MoneyDraft;
}

/** One party to the till's documents: a handler for each kind of document it cares about. */
export type Posting = { readonly name: string } & { readonly [K in keyof Documents]?: (doc: Documents[K]) => void };

/** A check before a document is written; throws (with words the cashier can act on) to refuse it. */
export type Guard = { readonly name: string } & { readonly [K in keyof Drafts]?: (draft: Drafts[K]) => void };

export interface Flow {
  guards: readonly Guard[];
  postings: readonly Posting[];
}

/** Runs the guards in order; the first that throws refuses the document. */
export function check<K extends keyof Drafts>(flow: Flow, kind: K, draft: Drafts[K]): void {
  for (const g of flow.guards) (g[kind] as ((d: Drafts[K]) => void) | undefined)?.(draft);
}

/** Hands a written document to every posting in order; the caller holds the transaction, so a throw undoes it all. */
export function post<K extends keyof Documents>(flow: Flow, kind: K, doc: Documents[K]): void {
  for (const p of flow.postings) (p[kind] as ((d: Documents[K]) => void) | undefined)?.(doc);
}
