import { AppError } from '../../../shared/errors';
import { formatMoney, isCurrencyCode } from '../../../shared/money';
import type { Actor, AuditService } from '../audit/service';
import type { Deps } from '../deps';
import type { SettingsService } from '../settings/service';
import { ENTITY } from './service';

/** The text an erased customer is known by: an anonymous id, so the books still name someone. */
export const erasedName = (id: string) => `Erased customer ${id.slice(-6).toUpperCase()}`;

/**
 * A customer's right to be forgotten (UK GDPR art. 17, Uganda DPPA s.16, Indonesia PDP art. 8, Kenya DPA s.40):
 * names, phones, e-mails, addresses, notes, birthday, tax id, cards and tags are removed from the record and from
 * what was written about it (its audit entries, its receipts waiting to print, parked sales), while its sales,
 * account and points ledgers keep their amounts under the same id and an anonymous name. Refused while the customer
 * owes the shop money. SQLite overwrites the deleted content (secure_delete) and the search index is rebuilt, so
 * the database file and the backups made after it no longer hold the values.
 */
export class CustomerErase {
  constructor(
    private deps: Deps,
    private audit: AuditService,
    private settings: SettingsService,
  ) {}

  erase(actor: Actor, id: string, confirm: string): { id: string; displayName: string } {
    const { sqlite } = this.deps;
    const c = sqlite
      .prepare(
        `SELECT id, display_name AS name, first_name AS first, last_name AS last, company_name AS company, email,
           phone_primary_e164 AS phone, tax_id AS taxId, loyalty_card_no AS card, notes, balance, status, search_key AS searchKey
         FROM customers WHERE id = ?`,
      )
      .get(id) as
      | {
          id: string;
          name: string;
          first: string | null;
          last: string | null;
          company: string | null;
          email: string | null;
          phone: string | null;
          taxId: string | null;
          card: string | null;
          notes: string;
          balance: number;
          status: string;
          searchKey: number;
        }
      | undefined;
    if (!c) throw new AppError('NOT_FOUND', 'There is no such customer.');
    const anonymous = erasedName(id);
    if (c.name === anonymous) throw new AppError('CONFLICT', `${anonymous} has already been erased.`);
    if (c.status === 'merged')
      throw new AppError(
        'CONFLICT',
        `${c.name} was merged into another customer; erase the customer it was merged into.`,
      );
    if (confirm.trim() !== c.name)
      throw new AppError('VALIDATION', `To erase this customer, type their name exactly as shown: ${c.name}`);
    if (c.balance > 0) {
      const cur = this.settings.store().currency;
      const owed = isCurrencyCode(cur) ? formatMoney(c.balance, cur, this.settings.store().locale) : String(c.balance);
      throw new AppError(
        'CONFLICT',
        `${c.name} owes ${owed}. Their data cannot be erased while they owe money: the owner can write the debt off first.`,
      );
    }

    // every value to take out of what was written about the customer, longest first (a name before its parts)
    const phones = sqlite.prepare('SELECT e164, raw FROM customer_phones WHERE customer_id = ?').all(id) as {
      e164: string;
      raw: string;
    }[];
    const addresses = sqlite
      .prepare('SELECT line1, line2, postal_code AS postalCode FROM customer_addresses WHERE customer_id = ?')
      .all(id) as { line1: string; line2: string; postalCode: string }[];
    const cards = sqlite.prepare('SELECT card_no AS card FROM loyalty_cards WHERE customer_id = ?').all(id) as {
      card: string;
    }[];
    const values = [
      c.name,
      c.first,
      c.last,
      c.company,
      c.email,
      c.phone,
      c.taxId,
      c.card,
      c.notes,
      ...phones.flatMap((p) => [p.e164, p.raw]),
      ...addresses.flatMap((a) => [a.line1, a.line2, a.postalCode]),
      ...cards.map((k) => k.card),
    ]
      .map((v) => v?.trim() ?? '')
      // shorter parts (a two-letter first name) would blank unrelated words; the full name always goes
      .filter((v, i) => v.length >= 3 || (i === 0 && v.length > 0))
      .sort((a, b) => b.length - a.length);
    const scrub = (text: string) => values.reduce((t, v) => t.split(v).join(anonymous), text);

    const previous = sqlite.pragma('secure_delete', { simple: true });
    sqlite.pragma('secure_delete = ON');
    try {
      sqlite.transaction(() => {
        sqlite
          .prepare(
            `UPDATE customers SET display_name = ?, first_name = NULL, last_name = NULL, company_name = NULL,
               email = NULL, email_norm = NULL, phone_primary_e164 = NULL, notes = '', date_of_birth = NULL,
               birth_month = NULL, tax_id = NULL, loyalty_card_no = NULL, tags = '[]', consent_email = 0,
               consent_sms = 0, consent_whatsapp = 0, marketing_opt_in = 0, marketing_opt_in_at = NULL,
               preferred_language = NULL, status = 'inactive', updated_at = ? WHERE id = ?`,
          )
          .run(anonymous, this.deps.clock.now(), id);
        sqlite.prepare('DELETE FROM customer_phones WHERE customer_id = ?').run(id);
        sqlite.prepare('DELETE FROM customer_addresses WHERE customer_id = ?').run(id);
        sqlite.prepare('DELETE FROM loyalty_cards WHERE customer_id = ?').run(id);
        sqlite.prepare('DELETE FROM customers_fts WHERE rowid = ?').run(c.searchKey);
        // what staff wrote about them and what was sent to them: the contact and the message stay (when, how,
        // which template, whether it went), the words, addresses and attached statements go
        sqlite.prepare("UPDATE interactions SET text = '', outcome = NULL WHERE customer_id = ?").run(id);
        sqlite.prepare("UPDATE follow_ups SET note = '' WHERE customer_id = ?").run(id);
        sqlite
          .prepare('DELETE FROM outbox_attachments WHERE message_id IN (SELECT id FROM outbox WHERE customer_id = ?)')
          .run(id);
        sqlite
          .prepare(
            `UPDATE outbox SET to_address = '', subject = '', body = '',
               status = CASE WHEN status IN ('queued', 'failed') THEN 'cancelled' ELSE status END WHERE customer_id = ?`,
          )
          .run(id);

        this.audit.record(actor, {
          action: 'customer.erase',
          entity: ENTITY,
          entityId: id,
          note: `personal data erased at the customer's request; now ${anonymous}`,
        });
        // what was written about them anywhere (audit entries of their sales and payments, their import's batch
        // entry, receipts in the print queue, parked sales): the values replaced by the anonymous name. The audit
        // log accepts this only while the erase holds its row in audit_erasing (migration 0017).
        sqlite.prepare('INSERT INTO audit_erasing (customer_id) VALUES (?)').run(id);
        for (const [table, column] of [
          ['audit_log', 'changes'],
          ['audit_log', 'note'],
          ['print_jobs', 'data'],
          ['parked_sales', 'cart'],
        ] as const) {
          const rows = sqlite
            .prepare(
              `SELECT rowid AS r, ${column} AS v FROM ${table} WHERE ${values.map(() => `instr(${column}, ?) > 0`).join(' OR ')}`,
            )
            .all(...values) as { r: number; v: string }[];
          const update = sqlite.prepare(`UPDATE ${table} SET ${column} = ? WHERE rowid = ?`);
          for (const row of rows) update.run(scrub(row.v), row.r);
        }
        sqlite.prepare('DELETE FROM audit_erasing WHERE customer_id = ?').run(id);
        // the search index keeps a deleted row's words in its segments until they are merged
        sqlite.exec("INSERT INTO customers_fts (customers_fts) VALUES ('optimize')");
      })();
    } finally {
      sqlite.pragma(`secure_delete = ${previous}`);
    }
    // the write-ahead log still holds the pages as they were: fold it into the file now
    if (!sqlite.memory) sqlite.pragma('wal_checkpoint(TRUNCATE)');
    return { id, displayName: anonymous };
  }
}
