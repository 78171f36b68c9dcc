import type { TestClock } from '../../shared/clock';
import { seededRandom, uuidv7Source } from '../../shared/ids';
import type { AppCore } from '../app';
import { makeCardNumber } from '../domains/customers/normalise';
import { ftsColumns } from '../domains/customers/search';

const FIRST = [
  'José',
  'Zoë',
  'Amina',
  'Grace',
  'Moses',
  'Aisha',
  'Peter',
  'Ruth',
  'Björn',
  'Renée',
  'Ömer',
  'Chloé',
  'Joseph',
  'Sarah',
  'Brian',
  'Joan',
  'Ivan',
  'Esther',
  'Denis',
  'Agnes',
  'Ángel',
  'Noël',
  'Fatuma',
  'Hassan',
  'Irène',
  'John',
  'Mary',
  'David',
  'Florence',
  'Samuel',
  'Rose',
  'Emmanuel',
];
const LAST = [
  'Nuñez',
  'Nakato',
  'Okello',
  'Ssali',
  'Namuli',
  'Mukasa',
  'Achieng',
  'Müller',
  'García',
  'Kato',
  'Atim',
  'Ouma',
  'Wasswa',
  'Nabirye',
  'Otieno',
  'Çelik',
  'Dvořák',
  'Byaruhanga',
  'Tumusiime',
  'Kiggundu',
  'Lubega',
  'Asiimwe',
  'Opio',
  'Akello',
  'Mugisha',
  'Nansubuga',
  'Ssempala',
  'Kyomuhendo',
];
const COMPANY = [
  'Traders',
  'Hardware',
  'Supermarket',
  'Pharmacy',
  'Enterprises',
  'Wholesalers',
  'Agro Supplies',
  'Café',
  'Boutique',
  'Motors',
];
const CITIES = ['Kampala', 'Entebbe', 'Jinja', 'Mbarara', 'Gulu', 'Lira', 'Mbale', 'Masaka', 'Fort Portal', 'Arua'];
const OPERATORS = ['70', '71', '74', '75', '76', '77', '78', '79'];
const TAGS = ['regular', 'credit', 'delivery', 'school', 'restaurant', 'church'];

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/**
 * Adds `count` customers (over the two years after the clock's time; the demo shop passes its own name lists)
 * to a freshly onboarded reference shop in one transaction with prepared statements
 * (the service's per-customer checks would take minutes at this size). Deterministic from the seed.
 */
export function seedCustomers(
  app: AppCore,
  clock: TestClock,
  count: number,
  seed: number,
  names: { first?: readonly string[]; last?: readonly string[] } = {},
): number {
  if (count <= 0) return 0;
  const firstNames = names.first ?? FIRST;
  const lastNames = names.last ?? LAST;
  const { sqlite } = app;
  let s = (seed * 2654435761) >>> 0 || 1;
  const rand = () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const newId = uuidv7Source(clock, seededRandom(seed + 1));
  const categories = app.services.customers.categories();
  const tillId = (sqlite.prepare('SELECT id FROM tills WHERE is_this_till = 1').get() as { id: string }).id;
  const firstKey = app.services.customers.nextSearchKey();

  const insCustomer =
    sqlite.prepare(`INSERT INTO customers (id, search_key, code, type, first_name, last_name, display_name,
      company_name, contact_person, tax_id, date_of_birth, birth_month, email, email_norm, phone_primary_e164,
      preferred_language, consent_sms, category_id, tags, loyalty_card_no, status, created_at, updated_at, till_id)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'en', ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insPhone = sqlite.prepare(
    'INSERT INTO customer_phones (id, customer_id, e164, raw, label, is_primary) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const insAddress = sqlite.prepare(
    "INSERT INTO customer_addresses (id, customer_id, kind, line1, city, country, is_default) VALUES (?, ?, 'billing', ?, ?, 'UG', 1)",
  );
  const insFts = sqlite.prepare('INSERT INTO customers_fts (rowid, name, phones, other) VALUES (?, ?, ?, ?)');
  const span = 2 * 365 * 86_400_000;
  const step = Math.max(1, Math.floor(span / count));

  sqlite.transaction(() => {
    for (let i = 0; i < count; i++) {
      clock.advance(step);
      const id = newId();
      const business = rand() < 0.12;
      const first = pick(firstNames);
      const last = pick(lastNames);
      const company = business ? `${pick(lastNames)} ${pick(COMPANY)}` : null;
      const displayName = company ?? `${first} ${last}`;
      const nsn = `${OPERATORS[i % OPERATORS.length]}${String((i * 3_000_017) % 10_000_000).padStart(7, '0')}`;
      const e164 = `+256${nsn}`;
      const phones = [e164];
      if (rand() < 0.1) phones.push(`+25641${String((i * 7_919) % 10_000_000).padStart(7, '0')}`);
      const email =
        rand() < 0.6
          ? `${fold(business ? (company as string) : `${first}.${last}`).replace(/[^a-z0-9.]+/g, '.')}${i}@example.ug`
          : null;
      const month = 1 + Math.floor(rand() * 12);
      const dob =
        !business && rand() < 0.7
          ? `${1950 + Math.floor(rand() * 55)}-${String(month).padStart(2, '0')}-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`
          : null;
      const code = `C${String(i + 1).padStart(6, '0')}`;
      const card = rand() < 0.3 ? makeCardNumber('29', i + 1) : null;
      const taxId = business ? `10${String(i).padStart(8, '0')}` : null;
      const tags = rand() < 0.25 ? [pick(TAGS)] : [];
      const status = rand() < 0.05 ? 'inactive' : 'active';
      const key = firstKey + i;
      insCustomer.run(
        id,
        key,
        code,
        business ? 'business' : 'individual',
        business ? null : first,
        business ? null : last,
        displayName,
        company,
        business ? `${first} ${last}` : null,
        taxId,
        dob,
        dob ? month : null,
        email,
        email,
        e164,
        rand() < 0.5 ? 1 : 0,
        pick(categories).id,
        JSON.stringify(tags),
        card,
        status,
        clock.now(),
        clock.now(),
        tillId,
      );
      phones.forEach((p, n) => {
        insPhone.run(newId(), id, p, n === 0 ? `0${nsn}` : p, n === 0 ? 'mobile' : 'work', n === 0 ? 1 : 0);
      });
      if (rand() < 0.5) insAddress.run(newId(), id, `Plot ${1 + Math.floor(rand() * 200)}`, pick(CITIES));
      insFts.run(
        key,
        ...ftsColumns({
          displayName,
          firstName: business ? null : first,
          lastName: business ? null : last,
          companyName: company,
          contactPerson: business ? `${first} ${last}` : null,
          phonesE164: phones,
          email,
          code,
          loyaltyCardNo: card,
          taxId,
        }),
      );
    }
    // the card history holds every active card, as migration 0010 did for cards made before it existed
    sqlite
      .prepare(
        `INSERT INTO loyalty_cards (id, customer_id, card_no, status, issued_at, ended_at, staff_id)
         SELECT 'card-' || id, id, loyalty_card_no, 'active', created_at, NULL, NULL FROM customers
         WHERE loyalty_card_no IS NOT NULL AND search_key >= ?`,
      )
      .run(firstKey);
    app.services.audit.record(
      { id: null, name: 'seed' },
      { action: 'customer.seed', entity: 'customer', note: `reference dataset: ${count} customers` },
    );
  })();
  sqlite.exec("INSERT INTO customers_fts (customers_fts) VALUES ('optimize')");
  sqlite.exec('ANALYZE');
  return count;
}
