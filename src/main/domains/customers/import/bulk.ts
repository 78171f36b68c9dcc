import { getTableColumns, is, SQL } from 'drizzle-orm';
import type { Customer } from '../../../../shared/contract/customers';
import { customers } from '../../../db/schema';
import type { Actor } from '../../audit/service';
import type { Deps } from '../../deps';
import { postAccountEntry } from '../../ledgers/account';
import { cleanName, displayNameOf, normaliseEmail, normaliseTaxId, phoneSearchDigits } from '../normalise';
import { ftsColumns } from '../search';
import type { CustomerService } from '../service';
import { CreationLog } from './creations';
import type { MatchKeys } from './known';
import type { Candidate } from './values';

type Row = Record<string, unknown>;

/** Each customer column's value when the insert leaves it out (what a fresh row reads back as). */
function columnDefaults(): Row {
  const out: Row = {};
  for (const [key, col] of Object.entries(getTableColumns(customers))) {
    const d = (col as { default?: unknown }).default;
    out[key] = d === undefined || is(d, SQL) ? null : d;
  }
  return out;
}

/** The match keys of a row as the service would store them. */
export function keysOf(c: Candidate): MatchKeys {
  return {
    phones: [c.phone, ...c.others].flatMap((p) => (p ? [p.e164] : [])),
    emailNorm: normaliseEmail(c.email),
    taxId: normaliseTaxId(c.taxId),
    code: cleanName(c.code),
  };
}

/** The customer columns an import writes; the others keep their defaults (no consent, no tags, no card, ...). */
const CUSTOMER_COLUMNS = [
  'id',
  'search_key',
  'code',
  'type',
  'first_name',
  'last_name',
  'display_name',
  'company_name',
  'tax_id',
  'date_of_birth',
  'birth_month',
  'email',
  'email_norm',
  'phone_primary_e164',
  'category_id',
  'price_list_id',
  'notes',
  'tags',
  'consent_email',
  'consent_sms',
  'marketing_opt_in',
  'marketing_opt_in_at',
  'consent_whatsapp',
  'status',
  'loyalty_card_no',
  'credit_limit',
  'payment_terms_days',
  'preferred_language',
  'opening_spent',
  'opening_orders',
  'opening_first_at',
  'opening_last_at',
  'created_at',
  'updated_at',
  'created_by',
  'till_id',
];

/**
 * Creates imported customers with statements prepared once: the row, phone, address and search entry as
 * CustomerService.saveDraft would write them, and the creation's audit (see creations.ts). The caller holds the
 * transaction, has already checked duplicates and calls finish() at the end. At 100k rows every object and string per
 * row counts (garbage collection was a fifth of the import): values are bound straight to plain statements, not
 * mapped through drizzle.
 */
export class BulkCreate {
  private insertCustomer;
  private insertPhone;
  private insertAddress;
  private insertFts;
  private insertPoints;
  private addPoints;
  private insertCard;
  /** the record as CustomerService.get reads a fresh one back, minus what every import row sets itself */
  private viewDefaults: Row;
  private creations: CreationLog;
  private phoneDigits = new PhoneDigits();
  private searchKey: number;
  private now: number;
  private tillId: string;

  constructor(
    private deps: Deps,
    private service: CustomerService,
    private actor: Actor,
    private fileName: string,
    private importId: string,
    private currency: string,
    /** category id → name, for the audit entry */
    public names: Map<string, string>,
  ) {
    const s = deps.sqlite;
    this.insertCustomer = s.prepare(
      `INSERT INTO customers (${CUSTOMER_COLUMNS.join(', ')}) VALUES (${CUSTOMER_COLUMNS.map(() => '?').join(', ')})`,
    );
    this.insertPhone = s.prepare(
      'INSERT INTO customer_phones (id, customer_id, e164, raw, label, is_primary) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.insertAddress = s.prepare(
      `INSERT INTO customer_addresses (id, customer_id, kind, line1, line2, city, region, postal_code, country, is_default)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`,
    );
    this.insertPoints = s.prepare(
      `INSERT INTO points_entries (id, customer_id, kind, points, operation_id, reason, staff_id, at, till_id)
       VALUES (?, ?, 'opening', ?, ?, ?, ?, ?, ?)`,
    );
    this.insertCard = s.prepare(
      "INSERT INTO loyalty_cards (id, customer_id, card_no, status, issued_at, staff_id) VALUES (?, ?, ?, 'active', ?, ?)",
    );
    this.addPoints = s.prepare('UPDATE customers SET points_balance = points_balance + ? WHERE id = ?');
    this.insertFts = s.prepare('INSERT INTO customers_fts (rowid, name, phones, other) VALUES (?, ?, ?, ?)');
    this.searchKey = service.nextSearchKey();
    this.now = deps.clock.now();
    this.tillId = deps.tillId();
    this.creations = new CreationLog(deps, actor, fileName, this.now, this.tillId);
    const {
      searchKey: _k,
      emailNorm: _e,
      birthMonth: _b,
      createdBy: _c,
      tillId: _t,
      phonePrimaryE164: _p,
      ...defaults
    } = columnDefaults();
    this.viewDefaults = { ...defaults, tags: [], status: 'active', createdAt: this.now, updatedAt: this.now };
  }

  create(c: Candidate, keys: MatchKeys, categoryId: string | null, priceListId: string | null = null): string {
    const id = this.deps.newId();
    const firstName = cleanName(c.firstName);
    const lastName = cleanName(c.lastName);
    const companyName = cleanName(c.companyName);
    const displayName = displayNameOf({ type: c.type, firstName, lastName, companyName });
    const email = c.email?.trim() || null;
    const phone = c.phone ? { id: this.deps.newId(), e164: c.phone.e164, raw: c.phone.raw.trim() } : null;
    const others = c.others.map((p) => ({ id: this.deps.newId(), e164: p.e164, raw: p.raw.trim() }));
    const tags = [...new Set(c.tags.map((t) => t.trim()).filter(Boolean))];
    const consentEmail = !!c.consentEmail;
    const consentSms = !!c.consentSms;
    const consentWhatsapp = !!c.consentWhatsapp;
    // the file's opt-in date when it has that column; else agreeing to either channel opts in, from the import on
    const marketingOptInAt =
      c.marketingOptInAt !== undefined ? c.marketingOptInAt : consentEmail || consentSms ? this.now : null;
    const marketingOptIn = marketingOptInAt !== null;
    const o = c.opening;
    const searchKey = this.searchKey++;
    this.insertCustomer.run(
      id,
      searchKey,
      keys.code,
      c.type,
      firstName,
      lastName,
      displayName,
      companyName,
      keys.taxId,
      c.dateOfBirth,
      c.dateOfBirth ? Number(c.dateOfBirth.slice(5, 7)) : null,
      email,
      keys.emailNorm,
      phone?.e164 ?? null,
      categoryId,
      priceListId,
      c.notes,
      JSON.stringify(tags),
      consentEmail ? 1 : 0,
      consentSms ? 1 : 0,
      marketingOptIn ? 1 : 0,
      marketingOptInAt,
      consentWhatsapp ? 1 : 0,
      c.status,
      c.cardNo,
      c.creditLimit,
      c.paymentTermsDays,
      c.language,
      o.spent,
      o.orders,
      o.firstAt,
      o.lastAt,
      this.now,
      this.now,
      this.actor.id,
      this.tillId,
    );
    if (phone) this.insertPhone.run(phone.id, id, phone.e164, phone.raw, 'mobile', 1);
    // the card's history starts with the import, as loyalty-cards/cards.ts keeps it for a card given at the counter
    if (c.cardNo) this.insertCard.run(this.deps.newId(), id, c.cardNo, this.now, this.actor.id);
    for (const p of others) this.insertPhone.run(p.id, id, p.e164, p.raw, 'other', 0);
    const addresses = addressesOf(c, () => this.deps.newId());
    for (const address of addresses)
      this.insertAddress.run(
        address.id,
        id,
        address.kind,
        address.line1,
        address.line2,
        address.city,
        address.region,
        address.postalCode,
        address.country,
      );
    this.insertFts.run(
      searchKey,
      ...ftsColumns(
        {
          displayName,
          firstName,
          lastName,
          companyName,
          email,
          code: keys.code,
          taxId: keys.taxId,
          phonesE164: [phone, ...others].flatMap((p) => (p ? [p.e164] : [])),
        },
        (e164) => this.phoneDigits.of(e164),
      ),
    );

    const reason = `Opening balance imported from ${this.fileName}, row ${c.line}`;
    if (c.balance)
      postAccountEntry(this.deps, {
        customerId: id,
        kind: 'opening',
        amount: c.balance,
        currency: this.currency,
        reason,
        staffId: this.actor.id,
      });
    if (c.points) {
      const operation = `import:${this.importId}:${c.line}`;
      this.insertPoints.run(this.deps.newId(), id, c.points, operation, reason, this.actor.id, this.now, this.tillId);
      this.addPoints.run(c.points, id);
    }

    // the record as CustomerService.get would read it back, so an imported customer's history matches a hand-made one
    const view = this.service.auditView({
      ...this.viewDefaults,
      id,
      type: c.type,
      firstName,
      lastName,
      displayName,
      companyName,
      code: keys.code,
      taxId: keys.taxId,
      dateOfBirth: c.dateOfBirth,
      email,
      phonePrimary: phone?.e164 ?? null,
      categoryId,
      categoryName: categoryId ? (this.names.get(categoryId) ?? null) : null,
      priceListId,
      notes: c.notes,
      tags,
      consentEmail,
      consentSms,
      consentWhatsapp,
      marketingOptIn,
      marketingOptInAt,
      status: c.status,
      loyaltyCardNo: c.cardNo,
      creditLimit: c.creditLimit,
      paymentTermsDays: c.paymentTermsDays,
      preferredLanguage: c.language,
      openingSpent: o.spent,
      openingOrders: o.orders,
      openingFirstAt: o.firstAt,
      openingLastAt: o.lastAt,
      balance: c.balance ?? 0,
      pointsBalance: c.points ?? 0,
      phones: [
        ...(phone ? [{ ...phone, label: 'mobile', isPrimary: true }] : []),
        ...others.map((p) => ({ ...p, label: 'other', isPrimary: false })),
      ],
      addresses,
    } as unknown as Customer);
    this.creations.add(id, c.line, view);
    return id;
  }

  /** Writes the creations still held; the caller's transaction commits them with the customers. */
  finish(): void {
    this.creations.finish();
  }
}

/** The addresses a row gives: billing when it gives any part of one, shipping (one line) when it has one. */
export function addressesOf<Id extends string | undefined>(c: Candidate, newId: () => Id) {
  const blank = { line1: '', line2: '', city: '', region: '', postalCode: '', country: '', isDefault: true };
  const out: Array<typeof blank & { id: Id; kind: 'billing' | 'shipping' }> = [];
  if (c.address || c.address2 || c.city || c.region || c.postalCode)
    out.push({
      ...blank,
      id: newId(),
      kind: 'billing',
      line1: c.address ?? '',
      line2: c.address2 ?? '',
      city: (c.city ?? '').trim(),
      region: c.region ?? '',
      postalCode: c.postalCode ?? '',
      country: c.country ?? '',
    });
  if (c.shipping) out.push({ ...blank, id: newId(), kind: 'shipping', line1: c.shipping });
  return out;
}

/**
 * phoneSearchDigits for many numbers of a few ranges. A number's national format is its national prefix (if any)
 * and its national number, and which prefix depends on the number's length and leading digits, never on its last
 * four: so the prefix is worked out by libphonenumber once per range and reused. Numbers whose national format is
 * not of that shape (Argentina's mobile 15, ...) are worked out one by one.
 */
export class PhoneDigits {
  private prefixes = new Map<string, { countryCode: number; prefix: string }>();

  of(e164: string): string[] {
    const digits = e164.slice(1);
    const range = `${digits.length}:${digits.slice(0, -4)}`;
    const known = this.prefixes.get(range);
    if (known) {
      const national = digits.slice(known.countryCode);
      const out = [digits, national];
      if (known.prefix) out.push(known.prefix + national);
      return out;
    }
    const out = phoneSearchDigits(e164);
    const [international, national, local] = out;
    if (international === digits && national !== undefined && digits.endsWith(national)) {
      const prefix = local === undefined ? '' : local.endsWith(national) ? local.slice(0, -national.length) : null;
      if (prefix !== null && digits.length - national.length > 0)
        this.prefixes.set(range, { countryCode: digits.length - national.length, prefix });
    }
    return out;
  }
}
