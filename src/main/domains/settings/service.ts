import { asc, eq, sql } from 'drizzle-orm';
import { StoreProfile, type TaxRate } from '../../../shared/contract/system';
import { AppError } from '../../../shared/errors';
import { settings, taxRates } from '../../db/schema';
import type { Actor, AuditService } from '../audit/service';
import type { Deps } from '../deps';

const STORE_KEY = 'store';

export const DEFAULT_STORE: StoreProfile = {
  name: 'My shop',
  country: 'UG',
  currency: 'UGX',
  timeZone: 'Africa/Kampala',
  language: 'en',
  locale: 'en-UG',
  address: '',
  phone: '',
  taxId: '',
  logo: null,
  receiptHeader: '',
  receiptFooter: 'Thank you for shopping with us',
  pricesIncludeTax: true,
  lockAfterMinutes: 5,
};

/**
 * Tables whose rows carry money in the store currency. Once any has a row the currency is fixed; later issues add
 * their tables here (a sale in UGX must never be re-read as GBP).
 */
export const MONEY_TABLES = ['sales_orders', 'account_entries', 'payments', 'refunds'] as const;

export class SettingsService {
  private cache: StoreProfile | null = null;

  constructor(
    private deps: Deps,
    private audit: AuditService,
  ) {}

  isInitialised(): boolean {
    return this.deps.db.select().from(settings).where(eq(settings.key, STORE_KEY)).get() !== undefined;
  }

  store(): StoreProfile {
    if (this.cache) return this.cache;
    const row = this.deps.db.select().from(settings).where(eq(settings.key, STORE_KEY)).get();
    const store = row ? StoreProfile.parse({ ...DEFAULT_STORE, ...(row.value as object) }) : DEFAULT_STORE;
    if (row) this.cache = store;
    return store;
  }

  /** Writes the whole profile; used by onboarding and by updates. Caller holds the transaction. */
  private write(actor: Actor, before: StoreProfile | null, next: StoreProfile): void {
    const now = this.deps.clock.now();
    this.deps.db
      .insert(settings)
      .values({ key: STORE_KEY, value: next, updatedAt: now })
      .onConflictDoUpdate({ target: settings.key, set: { value: next, updatedAt: now } })
      .run();
    this.audit.record(actor, {
      action: before ? 'settings.update' : 'settings.create',
      entity: 'settings',
      entityId: STORE_KEY,
      before: before ? withoutLogo(before) : null,
      after: withoutLogo(next),
    });
    this.cache = null;
  }

  initialise(actor: Actor, profile: StoreProfile): void {
    this.write(actor, null, profile);
  }

  updateStore(actor: Actor, patch: Partial<StoreProfile>): StoreProfile {
    const next = this.deps.sqlite.transaction(() => {
      const before = this.store();
      const next = StoreProfile.parse({ ...before, ...patch });
      if (next.currency !== before.currency && this.hasMoneyRecords()) {
        throw new AppError(
          'CONFLICT',
          `The currency stays ${before.currency}: sales and balances are already recorded in it. Start a new shop file to trade in ${next.currency}.`,
        );
      }
      this.write(actor, before, next);
      return next;
    })();
    this.deps.events.emit('settings.changed', { store: next });
    return next;
  }

  hasMoneyRecords(): boolean {
    for (const table of MONEY_TABLES) {
      const exists = this.deps.sqlite
        .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?")
        .get(table);
      if (!exists) continue;
      const { found } = this.deps.sqlite.prepare(`SELECT EXISTS (SELECT 1 FROM ${table}) AS found`).get() as {
        found: number;
      };
      if (found) return true;
    }
    return false;
  }

  taxRates(): TaxRate[] {
    return this.deps.db
      .select()
      .from(taxRates)
      .orderBy(asc(taxRates.createdAt), asc(taxRates.id))
      .all()
      .map(({ id, name, rateBp, isDefault }) => ({ id, name, rateBp, isDefault }));
  }

  saveTaxRate(actor: Actor, input: Omit<TaxRate, 'id'> & { id?: string }): TaxRate[] {
    return this.deps.sqlite.transaction(() => {
      const before = input.id ? this.taxRates().find((t) => t.id === input.id) : undefined;
      if (input.id && !before) throw new AppError('NOT_FOUND', 'That tax rate no longer exists.');
      const id = input.id ?? this.deps.newId();
      if (input.isDefault) this.deps.db.update(taxRates).set({ isDefault: false }).run();
      const values = { name: input.name, rateBp: input.rateBp, isDefault: input.isDefault };
      if (before) this.deps.db.update(taxRates).set(values).where(eq(taxRates.id, id)).run();
      else
        this.deps.db
          .insert(taxRates)
          .values({ id, ...values, createdAt: this.deps.clock.now() })
          .run();
      this.audit.record(actor, {
        action: before ? 'taxRate.update' : 'taxRate.create',
        entity: 'taxRate',
        entityId: id,
        before: before ?? null,
        after: { id, ...values },
      });
      const count = this.deps.db
        .select({ n: sql<number>`count(*)` })
        .from(taxRates)
        .where(eq(taxRates.isDefault, true))
        .get();
      if (!count?.n) throw new AppError('VALIDATION', 'One tax rate must be the default.');
      return this.taxRates();
    })();
  }
}

/** The logo is a large data URL; the audit keeps only whether it changed. */
function withoutLogo(s: StoreProfile) {
  const { logo, ...rest } = s;
  return { ...rest, logo: logo ? `image (${logo.length} bytes)` : null };
}
