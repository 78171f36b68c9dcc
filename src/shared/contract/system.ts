import { z } from 'zod';
import { CURRENCY_CODES } from '../money';
import { ROLES } from '../permissions';
import { EpochMs, Id, PersonName, Pin, Void } from './common';
import { procedure } from './define';

export const LANGUAGES = ['en', 'id', 'sw'] as const;
export const Language = z.enum(LANGUAGES);
export type Language = z.infer<typeof Language>;
export const Country = z.string().regex(/^[A-Z]{2}$/, 'a two-letter country code such as UG');
export const TimeZone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, 'not a time zone this computer knows');

const text = (max: number) => z.string().max(max);

export const StoreProfile = z.object({
  name: PersonName,
  country: Country,
  currency: z.enum(CURRENCY_CODES),
  timeZone: TimeZone,
  language: Language,
  locale: z.string().min(2).max(20),
  address: text(500),
  phone: text(40),
  taxId: text(40),
  logo: z
    .string()
    .max(400_000)
    .regex(/^data:image\/(png|jpeg);base64,/, 'a PNG or JPEG image')
    .nullable(),
  receiptHeader: text(500),
  receiptFooter: text(500),
  pricesIncludeTax: z.boolean(),
  lockAfterMinutes: z.number().int().min(1).max(240),
});
export type StoreProfile = z.infer<typeof StoreProfile>;

export const TaxRate = z.object({
  id: Id,
  name: z.string().trim().min(1).max(60),
  /** basis points: 1800 = 18% */
  rateBp: z.number().int().min(0).max(100_000),
  isDefault: z.boolean(),
});
export type TaxRate = z.infer<typeof TaxRate>;

export const StaffRow = z.object({ id: Id, name: z.string(), role: z.enum(ROLES), active: z.boolean() });
export type StaffRow = z.infer<typeof StaffRow>;

export const SessionInfo = z.object({
  staff: StaffRow.omit({ active: true }),
  permissions: z.array(z.string()),
  locked: z.boolean(),
  lockAfterMinutes: z.number().int(),
  signedInAt: EpochMs,
});
export type SessionInfo = z.infer<typeof SessionInfo>;

export const Onboarding = z.object({
  store: StoreProfile.pick({ name: true, country: true, currency: true, timeZone: true, language: true }),
  owner: z.object({ name: PersonName, pin: Pin }),
});
export type Onboarding = z.infer<typeof Onboarding>;

export const system = {
  status: procedure({
    input: Void,
    output: z.object({
      initialised: z.boolean(),
      storeName: z.string().nullable(),
      language: Language,
      version: z.string(),
    }),
    permission: 'public',
  }),
  onboard: procedure({ input: Onboarding, output: Void, permission: 'public' }),
  /** `life`: ~300 customers with six months of sales, debts and points; without it, only the catalog and staff */
  createDemoShop: procedure({
    input: z.object({ life: z.boolean() }),
    output: z.object({ ownerName: z.string(), pin: z.string() }),
    permission: 'public',
  }),
};
