import { Cart, type ParkedSale } from '../../../shared/contract/sales';
import { AppError } from '../../../shared/errors';
import type { Actor } from '../audit/service';
import type { Deps } from '../deps';
import type { Posting } from '../flow';

interface Row {
  id: string;
  label: string;
  customerId: string | null;
  customerName: string | null;
  cart: string;
  staffId: string;
  staffName: string | null;
  createdAt: number;
  updatedAt: number;
}

const SELECT = `SELECT p.id, p.label, p.customer_id AS customerId, c.display_name AS customerName, p.cart,
  p.staff_id AS staffId, s.name AS staffName, p.created_at AS createdAt, p.updated_at AS updatedAt
  FROM parked_sales p LEFT JOIN customers c ON c.id = p.customer_id LEFT JOIN staff s ON s.id = p.staff_id`;

/** Held sales: a draft cart kept in the database so it survives a restart; removed when its sale completes. */
export class ParkedSales {
  constructor(private deps: Deps) {}

  private toParked(r: Row): ParkedSale {
    const cart = Cart.parse(JSON.parse(r.cart));
    return { ...r, cart, lineCount: cart.lines.length };
  }

  private find(id: string): ParkedSale {
    const r = this.deps.sqlite.prepare(`${SELECT} WHERE p.id = ?`).get(id) as Row | undefined;
    if (!r) throw new AppError('NOT_FOUND', 'That parked sale is gone: it was resumed or discarded.', { id });
    return this.toParked(r);
  }

  park(actor: Actor, input: { cart: Cart; label?: string; id?: string }): ParkedSale {
    if (!actor.id) throw new AppError('UNAUTHENTICATED', 'Please sign in first.');
    if (input.cart.lines.length === 0) throw new AppError('VALIDATION', 'There is nothing to park: the sale is empty.');
    const now = this.deps.clock.now();
    const customerName = input.cart.customerId
      ? ((
          this.deps.sqlite.prepare('SELECT display_name AS n FROM customers WHERE id = ?').get(input.cart.customerId) as
            | { n: string }
            | undefined
        )?.n ?? null)
      : null;
    const label =
      input.label ||
      customerName ||
      `${input.cart.lines.length} line${input.cart.lines.length === 1 ? '' : 's'}, parked by ${actor.name}`;
    const id = input.id ?? this.deps.newId();
    this.deps.sqlite
      .prepare(
        `INSERT INTO parked_sales (id, label, customer_id, cart, staff_id, created_at, updated_at, till_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET label = excluded.label, customer_id = excluded.customer_id,
           cart = excluded.cart, updated_at = excluded.updated_at`,
      )
      .run(id, label, input.cart.customerId, JSON.stringify(input.cart), actor.id, now, now, this.deps.tillId());
    return this.find(id);
  }

  list(): ParkedSale[] {
    return (this.deps.sqlite.prepare(`${SELECT} ORDER BY p.created_at, p.id`).all() as Row[]).map((r) =>
      this.toParked(r),
    );
  }

  /**
   * Hands a parked sale back to the till without removing it: the row goes only when the sale completes (in the
   * sale's own transaction), is parked again under the same id, or is discarded. So a crash, a refresh or a lost
   * answer between resuming and paying never loses the sale: it is still in the parked list.
   */
  resume(id: string): ParkedSale {
    return this.find(id);
  }

  /** Inside the completing sale's transaction: the parked sale it came from is used up, once. */
  consume(id: string): void {
    const gone = this.deps.sqlite.prepare('DELETE FROM parked_sales WHERE id = ?').run(id).changes === 0;
    if (gone)
      throw new AppError(
        'CONFLICT',
        'This parked sale was already completed or discarded (at this or another till): it cannot be sold twice.',
        { parkedId: id },
      );
  }

  discard(id: string): void {
    this.find(id);
    this.deps.sqlite.prepare('DELETE FROM parked_sales WHERE id = ?').run(id);
  }
}

/** A sale resumed from the parked list takes it off the list (once: a second till's try is refused). */
export function parkedSalePosting(deps: Deps): Posting {
  return {
    name: 'parked sale',
    sale: (s) => {
      if (s.input.parkedId) new ParkedSales(deps).consume(s.input.parkedId);
    },
  };
}
