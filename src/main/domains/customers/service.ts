import { asc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  AddressInput,
  Category,
  Customer,
  CustomerCreate,
  CustomerUpdate,
  DuplicateMatch,
} from '../../../shared/contract/customers';
import { AppError, notFound } from '../../../shared/errors';
import { customerAddresses, customerCategories, customerPhones, customers } from '../../db/schema';
import { stmt } from '../../db/statements';
import type { Actor, AuditService } from '../audit/service';
import type { Deps } from '../deps';
import type { SettingsService } from '../settings/service';
import { deleteCategory } from './categories';
import { withImportedCreation } from './import/creations';
import { countLinked, customerLinks, OWN_DETAIL_TABLES } from './links';
import { cleanName, displayNameOf, normaliseEmail, normaliseTaxId, toE164 } from './normalise';
import { CustomerSearch, SearchIndex } from './search';

export type CustomerRow = typeof customers.$inferSelect;
type Address = z.output<typeof AddressInput>;
export const DEFAULT_CATEGORIES = ['Retail', 'Wholesale', 'VIP', 'Corporate', 'Member'] as const;

/** Everything a customer is saved from: the contract's fields with nothing left out. */
export type Draft = Required<Omit<CustomerCreate, 'allowDuplicate' | 'duplicateReason' | 'phones' | 'addresses'>> & {
  phones: Array<{ number: string; raw?: string; label: string; isPrimary: boolean }>;
  addresses: Address[];
};

export const ENTITY = 'customer';

/** Keeps loyalty_cards in step with customers.loyalty_card_no (loyalty-cards/cards.ts). */
export interface CardKeeper {
  mirror(actor: Actor, customerId: string, cardNo: string | null): void;
  generate(actor: Actor, customerId: string): Customer;
}

export class CustomerService {
  readonly index: SearchIndex;
  readonly finder: CustomerSearch;
  constructor(
    private deps: Deps,
    private audit: AuditService,
    private settings: SettingsService,
    /** the loyalty cards, which read customers in turn: asked for when a card changes, not at construction */
    private cardKeeper: () => CardKeeper,
  ) {
    this.index = new SearchIndex(deps.sqlite);
    this.finder = new CustomerSearch(deps.sqlite);
    this.reads = readsOf(deps.db);
  }

  /** the reads every get and save does, prepared once: building them per call was most of an update's time */
  private reads: ReturnType<typeof readsOf>;

  search(q: Parameters<CustomerSearch['search']>[0]) {
    return this.finder.search(q);
  }

  row(id: string): CustomerRow {
    const r = this.reads.row.get({ id });
    if (!r) throw notFound('Customer', id);
    return r;
  }

  get(id: string): Customer {
    const r = this.row(id);
    const phones = this.reads.phones.all({ id });
    phones.sort((a, b) => Number(b.isPrimary) - Number(a.isPrimary) || a.id.localeCompare(b.id));
    const addresses = this.reads.addresses.all({ id });
    const category = r.categoryId ? this.reads.category.get({ id: r.categoryId }) : undefined;
    const { searchKey: _k, emailNorm: _e, birthMonth: _b, createdBy: _c, tillId: _t, phonePrimaryE164, ...rest } = r;
    return {
      ...rest,
      phonePrimary: phonePrimaryE164,
      categoryName: category?.name ?? null,
      phones: phones.map(({ id, e164, raw, label, isPrimary }) => ({ id, e164, raw, label, isPrimary })),
      addresses: addresses.map(({ customerId: _id, ...a }) => a),
    };
  }

  /** The record as the audit log shows it: one entry per field a person recognises. */
  auditView(c: Customer): Record<string, unknown> {
    const { updatedAt: _u, phones, addresses, id: _id, ...rest } = c;
    return {
      ...rest,
      phones: phones.map((p) => `${p.e164} (${p.label}${p.isPrimary ? ', primary' : ''})`),
      addresses: addresses.map(
        (a) => `${a.kind}: ${[a.line1, a.line2, a.city, a.region, a.postalCode, a.country].filter(Boolean).join(', ')}`,
      ),
    };
  }

  /** The customer as a draft to save again: each field is the customer's own of the same name, phones and addresses as input. */
  draftOf(c: Customer): Draft {
    const fields = Object.fromEntries(DRAFT_FIELDS.map((k) => [k, c[k]])) as Omit<Draft, 'phones' | 'addresses'>;
    return {
      ...fields,
      phones: c.phones.map((p) => ({ number: p.e164, raw: p.raw, label: p.label, isPrimary: p.isPrimary })),
      addresses: c.addresses.map(({ id: _id, ...a }) => a),
    };
  }

  create(actor: Actor, input: CustomerCreate): { customer: Customer; duplicates: DuplicateMatch[] } {
    const draft: Draft = {
      ...blankDraft(input.type),
      ...definedOnly(input),
    } as Draft;
    return this.deps.sqlite.transaction(() => this.saveDraft(actor, null, draft, input))();
  }

  update(actor: Actor, input: CustomerUpdate): { customer: Customer; duplicates: DuplicateMatch[] } {
    return this.deps.sqlite.transaction(() => {
      const before = this.get(input.id);
      if (before.status === 'merged')
        throw new AppError('CONFLICT', `${before.displayName} was merged into another customer; edit that one.`);
      const { id: _id, ...fields } = input;
      const draft = { ...this.draftOf(before), ...definedOnly(fields) } as Draft;
      return this.saveDraft(actor, before, draft, input);
    })();
  }

  /** Validates, checks duplicates, writes the row, phones, addresses and search entry, and audits. Caller holds the transaction. */
  saveDraft(
    actor: Actor,
    before: Customer | null,
    d: Draft,
    opts: { allowDuplicate?: boolean; duplicateReason?: string; action?: string; note?: string },
  ): { customer: Customer; duplicates: DuplicateMatch[] } {
    const now = this.deps.clock.now();
    const country = this.settings.store().country;
    const names = {
      type: d.type,
      title: cleanName(d.title),
      firstName: cleanName(d.firstName),
      lastName: cleanName(d.lastName),
      companyName: cleanName(d.companyName),
      contactPerson: cleanName(d.contactPerson),
    };
    if (d.type === 'business' && !names.companyName)
      throw new AppError('VALIDATION', 'A business customer needs a company name.', {
        issues: [{ path: 'companyName', message: 'needed' }],
      });
    const displayName = displayNameOf(names);
    if (!displayName)
      throw new AppError('VALIDATION', 'A customer needs a first or last name.', {
        issues: [{ path: 'firstName', message: 'needed' }],
      });

    const phones: Array<{ e164: string; raw: string; label: string; isPrimary: boolean }> = [];
    d.phones.forEach((p, i) => {
      const e164 = toE164(p.number, country);
      if (!e164)
        throw new AppError('VALIDATION', `“${p.number}” is not a phone number Counterline recognises.`, {
          issues: [{ path: `phones.${i}.number`, message: 'not a phone number' }],
        });
      if (!phones.some((q) => q.e164 === e164))
        phones.push({ e164, raw: (p.raw ?? p.number).trim(), label: p.label || 'mobile', isPrimary: p.isPrimary });
    });
    const primaryAt = Math.max(
      0,
      phones.findIndex((p) => p.isPrimary),
    );
    phones.forEach((p, i) => {
      p.isPrimary = i === primaryAt;
    });

    const id = before?.id ?? this.deps.newId();
    const emailNorm = normaliseEmail(d.email);
    const taxId = normaliseTaxId(d.taxId);
    const code = cleanName(d.code);
    const card = d.loyaltyCardNo ?? null;
    if (d.categoryId && !this.reads.category.get({ id: d.categoryId })) {
      throw new AppError('VALIDATION', 'That customer category no longer exists.', {
        issues: [{ path: 'categoryId', message: 'unknown' }],
      });
    }
    if (
      code &&
      this.firstOther('SELECT id, display_name AS displayName FROM customers WHERE code = ? AND id <> ?', code, id)
    ) {
      throw new AppError('CONFLICT', `Another customer already has the code ${code}.`, { field: 'code' });
    }

    const hard: DuplicateMatch[] = [];
    const add = (field: DuplicateMatch['field'], rows: Array<{ id: string; displayName: string }>) => {
      for (const r of rows) if (!hard.some((h) => h.id === r.id && h.field === field)) hard.push({ ...r, field });
    };
    const live = "status <> 'merged' AND c.id <> ?";
    for (const p of phones)
      add(
        'phone',
        this.all(
          `SELECT DISTINCT c.id, c.display_name AS displayName FROM customer_phones p JOIN customers c ON c.id = p.customer_id WHERE p.e164 = ? AND ${live} LIMIT 5`,
          p.e164,
          id,
        ),
      );
    // email and tax id are single columns on the customer; a match on either is the same kind of clash
    const columns = [
      ['email', 'email_norm', emailNorm],
      ['taxId', 'tax_id', taxId],
    ] as const;
    for (const [field, column, value] of columns) {
      if (!value) continue;
      add(
        field,
        this.all(
          `SELECT c.id, c.display_name AS displayName FROM customers c WHERE ${column} = ? AND ${live} LIMIT 5`,
          value,
          id,
        ),
      );
    }
    const cardClash = card
      ? this.all(
          'SELECT c.id, c.display_name AS displayName FROM customers c WHERE loyalty_card_no = ? AND c.id <> ?',
          card,
          id,
        )
      : [];
    if (cardClash.length) {
      throw new AppError('CONFLICT', `Card ${card} already belongs to ${cardClash[0]?.displayName}.`, {
        matches: cardClash.map((r) => ({ ...r, field: 'loyaltyCardNo' })),
      });
    }
    // only values that changed count: an unchanged duplicate was accepted before
    const changedHard = hard.filter((h) => !before || isNewValue(h.field, before, { phones, emailNorm, taxId }));
    if (changedHard.length && !opts.allowDuplicate) {
      const first = changedHard[0] as DuplicateMatch;
      throw new AppError(
        'CONFLICT',
        `${first.displayName} already has this ${FIELD_WORDS[first.field]}. Open that customer, or save anyway with a reason.`,
        { matches: changedHard },
      );
    }
    if (changedHard.length && !opts.duplicateReason) {
      throw new AppError('VALIDATION', 'Say why this customer shares details with another before saving.', {
        issues: [{ path: 'duplicateReason', message: 'needed' }],
      });
    }
    const similar = this.similarNames(displayName, id);

    const tags = [...new Set(d.tags.map((t) => t.trim()).filter(Boolean))];
    const marketingOptInAt = d.marketingOptIn ? (before?.marketingOptIn ? before.marketingOptInAt : now) : null;
    const values = {
      ...names,
      code,
      displayName,
      taxId,
      registrationNo: cleanName(d.registrationNo),
      businessType: cleanName(d.businessType),
      industry: cleanName(d.industry),
      dateOfBirth: d.dateOfBirth ?? null,
      birthMonth: d.dateOfBirth ? Number(d.dateOfBirth.slice(5, 7)) : null,
      email: d.email?.trim() || null,
      emailNorm,
      phonePrimaryE164: phones[primaryAt]?.e164 ?? null,
      preferredLanguage: cleanName(d.preferredLanguage),
      consentSms: d.consentSms,
      consentWhatsapp: d.consentWhatsapp,
      consentEmail: d.consentEmail,
      marketingOptIn: d.marketingOptIn,
      marketingOptInAt,
      categoryId: d.categoryId ?? null,
      tags,
      notes: d.notes,
      notesImportant: d.notesImportant,
      paymentTermsDays: d.paymentTermsDays ?? null,
      creditLimit: d.creditLimit ?? null,
      loyaltyCardNo: card,
      updatedAt: now,
    };
    let searchKey: number;
    if (before) {
      searchKey = this.row(id).searchKey;
      this.deps.db.update(customers).set(values).where(eq(customers.id, id)).run();
      this.deps.db.delete(customerPhones).where(eq(customerPhones.customerId, id)).run();
      this.deps.db.delete(customerAddresses).where(eq(customerAddresses.customerId, id)).run();
    } else {
      searchKey = this.nextSearchKey();
      this.deps.db
        .insert(customers)
        .values({
          ...values,
          id,
          searchKey,
          status: 'active',
          createdAt: now,
          createdBy: actor.id,
          tillId: this.deps.tillId(),
        })
        .run();
    }
    for (const p of phones)
      this.deps.db
        .insert(customerPhones)
        .values({ id: this.deps.newId(), customerId: id, ...p })
        .run();
    for (const a of oneDefaultPerKind(d.addresses))
      this.deps.db
        .insert(customerAddresses)
        .values({ ...a, city: a.city.trim(), id: this.deps.newId(), customerId: id })
        .run();
    this.index.put(searchKey, { ...values, phonesE164: phones.map((p) => p.e164) });
    if (card !== (before?.loyaltyCardNo ?? null) || opts.action === 'customer.merge')
      this.cardKeeper().mirror(actor, id, card);
    const customer = this.get(id);
    this.audit.record(actor, {
      action: opts.action ?? (before ? 'customer.update' : 'customer.create'),
      entity: ENTITY,
      entityId: id,
      before: before ? this.auditView(before) : null,
      after: this.auditView(customer),
      note:
        opts.note ??
        (changedHard.length
          ? `saved despite matching ${changedHard.map((h) => `${h.displayName} (${FIELD_WORDS[h.field]})`).join(', ')}: ${opts.duplicateReason}`
          : null),
    });
    return { customer, duplicates: [...changedHard, ...similar] };
  }

  nextSearchKey(): number {
    return (
      this.deps.sqlite.prepare('SELECT coalesce(max(search_key), 0) + 1 AS k FROM customers').get() as { k: number }
    ).k;
  }

  /** Rewrites one customer's search entry from what is stored now. */
  reindex(id: string): void {
    const c = this.get(id);
    this.index.put(this.row(id).searchKey, { ...c, phonesE164: c.phones.map((p) => p.e164) });
  }

  private all(sql: string, ...params: unknown[]): Array<{ id: string; displayName: string }> {
    return stmt(this.deps.sqlite, sql).all(...params) as Array<{ id: string; displayName: string }>;
  }

  private firstOther(sql: string, ...params: unknown[]) {
    return this.all(sql, ...params)[0];
  }

  /** Customers whose name has every word of this one (accents ignored): a warning, never a refusal. */
  private similarNames(displayName: string, id: string): DuplicateMatch[] {
    const words = displayName
      .split(/[^\p{L}\p{N}]+/u)
      .filter(Boolean)
      .slice(0, 6);
    if (!words.length) return [];
    const match = `name : (${words.map((w) => `"${w.replace(/"/g, '""')}"`).join(' AND ')})`;
    return this.all(
      `SELECT c.id, c.display_name AS displayName FROM customers_fts f JOIN customers c ON c.search_key = f.rowid
       WHERE customers_fts MATCH ? AND c.status <> 'merged' AND c.id <> ? LIMIT 5`,
      match,
      id,
    ).map((r) => ({ ...r, field: 'name' as const }));
  }

  /**
   * Adds one tag to many customers (a list drawn from an insights report) in one transaction, so an offer eligible by
   * that tag reaches all of them or none; each change is audited on its customer. Merged customers are refused.
   */
  tagMany(actor: Actor, input: { ids: string[]; tag: string }): { tagged: number; alreadyTagged: number } {
    const tag = input.tag.trim();
    const ids = [...new Set(input.ids)];
    return this.deps.sqlite.transaction(() => {
      let tagged = 0;
      for (const id of ids) {
        const before = this.get(id);
        if (before.status === 'merged')
          throw new AppError('CONFLICT', `${before.displayName} was merged into another customer; tag that one.`);
        if (before.tags.some((t) => t.toLowerCase() === tag.toLowerCase())) continue;
        if (before.tags.length >= 30)
          throw new AppError('VALIDATION', `${before.displayName} has 30 tags already; remove one first.`);
        const tags = [...before.tags, tag];
        this.deps.db
          .update(customers)
          .set({ tags, updatedAt: this.deps.clock.now() })
          .where(eq(customers.id, id))
          .run();
        this.audit.record(actor, {
          action: 'customer.update',
          entity: ENTITY,
          entityId: id,
          before: this.auditView(before),
          after: this.auditView({ ...before, tags }),
          note: `tag "${tag}" added to ${ids.length} customers at once`,
        });
        tagged++;
      }
      return { tagged, alreadyTagged: ids.length - tagged };
    })();
  }

  setStatus(actor: Actor, id: string, status: 'active' | 'inactive'): Customer {
    return this.deps.sqlite.transaction(() => {
      const before = this.get(id);
      if (before.status === 'merged')
        throw new AppError('CONFLICT', `${before.displayName} was merged into another customer.`);
      if (before.status === status) return before;
      this.deps.db
        .update(customers)
        .set({ status, updatedAt: this.deps.clock.now() })
        .where(eq(customers.id, id))
        .run();
      const after = this.get(id);
      this.audit.record(actor, {
        action: status === 'active' ? 'customer.reactivate' : 'customer.deactivate',
        entity: ENTITY,
        entityId: id,
        before: this.auditView(before),
        after: this.auditView(after),
      });
      return after;
    })();
  }

  delete(actor: Actor, id: string): void {
    this.deps.sqlite.transaction(() => {
      const before = this.get(id);
      // the tombstone is what points old receipts, cards and histories at the survivor
      if (before.status === 'merged')
        throw new AppError(
          'CONFLICT',
          `${before.displayName} was merged into another customer; the record stays so the merge can be traced.`,
        );
      const used = customerLinks(this.deps.sqlite)
        .filter((l) => !OWN_DETAIL_TABLES.has(l.table))
        .map((l) => ({ ...l, rows: countLinked(this.deps.sqlite, l, id) }))
        .filter((l) => l.rows > 0);
      if (used.length) {
        throw new AppError('CONFLICT', `${before.displayName} has history; deactivate instead.`, { linked: used });
      }
      const { searchKey } = this.row(id);
      this.deps.db.delete(customerPhones).where(eq(customerPhones.customerId, id)).run();
      this.deps.db.delete(customerAddresses).where(eq(customerAddresses.customerId, id)).run();
      this.deps.sqlite.prepare('DELETE FROM loyalty_cards WHERE customer_id = ?').run(id);
      this.deps.db.delete(customers).where(eq(customers.id, id)).run();
      this.index.remove(searchKey);
      this.audit.record(actor, {
        action: 'customer.delete',
        entity: ENTITY,
        entityId: id,
        before: this.auditView(before),
        after: null,
      });
    })();
  }

  /** Gives the customer a new card number from the shop's range; an active card is kept as replaced. */
  generateCard(actor: Actor, id: string): Customer {
    return this.cardKeeper().generate(actor, id);
  }

  history(id: string, cursor: string | undefined, limit: number) {
    const page = this.audit.list({ entity: ENTITY, entityId: id, cursor, limit });
    // an imported customer's creation is kept in its import's creations entry
    return withImportedCreation(this.deps.sqlite, id, cursor, limit, page);
  }

  /** The categories, creating the standard ones the first time any are needed. */
  categories(): Category[] {
    const list = () =>
      this.deps.db
        .select()
        .from(customerCategories)
        .orderBy(asc(customerCategories.createdAt), asc(customerCategories.name))
        .all()
        .map(({ id, name, priceListId, paymentTermsDays }) => ({ id, name, priceListId, paymentTermsDays }));
    const existing = list();
    if (existing.length) return existing;
    this.deps.sqlite.transaction(() => {
      if (list().length) return;
      const now = this.deps.clock.now();
      DEFAULT_CATEGORIES.forEach((name, i) => {
        this.deps.db
          .insert(customerCategories)
          .values({ id: this.deps.newId(), name, createdAt: now + i })
          .run();
      });
    })();
    return list();
  }

  /** Deletes a category no customer is in (see categories.ts). */
  deleteCategory(actor: Actor, id: string): Category[] {
    deleteCategory(this.deps, this.audit, actor, id);
    return this.categories();
  }

  saveCategory(actor: Actor, input: { id?: string; name: string; paymentTermsDays: number | null }): Category[] {
    return this.deps.sqlite.transaction(() => {
      const before = input.id ? this.categories().find((c) => c.id === input.id) : undefined;
      if (input.id && !before) throw new AppError('NOT_FOUND', 'That customer category no longer exists.');
      const clash = this.categories().find(
        (c) => c.name.toLowerCase() === input.name.toLowerCase() && c.id !== input.id,
      );
      if (clash) throw new AppError('CONFLICT', `There is already a category called ${clash.name}.`);
      const id = input.id ?? this.deps.newId();
      const values = { name: input.name, paymentTermsDays: input.paymentTermsDays };
      if (before) this.deps.db.update(customerCategories).set(values).where(eq(customerCategories.id, id)).run();
      else
        this.deps.db
          .insert(customerCategories)
          .values({ id, ...values, createdAt: this.deps.clock.now() })
          .run();
      this.audit.record(actor, {
        action: before ? 'customerCategory.update' : 'customerCategory.create',
        entity: 'customerCategory',
        entityId: id,
        before: before ?? null,
        after: { id, priceListId: before?.priceListId ?? null, ...values },
      });
      return this.categories();
    })();
  }
}

const FIELD_WORDS: Record<DuplicateMatch['field'], string> = {
  phone: 'phone number',
  email: 'email address',
  loyaltyCardNo: 'card number',
  taxId: 'tax id',
  name: 'name',
};

function isNewValue(
  field: DuplicateMatch['field'],
  before: Customer,
  now: { phones: Array<{ e164: string }>; emailNorm: string | null; taxId: string | null },
): boolean {
  if (field === 'phone') return now.phones.some((p) => !before.phones.some((b) => b.e164 === p.e164));
  if (field === 'email') return now.emailNorm !== normaliseEmail(before.email);
  if (field === 'taxId') return now.taxId !== before.taxId;
  return true;
}

/** Exactly one default billing and one default shipping address when there are any: the first marked, else the first. */
export function oneDefaultPerKind<A extends { kind: string; isDefault: boolean }>(addresses: A[]): A[] {
  const chosen = new Map<string, number>();
  addresses.forEach((a, i) => {
    if (!chosen.has(a.kind) || (a.isDefault && !addresses[chosen.get(a.kind) as number]?.isDefault))
      chosen.set(a.kind, i);
  });
  return addresses.map((a, i) => ({ ...a, isDefault: chosen.get(a.kind) === i }));
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function blankDraft(type: Draft['type']): Draft {
  return {
    type,
    code: null,
    title: null,
    firstName: null,
    lastName: null,
    companyName: null,
    contactPerson: null,
    taxId: null,
    registrationNo: null,
    businessType: null,
    industry: null,
    dateOfBirth: null,
    email: null,
    phones: [],
    addresses: [],
    preferredLanguage: null,
    consentSms: false,
    consentWhatsapp: false,
    consentEmail: false,
    marketingOptIn: false,
    categoryId: null,
    tags: [],
    notes: '',
    notesImportant: false,
    paymentTermsDays: null,
    creditLimit: null,
    loyaltyCardNo: null,
  };
}

/** A draft's fields a customer has under the same name (its phones and addresses differ in shape). */
const DRAFT_FIELDS = (Object.keys(blankDraft('individual')) as Array<keyof Draft>).filter(
  (k): k is Exclude<keyof Draft, 'phones' | 'addresses'> => k !== 'phones' && k !== 'addresses',
);

function readsOf(db: Deps['db']) {
  const id = sql.placeholder('id');
  return {
    row: db.select().from(customers).where(eq(customers.id, id)).prepare(),
    phones: db.select().from(customerPhones).where(eq(customerPhones.customerId, id)).prepare(),
    addresses: db.select().from(customerAddresses).where(eq(customerAddresses.customerId, id)).prepare(),
    category: db.select().from(customerCategories).where(eq(customerCategories.id, id)).prepare(),
  };
}
