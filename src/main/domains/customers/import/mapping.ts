import { IMPORT_FIELDS, IMPORT_PRESETS, type ImportField } from '../../../../shared/contract/customer-import';

export { IMPORT_FIELDS, type ImportField };

/** Columns recognised but not imported (history another system kept): listed as ignored. */
const KNOWN_UNSUPPORTED = [
  'total spent',
  'total belanja',
  'first visit',
  'last visit',
  'kunjungan pertama',
  'kunjungan terakhir',
];

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
  email: ['e-mail', 'email', 'email address', 'surel'],
  dateOfBirth: ['birthday', 'tanggal lahir', 'date of birth', 'dob', 'birth date', 'tgl lahir', 'ulang tahun'],
  category: ['category', 'kategori', 'customer category', 'group', 'grup', 'customer group'],
  notes: ['notes', 'note', 'catatan', 'keterangan', 'comments', 'comment', 'remarks'],
  address: ['address', 'alamat', 'street', 'address line 1', 'street address'],
  city: ['city', 'kota', 'town'],
  country: ['country', 'negara'],
  code: ['customer code', 'kode', 'code', 'kode pelanggan', 'customer id', 'customer number', 'reference'],
  company: ['company', 'perusahaan', 'company name', 'business', 'nama perusahaan'],
  taxId: ['tax id', 'npwp', 'tin', 'vat number', 'tax number'],
  balance: ['balance owed', 'balance', 'saldo piutang', 'piutang', 'saldo', 'opening balance', 'amount owed', 'owes'],
  points: ['points balance', 'points', 'poin', 'loyalty points', 'saldo poin'],
};

export const PRESETS = IMPORT_PRESETS;
export type Preset = (typeof PRESETS)[number];

/** What a preset adds to guessing: extra header words and a country for phones the store's country cannot read. */
const PRESET_HINTS: Record<Preset, { words?: Partial<Record<ImportField, string[]>>; phoneCountry?: string }> = {
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
};

export function presetPhoneCountry(preset: Preset): string | undefined {
  return PRESET_HINTS[preset].phoneCountry;
}

export function headerKey(s: string): string {
  return s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[_.:*#]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function fieldFor(header: string, preset: Preset): ImportField | null {
  const key = headerKey(header);
  if (!key) return null;
  const extra = PRESET_HINTS[preset].words ?? {};
  for (const f of IMPORT_FIELDS) if ((extra[f] ?? []).includes(key)) return f;
  for (const f of IMPORT_FIELDS) if (WORDS[f].includes(key)) return f;
  return null;
}

function isKnownHeader(cell: string): boolean {
  const key = headerKey(cell);
  return key !== '' && (fieldFor(cell, 'square') !== null || KNOWN_UNSUPPORTED.includes(key));
}

/** The index of the header row among the first ten: the first where most non-empty cells are known header words. */
export function findHeaderRow(rows: Array<{ cells: string[] }>): number {
  for (let i = 0; i < Math.min(rows.length, 10); i++) {
    const cells = (rows[i]?.cells ?? []).filter((c) => c.trim() !== '');
    if (cells.length === 0) continue;
    const known = cells.filter(isKnownHeader).length;
    if (known >= 1 && known * 2 > cells.length) return i;
  }
  return -1;
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
