import type { PrinterProfile } from '../../src/shared/contract/devices';

export const STORE = {
  name: 'Café Nakato',
  address: 'Plot 12, Kampala Road',
  phone: '+256 700 000000',
  taxId: '1000123456',
  header: '',
  footer: 'Thank you — come again',
  locale: 'en',
  timeZone: 'Africa/Kampala',
};

export const SALE = {
  store: STORE,
  currency: 'EUR',
  number: 'S-000123',
  at: Date.UTC(2026, 10, 24, 9, 30),
  staffName: 'Rose Nakato',
  lines: [
    { name: 'Sugar 1 kg', qtyMilli: 2000, unit: 'piece', unitPrice: 450, amount: 900, discount: 90, total: 810 },
    { name: 'Tomatoes', qtyMilli: 1250, unit: 'kg', unitPrice: 300, amount: 375, discount: 0, total: 375 },
  ],
  pricesIncludeTax: true,
  subtotal: 1275,
  discountTotal: 90,
  taxTotal: 181,
  taxes: [{ rateBp: 1800, net: 1004, tax: 181 }],
  rounding: 0,
  total: 1185,
  savings: 90,
  payments: [{ method: 'cash', amount: 1185, tendered: 2000, change: 815, reference: null }],
  changeGiven: 815,
  onAccountTotal: 0,
  customer: {
    name: 'Amina Okello',
    cardNo: '2900000012345',
    accountBalance: 5000,
    pointsEarned: 11,
    pointsBalance: 240,
  },
  copy: false,
  openDrawer: true,
};

export const EPSON_80: Pick<
  PrinterProfile,
  'dialect' | 'paperMm' | 'charsPerLine' | 'codePage' | 'cut' | 'drawerKick' | 'codes'
> = { dialect: 'epson', paperMm: 80, charsPerLine: 0, codePage: 'PC858', cut: true, drawerKick: true, codes: 'native' };
