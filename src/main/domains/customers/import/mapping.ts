import { IMPORT_FIELDS, IMPORT_PRESETS, type ImportField } from '../../../../shared/contract/customer-import';

export { IMPORT_FIELDS, type ImportField };

const WORDS: Record<ImportField, string[]> = {
  name: [
    'name',
    'display name',
    'nama',
    'customer name',
    'customer',
    'full name',
    'nama pelanggan',
    'pelanggan',
    'nama lengkap',
  ],
  firstName: ['first name', 'firstname', 'given name', 'nama depan'],
  lastName: ['last name', 'lastname', 'surname', 'family name', 'nama belakang'],
  phone: ['phone', 'telepon', 'telpon', 'tel', 'hp', 'no hp', 'nomor hp', 'mobile', 'phone number', 'no telepon', 'wa'],
  phone2: ['other phones', 'other phone', 'phone 2', 'phone2', 'second phone', 'alternate phone', 'telepon 2', 'hp 2'],
  email: ['e-mail', 'email', 'email address', 'surel'],
  dateOfBirth: ['birthday', 'tanggal lahir', 'date of birth', 'dob', 'birth date', 'tgl lahir', 'ulang tahun'],
  category: ['category', 'kategori', 'customer category', 'group', 'grup', 'customer group'],
  tags: ['tags', 'tag', 'labels', 'label'],
  notes: ['notes', 'note', 'catatan', 'keterangan', 'comments', 'comment', 'remarks'],
  address: ['address', 'alamat', 'street', 'address line 1', 'street address', 'billing address', 'alamat tagihan'],
  address2: ['address 2', 'address2', 'address line 2', 'street2', 'street 2', 'alamat 2'],
  city: ['city', 'kota', 'town'],
  region: ['province', 'province code', 'state', 'state code', 'region', 'provinsi', 'county'],
  postalCode: ['zip', 'zip code', 'postal code', 'postcode', 'post code', 'kode pos'],
  country: ['country', 'negara', 'country code'],
  code: [
    'customer code',
    'kode',
    'code',
    'kode pelanggan',
    'customer id',
    'customer number',
    'reference',
    'card',
    'kartu',
  ],
  company: ['company', 'perusahaan', 'company name', 'business', 'nama perusahaan'],
  type: ['type', 'company type', 'customer type', 'contact type', 'jenis pelanggan'],
  consentEmail: ['accepts email marketing', 'email marketing', 'email consent', 'email opt in'],
  consentSms: ['accepts sms marketing', 'sms marketing', 'sms consent', 'sms opt in'],
  consentWhatsapp: ['whatsapp consent', 'accepts whatsapp marketing', 'whatsapp marketing', 'whatsapp opt in'],
  marketingOptInAt: ['marketing opt-in at', 'marketing opt-in date', 'opt-in date', 'accepts marketing updated at'],
  status: ['status', 'customer status'],
  cardNo: ['card number', 'loyalty card', 'loyalty card number', 'member card', 'card no', 'no kartu', 'nomor kartu'],
  creditLimit: ['credit limit', 'batas kredit', 'limit kredit', 'plafon kredit'],
  paymentTermsDays: ['payment terms (days)', 'payment terms', 'terms (days)', 'termin', 'jatuh tempo (hari)'],
  shippingAddress: ['shipping address', 'delivery address', 'alamat pengiriman'],
  language: ['language', 'preferred language', 'bahasa'],
  taxId: ['tax id', 'npwp', 'tin', 'vat number', 'tax number'],
  balance: [
    'balance owed',
    'account balance',
    'balance',
    'saldo piutang',
    'piutang',
    'saldo',
    'opening balance',
    'amount owed',
    'owes',
  ],
  points: ['points balance', 'points', 'poin', 'loyalty points', 'saldo poin'],
  // what another system knew about the customer's buying: kept as "before Counterline" figures, not as sales
  openingSpent: ['total spent', 'total spend', 'lifetime spend', 'total belanja', 'total sales'],
  openingOrders: ['orders', 'total orders', 'number of orders', 'visits', 'total visits', 'jumlah transaksi'],
  openingFirstAt: ['first purchase', 'first visit', 'first order', 'kunjungan pertama', 'pembelian pertama'],
  priceList: ['price list', 'pricelist', 'price level', 'daftar harga', 'level harga'],
  openingLastAt: ['last purchase', 'last visit', 'last order', 'kunjungan terakhir', 'pembelian terakhir'],
};

export const PRESETS = IMPORT_PRESETS;
export type Preset = (typeof PRESETS)[number];

/** What a preset adds to guessing: extra header words and a country for phones the store's country cannot read. */
const PRESET_HINTS: Record<
  Preset,
  { words?: Partial<Record<ImportField, string[]>>; phoneCountry?: string; detect?: string[] }
> = {
  generic: {},
  'pos-export': { words: { notes: ['note'], code: ['customer code'] } },
  square: {
    words: {
      firstName: ['first name'],
      lastName: ['last name'],
      phone: ['phone number'],
      email: ['email address'],
      code: ['reference id'],
      company: ['company name'],
      dateOfBirth: ['birthday'],
      address: ['street address 1'],
      notes: ['memo'],
    },
  },
  kasir: { phoneCountry: 'ID' },
  // the customer export of the big e-commerce platforms
  ecommerce: {
    words: {
      company: ['default address company'],
      address: ['default address address1'],
      address2: ['default address address2'],
      city: ['default address city'],
      region: ['default address province code', 'default address province'],
      postalCode: ['default address zip'],
      country: ['default address country code'],
      phone2: ['default address phone'],
      notes: ['note'],
    },
    detect: [
      'accepts email marketing',
      'accepts sms marketing',
      'default address company',
      'default address address1',
      'default address address2',
      'default address city',
      'default address province code',
      'default address country code',
      'default address zip',
      'default address phone',
      'total orders',
      'tax exempt',
    ],
  },
  // an ERP's contacts export
  erp: {
    // an ERP has a Phone and a Mobile column: the mobile is the other phone
    words: { phone2: ['mobile'] },
    detect: ['company type', 'street', 'street2', 'state', 'zip', 'mobile', 'tax id'],
  },
};

/** The fewest of a preset's own header words a header must hold for the preset to be chosen by itself. */
const DETECT_AT_LEAST = 3;

/** The preset whose own header words the header holds most of (at least three); generic otherwise. */
export function detectPreset(header: string[]): Preset {
  const keys = new Set(header.map(headerKey).filter(Boolean));
  let best: { preset: Preset; hits: number } = { preset: 'generic', hits: DETECT_AT_LEAST - 1 };
  for (const preset of PRESETS) {
    const hits = (PRESET_HINTS[preset].detect ?? []).filter((w) => keys.has(w)).length;
    if (hits > best.hits) best = { preset, hits };
  }
  return best.preset;
}

export function presetPhoneCountry(preset: Preset): string | undefined {
  return PRESET_HINTS[preset].phoneCountry;
}

export function headerKey(s: string): string {
  return (
    s
      .normalize('NFKC')
      .toLowerCase()
      .replace(/[_.:*#]/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      // a money column names its currency: `Total spent (UGX)`
      .replace(/ \([a-z]{3}\)$/, '')
  );
}

function fieldFor(header: string, preset: Preset): ImportField | null {
  const key = headerKey(header);
  if (!key) return null;
  const extra = PRESET_HINTS[preset].words ?? {};
  for (const f of IMPORT_FIELDS) if ((extra[f] ?? []).includes(key)) return f;
  for (const f of IMPORT_FIELDS) if (WORDS[f].includes(key)) return f;
  return null;
}

/** How many rows from the top of each sheet may hold the header. */
export const HEADER_SEARCH_ROWS = 30;
const NAME_FIELDS: ImportField[] = ['name', 'firstName', 'lastName', 'company'];
const KEY_FIELDS: ImportField[] = ['phone', 'phone2', 'email', 'code'];

/** Whether a mapping can import customers: a name column and a phone, email or code column. */
export function usableMapping(m: Mapping): boolean {
  return m.columns.some((c) => NAME_FIELDS.includes(c.field)) && m.columns.some((c) => KEY_FIELDS.includes(c.field));
}

export function hasNameColumn(m: Mapping): boolean {
  return m.columns.some((c) => NAME_FIELDS.includes(c.field));
}

/**
 * The header row among the first thirty: the usable one (see usableMapping) that maps the most columns, the first
 * such row on ties. Only when no row is usable, the first row of two or more cells that are all header words, one of
 * them a name (`Name, Notes`: a list of names kept without phones), so such a list still imports; prose and titles
 * never qualify. -1 when neither is found. The preset is the given one or, per row, the detected one.
 */
export function findHeaderRow(
  rows: Array<{ cells: string[] }>,
  preset?: Preset,
): { at: number; preset: Preset; mapped: number } {
  let best = { at: -1, preset: preset ?? ('generic' as Preset), mapped: 0 };
  let namesOnly = { at: -1, preset: preset ?? ('generic' as Preset), mapped: 0 };
  for (let i = 0; i < Math.min(rows.length, HEADER_SEARCH_ROWS); i++) {
    const cells = rows[i]?.cells ?? [];
    const filled = cells.filter((c) => c.trim() !== '').length;
    if (!filled) continue;
    const p = preset ?? detectPreset(cells);
    const m = guessMapping(cells, p);
    if (usableMapping(m)) {
      if (m.columns.length > best.mapped) best = { at: i, preset: p, mapped: m.columns.length };
    } else if (namesOnly.at < 0 && filled >= 2 && m.columns.length === filled && hasNameColumn(m))
      namesOnly = { at: i, preset: p, mapped: 0 };
  }
  return best.at >= 0 ? best : namesOnly;
}

export interface Mapping {
  columns: Array<{ index: number; header: string; field: ImportField }>;
  ignored: string[];
}

/** Guesses which column holds which field; the first column for a field wins and later ones are ignored. */
export function guessMapping(header: string[], preset: Preset): Mapping {
  const columns: Mapping['columns'] = [];
  const ignored: string[] = [];
  header.forEach((h, index) => {
    const label = h.trim();
    if (!label) return;
    const field = fieldFor(label, preset);
    if (field && !columns.some((c) => c.field === field)) columns.push({ index, header: label, field });
    else ignored.push(label);
  });
  return { columns, ignored };
}
