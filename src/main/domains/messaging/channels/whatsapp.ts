/**
 * WhatsApp click-to-chat: a wa.me link with the text, opened by staff in the system browser (no account needed).
 * Nothing is sent by Counterline; the person presses send in WhatsApp.
 */
export function waLink(phoneE164: string, text: string): string {
  return `https://wa.me/${phoneE164.replace(/\D/g, '')}?text=${encodeURIComponent(text)}`;
}
