import type { CardSettings } from '../../../shared/contract/loyalty-cards';

/** Length of a generated card number in each format: EAN-13, or 16 digits (Code 128) so the two ranges never overlap. */
export const CARD_LENGTH: Record<CardSettings['format'], number> = { ean13: 13, code128: 16 };

/** The GS1 mod-10 check digit over any number of digits (weights 3,1,3… from the right), as EAN-13 uses. */
export function gs1CheckDigit(body: string): number {
  if (!/^\d+$/.test(body)) throw new Error('a card body is digits only');
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const fromRight = body.length - 1 - i;
    sum += Number(body[i]) * (fromRight % 2 === 0 ? 3 : 1);
  }
  return (10 - (sum % 10)) % 10;
}

export function hasValidCheckDigit(cardNo: string): boolean {
  return /^\d{2,}$/.test(cardNo) && gs1CheckDigit(cardNo.slice(0, -1)) === Number(cardNo.at(-1));
}

/** The `n`th card of the shop's range: prefix + zero-padded n + check digit, `CARD_LENGTH` digits in all. */
export function makeCardNo(settings: CardSettings, n: number): string {
  const width = CARD_LENGTH[settings.format] - 1 - settings.prefix.length;
  if (!Number.isInteger(n) || n < 1 || String(n).length > width)
    throw new Error(`card ${n} does not fit the range ${settings.prefix}`);
  const body = settings.prefix + String(n).padStart(width, '0');
  return body + String(gs1CheckDigit(body));
}

/** The sequence number inside a generated card number of this range, or null when the number is not one of them. */
export function sequenceOf(settings: CardSettings, cardNo: string): number | null {
  if (cardNo.length !== CARD_LENGTH[settings.format] || !cardNo.startsWith(settings.prefix)) return null;
  const n = Number(cardNo.slice(settings.prefix.length, -1));
  return Number.isInteger(n) ? n : null;
}

/**
 * Why a typed or scanned card number cannot be a card, or null. A 13-digit number is read as an EAN-13 and must carry
 * its check digit (a mistyped digit is caught here, not at the till months later); other lengths are pre-printed
 * cards of other systems and are taken as they are.
 */
export function cardNoProblem(cardNo: string): string | null {
  if (!/^\d{8,20}$/.test(cardNo)) return 'A card number is 8 to 20 digits.';
  if (cardNo.length === 13 && !hasValidCheckDigit(cardNo))
    return `${cardNo} is not a valid EAN-13 card number (its last digit does not match). Scan the card again or check the digits.`;
  return null;
}
