import type { StoreProfile } from '../../../shared/contract/system';
import { AppError } from '../../../shared/errors';
import { type CurrencyCode, formatMoney } from '../../../shared/money';
import type { Sqlite } from '../../db/open';
import { stmt } from '../../db/statements';
import { oldestDue } from './aging';
import { localDate } from './dates';
import { openItemsOf } from './open-items';

interface Who {
  name: string;
  phone: string | null;
  email: string | null;
  language: string | null;
  consentWhatsapp: number;
  consentSms: number;
  consentEmail: number;
}

/**
 * A payment reminder a shop can send from its own phone or mail program: the text (amount due, oldest due date, the
 * shop's phone), in the customer's language when it is Indonesian, and links that open WhatsApp, SMS or e-mail with
 * it. Each channel only for a customer who agreed to be contacted on it; nothing is sent from here.
 */
export function reminder(
  sqlite: Sqlite,
  store: Pick<StoreProfile, 'name' | 'phone' | 'currency' | 'locale' | 'timeZone'>,
  customerId: string,
) {
  const who = stmt(
    sqlite,
    `SELECT display_name AS name, phone_primary_e164 AS phone, email, preferred_language AS language,
       consent_whatsapp AS consentWhatsapp, consent_sms AS consentSms, consent_email AS consentEmail
     FROM customers WHERE id = ?`,
  ).get(customerId) as Who | undefined;
  if (!who) throw new AppError('NOT_FOUND', 'That customer was not found.', { id: customerId });
  const items = openItemsOf(sqlite, customerId, Number.MAX_SAFE_INTEGER);
  const amount = formatMoney(Math.max(0, items.balance), store.currency as CurrencyCode, store.locale);
  const due = oldestDue(items);
  const dueText = due === null ? null : localDate(due, store.timeZone);
  const id = (who.language ?? '').toLowerCase().startsWith('id');
  const lines = id
    ? [
        `Halo ${who.name}, ini dari ${store.name}.`,
        `Saldo tagihan Anda: ${amount}.`,
        dueText ? `Tagihan tertua jatuh tempo ${dueText}.` : '',
        store.phone ? `Mohon dibayar di toko atau hubungi ${store.phone}. Terima kasih.` : 'Terima kasih.',
      ]
    : [
        `Hello ${who.name}, this is ${store.name}.`,
        `The amount due on your account is ${amount}.`,
        dueText ? `The oldest unpaid invoice was due on ${dueText}.` : '',
        store.phone ? `Please pay at the shop or call us on ${store.phone}. Thank you.` : 'Thank you.',
      ];
  const text = lines.filter(Boolean).join(' ');
  const digits = who.phone ? who.phone.replace(/\D/g, '') : '';
  const subject = id ? `Tagihan dari ${store.name}` : `Your account with ${store.name}`;
  return {
    text,
    whatsappUrl: who.consentWhatsapp && digits ? `https://wa.me/${digits}?text=${encodeURIComponent(text)}` : null,
    smsUrl: who.consentSms && digits ? `sms:+${digits}?body=${encodeURIComponent(text)}` : null,
    mailtoUrl:
      who.consentEmail && who.email
        ? `mailto:${who.email}?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(text)}`
        : null,
  };
}
