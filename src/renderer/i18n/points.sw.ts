import type { pointsEn } from './points.en';

/** Maneno ya pointi za uaminifu kwenye kaunta. */
export const pointsSw: Record<keyof typeof pointsEn, string> = {
  'pts.title': 'Uaminifu',
  'pts.tier': 'Daraja',
  'pts.balance': 'Pointi',
  'pts.owed': '{points} (anadaiwa pointi)',
  'pts.expiring': 'Zinaisha muda',
  'pts.expiringValue': '{points} tarehe {date}',
  'pts.earns': 'Mauzo haya yanapata',
  'pts.earnsValue': '{points, plural, one {pointi #} other {pointi #}}',
  'pts.redeem': '{points, plural, one {Tumia pointi # ({amount})} other {Tumia pointi # ({amount})}}',
  'pts.redeeming': '{points, plural, one {Inalipa {amount} kwa pointi #} other {Inalipa {amount} kwa pointi #}}',
  'pts.cancelRedeem': 'Usitumie pointi',
  'pts.off': 'Mpango wa uaminifu umezimwa.',
};
