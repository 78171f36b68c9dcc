import type { CustomerUpdate } from '../../../../shared/contract/customers';
import { AppError } from '../../../../shared/errors';
import type { Actor, AuditService } from '../../audit/service';
import { emptyReport } from '../../catalog/table-import';
import type { Deps } from '../../deps';
import type { PricingService } from '../../pricing/service';
import type { SettingsService } from '../../settings/service';
import { type CustomerService, DEFAULT_CATEGORIES } from '../service';
import { type DecimalMark, decimalMarkFor } from './amounts';
import { addressesOf, BulkCreate, keysOf } from './bulk';
import { KnownCustomers } from './known';
import { type ImportPreview, type LayoutChoice, layoutOf, previewOf } from './layout';
import { type Preset, presetPhoneCountry } from './mapping';
import { type Candidate, type MoneyFormat, type RowIssue, readRow } from './values';

export interface ImportOptions extends LayoutChoice {
  fileName: string;
  onDuplicate?: 'skip' | 'update';
  dryRun?: boolean;
  createCategories?: boolean;
  /** the decimal mark the file's amounts use, when the user says; else the preset's or the store country's */
  decimalMark?: DecimalMark;
}

export interface ImportResult {
  rows: number;
  created: number;
  updated: number;
  skipped: number;
  errors: RowIssue[];
  warnings: RowIssue[];
  ignoredColumns: string[];
  dryRun: boolean;
  /** where the customers were read: the sheet (null for a text file), its header row as Excel numbers it, the preset */
  sheet?: string | null;
  headerRow?: number;
  preset?: Preset;
}

export type ImportPhase = 'read' | 'check' | 'commit';

/** How a long import reports progress and learns it was cancelled (from the worker that runs it). */
export interface ImportHooks {
  progress?(phase: ImportPhase, done: number, total: number): void;
  cancelled?(): boolean;
}

export const CANCELLED_MESSAGE = 'The import was cancelled; nothing was saved.';
const STEP = 500;
/** From this many rows an import rebuilds the customer indexes instead of updating them row by row. */
const REBUILD_INDEXES_FROM = 5_000;
/** FTS5's default automerge level, restored after a big import paused it */
const FTS_AUTOMERGE = 4;

/** Other names for the standard categories (Indonesian cashier apps). */
const CATEGORY_ALIASES: Record<string, string> = { eceran: 'retail', grosir: 'wholesale', anggota: 'member' };

export class CustomerImport {
  constructor(
    private deps: Deps,
    private audit: AuditService,
    private settings: SettingsService,
    private customers: CustomerService,
    private pricing: PricingService,
  ) {}

  preview(bytes: Uint8Array, choice: LayoutChoice): ImportPreview {
    return previewOf(layoutOf(bytes, choice));
  }

  run(actor: Actor, bytes: Uint8Array, opts: ImportOptions, hooks: ImportHooks = {}): ImportResult {
    const stop = () => {
      if (hooks.cancelled?.()) throw new AppError('CONFLICT', CANCELLED_MESSAGE, { cancelled: true });
    };
    hooks.progress?.('read', 0, 1);
    const { sheet, headerAt, mapping, preset } = layoutOf(bytes, opts);
    stop();
    const store = this.settings.store();
    const countries = [store.country, presetPhoneCountry(preset)].filter((c): c is string => !!c);
    const money: MoneyFormat = {
      currency: store.currency,
      mark: opts.decimalMark ?? (preset === 'kasir' ? ',' : decimalMarkFor(store.country)),
      timeZone: store.timeZone,
    };
    const importId = this.deps.newId();
    const result: ImportResult = {
      ...emptyReport(mapping.ignored, !!opts.dryRun),
      sheet: sheet.sheet ?? null,
      headerRow: sheet.rows[headerAt]?.line ?? 1,
      preset,
    };
    const candidates: Candidate[] = [];
    const body = sheet.rows.slice(headerAt + 1);
    hooks.progress?.('check', 0, body.length);
    for (const [n, row] of body.entries()) {
      if (n % STEP === 0 && n) {
        stop();
        hooks.progress?.('check', n, body.length);
      }
      if (row.cells.every((c) => c.trim() === '')) continue;
      result.rows++;
      const read = readRow(row.line, row.cells, mapping, countries, money);
      result.errors.push(...read.errors);
      result.warnings.push(...read.warnings);
      if (read.candidate) candidates.push(read.candidate);
    }
    const work = () => this.apply(actor, candidates, opts, result, importId, money.currency, hooks, stop);
    if (opts.dryRun) work();
    else
      this.withBigCache(() =>
        this.deps.sqlite.transaction(() => {
          if ((opts.onDuplicate ?? 'skip') === 'skip' && candidates.length >= REBUILD_INDEXES_FROM)
            this.withIndexesRebuilt(work);
          else work();
          this.audit.record(actor, {
            action: 'customer.import',
            entity: 'customerImport',
            entityId: importId,
            after: {
              file: opts.fileName,
              rows: result.rows,
              created: result.created,
              updated: result.updated,
              skipped: result.skipped,
              errors: result.errors.length,
            },
            note: `Imported ${opts.fileName}: ${result.created} created, ${result.updated} updated, ${result.skipped} skipped, ${result.errors.length} errors`,
          });
        })(),
      );
    result.errors.sort((a, b) => a.row - b.row);
    result.warnings.sort((a, b) => a.row - b.row);
    hooks.progress?.(opts.dryRun ? 'check' : 'commit', candidates.length, candidates.length);
    return result;
  }

  /**
   * Drops the customer tables' non-unique indexes, runs the import and builds them again, all inside the import's
   * transaction (a failure or cancel restores them with everything else). One sorted build per index is several times
   * cheaper than 100k random B-tree inserts into each. Unique indexes stay: they are what refuses a duplicate. Only
   * for imports that skip duplicates: updating goes through the customer service, whose duplicate checks need them.
   * The search index's automatic segment merging pauses too and resumes afterwards.
   */
  private withIndexesRebuilt(fn: () => void): void {
    const s = this.deps.sqlite;
    const indexes = s
      .prepare(
        `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%'
           AND tbl_name IN ('customers', 'customer_phones', 'customer_addresses')`,
      )
      .all() as Array<{ name: string; sql: string }>;
    for (const i of indexes) s.exec(`DROP INDEX "${i.name}"`);
    s.exec(`INSERT INTO customers_fts (customers_fts, rank) VALUES ('automerge', 0)`);
    fn();
    s.exec(`INSERT INTO customers_fts (customers_fts, rank) VALUES ('automerge', ${FTS_AUTOMERGE})`);
    for (const i of indexes) s.exec(i.sql);
  }

  /** A 100k-row transaction touches far more index pages than SQLite's default 2 MB cache holds. */
  private withBigCache(fn: () => void): void {
    const before = this.deps.sqlite.pragma('cache_size', { simple: true }) as number;
    this.deps.sqlite.pragma('cache_size = -131072');
    try {
      fn();
    } finally {
      this.deps.sqlite.pragma(`cache_size = ${before}`);
    }
  }

  private categoryNames(dryRun: boolean): Map<string, string | null> {
    const rows = dryRun
      ? (this.deps.sqlite.prepare('SELECT id, name FROM customer_categories').all() as Array<{
          id: string;
          name: string;
        }>)
      : this.customers.categories();
    const out = new Map<string, string | null>();
    // before the first category is needed the standard ones do not exist yet; a dry run pretends they do
    if (dryRun && rows.length === 0) for (const n of DEFAULT_CATEGORIES) out.set(n.toLowerCase(), null);
    for (const r of rows) out.set(r.name.toLowerCase(), r.id);
    return out;
  }

  private apply(
    actor: Actor,
    candidates: Candidate[],
    opts: ImportOptions,
    result: ImportResult,
    importId: string,
    currency: string,
    hooks: ImportHooks,
    stop: () => void,
  ): void {
    const dryRun = !!opts.dryRun;
    const categories = this.categoryNames(dryRun);
    const known = new KnownCustomers(this.deps.sqlite).load();
    const priceLists = new Map(
      (this.deps.sqlite.prepare('SELECT id, name FROM price_lists').all() as { id: string; name: string }[]).map(
        (l) => [l.name.toLowerCase(), l.id],
      ),
    );
    let bulk: BulkCreate | undefined;
    let categoryById = new Map<string, string>();
    const seenPhones = new Map<string, number>();
    const seenEmails = new Map<string, number>();
    const phase = dryRun ? 'check' : 'commit';
    for (const [n, c] of candidates.entries()) {
      if (n % STEP === 0) {
        stop();
        hooks.progress?.(phase, n, candidates.length);
      }
      const earlier =
        (c.phone && seenPhones.get(c.phone.e164)) || (c.emailNorm && seenEmails.get(c.emailNorm)) || undefined;
      if (c.phone && !seenPhones.has(c.phone.e164)) seenPhones.set(c.phone.e164, c.line);
      if (c.emailNorm && !seenEmails.has(c.emailNorm)) seenEmails.set(c.emailNorm, c.line);
      if (earlier) {
        result.skipped++;
        result.warnings.push({
          row: c.line,
          field: 'duplicate',
          message: `Row ${c.line} has the same phone or email as row ${earlier} of this file; skipped.`,
        });
        continue;
      }
      let categoryId: string | null | undefined;
      if (c.category) {
        const key = c.category.toLowerCase();
        const found = categories.has(key) ? key : CATEGORY_ALIASES[key];
        if (found && categories.has(found)) categoryId = categories.get(found) ?? null;
        else if (opts.createCategories) {
          if (!dryRun) {
            const list = this.customers.saveCategory(actor, { name: c.category, paymentTermsDays: null });
            categoryId = list.find((x) => x.name.toLowerCase() === key)?.id ?? null;
          }
          categories.set(key, categoryId ?? null);
        } else
          result.warnings.push({
            row: c.line,
            field: 'category',
            message: `Row ${c.line}: there is no customer category “${c.category}”; imported without a category.`,
          });
      }
      const priceListId = c.priceList ? (priceLists.get(c.priceList.toLowerCase()) ?? null) : null;
      if (c.priceList && !priceListId)
        result.warnings.push({
          row: c.line,
          field: 'priceList',
          message: `Row ${c.line}: there is no price list “${c.priceList}”; imported without a price list.`,
        });
      const keys = keysOf(c);
      const match = known.match(keys, c.displayName);
      if (match && (opts.onDuplicate ?? 'skip') === 'skip') {
        result.skipped++;
        result.warnings.push({
          row: c.line,
          field: 'duplicate',
          message: `Row ${c.line} matches ${match.displayName} already in Counterline; skipped.`,
        });
        continue;
      }
      if (!match && known.codeTaken(keys.code)) {
        result.errors.push({
          row: c.line,
          field: 'code',
          message: `Row ${c.line}: Another customer already has the code ${keys.code}.`,
        });
        continue;
      }
      if (dryRun) {
        if (match) result.updated++;
        else {
          // later rows of the file meet this one as the commit would: already stored
          known.add({ id: `row ${c.line}`, displayName: c.displayName }, keys);
          result.created++;
        }
        continue;
      }
      if (c.cardNo && this.cardTaken(c.cardNo)) {
        result.warnings.push({
          row: c.line,
          field: 'cardNo',
          message: `Row ${c.line}: the card ${c.cardNo} already belongs to another customer; imported without a card.`,
        });
        c.cardNo = null;
      }
      if (!match) {
        if (categoryId && !categoryById.has(categoryId)) categoryById = this.categoryById();
        bulk ??= new BulkCreate(this.deps, this.customers, actor, opts.fileName, importId, currency, categoryById);
        bulk.names = categoryById;
        const id = bulk.create(c, keys, categoryId ?? null, priceListId);
        known.add({ id, displayName: c.displayName }, keys);
        result.created++;
        continue;
      }
      if (c.balance || c.points)
        result.warnings.push({
          row: c.line,
          field: c.balance ? 'balance' : 'points',
          message: `Row ${c.line}: ${match.displayName} already has an account in Counterline; the opening balance and points in the file were not added.`,
        });
      try {
        const before = known.stored(match.id)?.keys ?? null;
        const fields = this.fieldsOf(c, categoryId ?? null);
        this.customers.update(actor, { id: match.id, ...withoutEmpty(fields) } as CustomerUpdate);
        if (priceListId) this.pricing.assignToCustomer(actor, match.id, priceListId);
        known.refresh(match.id, before);
        result.updated++;
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
        const details = e.details as { issues?: Array<{ path: string }>; field?: string } | undefined;
        const field = details?.issues?.[0]?.path ?? details?.field ?? 'row';
        result.errors.push({ row: c.line, field, message: `Row ${c.line}: ${e.message}` });
      }
    }
    bulk?.finish();
  }

  /** Whether a card number is (or was) a customer's card in the shop, or an earlier row's. */
  private cardTaken(cardNo: string): boolean {
    return !!this.deps.sqlite
      .prepare(
        'SELECT 1 FROM loyalty_cards WHERE card_no = ? UNION ALL SELECT 1 FROM customers WHERE loyalty_card_no = ? LIMIT 1',
      )
      .get(cardNo, cardNo);
  }

  private categoryById(): Map<string, string> {
    return new Map(this.customers.categories().map((k) => [k.id, k.name]));
  }

  private fieldsOf(c: Candidate, categoryId: string | null): Record<string, unknown> {
    return {
      type: c.type,
      firstName: c.firstName,
      lastName: c.lastName,
      companyName: c.companyName,
      code: c.code,
      taxId: c.taxId,
      email: c.email,
      dateOfBirth: c.dateOfBirth,
      categoryId,
      notes: c.notes,
      phones: [
        ...(c.phone ? [{ number: c.phone.e164, raw: c.phone.raw, label: 'mobile', isPrimary: true }] : []),
        ...c.others.map((p) => ({ number: p.e164, raw: p.raw, label: 'other', isPrimary: false })),
      ],
      addresses: addressesOf(c, () => undefined).map(({ id: _id, ...a }) => a),
      tags: c.tags,
      consentEmail: c.consentEmail,
      consentSms: c.consentSms,
      consentWhatsapp: c.consentWhatsapp,
      // the file's opt-in column when it has one; else agreeing to either channel opts in, saying no to both opts out
      marketingOptIn:
        c.marketingOptInAt !== undefined
          ? c.marketingOptInAt !== null
          : c.consentEmail === null && c.consentSms === null
            ? null
            : !!(c.consentEmail || c.consentSms),
      loyaltyCardNo: c.cardNo,
      creditLimit: c.creditLimit,
      paymentTermsDays: c.paymentTermsDays,
      preferredLanguage: c.language,
    };
  }
}

/** An update keeps what the file leaves empty. */
function withoutEmpty(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(o).filter(([, v]) => v !== null && v !== '' && !(Array.isArray(v) && v.length === 0)),
  );
}
