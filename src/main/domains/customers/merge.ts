import { eq } from 'drizzle-orm';
import { type Customer, MERGE_FIELDS, type MergeInput } from '../../../shared/contract/customers';
import { AppError } from '../../../shared/errors';
import { customers } from '../../db/schema';
import type { Actor, AuditService } from '../audit/service';
import type { Deps } from '../deps';
import { type Flow, post } from '../flow';
import { countLinked, customerLinks, moveLinked } from './links';
import { type CustomerService, type Draft, ENTITY } from './service';

const isEmpty = (v: unknown) => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);

/**
 * Merges a duplicate customer into the one that stays, in one transaction: every row of every table that references
 * customers (found from the live schema) moves to the survivor, the chosen field values are kept, and the other
 * customer is left as a `merged` tombstone pointing at the survivor. Both customers' histories record it.
 */
export class CustomerMerge {
  constructor(
    private deps: Deps,
    private audit: AuditService,
    private customers: CustomerService,
    private flow: Flow,
  ) {}

  merge(actor: Actor, input: MergeInput): Customer {
    return this.deps.sqlite.transaction(() => {
      const { sqlite } = this.deps;
      const survivor = this.customers.get(input.survivorId);
      const other = this.customers.get(input.otherId);
      for (const c of [survivor, other]) {
        if (c.status === 'merged')
          throw new AppError('CONFLICT', `${c.displayName} was already merged into another customer.`);
      }
      const sDraft = this.customers.draftOf(survivor);
      const oDraft = this.customers.draftOf(other);
      // the chosen side for each field; where nothing was chosen the survivor's value stays unless it is empty
      const chosen: Partial<Draft> = {};
      for (const field of MERGE_FIELDS) {
        const side = input.keep[field] ?? (isEmpty(sDraft[field]) && !isEmpty(oDraft[field]) ? 'other' : 'survivor');
        (chosen as Record<string, unknown>)[field] = side === 'other' ? oDraft[field] : sDraft[field];
      }
      const now = this.deps.clock.now();
      const otherRow = this.customers.row(other.id);

      // unique values that move to the survivor leave the tombstone first
      const release: Partial<typeof customers.$inferInsert> = {};
      if (chosen.code && chosen.code === other.code) release.code = null;
      // the card history moves with the other rows; the survivor's one active card is settled when it is saved
      release.loyaltyCardNo = null;
      this.deps.db
        .update(customers)
        .set({
          ...release,
          status: 'merged',
          mergedIntoId: survivor.id,
          totalSpent: 0,
          balance: 0,
          pointsBalance: 0,
          ...NO_OPENING,
          updatedAt: now,
        })
        .where(eq(customers.id, other.id))
        .run();

      // the survivor keeps its own primary phone and default addresses; phones it already has are not repeated
      sqlite.prepare('UPDATE customer_phones SET is_primary = 0 WHERE customer_id = ?').run(other.id);
      sqlite
        .prepare(
          'DELETE FROM customer_phones WHERE customer_id = ? AND e164 IN (SELECT e164 FROM customer_phones WHERE customer_id = ?)',
        )
        .run(other.id, survivor.id);
      sqlite.prepare('UPDATE customer_addresses SET is_default = 0 WHERE customer_id = ?').run(other.id);

      const moved: string[] = [];
      const links = customerLinks(sqlite);
      for (const link of links) {
        // the tombstone's own pointer is the one reference to the survivor that must stay as it is
        const n = moveLinked(sqlite, link, other.id, survivor.id);
        if (n) moved.push(`${link.table}.${link.column}: ${n}`);
      }
      for (const link of links) {
        if (countLinked(sqlite, link, other.id)) {
          throw new AppError(
            'INTERNAL',
            `Rows of ${link.table} still point at the merged customer; nothing was changed.`,
            { table: link.table },
          );
        }
      }

      this.deps.db
        .update(customers)
        .set({
          totalSpent: survivor.totalSpent + other.totalSpent,
          balance: survivor.balance + other.balance,
          // the ledgers' rows moved above, so the cached sums move with them
          pointsBalance: otherRow.pointsBalance + this.customers.row(survivor.id).pointsBalance,
          lastActivityAt: Math.max(survivor.lastActivityAt ?? 0, other.lastActivityAt ?? 0) || null,
          ...mergedOpening(survivor, other),
        })
        .where(eq(customers.id, survivor.id))
        .run();
      this.customers.index.remove(otherRow.searchKey);

      const afterMove = this.customers.draftOf(this.customers.get(survivor.id));
      const draft: Draft = {
        ...afterMove,
        ...chosen,
        tags: [...new Set([...sDraft.tags, ...oDraft.tags])],
        consentSms: survivor.consentSms || other.consentSms,
        consentWhatsapp: survivor.consentWhatsapp || other.consentWhatsapp,
        consentEmail: survivor.consentEmail || other.consentEmail,
        marketingOptIn: survivor.marketingOptIn,
        notesImportant: survivor.notesImportant || other.notesImportant,
      };
      const note = `merged ${other.displayName} (${other.id}) into ${survivor.displayName} (${survivor.id}); moved ${moved.join(', ') || 'no linked rows'}`;
      const { customer } = this.customers.saveDraft(actor, survivor, draft, {
        allowDuplicate: true,
        duplicateReason: 'merge',
        action: 'customer.merge',
        note,
      });
      this.audit.record(actor, {
        action: 'customer.merge',
        entity: ENTITY,
        entityId: other.id,
        before: this.customers.auditView(other),
        after: this.customers.auditView(this.customers.get(other.id)),
        note,
      });
      post(this.flow, 'merge', { actor, survivorId: survivor.id, otherId: other.id });
      return customer;
    })();
  }
}

type Opening = Pick<Customer, 'openingSpent' | 'openingOrders' | 'openingFirstAt' | 'openingLastAt'>;
const NO_OPENING: Opening = { openingSpent: null, openingOrders: null, openingFirstAt: null, openingLastAt: null };

/** Both customers' "before Counterline" figures as one: sums, the earlier first and the later last purchase. */
function mergedOpening(a: Opening, b: Opening): Opening {
  const sum = (x: number | null, y: number | null) => (x === null && y === null ? null : (x ?? 0) + (y ?? 0));
  const pick = (x: number | null, y: number | null, f: (...n: number[]) => number) =>
    x === null ? y : y === null ? x : f(x, y);
  return {
    openingSpent: sum(a.openingSpent, b.openingSpent),
    openingOrders: sum(a.openingOrders, b.openingOrders),
    openingFirstAt: pick(a.openingFirstAt, b.openingFirstAt, Math.min),
    openingLastAt: pick(a.openingLastAt, b.openingLastAt, Math.max),
  };
}
