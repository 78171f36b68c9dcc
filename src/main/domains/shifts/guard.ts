import { AppError } from '../../../shared/errors';
import type { Guard } from '../flow';
import type { ShiftService } from './service';

/**
 * With the shop's `requireOpenShift` on, cash cannot go into or out of a drawer nobody has opened a shift on: a cash
 * sale, a cash refund and a cash debt payment are refused before anything is written, with the words and the code
 * the till needs to offer "Open a shift". Card, mobile money and account money never are.
 */
export function openShiftGuard(shifts: ShiftService): Guard {
  const refuse = (words: string) => {
    if (!shifts.settings.get().requireOpenShift || shifts.openShiftId()) return;
    throw new AppError('CONFLICT', words, { reason: 'noOpenShift' });
  };
  return {
    name: 'openShift',
    sale: (d) => {
      if (!d.plan.rows.some((r) => r.method === 'cash')) return;
      refuse('No shift is open on this till, so it cannot take cash. Open a shift with its float first.');
    },
    refund: (d) => {
      if (d.method !== 'cash' || d.amount <= 0) return;
      refuse(
        'No shift is open on this till, so it cannot pay cash back. Open a shift with its float first, or refund another way.',
      );
    },
    debtPayment: (d) => {
      if (d.method !== 'cash') return;
      refuse('No shift is open on this till, so it cannot take cash. Open a shift with its float first.');
    },
  };
}
