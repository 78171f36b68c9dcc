import type { Customer } from '../../../shared/contract/customers';
import type { PrintJob } from '../../../shared/contract/devices';
import { type CardFind, CardSettings, type LoyaltyCard } from '../../../shared/contract/loyalty-cards';
import { AppError } from '../../../shared/errors';
import { stmt } from '../../db/statements';
import { storeHeader } from '../../devices/printers/snapshots';
import type { Actor, AuditService } from '../audit/service';
import type { CustomerService } from '../customers/service';
import type { Deps } from '../deps';
import { queuePrintJob } from '../devices/print-jobs';
import type { DevicesService } from '../devices/service';
import { startOfLocalDay } from '../loyalty/dates';
import { readSettingOver, writeSettingRow } from '../settings/rows';
import type { SettingsService } from '../settings/service';
import { CARD_LENGTH, cardNoProblem, makeCardNo, sequenceOf } from './card-numbers';
import { cardSheetPdf } from './card-sheet';

const SETTINGS_KEY = 'loyaltyCards';
export const DEFAULT_CARD_SETTINGS: CardSettings = { format: 'ean13', prefix: '29' };

interface CardRow {
  id: string;
  customerId: string;
  cardNo: string;
  status: LoyaltyCard['status'];
  issuedAt: number;
  endedAt: number | null;
  staffId: string | null;
}
const CARD_COLUMNS = `id, customer_id AS customerId, card_no AS cardNo, status, issued_at AS issuedAt,
  ended_at AS endedAt, staff_id AS staffId`;

/** How the till names a card's owner when it refuses the card: first name and initial, enough to ask "Sarah?". */
function shortName(c: { type: string; firstName: string | null; lastName: string | null; displayName: string }) {
  if (c.type !== 'individual' || !c.firstName) return c.displayName;
  return c.lastName ? `${c.firstName} ${c.lastName.trim().charAt(0)}.` : c.firstName;
}

/**
 * Loyalty cards: one active card per customer (mirrored in customers.loyalty_card_no for the till's fast lookup),
 * older cards kept as lost or replaced so a scan of one is refused with words. Every change is audited on the customer.
 */
export class LoyaltyCards {
  constructor(
    private deps: Deps,
    private audit: AuditService,
    private settingsService: SettingsService,
    private customers: CustomerService,
    private devices: DevicesService,
  ) {}

  settings(): CardSettings {
    return readSettingOver(this.deps.sqlite, SETTINGS_KEY, DEFAULT_CARD_SETTINGS, CardSettings);
  }

  updateSettings(actor: Actor, patch: Partial<CardSettings>): CardSettings {
    return this.deps.sqlite.transaction(() => {
      const before = this.settings();
      const next = CardSettings.parse({ ...before, ...patch });
      writeSettingRow(this.deps.sqlite, SETTINGS_KEY, next, this.deps.clock.now());
      this.audit.record(actor, {
        action: 'settings.loyaltyCards',
        entity: 'settings',
        entityId: SETTINGS_KEY,
        before,
        after: next,
      });
      return next;
    })();
  }

  list(customerId: string): LoyaltyCard[] {
    this.customers.row(customerId);
    const rows = this.deps.sqlite
      .prepare(
        `SELECT k.id, k.customer_id AS customerId, k.card_no AS cardNo, k.status, k.issued_at AS issuedAt,
           k.ended_at AS endedAt, s.name AS staffName
         FROM loyalty_cards k LEFT JOIN staff s ON s.id = k.staff_id
         WHERE k.customer_id = ? ORDER BY k.issued_at DESC, k.id DESC`,
      )
      .all(customerId) as LoyaltyCard[];
    return rows;
  }

  /** The next unused number of the shop's range, after the highest ever issued (lost and replaced ones count). */
  nextCardNo(): string {
    const s = this.settings();
    const len = CARD_LENGTH[s.format];
    const bounds = [s.prefix, `${s.prefix}:`, len] as const; // ':' sorts just after '9'
    const tops = [
      stmt(
        this.deps.sqlite,
        'SELECT max(card_no) AS top FROM loyalty_cards WHERE card_no >= ? AND card_no < ? AND length(card_no) = ?',
      ).get(...bounds),
      // cards written straight into customers (seeded shops) are in range too
      stmt(
        this.deps.sqlite,
        'SELECT max(loyalty_card_no) AS top FROM customers WHERE loyalty_card_no >= ? AND loyalty_card_no < ? AND length(loyalty_card_no) = ?',
      ).get(...bounds),
    ] as Array<{ top: string | null }>;
    const highest = Math.max(0, ...tops.map((t) => (t.top ? (sequenceOf(s, t.top) ?? 0) : 0)));
    return makeCardNo(s, highest + 1);
  }

  /** A new card for a customer who has none: the number typed or scanned from a pre-printed card, else generated. */
  issue(actor: Actor, customerId: string, cardNo?: string): Customer {
    return this.deps.sqlite.transaction(() => {
      const before = this.liveCustomer(customerId);
      if (before.loyaltyCardNo)
        throw new AppError(
          'CONFLICT',
          `${before.displayName} already has card ${before.loyaltyCardNo}. Use Replace card to give a new one.`,
        );
      return this.switchCard(actor, before, cardNo, 'replaced', 'loyaltyCard.issue');
    })();
  }

  /** The active card is kept as lost or replaced (the till refuses it from now on) and a new one becomes active. */
  replace(actor: Actor, customerId: string, reason: 'lost' | 'replaced', cardNo?: string): Customer {
    return this.deps.sqlite.transaction(() => {
      const before = this.liveCustomer(customerId);
      if (!before.loyaltyCardNo)
        throw new AppError('CONFLICT', `${before.displayName} has no card to replace. Give them a new card instead.`);
      return this.switchCard(actor, before, cardNo, reason, `loyaltyCard.${reason === 'lost' ? 'lost' : 'replace'}`);
    })();
  }

  /** The active card is lost and no new card is given yet: the customer is found by name until they get one. */
  markLost(actor: Actor, customerId: string): Customer {
    return this.deps.sqlite.transaction(() => {
      const before = this.liveCustomer(customerId);
      if (!before.loyaltyCardNo) throw new AppError('CONFLICT', `${before.displayName} has no active card.`);
      this.setActive(actor, customerId, null, 'lost');
      return this.saveMirror(actor, before, null, 'loyaltyCard.lost');
    })();
  }

  /** Gives a new card whether or not one is active: what customers.generateCard always did. */
  generate(actor: Actor, customerId: string): Customer {
    const c = this.liveCustomer(customerId);
    return c.loyaltyCardNo ? this.replace(actor, customerId, 'replaced') : this.issue(actor, customerId);
  }

  /**
   * Keeps the card history in step after a customer's own card number was saved (create, edit, merge): the given
   * number is the one active card, every other active card of theirs becomes `replaced`. Caller holds the transaction.
   */
  mirror(actor: Actor, customerId: string, cardNo: string | null): void {
    this.setActive(actor, customerId, cardNo, 'replaced');
  }

  /** Words for the till when a code is an old card, or null when it is not one. */
  refusal(code: string): string | null {
    const r = this.oldCard(code);
    return r ? r.message : null;
  }

  find(raw: string): CardFind {
    const code = raw.trim();
    const live = stmt(
      this.deps.sqlite,
      "SELECT id, display_name AS displayName FROM customers WHERE loyalty_card_no = ? AND status <> 'merged'",
    ).get(code) as { id: string; displayName: string } | undefined;
    if (live) return { kind: 'customer', code, customerId: live.id, displayName: live.displayName };
    const old = this.oldCard(code);
    if (old) return { kind: 'refused', code, ...old };
    return { kind: 'unknown', code, message: `No customer has the card ${code}. Check the number, or search by name.` };
  }

  /** Queues the card slip on the receipt printer; the sale never waits on it, nor does this. */
  printSlip(actor: Actor, customerId: string): PrintJob {
    const c = this.liveCustomer(customerId);
    if (!c.loyaltyCardNo)
      throw new AppError('CONFLICT', `${c.displayName} has no card yet. Give them a card first, then print it.`);
    const now = this.deps.clock.now();
    const data = {
      store: storeHeader(this.settingsService.store(), c.preferredLanguage),
      customerName: c.displayName,
      cardNo: c.loyaltyCardNo,
      at: now,
      pointsBalance: this.customers.row(c.id).pointsBalance,
    };
    const id = this.deps.newId();
    this.deps.sqlite.transaction(() => {
      queuePrintJob(this.deps, { id, template: 'loyalty-card', data, at: now, tillId: this.deps.tillId() });
      this.audit.record(actor, {
        action: 'print.loyaltyCard',
        entity: 'customer',
        entityId: c.id,
        note: `card ${c.loyaltyCardNo}`,
      });
    })();
    this.devices.queue.wake();
    return this.devices.job(id);
  }

  /** An A4 sheet of the customers' active cards; customers without a card are named in the error, nothing printed. */
  async sheetPdf(actor: Actor, customerIds: string[]) {
    const ids = [...new Set(customerIds)];
    const cards = ids.map((id) => this.customers.get(id));
    const without = cards.filter((c) => !c.loyaltyCardNo);
    if (without.length)
      throw new AppError(
        'CONFLICT',
        `${without
          .slice(0, 3)
          .map((c) => c.displayName)
          .join(
            ', ',
          )}${without.length > 3 ? ` and ${without.length - 3} more` : ''} ${without.length === 1 ? 'has' : 'have'} no card yet.`,
        { customerIds: without.map((c) => c.id) },
      );
    const store = this.settingsService.store();
    const bytes = await cardSheetPdf({
      shopName: store.name,
      format: this.settings().format,
      cards: cards.map((c) => ({ name: c.displayName, cardNo: c.loyaltyCardNo as string })),
    });
    this.audit.record(actor, {
      action: 'print.loyaltyCardSheet',
      entity: 'customer',
      entityId: ids.length === 1 ? (ids[0] as string) : null,
      note: `${ids.length} card${ids.length === 1 ? '' : 's'}`,
    });
    return {
      fileName: ids.length === 1 ? `card-${cards[0]?.loyaltyCardNo}.pdf` : `cards-${ids.length}.pdf`,
      mimeType: 'application/pdf' as const,
      base64: bytes.toString('base64'),
    };
  }

  /** The sheet for the active cards given since a local day: a morning's new members printed together. */
  sheetSince(actor: Actor, from: string) {
    const [y, m, d] = from.split('-').map(Number) as [number, number, number];
    const start = startOfLocalDay(y, m, d, this.settingsService.store().timeZone);
    const ids = (
      stmt(
        this.deps.sqlite,
        "SELECT customer_id AS id FROM loyalty_cards WHERE status = 'active' AND issued_at >= ? ORDER BY issued_at, id LIMIT 1000",
      ).all(start) as Array<{ id: string }>
    ).map((r) => r.id);
    if (!ids.length) throw new AppError('NOT_FOUND', `No cards were given on or after ${from}.`);
    return this.sheetPdf(actor, ids);
  }

  private liveCustomer(id: string): Customer {
    const c = this.customers.get(id);
    if (c.status === 'merged') throw new AppError('CONFLICT', `${c.displayName} was merged into another customer.`);
    return c;
  }

  /** Ends the active card with `endStatus`, makes `cardNo` (or a generated one) active, mirrors and audits. */
  private switchCard(
    actor: Actor,
    before: Customer,
    cardNo: string | undefined,
    endStatus: 'lost' | 'replaced',
    action: string,
  ): Customer {
    const next = cardNo?.trim() || this.nextCardNo();
    const problem = cardNoProblem(next);
    if (problem) throw new AppError('VALIDATION', problem, { issues: [{ path: 'cardNo', message: problem }] });
    this.setActive(actor, before.id, next, endStatus);
    return this.saveMirror(actor, before, next, action);
  }

  private saveMirror(actor: Actor, before: Customer, cardNo: string | null, action: string): Customer {
    stmt(this.deps.sqlite, 'UPDATE customers SET loyalty_card_no = ?, updated_at = ? WHERE id = ?').run(
      cardNo,
      this.deps.clock.now(),
      before.id,
    );
    this.customers.reindex(before.id);
    const after = this.customers.get(before.id);
    this.audit.record(actor, {
      action,
      entity: 'customer',
      entityId: before.id,
      before: { loyaltyCardNo: before.loyaltyCardNo },
      after: { loyaltyCardNo: after.loyaltyCardNo },
    });
    return after;
  }

  /**
   * Makes `cardNo` the customer's one active card (null: none), ending their other active cards with `endStatus`.
   * A number that is, or was, another customer's card is refused; so is bringing back one of their own old cards.
   */
  private setActive(actor: Actor, customerId: string, cardNo: string | null, endStatus: 'lost' | 'replaced') {
    const now = this.deps.clock.now();
    const held = cardNo ? this.cardRow(cardNo) : undefined;
    if (held && held.customerId !== customerId) {
      const owner = this.ownerOf(held.customerId);
      throw new AppError(
        'CONFLICT',
        held.status === 'active'
          ? `Card ${cardNo} already belongs to ${owner.displayName}.`
          : `Card ${cardNo} was ${owner.displayName}'s card (${held.status}); an old card cannot be given out again.`,
        { customerId: held.customerId },
      );
    }
    if (held && held.status !== 'active')
      throw new AppError(
        'CONFLICT',
        `Card ${cardNo} was marked ${held.status} on ${this.day(held.endedAt ?? held.issuedAt)}; give the customer a new card instead.`,
      );
    const active = stmt(
      this.deps.sqlite,
      `SELECT ${CARD_COLUMNS} FROM loyalty_cards WHERE customer_id = ? AND status = 'active'`,
    ).all(customerId) as CardRow[];
    for (const old of active) {
      if (old.cardNo === cardNo) continue;
      stmt(this.deps.sqlite, 'UPDATE loyalty_cards SET status = ?, ended_at = ? WHERE id = ?').run(
        endStatus,
        now,
        old.id,
      );
      this.audit.record(actor, {
        action: `loyaltyCard.${endStatus}`,
        entity: 'customer',
        entityId: customerId,
        note: `card ${old.cardNo} ${endStatus}${cardNo ? `; new card ${cardNo}` : ''}`,
      });
    }
    if (cardNo && !held)
      stmt(
        this.deps.sqlite,
        `INSERT INTO loyalty_cards (id, customer_id, card_no, status, issued_at, ended_at, staff_id)
         VALUES (?, ?, ?, 'active', ?, NULL, ?)`,
      ).run(this.deps.newId(), customerId, cardNo, now, actor.id);
  }

  private cardRow(cardNo: string): CardRow | undefined {
    return stmt(this.deps.sqlite, `SELECT ${CARD_COLUMNS} FROM loyalty_cards WHERE card_no = ?`).get(cardNo) as
      | CardRow
      | undefined;
  }

  private ownerOf(customerId: string) {
    return stmt(
      this.deps.sqlite,
      'SELECT id, type, first_name AS firstName, last_name AS lastName, display_name AS displayName FROM customers WHERE id = ?',
    ).get(customerId) as {
      id: string;
      type: string;
      firstName: string | null;
      lastName: string | null;
      displayName: string;
    };
  }

  private oldCard(code: string): { customerId: string; displayName: string; message: string } | null {
    const row = this.cardRow(code);
    if (!row || row.status === 'active') return null;
    const owner = this.ownerOf(row.customerId);
    const when = this.day(row.endedAt ?? row.issuedAt);
    const name = shortName(owner).replace(/\.$/, ''); // the sentence's own full stop ends "Sarah N."

    const message =
      row.status === 'replaced'
        ? `Card ${code} was replaced on ${when} — ask for the new card; customer: ${name}.`
        : `Card ${code} was reported lost on ${when} — it cannot be used; find the customer by name: ${name}.`;
    return { customerId: owner.id, displayName: owner.displayName, message };
  }

  /** "3 Nov" in the shop's time zone; the year too when it is not this year. */
  private day(ms: number): string {
    const timeZone = this.settingsService.store().timeZone;
    const year = (t: number) => new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric' }).format(t);
    const sameYear = year(ms) === year(this.deps.clock.now());
    return new Intl.DateTimeFormat('en-GB', {
      timeZone,
      day: 'numeric',
      month: 'short',
      ...(sameYear ? {} : { year: 'numeric' }),
    }).format(ms);
  }
}
