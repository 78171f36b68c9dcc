import { describe, expect, it } from 'vitest';
import {
  addProduct,
  EMPTY_CART,
  formatQty,
  parsePercent,
  parseQty,
  removeLine,
  setLineDiscount,
  setQty,
} from '../../src/renderer/features/till/cart';

describe('the till cart', () => {
  it('adds a product scanned twice to the same line', () => {
    const a = addProduct(EMPTY_CART, 'p1');
    const b = addProduct(a.cart, 'p2');
    const c = addProduct(b.cart, 'p1');
    expect(c.index).toBe(0);
    expect(c.cart.lines).toEqual([
      { productId: 'p1', qtyMilli: 2000 },
      { productId: 'p2', qtyMilli: 1000 },
    ]);
  });

  it('starts a new line when the existing one has its own discount', () => {
    const a = addProduct(EMPTY_CART, 'p1');
    const discounted = setLineDiscount(a.cart, 0, { kind: 'percent', bp: 1000 });
    const b = addProduct(discounted, 'p1');
    expect(b.index).toBe(1);
    expect(b.cart.lines).toHaveLength(2);
  });

  it('changes and removes lines without touching the others', () => {
    let cart = addProduct(addProduct(EMPTY_CART, 'p1').cart, 'p2').cart;
    cart = setQty(cart, 1, 1250);
    expect(cart.lines[1]).toEqual({ productId: 'p2', qtyMilli: 1250 });
    cart = removeLine(cart, 0);
    expect(cart.lines).toEqual([{ productId: 'p2', qtyMilli: 1250 }]);
  });
});

describe('quantities typed at the till', () => {
  it('reads weights to the gram with a point or a comma', () => {
    expect(parseQty('1.25', 'kg')).toBe(1250);
    expect(parseQty('1,25', 'kg')).toBe(1250);
    expect(parseQty('0.005', 'litre')).toBe(5);
    expect(parseQty('3', 'kg')).toBe(3000);
  });

  it('counts pieces in whole numbers', () => {
    expect(parseQty('3', 'piece')).toBe(3000);
    expect(parseQty('1.5', 'piece')).toBeNull();
    expect(parseQty('2.0', 'piece')).toBe(2000);
  });

  it('refuses what is not a quantity', () => {
    for (const bad of ['', '0', '-1', 'abc', '1.2345', '1e3', ' . ']) expect(parseQty(bad, 'kg')).toBeNull();
  });

  it('prints milli-units back the way they were typed', () => {
    expect(formatQty(1250, 'en')).toBe('1.25');
    expect(formatQty(1250, 'id-ID')).toBe('1,25');
    expect(formatQty(3000, 'en')).toBe('3');
    expect(formatQty(1_000_000, 'en')).toBe('1,000');
  });

  it('reads percents to two decimals in basis points', () => {
    expect(parsePercent('10')).toBe(1000);
    expect(parsePercent('12.5')).toBe(1250);
    expect(parsePercent('100')).toBe(10_000);
    expect(parsePercent('101')).toBeNull();
    expect(parsePercent('x')).toBeNull();
  });
});
