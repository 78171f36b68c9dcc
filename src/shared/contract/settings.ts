import { z } from 'zod';
import { Id } from './common';
import { procedure } from './define';
import { StoreProfile, TaxRate } from './system';

export const SettingsView = z.object({ store: StoreProfile, taxRates: z.array(TaxRate) });
export type SettingsView = z.infer<typeof SettingsView>;

export const settings = {
  get: procedure({ input: z.null(), output: SettingsView, permission: 'session' }),
  updateStore: procedure({ input: StoreProfile.partial(), output: StoreProfile, permission: 'settings.edit' }),
  saveTaxRate: procedure({
    input: TaxRate.omit({ id: true }).extend({ id: Id.optional() }),
    output: z.array(TaxRate),
    permission: 'settings.edit',
  }),
};
