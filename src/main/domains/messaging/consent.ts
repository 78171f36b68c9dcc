import type { MessageChannel } from '../../../shared/contract/messaging';
import { offsetAt } from '../zone';

export interface ConsentFields {
  consentEmail: boolean;
  consentSms: boolean;
  consentWhatsapp: boolean;
  marketingOptIn: boolean;
}

export const NOT_OPTED_IN = 'has not opted in to offers and greetings; only service messages may go.';

const CHANNEL_WORDS: Record<MessageChannel, string> = { email: 'e-mail', sms: 'SMS', whatsapp: 'WhatsApp' };

/**
 * Why a message may not go to this customer over this channel, or null when it may: every channel needs the
 * customer's agreement to it, and marketing also needs their opt-in.
 */
export function refusal(name: string, c: ConsentFields, channel: MessageChannel, marketing: boolean): string | null {
  const agreed = channel === 'email' ? c.consentEmail : channel === 'sms' ? c.consentSms : c.consentWhatsapp;
  if (!agreed)
    return `${name} has not agreed to messages by ${CHANNEL_WORDS[channel]}; ask them and tick it on their page.`;
  if (marketing && !c.marketingOptIn) return `${name} ${NOT_OPTED_IN}`;
  return null;
}

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * When quiet hours (shop time) hold a marketing message back at `now`, the instant they end; else null. Hours may
 * wrap midnight (21:00–08:00).
 */
export function quietUntil(now: number, timeZone: string, quiet: { start: string; end: string } | null): number | null {
  if (!quiet || quiet.start === quiet.end) return null;
  const offset = offsetAt(now, timeZone);
  const local = now + offset;
  const dayStart = Math.floor(local / 86_400_000) * 86_400_000;
  const minute = Math.floor((local - dayStart) / 60_000);
  const start = minutes(quiet.start);
  const end = minutes(quiet.end);
  const inside = start < end ? minute >= start && minute < end : minute >= start || minute < end;
  if (!inside) return null;
  const endDay = start < end || minute < end ? dayStart : dayStart + 86_400_000;
  return endDay + end * 60_000 - offset;
}
