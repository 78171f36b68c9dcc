// The till's open sale as plain data: what the cashier asked for, never prices (the server prices every change).
import type { ProductUnit } from '../../../shared/contract/catalog';
import type { Cart, CartLine, Discount } from '../../../shared/contract/sales';

export const EMPTY_CART: Cart = { lines: [], customerId: null, orderDiscount: null };

/** Adds one unit (or `qtyMilli`) of a product; a product already on a plain line adds to that line. */
export function addProduct(cart: Cart, productId: string, qtyMilli = 1000): { cart: Cart; index: number } {
  const index = cart.lines.findIndex((l) => l.productId === productId && l.unitPrice == null && !l.discount);
  if (index >= 0) {
    const line = cart.lines[index] as CartLine;
    return { cart: replaceLine(cart, index, { ...line, qtyMilli: line.qtyMilli + qtyMilli }), index };
  }
  return { cart: { ...cart, lines: [...cart.lines, { productId, qtyMilli }] }, index: cart.lines.length };
}

export function setQty(cart: Cart, index: number, qtyMilli: number): Cart {
  const line = cart.lines[index];
  return line ? replaceLine(cart, index, { ...line, qtyMilli }) : cart;
}

export function setLineDiscount(cart: Cart, index: number, discount: Discount | null): Cart {
  const line = cart.lines[index];
  return line ? replaceLine(cart, index, { ...line, discount }) : cart;
}

export function setUnitPrice(cart: Cart, index: number, unitPrice: number | null): Cart {
  const line = cart.lines[index];
  return line ? replaceLine(cart, index, { ...line, unitPrice }) : cart;
}

export function removeLine(cart: Cart, index: number): Cart {
  return { ...cart, lines: cart.lines.filter((_, i) => i !== index) };
}

function replaceLine(cart: Cart, index: number, line: CartLine): Cart {
  return { ...cart, lines: cart.lines.map((l, i) => (i === index ? line : l)) };
}

/** Decimal places a quantity may have: pieces are counted, weights and volumes measured to the gram/millilitre. */
export function qtyDecimals(unit: ProductUnit): number {
  return unit === 'piece' ? 0 : 3;
}

/**
 * What the cashier typed as a quantity ("2", "1.25", "1,25") in milli-units, or null when it is not a quantity for
 * this unit. Parsed on the digits, never through floats.
 */
export function parseQty(text: string, unit: ProductUnit): number | null {
  const m = /^(\d{1,7})(?:[.,](\d*))?$/.exec(text.trim());
  if (!m) return null;
  const frac = (m[2] ?? '').replace(/0+$/, '');
  if (frac.length > qtyDecimals(unit)) return null;
  const milli = Number(m[1]) * 1000 + Number(frac.padEnd(3, '0'));
  return milli > 0 && milli <= 1_000_000_000 ? milli : null;
}

/** Milli-units as the cashier reads them: "3", "1.25" (locale separators). */
export function formatQty(milli: number, locale = 'en'): string {
  const whole = Math.trunc(milli / 1000);
  const frac = String(Math.abs(milli % 1000))
    .padStart(3, '0')
    .replace(/0+$/, '');
  const wholeText = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(whole);
  if (!frac) return wholeText;
  const decimal = new Intl.NumberFormat(locale).formatToParts(1.5).find((p) => p.type === 'decimal')?.value ?? '.';
  return `${wholeText}${decimal}${frac}`;
}

/** A percent typed by the cashier ("10", "12.5") in basis points, or null. */
export function parsePercent(text: string): number | null {
  const m = /^(\d{1,3})(?:[.,](\d{0,2}))?$/.exec(text.trim());
  if (!m) return null;
  const bp = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return bp <= 10_000 ? bp : null;
}
