import {
  type MessageLanguage,
  PLACEHOLDERS,
  type Placeholder,
  type TemplateKey,
} from '../../../shared/contract/messaging';
import { AppError } from '../../../shared/errors';

interface Wording {
  subject: string;
  body: string;
}

/** Marketing needs the customer's opt-in and waits out quiet hours; the rest is service the customer expects. */
export const MARKETING: Readonly<Record<TemplateKey, boolean>> = {
  receipt: false,
  statement: false,
  payment_reminder: false,
  birthday: true,
  points_expiring: true,
  new_offer: true,
  // the customer asked to be told: a service message, not an offer
  back_in_stock: false,
  statement_text: false,
};

/** The built-in wording, per language; a shop may save its own (message_templates). */
export const DEFAULT_TEMPLATES: Readonly<Record<TemplateKey, Record<MessageLanguage, Wording>>> = {
  receipt: {
    en: {
      subject: 'Your receipt from {{shopName}}',
      body: 'Hello {{firstName}}, thank you for shopping at {{shopName}}. Your receipt is attached.',
    },
    id: {
      subject: 'Struk belanja dari {{shopName}}',
      body: 'Halo {{firstName}}, terima kasih telah berbelanja di {{shopName}}. Struk Anda terlampir.',
    },
    sw: {
      subject: 'Risiti yako kutoka {{shopName}}',
      body: 'Habari {{firstName}}, asante kwa kununua {{shopName}}. Risiti yako imeambatishwa.',
    },
  },
  statement: {
    en: {
      subject: 'Your statement from {{shopName}}',
      body: 'Hello {{firstName}}, your statement of account is attached. The balance is {{balance}}. Thank you, {{shopName}}.',
    },
    id: {
      subject: 'Rekening koran dari {{shopName}}',
      body: 'Halo {{firstName}}, rekening koran Anda terlampir. Saldo Anda {{balance}}. Terima kasih, {{shopName}}.',
    },
    sw: {
      subject: 'Taarifa ya akaunti kutoka {{shopName}}',
      body: 'Habari {{firstName}}, taarifa ya akaunti yako imeambatishwa. Salio ni {{balance}}. Asante, {{shopName}}.',
    },
  },
  payment_reminder: {
    en: {
      subject: 'A reminder from {{shopName}}',
      body: 'Hello {{firstName}}, this is {{shopName}}. {{balance}} is due on your account since {{dueDate}}. Please pay at the shop or call {{shopPhone}}. Thank you.',
    },
    id: {
      subject: 'Pengingat dari {{shopName}}',
      body: 'Halo {{firstName}}, ini dari {{shopName}}. Tagihan {{balance}} jatuh tempo sejak {{dueDate}}. Mohon dibayar di toko atau hubungi {{shopPhone}}. Terima kasih.',
    },
    sw: {
      subject: 'Ukumbusho kutoka {{shopName}}',
      body: 'Habari {{firstName}}, hii ni {{shopName}}. Deni la {{balance}} lilipaswa kulipwa tangu {{dueDate}}. Tafadhali lipa dukani au piga simu {{shopPhone}}. Asante.',
    },
  },
  birthday: {
    en: {
      subject: 'Happy birthday from {{shopName}}',
      body: 'Happy birthday, {{firstName}}! Everyone at {{shopName}} wishes you a wonderful day.',
    },
    id: {
      subject: 'Selamat ulang tahun dari {{shopName}}',
      body: 'Selamat ulang tahun, {{firstName}}! Semua di {{shopName}} mendoakan hari yang indah untuk Anda.',
    },
    sw: {
      subject: 'Heri ya siku ya kuzaliwa kutoka {{shopName}}',
      body: 'Heri ya siku ya kuzaliwa, {{firstName}}! Sote {{shopName}} tunakutakia siku njema.',
    },
  },
  points_expiring: {
    en: {
      subject: 'Your points at {{shopName}}',
      body: 'Hello {{firstName}}, you have {{points}} points at {{shopName}}. Use them before they expire!',
    },
    id: {
      subject: 'Poin Anda di {{shopName}}',
      body: 'Halo {{firstName}}, Anda punya {{points}} poin di {{shopName}}. Gunakan sebelum kedaluwarsa!',
    },
    sw: {
      subject: 'Pointi zako {{shopName}}',
      body: 'Habari {{firstName}}, una pointi {{points}} {{shopName}}. Zitumie kabla hazijaisha muda!',
    },
  },
  new_offer: {
    en: {
      subject: 'Something new for you at {{shopName}}',
      body: 'Hello {{firstName}}, there is a new offer at {{shopName}} for our regular customers. Come and see us, or call {{shopPhone}}.',
    },
    id: {
      subject: 'Ada yang baru untuk Anda di {{shopName}}',
      body: 'Halo {{firstName}}, ada penawaran baru di {{shopName}} untuk pelanggan setia kami. Silakan mampir, atau hubungi {{shopPhone}}.',
    },
    sw: {
      subject: 'Kuna kitu kipya kwako {{shopName}}',
      body: 'Habari {{firstName}}, kuna ofa mpya {{shopName}} kwa wateja wetu wa kawaida. Karibu dukani, au piga simu {{shopPhone}}.',
    },
  },
  back_in_stock: {
    en: {
      subject: 'Back in stock at {{shopName}}',
      body: 'Hello {{firstName}}, what you asked for is back in stock at {{shopName}}. Call {{shopPhone}} and we will keep one aside for you.',
    },
    id: {
      subject: 'Sudah tersedia lagi di {{shopName}}',
      body: 'Halo {{firstName}}, barang yang Anda tanyakan sudah tersedia lagi di {{shopName}}. Hubungi {{shopPhone}} dan kami sisihkan untuk Anda.',
    },
    sw: {
      subject: 'Kimeingia tena {{shopName}}',
      body: 'Habari {{firstName}}, ulichoulizia kimeingia tena {{shopName}}. Piga simu {{shopPhone}} nasi tutakuwekea.',
    },
  },
  // a WhatsApp message has no attachment: the figures are in the text (the A4 statement goes by e-mail)
  statement_text: {
    en: {
      subject: 'Your statement from {{shopName}}',
      body: 'Hello {{firstName}}, this is your statement from {{shopName}}.\nBalance: {{balance}}\nOverdue: {{overdue}}\nOldest unpaid due date: {{dueDate}}\nLast entries:\n{{entries}}\nThank you.',
    },
    id: {
      subject: 'Rekening koran dari {{shopName}}',
      body: 'Halo {{firstName}}, ini rekening koran Anda dari {{shopName}}.\nSaldo: {{balance}}\nLewat jatuh tempo: {{overdue}}\nJatuh tempo tagihan tertua: {{dueDate}}\nTransaksi terakhir:\n{{entries}}\nTerima kasih.',
    },
    sw: {
      subject: 'Taarifa ya akaunti kutoka {{shopName}}',
      body: 'Habari {{firstName}}, hii ni taarifa ya akaunti yako kutoka {{shopName}}.\nSalio: {{balance}}\nDeni lililopitwa na muda: {{overdue}}\nTarehe ya deni la zamani zaidi: {{dueDate}}\nMaingizo ya mwisho:\n{{entries}}\nAsante.',
    },
  },
};

const PLACEHOLDER = /\{\{\s*([A-Za-z]+)\s*\}\}/g;

/** Refuses a template naming a word Counterline cannot fill, so a typo is seen when saving, not by the customer. */
export function checkPlaceholders(text: string): void {
  for (const m of text.matchAll(PLACEHOLDER)) {
    const name = m[1] as string;
    if (!(PLACEHOLDERS as readonly string[]).includes(name))
      throw new AppError(
        'VALIDATION',
        `{{${name}}} is not a word a message can use; use one of ${PLACEHOLDERS.map((p) => `{{${p}}}`).join(', ')}.`,
      );
  }
}

/** Whether a wording uses a placeholder (figures that take a query are only worked out when it does). */
export function uses(text: string, name: Placeholder): boolean {
  return [...text.matchAll(PLACEHOLDER)].some((m) => m[1] === name);
}

/** Fills the placeholders; one without a value (no due date) becomes empty rather than showing braces. */
export function fill(text: string, values: Partial<Record<Placeholder, string>>): string {
  return (
    text
      .replace(PLACEHOLDER, (_m, name: string) => values[name as keyof typeof values] ?? '')
      .replace(/ {2,}/g, ' ')
      // an empty value before a comma ("Hello {{firstName}}," for a walk-in) leaves no space before it
      .replace(/ +([,.!?])/g, '$1')
      .trim()
  );
}

/**
 * The placeholders' values in the order the wording uses them: the body parameters of the matching approved WhatsApp
 * template ({{1}}, {{2}}… there).
 */
export function paramsOf(text: string, values: Partial<Record<Placeholder, string>>): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => values[m[1] as keyof typeof values] ?? '');
}

/** The customer's language when a template speaks it, else the shop's, else English. */
export function languageFor(customer: string | null, shop: string): MessageLanguage {
  for (const l of [customer, shop]) {
    const two = (l ?? '').toLowerCase().slice(0, 2);
    if (two === 'en' || two === 'id' || two === 'sw') return two;
  }
  return 'en';
}
