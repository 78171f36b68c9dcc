/** The till's loyalty points words (spread into en.ts; id.ts has the same keys in points.id.ts). */
export const pointsEn = {
  'pts.title': 'Loyalty',
  'pts.tier': 'Tier',
  'pts.balance': 'Points',
  'pts.owed': '{points} (owes points)',
  'pts.expiring': 'Expiring',
  'pts.expiringValue': '{points} on {date}',
  'pts.earns': 'This sale earns',
  'pts.earnsValue': '{points, plural, one {# point} other {# points}}',
  'pts.redeem': 'Redeem {points, plural, one {# point} other {# points}} ({amount})',
  'pts.redeeming': 'Paying {amount} with {points, plural, one {# point} other {# points}}',
  'pts.cancelRedeem': 'Do not redeem',
  'pts.off': 'The loyalty program is off.',
} as const;
