import { sql } from 'drizzle-orm';
import { type AnySQLiteColumn, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/** Customer groups; a category may later carry a price list and default payment terms. */
export const customerCategories = sqliteTable('customer_categories', {
  id: text('id').primaryKey(),
  name: text('name').notNull().unique(),
  priceListId: text('price_list_id'),
  paymentTermsDays: integer('payment_terms_days'),
  createdAt: integer('created_at').notNull(),
});

export const customers = sqliteTable(
  'customers',
  {
    id: text('id').primaryKey(),
    /** stable integer key of this customer's row in the customers_fts index */
    searchKey: integer('search_key').notNull(),
    code: text('code'),
    type: text('type', { enum: ['individual', 'business'] })
      .notNull()
      .default('individual'),
    title: text('title'),
    firstName: text('first_name'),
    lastName: text('last_name'),
    displayName: text('display_name').notNull(),
    companyName: text('company_name'),
    contactPerson: text('contact_person'),
    /** stored normalised: upper-case, no spaces */
    taxId: text('tax_id'),
    registrationNo: text('registration_no'),
    businessType: text('business_type'),
    industry: text('industry'),
    dateOfBirth: text('date_of_birth'),
    birthMonth: integer('birth_month'),
    email: text('email'),
    emailNorm: text('email_norm'),
    phonePrimaryE164: text('phone_primary_e164'),
    preferredLanguage: text('preferred_language'),
    consentSms: integer('consent_sms', { mode: 'boolean' }).notNull().default(false),
    consentWhatsapp: integer('consent_whatsapp', { mode: 'boolean' }).notNull().default(false),
    consentEmail: integer('consent_email', { mode: 'boolean' }).notNull().default(false),
    marketingOptIn: integer('marketing_opt_in', { mode: 'boolean' }).notNull().default(false),
    marketingOptInAt: integer('marketing_opt_in_at'),
    categoryId: text('category_id').references(() => customerCategories.id),
    /** the customer's own price list; wins over the category's */
    priceListId: text('price_list_id'),
    /** loyalty tier, e.g. 'member' or 'gold'; segment offers can be limited to tiers */
    loyaltyTier: text('loyalty_tier'),
    // tier_spend, tier_spend_since, tier_spend_oldest_at (migration 0023): the tier's rolling spend, a cache kept by
    // triggers and read only by src/main/domains/loyalty/tiers.ts; left out here so that code reading whole customer
    // rows runs on a database before 0023 (tests/integration/database.test.ts opens one)
    tags: text('tags', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
    notes: text('notes').notNull().default(''),
    notesImportant: integer('notes_important', { mode: 'boolean' }).notNull().default(false),
    paymentTermsDays: integer('payment_terms_days'),
    /** minor units; null = the store default, 0 = no credit */
    creditLimit: integer('credit_limit'),
    loyaltyCardNo: text('loyalty_card_no'),
    status: text('status', { enum: ['active', 'inactive', 'merged'] })
      .notNull()
      .default('active'),
    mergedIntoId: text('merged_into_id').references((): AnySQLiteColumn => customers.id),
    lastActivityAt: integer('last_activity_at'),
    /** cached, minor units */
    totalSpent: integer('total_spent').notNull().default(0),
    /** cached, minor units */
    balance: integer('balance').notNull().default(0),
    /** cached Σ points_entries.points */
    pointsBalance: integer('points_balance').notNull().default(0),
    /** "before Counterline": what the shop's old system knew (imported), never part of the sales ledger */
    openingSpent: integer('opening_spent'),
    openingOrders: integer('opening_orders'),
    openingFirstAt: integer('opening_first_at'),
    openingLastAt: integer('opening_last_at'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
    createdBy: text('created_by'),
    tillId: text('till_id').notNull(),
  },
  (t) => [
    uniqueIndex('customers_search_key').on(t.searchKey),
    uniqueIndex('customers_code').on(t.code),
    uniqueIndex('customers_loyalty_card_no').on(t.loyaltyCardNo),
    // covers the name-ordered list and the broad-search walk (search_key is checked without touching the table)
    index('customers_status_name_key').on(t.status, t.displayName, t.id, t.searchKey),
    // a search's matches looked up by key: status, name and id without reading the row (migration 0022)
    index('customers_search_key_name').on(t.searchKey, t.status, t.displayName, t.id),
    index('customers_category').on(t.categoryId, t.displayName),
    // (sort column, id) matches the list's `ORDER BY col, id` keyset, so a sorted page walks the index instead of
    // sorting every customer
    index('customers_created_id').on(t.createdAt, t.id),
    index('customers_last_activity_id').on(t.lastActivityAt, t.id),
    index('customers_total_spent_id').on(t.totalSpent, t.id),
    index('customers_balance_id').on(t.balance, t.id),
    index('customers_points_id').on(t.pointsBalance, t.id),
    index('customers_birth_month').on(t.birthMonth),
    index('customers_email_norm').on(t.emailNorm),
    index('customers_phone_primary').on(t.phonePrimaryE164),
    index('customers_tax_id').on(t.taxId),
    index('customers_merged_into').on(t.mergedIntoId),
  ],
);

export const customerPhones = sqliteTable(
  'customer_phones',
  {
    id: text('id').primaryKey(),
    customerId: text('customer_id')
      .notNull()
      .references(() => customers.id),
    e164: text('e164').notNull(),
    raw: text('raw').notNull(),
    label: text('label').notNull().default('mobile'),
    isPrimary: integer('is_primary', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [index('customer_phones_customer').on(t.customerId), index('customer_phones_e164').on(t.e164)],
);

export const customerAddresses = sqliteTable(
  'customer_addresses',
  {
    id: text('id').primaryKey(),
    customerId: text('customer_id')
      .notNull()
      .references(() => customers.id),
    kind: text('kind', { enum: ['billing', 'shipping'] })
      .notNull()
      .default('billing'),
    line1: text('line1').notNull().default(''),
    line2: text('line2').notNull().default(''),
    city: text('city').notNull().default(''),
    region: text('region').notNull().default(''),
    postalCode: text('postal_code').notNull().default(''),
    country: text('country').notNull().default(''),
    isDefault: integer('is_default', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [
    index('customer_addresses_customer').on(t.customerId),
    index('customer_addresses_city').on(t.city, t.customerId),
  ],
);
