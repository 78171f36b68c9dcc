import type { pointsEn } from './points.en';

/** Kata-kata poin loyalitas di kasir. */
export const pointsId: Record<keyof typeof pointsEn, string> = {
  'pts.title': 'Loyalitas',
  'pts.tier': 'Tingkat',
  'pts.balance': 'Poin',
  'pts.owed': '{points} (berutang poin)',
  'pts.expiring': 'Akan hangus',
  'pts.expiringValue': '{points} pada {date}',
  'pts.earns': 'Penjualan ini mendapat',
  'pts.earnsValue': '{points, number} poin',
  'pts.redeem': 'Tukar {points, number} poin ({amount})',
  'pts.redeeming': 'Membayar {amount} dengan {points, number} poin',
  'pts.cancelRedeem': 'Jangan tukar',
  'pts.off': 'Program loyalitas tidak aktif.',
};
