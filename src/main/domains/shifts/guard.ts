import { AppError } from '../../../shared/errors';
import type { Guard } from '../flow';
import type { ShiftService } from './service';

/**
 * With the shop's `requireOpenShift` on, cash cannot come into a drawer nobody has opened a shift on: the sale is
 * refused before anything is written, with the words and the code the till needs to offer "Open a shift".
 */
export function openShiftGuard(shifts: ShiftService): Guard {
  return {
    name: 'openShift',
    sale: (d) => {
      if (!d.plan.rows.some((r) => r.method === 'cash')) return;
      if (!shifts.settings.get().requireOpenShift || shifts.openShiftId()) return;
      throw new AppError(
        'CONFLICT',
        'No shift is open on this till, so it cannot take cash. Open a shift with its float first.',
        {
          reason: 'noOpenShift',
        },
      );
    },
  };
}
