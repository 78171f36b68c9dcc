import { describe, expect, it } from 'vitest';
import { birthdayDue, birthdayIn } from '../../src/main/domains/loyalty/birthday';
import { cumulativeShare } from '../../src/main/domains/loyalty/clawback';
import { expiryAfter } from '../../src/main/domains/loyalty/dates';
import { earnPoints } from '../../src/main/domains/loyalty/earn';
import { replayLots } from '../../src/main/domains/loyalty/entries';
import { DEFAULT_PROGRAM } from '../../src/main/domains/loyalty/program';
import { redeemable } from '../../src/main/domains/loyalty/redeem';
import { tierFor } from '../../src/main/domains/loyalty/tiers';
import type { LoyaltyProgram } from '../../src/shared/contract/loyalty';

const KAMPALA = 'Africa/Kampala';
const program = (p: Partial<LoyaltyProgram['earn']> = {}): LoyaltyProgram => ({
  ...DEFAULT_PROGRAM,
  enabled: true,
  earn: { ...DEFAULT_PROGRAM.earn, ...p },
});
const line = (net: number, total = net, productId = 'p', categoryId: string | null = null) => ({
  productId,
  categoryId,
  net,
  total,
});

describe('earning', () => {
  it.each([
    ['1 per 1,000, rounded down', program(), [line(16_500)], 16_500, 0, 10_000, 16],
    ['nothing below a whole 1,000', program(), [line(999)], 999, 0, 10_000, 0],
    ['pre-tax base', program({ base: 'preTax' }), [line(10_000, 11_800)], 11_800, 0, 10_000, 10],
    ['tax-included base', program(), [line(10_000, 11_800)], 11_800, 0, 10_000, 11],
    [
      'excluded product',
      program({ excludedProductIds: ['x'] }),
      [line(5000, 5000, 'x'), line(3000)],
      8000,
      0,
      10_000,
      3,
    ],
    [
      'excluded category',
      program({ excludedCategoryIds: ['c'] }),
      [line(5000, 5000, 'p', 'c'), line(3000)],
      8000,
      0,
      10_000,
      3,
    ],
    ['below the minimum spend', program({ minSpend: 20_000 }), [line(19_999)], 19_999, 0, 10_000, 0],
    ['points per visit on top', program({ perVisit: 5 }), [line(4000)], 4000, 0, 10_000, 9],
    ['tier ×1.5, rounded down', program(), [line(11_000)], 11_000, 0, 15_000, 16],
    ['half paid with points earns on half', program(), [line(22_000)], 22_000, 5000, 10_000, 17],
    [
      'all paid with points earns nothing, not even the visit',
      program({ perVisit: 5 }),
      [line(2000)],
      2000,
      2000,
      10_000,
      0,
    ],
    ['2 points per 500', program({ points: 2, per: 500 }), [line(1999)], 1999, 0, 10_000, 6],
  ])('%s', (_name, p, lines, saleTotal, paidWithoutEarning, multiplierBp, expected) => {
    expect(earnPoints({ program: p, lines, saleTotal, paidWithoutEarning, multiplierBp })).toBe(expected);
  });

  it('a program that is off earns nothing', () => {
    expect(
      earnPoints({
        program: DEFAULT_PROGRAM,
        lines: [line(50_000)],
        saleTotal: 50_000,
        paidWithoutEarning: 0,
        multiplierBp: 10_000,
      }),
    ).toBe(0);
  });

  it('stays exact past 2^53 (a huge sale times a large points rate)', () => {
    const p = program({ points: 1_000_000, per: 1 });
    expect(
      earnPoints({
        program: p,
        lines: [line(900_000_000_000)],
        saleTotal: 900_000_000_000,
        paidWithoutEarning: 0,
        multiplierBp: 10_000,
      }),
    ).toBe(900_000_000_000_000_000);
  });
});

describe('tiers', () => {
  const tiers = [
    { id: 'member', name: 'Member', thresholdSpend: 0, multiplierBp: 10_000 },
    { id: 'silver', name: 'Silver', thresholdSpend: 500_000, multiplierBp: 12_500 },
    { id: 'gold', name: 'Gold', thresholdSpend: 2_000_000, multiplierBp: 15_000 },
  ];
  it.each([
    [0, 'member'],
    [499_999, 'member'],
    [500_000, 'silver'],
    [1_999_999, 'silver'],
    [2_000_000, 'gold'],
    [-10, null],
  ])('spend %i → %s', (spend, id) => {
    expect(tierFor(spend, tiers)?.id ?? null).toBe(id);
  });
  it('the highest threshold met wins whatever the order', () => {
    expect(tierFor(3_000_000, [...tiers].reverse())?.id).toBe('gold');
  });
});

describe('expiry: valid to the end of the month N months after earning (shop time)', () => {
  it.each([
    ['10 Jan, 1 month → end of Feb', Date.UTC(2026, 0, 10, 9), 1, Date.UTC(2026, 1, 28, 21) - 1],
    [
      '31 Jan 23:30 Kampala (20:30 UTC) is still January',
      Date.UTC(2026, 0, 31, 20, 30),
      1,
      Date.UTC(2026, 1, 28, 21) - 1,
    ],
    ['31 Jan 21:30 UTC is 1 Feb in Kampala', Date.UTC(2026, 0, 31, 21, 30), 1, Date.UTC(2026, 2, 31, 21) - 1],
    ['Nov, 3 months → end of Feb (next year, leap)', Date.UTC(2027, 10, 5), 3, Date.UTC(2028, 1, 29, 21) - 1],
    ['12 months', Date.UTC(2026, 5, 15), 12, Date.UTC(2027, 5, 30, 21) - 1],
  ])('%s', (_name, at, months, expected) => {
    expect(expiryAfter(at, months, KAMPALA)).toBe(expected);
  });
});

describe('birthday bonus', () => {
  const at = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d, 9); // 12:00 in Kampala
  it.each([
    ['29 Feb falls on 28 Feb in 2027', '2000-02-29', at(2027, 2, 28), null, '2027-02-28'],
    ['29 Feb is 29 Feb in a leap year', '2000-02-29', at(2028, 2, 29), null, '2028-02-29'],
    ['not yet on 28 Feb of a leap year', '2000-02-29', at(2028, 2, 28), null, null],
    ['on the day', '1990-06-15', at(2026, 6, 15), null, '2026-06-15'],
    ['a week after the birthday', '1990-06-15', at(2026, 6, 22), null, '2026-06-15'],
    ['more than a month after: none', '1990-06-15', at(2026, 8, 1), null, null],
    ['the day before: none', '1990-06-15', at(2026, 6, 14), null, null],
    ['31 Dec birthday, paid out on 5 Jan', '1990-12-31', at(2027, 1, 5), null, '2026-12-31'],
    ['a bonus 200 days ago: cool-off', '1990-06-15', at(2026, 6, 15), at(2026, 6, 15) - 200 * 86_400_000, null],
    ['a bonus 366 days ago: due', '1990-06-15', at(2026, 6, 15), at(2026, 6, 15) - 366 * 86_400_000, '2026-06-15'],
    ['no date of birth', null, at(2026, 6, 15), null, null],
  ])('%s', (_name, dob, now, last, expected) => {
    const day = birthdayDue(dob, now, last, KAMPALA);
    expect(day ? `${day.y}-${String(day.m).padStart(2, '0')}-${String(day.d).padStart(2, '0')}` : null).toBe(expected);
  });
  it('birthdayIn keeps 29 February only in leap years', () => {
    expect(birthdayIn(2100, '2000-02-29')).toEqual({ y: 2100, m: 2, d: 28 });
    expect(birthdayIn(2000, '1980-02-29')).toEqual({ y: 2000, m: 2, d: 29 });
  });
});

describe('refund shares and redemption limits', () => {
  it.each([
    ['half of 17, rounded down', 17, 11_000, 22_000, 8],
    ['all once everything is back', 17, 22_000, 22_000, 17],
    ['never more than earned', 17, 30_000, 22_000, 17],
    ['nothing earned, nothing back', 0, 11_000, 22_000, 0],
    ['a third of 1,000', 1000, 1, 3, 333],
  ])('%s', (_name, whole, part, of, expected) => {
    expect(cumulativeShare(whole, part, of)).toBe(expected);
  });
  const p = { ...DEFAULT_PROGRAM, enabled: true }; // a point pays 10, at least 100, at most 50 %
  it.each([
    ['balance limits', 500, 100_000, 500, 5000, null],
    ['share limits', 5000, 10_000, 500, 5000, null],
    ['below the minimum', 99, 100_000, 0, 0, 'At least 100 points are needed to redeem.'],
    ['sale too small', 5000, 1000, 0, 0, 'This sale is too small to pay with points.'],
    ['negative balance', -40, 100_000, 0, 0, 'No points to redeem.'],
  ])('%s', (_name, balance, total, maxPoints, maxAmount, reason) => {
    expect(redeemable(p, balance, total)).toEqual({ maxPoints, maxAmount, reason });
  });
});

describe('FIFO lots derived from the ledger', () => {
  const e = (id: string, kind: string, points: number, at: number, expiresAt: number | null = null, operationId = id) =>
    ({ id, kind, points, at, expiresAt, operationId }) as Parameters<typeof replayLots>[0][number];
  it('a redemption takes from the oldest lot; an expire entry empties the lot it names', () => {
    const rows = [
      e('a', 'earn', 100, 1, 50),
      e('b', 'earn', 100, 2, 80),
      e('r', 'redeem', -130, 3),
      e('x', 'expire', -70, 81, null, 'expire:b'),
    ];
    expect(replayLots(rows)).toEqual({ lots: [], debt: 0 });
    expect(replayLots(rows.slice(0, 3)).lots).toEqual([{ id: 'b', at: 2, expiresAt: 80, remaining: 70 }]);
  });
  it('a debit past every lot is a debt that the next credit pays off first', () => {
    const { lots, debt } = replayLots([e('a', 'earn', 10, 1), e('c', 'clawback', -30, 2), e('b', 'earn', 25, 3)]);
    expect(debt).toBe(0);
    expect(lots).toEqual([{ id: 'b', at: 3, expiresAt: null, remaining: 5 }]);
  });
  it('a lot already past its date is not spent by a later redemption', () => {
    const { lots, debt } = replayLots([e('a', 'earn', 100, 1, 10), e('r', 'redeem', -50, 20)]);
    expect(lots).toEqual([{ id: 'a', at: 1, expiresAt: 10, remaining: 100 }]);
    expect(debt).toBe(50);
  });
});
