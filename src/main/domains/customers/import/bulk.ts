import { getTableColumns, is, SQL } from 'drizzle-orm';
import type { Customer } from '../../../../shared/contract/customers';
import { auditLog, customers } from '../../../db/schema';
import type { Actor } from '../../audit/service';
import type { Deps } from '../../deps';
import { postAccountEntry } from '../../ledgers/account';
import { cleanName, displayNameOf, normaliseEmail, normaliseTaxId } from '../normalise';
import { ftsColumns, type SearchDoc } from '../search';
import { type CustomerService, ENTITY } from '../service';
import type { MatchKeys } from './known';
import type { Candidate } from './values';

type Row = Record<string, unknown>;

/** An INSERT for the given drizzle keys of a table, taking values in key order and mapping them as drizzle would. */
function inserter(deps: Deps, table: typeof customers | typeof auditLog, keys: string[]) {
  const columns = getTableColumns(table) as Record<string, { name: string; mapToDriverValue(v: unknown): unknown }>;
  const cols = keys.map((k) => {
    const c = columns[k];
    if (!c) throw new Error(`no column ${k}`);
    return c;
  });
  const name = table === customers ? 'customers' : 'audit_log';
  const stmt = deps.sqlite.prepare(
    `INSERT INTO ${name} (${cols.map((c) => c.name).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`,
  );
  return (row: Row) => stmt.run(...keys.map((k, i) => (row[k] == null ? null : cols[i]?.mapToDriverValue(row[k]))));
}

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
    phones: c.phone ? [c.phone.e164] : [],
    emailNorm: normaliseEmail(c.email),
    taxId: normaliseTaxId(c.taxId),
    code: cleanName(c.code),
  };
}

/**
 * Creates imported customers with statements prepared once: the row, phone, address, search entry and a
 * 'customer.create' audit entry per customer, each as CustomerService.saveDraft would write them. The caller holds
 * the transaction and has already checked duplicates.
 */
export class BulkCreate {
  private insertCustomer?: (row: Row) => unknown;
  private insertAudit;
  private insertPhone;
  private insertAddress;
  private insertFts;
  /** column defaults minus the internal columns CustomerService.get does not return */
  private viewDefaults = (() => {
    const {
      searchKey: _k,
      emailNorm: _e,
      birthMonth: _b,
      createdBy: _c,
      tillId: _t,
      phonePrimaryE164: _p,
      ...d
    } = columnDefaults();
    return d;
  })();
  private insertPoints;
  /** the audit view's field names, sorted, the same for every imported row */
  private viewFields?: string[];
  private addPoints;
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
    this.insertPhone = s.prepare(
      'INSERT INTO customer_phones (id, customer_id, e164, raw, label, is_primary) VALUES (?, ?, ?, ?, ?, 1)',
    );
    this.insertAddress = s.prepare(
      `INSERT INTO customer_addresses (id, customer_id, kind, line1, line2, city, region, postal_code, country, is_default)
       VALUES (?, ?, 'billing', ?, '', ?, '', '', ?, 1)`,
    );
    this.insertPoints = s.prepare(
      `INSERT INTO points_entries (id, customer_id, kind, points, operation_id, reason, staff_id, at, till_id)
       VALUES (?, ?, 'opening', ?, ?, ?, ?, ?, ?)`,
    );
    this.addPoints = s.prepare('UPDATE customers SET points_balance = points_balance + ? WHERE id = ?');
    this.insertFts = s.prepare('INSERT INTO customers_fts (rowid, name, phones, other) VALUES (?, ?, ?, ?)');
    this.insertAudit = inserter(deps, auditLog, [
      'id',
      'at',
      'actorId',
      'actorName',
      'action',
      'entity',
      'entityId',
      'changes',
      'note',
      'tillId',
    ]);
    this.searchKey = service.nextSearchKey();
    this.now = deps.clock.now();
    this.tillId = deps.tillId();
  }

  create(c: Candidate, categoryId: string | null): string {
    const id = this.deps.newId();
    const keys = keysOf(c);
    const names = {
      type: c.type,
      title: null,
      firstName: cleanName(c.firstName),
      lastName: cleanName(c.lastName),
      companyName: cleanName(c.companyName),
      contactPerson: null,
    };
    const email = c.email?.trim() || null;
    const phones = c.phone ? [{ id: this.deps.newId(), e164: c.phone.e164, raw: c.phone.raw.trim() }] : [];
    const row: Row = {
      ...names,
      code: keys.code,
      displayName: displayNameOf(names),
      taxId: keys.taxId,
      registrationNo: null,
      businessType: null,
      industry: null,
      dateOfBirth: c.dateOfBirth,
      birthMonth: c.dateOfBirth ? Number(c.dateOfBirth.slice(5, 7)) : null,
      email,
      emailNorm: keys.emailNorm,
      phonePrimaryE164: phones[0]?.e164 ?? null,
      preferredLanguage: null,
      consentSms: false,
      consentWhatsapp: false,
      consentEmail: false,
      marketingOptIn: false,
      marketingOptInAt: null,
      categoryId,
      tags: [],
      notes: c.notes,
      notesImportant: false,
      paymentTermsDays: null,
      creditLimit: null,
      loyaltyCardNo: null,
      updatedAt: this.now,
      id,
      searchKey: this.searchKey++,
      status: 'active',
      createdAt: this.now,
      createdBy: this.actor.id,
      tillId: this.tillId,
    };
    this.insertCustomer ??= inserter(this.deps, customers, Object.keys(row));
    this.insertCustomer(row);
    for (const p of phones) this.insertPhone.run(p.id, id, p.e164, p.raw, 'mobile');
    const addresses =
      c.address || c.city
        ? [
            {
              id: this.deps.newId(),
              kind: 'billing' as const,
              line1: c.address ?? '',
              line2: '',
              city: (c.city ?? '').trim(),
              region: '',
              postalCode: '',
              country: c.country ?? '',
              isDefault: true,
            },
          ]
        : [];
    for (const a of addresses) this.insertAddress.run(a.id, id, a.line1, a.city, a.country);
    this.insertFts.run(
      row.searchKey,
      ...ftsColumns({ ...(row as unknown as SearchDoc), phonesE164: phones.map((p) => p.e164) }),
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

    this.insertAudit({
      id: this.deps.newId(),
      at: this.now,
      actorId: this.actor.id,
      actorName: this.actor.name,
      action: 'customer.create',
      entity: ENTITY,
      entityId: id,
      changes: this.creationChanges(row, c, categoryId, phones, addresses),
      note: `Imported from ${this.fileName}, row ${c.line}`,
      tillId: this.tillId,
    });
    return id;
  }

  /**
   * The customer's creation as the history shows it: CustomerService.auditView of the record as CustomerService.get
   * reads it back, so an imported customer's history matches a hand-made one. One copy of the row and the sorted
   * field list computed once: at 100k rows the copies and sorts of the first version weighed on the import.
   */
  private creationChanges(
    row: Row,
    c: Candidate,
    categoryId: string | null,
    phones: NewPhone[],
    addresses: NewAddress[],
  ) {
    const { searchKey: _k, emailNorm: _e, birthMonth: _b, createdBy: _c, tillId: _t, phonePrimaryE164, ...rest } = row;
    const view = this.service.auditView({
      ...this.viewDefaults,
      ...rest,
      balance: c.balance ?? 0,
      pointsBalance: c.points ?? 0,
      phonePrimary: phonePrimaryE164,
      categoryName: categoryId ? (this.names.get(categoryId) ?? null) : null,
      phones: phones.map((p) => ({ ...p, label: 'mobile', isPrimary: true })),
      addresses,
    } as unknown as Customer);
    this.viewFields ??= Object.keys(view).sort();
    return diffFromNothing(view, this.viewFields);
  }
}

type NewPhone = { id: string; e164: string; raw: string };
type NewAddress = Customer['addresses'][number];

/**
 * diffFields(null, after) without its JSON comparisons, listing only fields that have a value: a creation's empty
 * fields say nothing, and at 100k customers they would double the audit log.
 */
function diffFromNothing(after: Record<string, unknown>, fields = Object.keys(after).sort()) {
  return fields
    .filter((f) => after[f] !== undefined && after[f] !== null)
    .map((field) => ({ field, before: null, after: after[field] }));
}
