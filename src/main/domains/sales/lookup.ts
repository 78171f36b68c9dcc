import type { LookupResult, TillCustomer } from '../../../shared/contract/sales';
import { stmt } from '../../db/statements';
import type { CatalogService } from '../catalog/service';
import type { Deps } from '../deps';

const TILL_CUSTOMER = `SELECT c.id, c.display_name AS displayName, c.status, c.category_id AS categoryId,
  k.name AS categoryName, c.phone_primary_e164 AS phonePrimary, c.loyalty_card_no AS loyaltyCardNo, c.notes,
  c.notes_important AS notesImportant, c.last_activity_at AS lastActivityAt, c.balance,
  c.points_balance AS pointsBalance, c.credit_limit AS creditLimit
  FROM customers c LEFT JOIN customer_categories k ON k.id = c.category_id`;

export function tillCustomer(deps: Deps, where: 'id' | 'card', value: string): TillCustomer | null {
  const r = stmt(deps.sqlite, `${TILL_CUSTOMER} WHERE ${where === 'id' ? 'c.id' : 'c.loyalty_card_no'} = ?`).get(
    value,
  ) as (Omit<TillCustomer, 'notesImportant'> & { notesImportant: number }) | undefined;
  return r ? { ...r, notesImportant: r.notesImportant === 1 } : null;
}

/** Resolves a scanned or typed code in the architecture's order: loyalty card → product barcode/SKU → document. */
export class CodeLookup {
  constructor(
    private deps: Deps,
    private catalog: CatalogService,
    /** words for a lost or replaced loyalty card (loyalty-cards/cards.ts) */
    private cards: { refusal(code: string): string | null },
  ) {}

  lookup(raw: string): LookupResult {
    return lookupCode(this.deps, this.catalog, raw, (code) => this.cards.refusal(code));
  }
}

function lookupCode(
  deps: Deps,
  catalog: CatalogService,
  raw: string,
  refusedCard: (code: string) => string | null,
): LookupResult {
  const code = raw.trim();
  const customer = tillCustomer(deps, 'card', code);
  if (customer) return { kind: 'customer', code, customer };
  const refused = refusedCard(code);
  if (refused) return { kind: 'unknown', code, message: refused };
  const product = catalog.byBarcode(code);
  if (product) return { kind: 'product', code, product };
  const upper = code.toUpperCase();
  const sale = stmt(deps.sqlite, 'SELECT id, number, status FROM sales_orders WHERE number = ?').get(upper) as
    | { id: string; number: string; status: string }
    | undefined;
  if (sale) return { kind: 'sale', code, ...sale };
  const refund = stmt(
    deps.sqlite,
    'SELECT id, number, sales_order_id AS salesOrderId FROM refunds WHERE number = ?',
  ).get(upper) as { id: string; number: string; salesOrderId: string } | undefined;
  if (refund) return { kind: 'refund', code, ...refund };
  return {
    kind: 'unknown',
    code,
    message: `No loyalty card, product or receipt has the code ${code}. Check it, or search by name.`,
  };
}
