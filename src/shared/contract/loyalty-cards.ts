import { z } from 'zod';
import { EpochMs, Id } from './common';
import { Customer } from './customers';
import { procedure } from './define';
import { PdfFile, PrintJob } from './devices';

/** How new card numbers are made: EAN-13 (13 digits) or a 16-digit number printed as Code 128; both end in a GS1 check digit. */
export const CARD_FORMATS = ['ean13', 'code128'] as const;
export const LOYALTY_CARD_STATUSES = ['active', 'lost', 'replaced'] as const;

export const CardSettings = z.object({
  format: z.enum(CARD_FORMATS),
  /** the shop's range: 2 to 6 digits every generated card starts with (GS1 keeps 20–29 for in-store use) */
  prefix: z.string().regex(/^\d{2,6}$/, 'a card prefix is 2 to 6 digits'),
});
export type CardSettings = z.infer<typeof CardSettings>;

/** A card number as typed or scanned from a pre-printed card (same rule as customers.loyaltyCardNo). */
export const CardNo = z
  .string()
  .trim()
  .regex(/^\d{8,20}$/, 'a card number is 8 to 20 digits');

export const LoyaltyCard = z.object({
  id: z.string(),
  customerId: Id,
  cardNo: z.string(),
  status: z.enum(LOYALTY_CARD_STATUSES),
  issuedAt: EpochMs,
  endedAt: EpochMs.nullable(),
  staffName: z.string().nullable(),
});
export type LoyaltyCard = z.infer<typeof LoyaltyCard>;

/** What a scanned code means outside the till: a customer's card, an old card (refused, with words), or nothing. */
export const CardFind = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('customer'), code: z.string(), customerId: Id, displayName: z.string() }),
  z.object({
    kind: z.literal('refused'),
    code: z.string(),
    customerId: Id,
    displayName: z.string(),
    message: z.string(),
  }),
  z.object({ kind: z.literal('unknown'), code: z.string(), message: z.string() }),
]);
export type CardFind = z.infer<typeof CardFind>;

const ForCustomer = z.object({ customerId: Id });

export const loyaltyCards = {
  settings: procedure({ input: z.null(), output: CardSettings, permission: 'customers.view' }),
  updateSettings: procedure({ input: CardSettings.partial(), output: CardSettings, permission: 'loyalty.manage' }),
  /** every card the customer has held, newest first */
  list: procedure({ input: ForCustomer, output: z.array(LoyaltyCard), permission: 'customers.view' }),
  /** gives a customer without a card a new one: generated, or the number of a pre-printed card */
  issue: procedure({
    input: ForCustomer.extend({ cardNo: CardNo.optional() }),
    output: Customer,
    permission: 'customers.edit',
  }),
  /** the active card becomes lost or replaced (kept, refused at the till) and a new one is active */
  replace: procedure({
    input: ForCustomer.extend({ reason: z.enum(['lost', 'replaced']), cardNo: CardNo.optional() }),
    output: Customer,
    permission: 'customers.edit',
  }),
  /** the active card is lost and no new one is given yet */
  markLost: procedure({ input: ForCustomer, output: Customer, permission: 'customers.edit' }),
  find: procedure({
    input: z.object({ code: z.string().trim().min(1).max(64) }),
    output: CardFind,
    permission: 'customers.view',
  }),
  /** queues the card slip (name, barcode, QR) on the receipt printer */
  printSlip: procedure({ input: ForCustomer, output: PrintJob, permission: 'customers.edit' }),
  /** an A4 sheet of cards (name, barcode, QR) for a card printer or label sheet */
  sheetPdf: procedure({
    input: z.object({ customerIds: z.array(Id).min(1).max(1000) }),
    output: PdfFile,
    permission: 'customers.edit',
  }),
  /** the sheet for every active card given on or after a day (the shop's time zone), oldest first, at most 1,000 */
  sheetSince: procedure({
    input: z.object({ from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD') }),
    output: PdfFile,
    permission: 'customers.edit',
  }),
};
